/**
 * The live state of a notebook's cells, as immutable plain data the elements render: source,
 * status, outputs, and what each cell declares and reads. A change makes a new object (and a new
 * array around it), so a renderer knows what changed by comparing references.
 */
import type { Mime } from '../kernel/protocol';
import type { MergedCell } from '../store/edits';
import type { CellFlags } from '../notebook/types';

/** The statuses of DESIGN §5.1, mirrored in `data-status`. */
export type CellStatus = 'idle' | 'queued' | 'running' | 'ok' | 'error' | 'stale';

/** One output of a cell. A display updated in place is a new object with the same `displayId`. */
export type CellOutput =
  | { readonly kind: 'stream'; readonly name: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'display'; readonly displayId: string; readonly mime: Mime; readonly data: unknown }
  | { readonly kind: 'error'; readonly ename: string; readonly evalue: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'note'; readonly text: string };

/** An import binding a cell makes (a name two cells import the same way is not a clash). */
export interface CellImportBinding {
  readonly local: string;
  readonly imported: string;
  readonly specifier: string;
}

/** A code cell's live state. */
export interface CodeCellState {
  readonly kind: 'code';
  readonly id: string;
  readonly source: string;
  /** The source as the notebook file has it; null for a cell the learner added. */
  readonly original: string | null;
  /** The original the learner's edit was made against; differs from `original` after an update. */
  readonly base: string | null;
  readonly flags: Readonly<CellFlags>;
  readonly status: CellStatus;
  readonly outputs: readonly CellOutput[];
  /** Milliseconds the last finished run took. */
  readonly ms?: number;
  readonly declared: readonly string[];
  readonly references: readonly string[];
  /** Import bindings, from analysis. */
  readonly imports: readonly CellImportBinding[];
}

/** A prose cell. */
export interface MarkdownCellState {
  readonly kind: 'markdown';
  readonly id: string;
  readonly source: string;
}

/** Any cell of the session. */
export type CellState = CodeCellState | MarkdownCellState;

/** A code cell that has not run and has not been analysed. */
export function newCodeCell(id: string, source: string, original: string | null, base: string | null, flags: CellFlags = {}): CodeCellState {
  return { kind: 'code', id, source, original, base, flags: { ...flags }, status: 'idle', outputs: [], declared: [], references: [], imports: [] };
}

/** The live state of a cell as it opens (not run yet). */
export function toState(cell: MergedCell): CellState {
  if (cell.kind === 'markdown') return { kind: 'markdown', id: cell.id, source: cell.source };
  return newCodeCell(cell.id, cell.source, cell.original, cell.base, cell.flags);
}

/** True for a code cell. */
export function isCodeCell(cell: CellState): cell is CodeCellState {
  return cell.kind === 'code';
}

/** True when the learner's text differs from the notebook's. */
export function isEdited(cell: CodeCellState): boolean {
  return cell.original !== null && cell.source !== cell.original;
}

/** True when the notebook changed this cell since the learner edited it. */
export function isOriginalChanged(cell: CodeCellState): boolean {
  return cell.original !== null && cell.base !== null && cell.base !== cell.original;
}

/** The cell as the store keeps it (what `collectEdits` reads). */
export function toMerged(cell: CellState): MergedCell {
  return cell.kind === 'markdown'
    ? { kind: 'markdown', id: cell.id, source: cell.source }
    : { kind: 'code', id: cell.id, source: cell.source, flags: { ...cell.flags }, original: cell.original, base: cell.base };
}
