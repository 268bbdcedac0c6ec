/**
 * What the kernel's analysis of cells (what each declares and reads, found without running it)
 * does to a session: when a cell is asked about again while the learner types, and what an answer
 * changes — the cell's names, and its readers' staleness when a stale cell now declares more.
 */
import type { CellAnalysis } from '../kernel/protocol';
import { isCodeCell, type CellState } from './cell-state';
import { markStale, readersOf } from './staleness';

/** Milliseconds of quiet typing before a cell is analysed again. */
export const ANALYSIS_DELAY_MS = 300;

/**
 * The cells with the kernel's analysis taken in. `sources` is the text each cell had when it was
 * analysed: a result for text the learner has since changed again is skipped, as is a result for
 * a cell that does not compile (its last good names stand). A stale cell that now declares a name
 * it did not makes its readers stale too. Returns the same array when nothing changed.
 */
export function applyAnalysis(cells: readonly CellState[], results: readonly CellAnalysis[], sources: ReadonlyMap<string, string>): readonly CellState[] {
  const index = new Map(cells.map((c, i) => [c.id, i]));
  let next: readonly CellState[] = cells;
  for (const result of results) {
    const at = index.get(result.id);
    const cell = at === undefined ? undefined : next[at];
    if (at === undefined || !cell || !isCodeCell(cell) || cell.source !== sources.get(result.id) || result.error) continue;
    const before = new Set(cell.declared);
    const copy = next.slice();
    copy[at] = { ...cell, declared: result.declarations, references: result.references, imports: result.imports };
    next = copy;
    if (cell.status === 'stale' && result.declarations.some((d) => !before.has(d))) next = markStale(next, readersOf(next, cell.id));
  }
  return next;
}

/**
 * Asks for a cell's analysis once the learner has stopped typing in it for `delayMs`: each edit
 * starts the cell's wait afresh, so a burst of keystrokes is one question to the kernel.
 */
export class AnalysisScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly analyse: (id: string) => void,
    private readonly delayMs = ANALYSIS_DELAY_MS,
  ) {}

  /** Analyses `id` after the delay, unless it is scheduled again first. */
  schedule(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.analyse(id);
      }, this.delayMs),
    );
  }

  /** Drops every pending analysis (the session closed). */
  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
