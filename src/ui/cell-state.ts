/**
 * The live state of a notebook's cells, as plain data the elements render: source, status,
 * outputs, and what each cell declares and reads.
 */
import type { Mime } from '../kernel/protocol';
import type { MergedCell } from '../store/edits';
import type { CellFlags } from '../notebook/types';

/** The statuses of DESIGN §5.1, mirrored in `data-status`. */
export type CellStatus = 'idle' | 'queued' | 'running' | 'ok' | 'error' | 'stale';

/** One output of a cell. */
export type CellOutput =
  | { kind: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { kind: 'display'; displayId: string; mime: Mime; data: unknown; version: number }
  | { kind: 'error'; ename: string; evalue: string; line?: number; column?: number }
  | { kind: 'note'; text: string };

/** A code cell's live state. */
export interface CodeCellState {
  kind: 'code';
  id: string;
  source: string;
  /** The source as the notebook file has it; null for a cell the learner added. */
  original: string | null;
  /** The original the learner's edit was made against; differs from `original` after an update. */
  base: string | null;
  flags: CellFlags;
  status: CellStatus;
  outputs: CellOutput[];
  ms?: number;
  declared: string[];
  references: string[];
  /** Import bindings, from analysis (a name two cells import the same way is not a clash). */
  imports: { local: string; imported: string; specifier: string }[];
  /** Bumped on every change so elements know to re-render. */
  version: number;
}

/** A prose cell. */
export interface MarkdownCellState {
  kind: 'markdown';
  id: string;
  source: string;
}

/** Any cell of the session. */
export type CellState = CodeCellState | MarkdownCellState;

/** The live state of a cell as it opens (not run yet). */
export function toState(cell: MergedCell): CellState {
  if (cell.kind === 'markdown') return { kind: 'markdown', id: cell.id, source: cell.source };
  return { kind: 'code', id: cell.id, source: cell.source, original: cell.original, base: cell.base, flags: { ...cell.flags }, status: 'idle', outputs: [], declared: [], references: [], imports: [], version: 0 };
}
