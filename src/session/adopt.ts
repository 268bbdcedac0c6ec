/**
 * Taking in cells saved elsewhere (another tab of the same notebook), as a pure function: what
 * the cells become, which texts changed and which cells left.
 */
import type { MergedCell } from '../store/edits';
import { isCodeCell, toState, type CellState } from './cell-state';
import { hasRun, markStale, readersOf } from './staleness';

/** The cells after adopting `merged`, with the ids whose text changed and the code cells that left. */
export interface Adopted {
  cells: readonly CellState[];
  changed: string[];
  gone: string[];
}

/**
 * Cells whose text changed get it (and go stale with their readers, where they had run), new
 * cells appear, cells missing from `merged` leave; unchanged cells keep their status and outputs.
 */
export function adoptMerged(cells: readonly CellState[], merged: readonly MergedCell[]): Adopted {
  const old = new Map(cells.map((c) => [c.id, c]));
  const keep = new Set(merged.map((m) => m.id));
  const changed: string[] = [];
  const next = merged.map((m): CellState => {
    const current = old.get(m.id);
    if (!current || current.kind !== m.kind) return toState(m);
    if (!isCodeCell(current) || m.kind !== 'code') return current.source === m.source ? current : { ...current, source: m.source };
    if (current.source !== m.source) changed.push(m.id);
    if (current.source === m.source && current.base === m.base && current.original === m.original) return current;
    return { ...current, source: m.source, base: m.base, original: m.original };
  });
  const gone = cells.filter((c) => isCodeCell(c) && !keep.has(c.id)).map((c) => c.id);
  const wasRun = new Set(cells.filter((c) => isCodeCell(c) && hasRun(c)).map((c) => c.id));
  const stale = changed.flatMap((id) => [...(wasRun.has(id) ? [id] : []), ...readersOf(next, id)]);
  return { cells: markStale(next, stale), changed, gone };
}
