/**
 * How a cell's state moves through one run, as pure functions: queued, a message of the run
 * applied, the run's outcome. The session calls them; tests call them directly.
 */
import type { RunOutcome } from '../kernel/client';
import type { RunMessage } from '../kernel/protocol';
import type { CellOutput, CodeCellState } from './cell-state';
import { applyRunMessage, statusAfterMessage, stoppedNote } from './outputs';

/** What a run has seen so far: whether it started, and whether its outputs replaced the old ones yet. */
export interface RunProgress {
  readonly started: boolean;
  /** True once the run produced its first output (the old outputs are gone from then on). */
  readonly replaced: boolean;
  /** The outputs the cell showed before this run (for widgets kept as they were). */
  readonly previous: readonly CellOutput[];
}

/** A run that has not started yet. */
export const NOT_STARTED: RunProgress = { started: false, replaced: false, previous: [] };

/** The cell with a run queued for it. */
export function queueCell(cell: CodeCellState): CodeCellState {
  return cell.status === 'queued' ? cell : { ...cell, status: 'queued' };
}

/**
 * The cell after one message of its current run. The old outputs stay until the run's first
 * output replaces them, so a re-run does not flicker, and a widget being moved stays on the page
 * (and keeps focus) while its cell re-runs.
 */
export function applyToCell(cell: CodeCellState, progress: RunProgress, message: RunMessage): { cell: CodeCellState; progress: RunProgress } {
  const status = statusAfterMessage(message) ?? cell.status;
  const producesOutput = message.type !== 'status' && message.type !== 'done';
  const replacing = producesOutput && !progress.replaced;
  const next: RunProgress = { started: true, replaced: progress.replaced || producesOutput, previous: replacing ? cell.outputs : progress.previous };
  const outputs = producesOutput ? applyRunMessage(replacing ? [] : cell.outputs, message, next.previous) : cell.outputs;
  const changed = outputs !== cell.outputs || status !== cell.status;
  return { cell: changed ? { ...cell, outputs, status } : cell, progress: next };
}

/**
 * The cell once its run ended. A successful run says what the cell declares (a failed one
 * declares nothing, which says nothing); a run that produced no output leaves none. A stopped run
 * notes when it stopped; a queued run that never started goes back to stale (its old outputs are
 * still shown) or idle.
 */
export function finishCell(cell: CodeCellState, progress: RunProgress, outcome: RunOutcome): CodeCellState {
  const analysed = outcome.status === 'ok' ? { declared: outcome.declared, references: outcome.references } : {};
  if (!progress.started && outcome.status === 'aborted') return { ...cell, ms: outcome.ms, status: cell.outputs.length ? 'stale' : 'idle' };
  const outputs = progress.replaced ? cell.outputs : [];
  if (outcome.status !== 'aborted') return { ...cell, ...analysed, ms: outcome.ms, status: outcome.status, outputs };
  return { ...cell, ms: outcome.ms, status: 'idle', outputs: [...outputs, stoppedNote(outcome.ms)] };
}
