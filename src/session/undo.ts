/**
 * Deleted cells, most recent last, so `z` (Jupyter's undo-delete) can bring them back where they were.
 */
import type { CellState } from './cell-state';

/** A deleted cell and where it stood. */
export interface DeletedCell {
  readonly cell: CellState;
  /** Its position among all cells when it was deleted. */
  readonly index: number;
  /** The id of the cell just above it then (null: it was first). */
  readonly after: string | null;
}

/** How many deletions can be undone; older ones are forgotten. */
export const UNDO_LIMIT = 50;

/** A bounded stack of deleted cells. */
export class UndoStack {
  private readonly entries: DeletedCell[] = [];

  /** Remembers a deleted cell. */
  push(cell: CellState, index: number, after: string | null): void {
    this.entries.push({ cell, index, after });
    if (this.entries.length > UNDO_LIMIT) this.entries.shift();
  }

  /** The last deleted cell, or null. */
  peek(): CellState | null {
    return this.entries.at(-1)?.cell ?? null;
  }

  /** Takes the last deletion off the stack. */
  pop(): DeletedCell | null {
    return this.entries.pop() ?? null;
  }
}
