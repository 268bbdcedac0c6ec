/**
 * What the keyboard controller may ask the notebook to do. The notebook element implements it;
 * the controller (keyboard.ts) only maps keys to these calls.
 */
export interface KeyboardActions {
  /** Code cell ids, in notebook order. */
  cellIds(): string[];
  /** The cell element for an id (an `fb-cell`, focusable in command mode). */
  cellElement(id: string): HTMLElement | null;
  /** Puts keyboard focus into the cell's editor (edit mode). */
  editCell(id: string): void;
  /**
   * Runs a cell; with `advance`, returns the next cell to select (adding one at the end, as
   * Jupyter does), otherwise null.
   */
  runCell(id: string, advance: boolean): string | null;
  /** Adds an empty code cell above or below `id` and returns the new id. */
  addCell(id: string, where: 'above' | 'below'): string;
  /** Deletes a cell (`undoDelete` brings it back). */
  deleteCell(id: string): void;
  /** Brings back the last deleted cell and returns its id, or null when nothing was deleted. */
  undoDelete(): string | null;
  /** Ctrl/Cmd+S: saves now and offers the export. */
  save(): void;
}
