import { describe, expect, it } from 'vitest';
import type { MergedCell } from '../../../src/store/edits';
import { newCodeCell, type CellState } from '../../../src/session/cell-state';
import { adoptMerged } from '../../../src/session/adopt';

const ran = (id: string, declared: string[], references: string[]): CellState => ({
  ...newCodeCell(id, `// ${id}`, `// ${id}`, `// ${id}`),
  declared,
  references,
  status: 'ok',
  outputs: [{ kind: 'note', text: id }],
});
const merged = (id: string, source = `// ${id}`): MergedCell => ({ kind: 'code', id, source, flags: {}, original: `// ${id}`, base: `// ${id}` });

describe('adoptMerged', () => {
  it('gives changed cells the new text, marks them and their readers stale, and keeps the rest as they were', () => {
    const cells = [ran('a', ['x'], []), ran('b', [], ['x']), ran('c', [], [])];
    const out = adoptMerged(cells, [merged('a', 'const x = 2;'), merged('b'), merged('c')]);
    expect(out.changed).toEqual(['a']);
    expect(out.cells.map((c) => (c.kind === 'code' ? `${c.id}:${c.status}` : c.id))).toEqual(['a:stale', 'b:stale', 'c:ok']);
    expect(out.cells[2]).toBe(cells[2]);
    expect(out.cells[0]!.source).toBe('const x = 2;');
  });

  it('adds new cells and lists code cells that left', () => {
    const out = adoptMerged(
      [ran('a', [], []), ran('b', [], [])],
      [merged('a'), { kind: 'code', id: 'added-1', source: '1', flags: {}, original: null, base: null }],
    );
    expect(out.cells.map((c) => c.id)).toEqual(['a', 'added-1']);
    expect(out.gone).toEqual(['b']);
  });
});
