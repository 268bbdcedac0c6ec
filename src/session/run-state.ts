/**
 * How a cell's state moves through one run, as pure functions: queued, a message of the run
 * applied, the run's outcome. The session calls them; tests call them directly.
 */
import type { RunOutcome } from '../kernel/client';
import type { RunMessage } from '../kernel/protocol';
import type { CellOutput, CodeCellState } from './cell-state';
import { applyRunMessage, statusAfterMessage, stoppedNote } from './outputs';

/** What a run has seen so far: whether its first message came, and the outputs it replaces. */
export interface RunProgress {
  readonly started: boolean;
  /** The outputs the cell showed before this run started (for widgets kept as they were). */
  readonly previous: readonly CellOutput[];
}

/** A run that has not started yet. */
export const NOT_STARTED: RunProgress = { started: false, previous: [] };

/** The cell with a run queued for it. */
export function queueCell(cell: CodeCellState): CodeCellState {
  return cell.status === 'queued' ? cell : { ...cell, status: 'queued' };
}

/**
 * The cell after one message of its current run. The first message clears the old outputs (they
 * stay on screen until the new run has something to say, so a quick re-run does not flicker).
 */
export function applyToCell(cell: CodeCellState, progress: RunProgress, message: RunMessage): { cell: CodeCellState; progress: RunProgress } {
  const next = progress.started ? progress : { started: true, previous: cell.outputs };
  const base = progress.started ? cell.outputs : [];
  const outputs = applyRunMessage(base, message, next.previous);
  const status = statusAfterMessage(message) ?? cell.status;
  const changed = outputs !== cell.outputs || status !== cell.status;
  return { cell: changed ? { ...cell, outputs, status } : cell, progress: next };
}

/**
 * The cell once its run ended. A successful run says what the cell declares (a failed one
 * declares nothing, which says nothing). A stopped run notes when it stopped; a queued run that
 * never started goes back to stale (its old outputs are still shown) or idle.
 */
export function finishCell(cell: CodeCellState, progress: RunProgress, outcome: RunOutcome): CodeCellState {
  const analysed = outcome.status === 'ok' ? { declared: outcome.declared, references: outcome.references } : {};
  if (outcome.status !== 'aborted') return { ...cell, ...analysed, ms: outcome.ms, status: outcome.status };
  if (progress.started) return { ...cell, ms: outcome.ms, status: 'idle', outputs: [...cell.outputs, stoppedNote(outcome.ms)] };
  return { ...cell, ms: outcome.ms, status: cell.outputs.length ? 'stale' : 'idle' };
}
