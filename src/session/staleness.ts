/**
 * What goes stale and what runs in which order, as pure functions of the cells: marking readers
 * stale, the upstream cells a run needs first, the order of "Run stale", the chain a widget
 * re-runs, what a kernel restart leaves, and the toolbar's counts. The session applies them.
 */
import { downstreamOf, executionOrder, type GraphCell } from '../notebook/graph';
import { isCodeCell, type CellState, type CellStatus, type CodeCellState } from './cell-state';

/** The code cells, in notebook order. */
export function codeCellsOf(cells: readonly CellState[]): CodeCellState[] {
  return cells.filter(isCodeCell);
}

/** The code cells as the dependency graph sees them: what each declares and reads. */
export function graphOf(cells: readonly CellState[]): GraphCell[] {
  return codeCellsOf(cells).map((c) => ({ id: c.id, declarations: c.declared, references: c.references, imports: c.imports }));
}

/** A cell whose results exist: it ran, well or badly, and nothing has invalidated it yet. */
export function hasRun(cell: CodeCellState): boolean {
  return cell.status === 'ok' || cell.status === 'error';
}

/** Every cell that reads, directly or through others, a name `cellId` declares, in dependency order. */
export function readersOf(cells: readonly CellState[], cellId: string): string[] {
  return codeCellsOf(cells).some((c) => c.id === cellId) ? downstreamOf(graphOf(cells), cellId) : [];
}

/** The cells `id` reads names from, directly or through others, in dependency order (none for a cycle). */
export function upstreamOf(cells: readonly CellState[], id: string): string[] {
  try {
    return executionOrder(graphOf(cells), [id]).filter((c) => c !== id);
  } catch {
    // A cycle: the cell runs alone, and its error says which cells read each other.
    return [];
  }
}

/**
 * Marks the given cells stale where they have run (their results may no longer hold); cells that
 * have not run, or are queued or running, keep their status. Returns the same array when nothing changed.
 */
export function markStale(cells: readonly CellState[], ids: readonly string[]): readonly CellState[] {
  const wanted = new Set(ids);
  let changed = false;
  const next = cells.map((c) => {
    if (!isCodeCell(c) || !wanted.has(c.id) || !hasRun(c)) return c;
    changed = true;
    return { ...c, status: 'stale' as const };
  });
  return changed ? next : cells;
}

/** The cells to run for "Run cell" on `id`: its upstream cells not up to date, then the cell. */
export function runPlanFor(cells: readonly CellState[], id: string): string[] {
  const byId = indexCode(cells);
  if (!byId.has(id)) return [];
  return [...upstreamOf(cells, id).filter((u) => byId.get(u)?.status !== 'ok'), id];
}

/** The cells "Run all" runs: every code cell not marked `norun`, in notebook order. */
export function runAllPlan(cells: readonly CellState[]): string[] {
  return codeCellsOf(cells)
    .filter((c) => !c.flags.norun)
    .map((c) => c.id);
}

/** The cells "Run stale" runs: each stale cell after the cells it depends on that are not up to date. */
export function runStalePlan(cells: readonly CellState[]): string[] {
  const byId = indexCode(cells);
  const stale = [...byId.values()].filter((c) => c.status === 'stale').map((c) => c.id);
  let order: string[];
  try {
    order = executionOrder(graphOf(cells), stale);
  } catch {
    order = stale;
  }
  return order.filter((id) => byId.get(id)?.status !== 'ok');
}

/**
 * The cells a widget of `cellId` re-runs: the cell, then the cells downstream of it that have
 * been run at least once (a cell never run stays so), in notebook order.
 */
export function widgetRerunPlan(cells: readonly CellState[], cellId: string): string[] {
  const downstream = new Set(readersOf(cells, cellId));
  return codeCellsOf(cells)
    .filter((c) => c.id === cellId || (downstream.has(c.id) && c.status !== 'idle'))
    .map((c) => c.id);
}

/**
 * The cells after a kernel restart: every value is gone, so cells that ran (or that the kernel
 * says executed) become stale; a cell caught running becomes idle. Returns the cells and the ids lost.
 */
export function afterRestart(cells: readonly CellState[], executed: readonly string[]): { cells: readonly CellState[]; lost: string[] } {
  const ran = new Set(executed);
  const lost: string[] = [];
  const next = cells.map((c) => {
    if (!isCodeCell(c) || !(ran.has(c.id) || hasRun(c))) return c;
    lost.push(c.id);
    return { ...c, status: c.status === 'running' ? ('idle' as const) : ('stale' as const) };
  });
  return { cells: next, lost };
}

/** How many code cells are in each status. */
export function countStatuses(cells: readonly CellState[]): Record<CellStatus, number> {
  const counts: Record<CellStatus, number> = { idle: 0, queued: 0, running: 0, ok: 0, error: 0, stale: 0 };
  for (const c of codeCellsOf(cells)) counts[c.status]++;
  return counts;
}

/** The toolbar's one-line summary: "12 of 14 cells run · 2 stale", from the same cells the page shows. */
export function summarize(cells: readonly CellState[]): string {
  const count = countStatuses(cells);
  const total = codeCellsOf(cells).length;
  const parts = [`${count.ok} of ${total} cells run`];
  if (count.error) parts.push(`${count.error} with errors`);
  if (count.stale) parts.push(`${count.stale} stale`);
  if (count.running || count.queued) parts.push(`${count.running + count.queued} to go`);
  return parts.join(' · ');
}

function indexCode(cells: readonly CellState[]): Map<string, CodeCellState> {
  return new Map(codeCellsOf(cells).map((c) => [c.id, c]));
}
