/**
 * A line diff (longest common subsequence) for showing a learner's version of a cell beside the
 * new original. Cells are short, so the quadratic table is fine.
 */

/** One row of a side-by-side diff; a side is null where that version has no line. */
export interface DiffRow {
  left: string | null;
  right: string | null;
  kind: 'same' | 'removed' | 'added' | 'changed';
}

/** Aligns two texts line by line; neighbouring removals and additions pair up as changes. */
export function diffLines(leftText: string, rightText: string): DiffRow[] {
  const a = leftText.split('\n');
  const b = rightText.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const raw: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      raw.push({ left: a[i++], right: b[j++], kind: 'same' });
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      raw.push({ left: null, right: b[j++], kind: 'added' });
    } else {
      raw.push({ left: a[i++], right: null, kind: 'removed' });
    }
  }
  return pairChanges(raw);
}

function pairChanges(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  for (let k = 0; k < rows.length;) {
    if (rows[k].kind === 'same') {
      out.push(rows[k++]);
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (k < rows.length && rows[k].kind !== 'same') {
      if (rows[k].kind === 'removed') removed.push(rows[k].left!);
      else added.push(rows[k].right!);
      k++;
    }
    for (let n = 0; n < Math.max(removed.length, added.length); n++) {
      const left = removed[n] ?? null;
      const right = added[n] ?? null;
      out.push({ left, right, kind: left !== null && right !== null ? 'changed' : left !== null ? 'removed' : 'added' });
    }
  }
  return out;
}
