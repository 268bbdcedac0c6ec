import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CellAnalysis } from '../../../src/kernel/protocol';
import { AnalysisScheduler, ANALYSIS_DELAY_MS, applyAnalysis } from '../../../src/session/analysis';
import { newCodeCell, type CellState, type CellStatus, type CodeCellState } from '../../../src/session/cell-state';

/** a declares x (as last analysed); b reads w; c reads x; a prose cell between a and b. */
function cells(statusOfA: CellStatus = 'idle'): CellState[] {
  const code = (id: string, declared: string[], references: string[], status: CellStatus): CodeCellState => ({
    ...newCodeCell(id, `// ${id}`, `// ${id}`, `// ${id}`),
    declared,
    references,
    status,
  });
  return [code('a', ['x'], [], statusOfA), { kind: 'markdown', id: 'md', source: 'prose' }, code('b', [], ['w'], 'ok'), code('c', [], ['x'], 'ok')];
}
const found = (id: string, declarations: string[], references: string[] = []): CellAnalysis => ({ id, declarations, references, imports: [] });
const sourcesOf = (list: readonly CellState[]) => new Map(list.map((c) => [c.id, c.source]));
const code = (list: readonly CellState[], id: string) => list.find((c): c is CodeCellState => c.id === id && c.kind === 'code');

describe('applyAnalysis', () => {
  it("takes in a cell's names without touching the other cells", () => {
    const before = cells();
    const after = applyAnalysis(before, [found('a', ['x', 'w'], ['Math'])], sourcesOf(before));
    expect(code(after, 'a')).toMatchObject({ declared: ['x', 'w'], references: ['Math'], status: 'idle' });
    expect(after[1]).toBe(before[1]);
    expect(after[2]).toBe(before[2]);
    expect(before).toEqual(cells());
  });

  it('skips a result for text changed since, and one for a cell that does not compile', () => {
    const before = cells();
    const edited = new Map([...sourcesOf(before), ['a', '// a, as it was when analysed']]);
    expect(applyAnalysis(before, [found('a', ['w'])], edited)).toBe(before);
    const broken: CellAnalysis = { ...found('a', []), error: { message: 'Unexpected token (1:3)' } };
    expect(applyAnalysis(before, [broken, found('gone', ['q'])], sourcesOf(before))).toBe(before);
  });

  it('makes the readers of a stale cell stale when it now declares a name it did not', () => {
    const before = cells('stale');
    const after = applyAnalysis(before, [found('a', ['x', 'w'])], sourcesOf(before));
    // b reads the new name; c reads x, and is one of a's readers too.
    expect([code(after, 'b')?.status, code(after, 'c')?.status]).toEqual(['stale', 'stale']);
    const sameNames = applyAnalysis(before, [found('a', ['x'])], sourcesOf(before));
    expect([code(sameNames, 'b')?.status, code(sameNames, 'c')?.status]).toEqual(['ok', 'ok']);
    // A cell that is not stale (it has not run since its edit was analysed) leaves its readers as they are.
    const idle = applyAnalysis(cells(), [found('a', ['x', 'w'])], sourcesOf(cells()));
    expect(code(idle, 'b')?.status).toBe('ok');
  });
});

describe('AnalysisScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks once per cell after a quiet spell, each edit starting the wait afresh', () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const scheduler = new AnalysisScheduler((id) => asked.push(id));
    scheduler.schedule('a');
    vi.advanceTimersByTime(ANALYSIS_DELAY_MS - 1);
    scheduler.schedule('a');
    scheduler.schedule('b');
    vi.advanceTimersByTime(ANALYSIS_DELAY_MS - 1);
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(asked).toEqual(['a', 'b']);
  });

  it('asks nothing after cancelAll', () => {
    vi.useFakeTimers();
    const asked: string[] = [];
    const scheduler = new AnalysisScheduler((id) => asked.push(id));
    scheduler.schedule('a');
    scheduler.cancelAll();
    vi.advanceTimersByTime(ANALYSIS_DELAY_MS * 2);
    expect(asked).toEqual([]);
  });
});
