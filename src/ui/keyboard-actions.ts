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
  /** Runs a cell; with `advance`, selects the next cell (adding one at the end, as Jupyter does). */
  runCell(id: string, advance: boolean): void;
  /** Adds an empty code cell above or below `id` and returns the new id. */
  addCell(id: string, where: 'above' | 'below'): string;
  /** Deletes a cell (a notebook cell can be brought back with Reset notebook). */
  deleteCell(id: string): void;
  /** Ctrl/Cmd+S: saves now and offers the export. */
  save(): void;
}
