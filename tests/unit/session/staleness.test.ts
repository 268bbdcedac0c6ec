import { describe, expect, it } from 'vitest';
import { newCodeCell, type CellState, type CellStatus, type CodeCellState } from '../../../src/session/cell-state';
import {
  afterRestart,
  markStale,
  readersOf,
  runAllPlan,
  runPlanFor,
  runStalePlan,
  summarize,
  upstreamOf,
  widgetRerunPlan,
} from '../../../src/session/staleness';

/** a declares x; b reads x, declares y; c reads y; d alone; a prose cell between. */
function cells(statuses: Partial<Record<string, CellStatus>> = {}, flags: Record<string, { norun?: boolean }> = {}): CellState[] {
  const spec: Array<[string, string[], string[]]> = [
    ['a', ['x'], []],
    ['b', ['y'], ['x']],
    ['c', [], ['y']],
    ['d', ['z'], []],
  ];
  const code = spec.map(([id, declared, references]): CodeCellState => ({
    ...newCodeCell(id, `// ${id}`, `// ${id}`, `// ${id}`, flags[id] ?? {}),
    declared,
    references,
    status: statuses[id] ?? 'idle',
  }));
  return [code[0]!, { kind: 'markdown', id: 'md-1', source: 'prose' }, ...code.slice(1)];
}
const statusesOf = (list: readonly CellState[]) => list.flatMap((c) => (c.kind === 'code' ? [c.status] : []));

describe('dependency order', () => {
  it('finds readers and upstream cells through the names cells declare and read', () => {
    expect(readersOf(cells(), 'a')).toEqual(['b', 'c']);
    expect(upstreamOf(cells(), 'c')).toEqual(['a', 'b']);
    expect(readersOf(cells(), 'md-1')).toEqual([]);
  });

  it("plans a cell's run with the upstream cells that are not ok", () => {
    expect(runPlanFor(cells({ a: 'ok', b: 'stale' }), 'c')).toEqual(['b', 'c']);
    expect(runPlanFor(cells(), 'missing')).toEqual([]);
  });

  it('plans Run all without norun cells and Run stale in dependency order', () => {
    expect(runAllPlan(cells({}, { c: { norun: true } }))).toEqual(['a', 'b', 'd']);
    expect(runStalePlan(cells({ a: 'ok', b: 'ok', c: 'stale', d: 'stale' }))).toEqual(['c', 'd']);
    expect(runStalePlan(cells({ a: 'idle', b: 'ok', c: 'stale' }))).toEqual(['a', 'c']);
  });

  it('runs a cell alone when its cells read each other in a cycle', () => {
    const loop = cells().map((c) => (c.kind === 'code' && c.id === 'a' ? { ...c, references: ['y'] } : c));
    expect(upstreamOf(loop, 'a')).toEqual([]);
  });

  it('re-runs a widget cell and the readers that have run, in notebook order', () => {
    expect(widgetRerunPlan(cells({ a: 'ok', b: 'ok', c: 'idle' }), 'a')).toEqual(['a', 'b']);
  });
});

describe('markStale', () => {
  it('marks only cells that have run, and returns the same array when nothing changes', () => {
    const before = cells({ a: 'ok', b: 'error', c: 'queued' });
    const after = markStale(before, ['a', 'b', 'c', 'd']);
    expect(statusesOf(after)).toEqual(['stale', 'stale', 'queued', 'idle']);
    expect(statusesOf(before)).toEqual(['ok', 'error', 'queued', 'idle']);
    expect(markStale(before, ['c', 'd'])).toBe(before);
  });
});

describe('afterRestart', () => {
  it('makes cells that ran stale, a running cell idle, and lists what was lost', () => {
    const { cells: after, lost } = afterRestart(cells({ a: 'ok', b: 'running', c: 'error' }), ['b']);
    expect(statusesOf(after)).toEqual(['stale', 'idle', 'stale', 'idle']);
    expect(lost).toEqual(['a', 'b', 'c']);
  });
});

describe('summarize', () => {
  it('counts from the cells themselves', () => {
    expect(summarize(cells({ a: 'ok', b: 'stale', c: 'error', d: 'queued' }))).toBe('1 of 4 cells run · 1 with errors · 1 stale · 1 to go');
    expect(summarize(cells({ a: 'ok', b: 'ok', c: 'ok', d: 'ok' }))).toBe('4 of 4 cells run');
  });
});
