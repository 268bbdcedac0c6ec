/**
 * Syntax colours and fold markers for the static copy of a cell's code (static-code.ts), from the
 * Lezer TypeScript parser CodeMirror uses, through the shared highlighter. It is a chunk of its
 * own, loaded as the notebook view loads (highlight-queue.ts): building the parser's tables took
 * a few tens of milliseconds of the view's start, which now happen in a task apart; code drawn
 * before it arrives is drawn plain, with the same layout, and coloured in idle time.
 */
import { highlightTree } from '@lezer/highlight';
import { parser } from '@lezer/javascript';
import { fieldbookHighlighter } from './editor-highlight';
import { escapeHtml } from './static-code';

const typescript = parser.configure({ dialect: 'ts' });

/** Node types CodeMirror's JavaScript language folds between their first and last child (`foldInside`). */
const FOLD_INSIDE = new Set(['Block', 'ClassBody', 'SwitchBody', 'EnumBody', 'ObjectExpression', 'ArrayExpression', 'ObjectType']);

/** Start offset of every line of `source`. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line holding `pos` (binary search over line starts). */
function lineAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Highlighted HTML of each line and which lines CodeMirror's fold gutter marks: a line is
 * foldable when a foldable node's range starts on it and ends on a later line.
 */
export function highlightLines(source: string): { lines: string[]; foldable: boolean[] } {
  const starts = lineStarts(source);
  const lineEnd = (i: number) => (i + 1 < starts.length ? starts[i + 1] - 1 : source.length);
  const lines = starts.map(() => '');
  const foldable = starts.map(() => false);
  const tree = typescript.parse(source);
  let pos = 0;
  const emit = (to: number, classes: string) => {
    // Spans never cross a line break, as in CodeMirror's own rendering.
    while (pos < to) {
      const line = lineAt(starts, pos);
      const end = Math.min(to, lineEnd(line));
      if (end > pos) {
        const text = escapeHtml(source.slice(pos, end));
        lines[line] += classes ? `<span class="${classes}">${text}</span>` : text;
      }
      pos = end === lineEnd(line) && end < to ? end + 1 : end;
    }
  };
  highlightTree(tree, fieldbookHighlighter, (from, to, classes) => {
    emit(from, '');
    emit(to, classes);
  });
  emit(source.length, '');
  tree.iterate({
    enter(node) {
      let range: { from: number; to: number } | null = null;
      if (FOLD_INSIDE.has(node.name)) {
        const first = node.node.firstChild;
        const last = node.node.lastChild;
        if (first && last && first.to < last.from) range = { from: first.to, to: last.type.isError ? node.to : last.from };
      } else if (node.name === 'BlockComment') {
        range = { from: node.from + 2, to: node.to - 2 };
      }
      if (range) {
        const line = lineAt(starts, range.from);
        if (range.to > lineEnd(line)) foldable[line] = true;
      }
    },
  });
  return { lines, foldable };
}

/** A cell's worth of the TypeScript notebooks hold: imports, types, generics, templates, classes, loops. */
const SAMPLE = [
  "import { trainTestSplit, type Dataset } from 'fieldbook/ml';",
  'const rows: { amount: number; label: 0 | 1 }[] = await loadRows({ limit: 1_000 }); // a comment',
  'function mean<T>(xs: readonly T[], f: (x: T) => number): number {',
  '  let sum = 0;',
  '  for (const [i, x] of xs.entries()) sum += f(x) * (i % 2 ? 1 : 1.0e0);',
  '  return xs.length ? sum / xs.length : NaN;',
  '}',
  'class Counter extends Map<string, number> { private total = 0; add(k: string) { this.set(k, (this.get(k) ?? 0) + 1); } }',
  'display.table(rows.slice(0, 5).map((r) => ({ ...r, text: `${r.amount.toFixed(2)} €`, ok: /^\\d+$/.test(String(r.label)) })));',
].join('\n');

/**
 * Parses a sample cell once, so the parser's code is warm: the first cell parsed in a fresh page
 * took tens of milliseconds more than the next, and that cell is in the notebook's first task.
 */
export function warmUp(): void {
  highlightLines(SAMPLE);
}
