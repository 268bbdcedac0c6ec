/**
 * What the learner does to a notebook's code cells — run (moving on with Shift+Enter), add,
 * delete and undo, reset to the notebook's text, compare with it — by a cell's buttons, its
 * editor's keys or the command-mode keyboard, which this Lit reactive controller attaches to its
 * host (`keyboard.ts`). Each gesture comes here once, whichever way it was made.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CellState, NotebookSession } from '../session/index';
import { compareDialog, confirmDialog } from './dialog';
import type { CellRunEvent } from './events';
import type { FbCell } from './fb-cell';
import { attachKeyboard } from './keyboard';
import type { KeyboardActions } from './keyboard-actions';

/** What the cell actions need of the notebook element beyond its DOM. */
export interface CellActionsNotebook {
  /** The open session, or null while none is. */
  session(): NotebookSession | null;
  /** Runs an action; an app bug it throws goes to the page's error sink instead of vanishing. */
  guard(action: () => unknown): void;
  /** Offers to bring back a deleted cell (the Undo bar), or stops offering with null. */
  offerUndo(cell: CellState | null): void;
  /** Ctrl/Cmd+S: saves now and offers the export. */
  save(): void;
}

/** The cell gestures of a notebook element, and its keyboard while it is in the page. */
export class CellActions implements ReactiveController {
  private detachKeyboard: (() => void) | null = null;

  /** What the keyboard controller may do (command mode acts on cells without focusing editors). */
  private readonly keyboardActions: KeyboardActions = {
    cellIds: () => this.notebook.session()?.codeCells.map((c) => c.id) ?? [],
    cellElement: (id) => this.cellElement(id),
    editCell: (id) => void this.cellElement(id)?.focusEditor(),
    runCell: (id, advance) => this.run(id, advance).next,
    addCell: (id, where) => this.notebook.session()?.addCell(id, '', where) ?? id,
    deleteCell: (id) => this.delete(id),
    undoDelete: () => this.undoDelete(),
    save: () => this.notebook.save(),
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly notebook: CellActionsNotebook,
  ) {
    host.addController(this);
  }

  /** Part of `ReactiveController`: the keyboard works while the host is in the page. */
  hostConnected(): void {
    this.detachKeyboard = attachKeyboard(this.host, this.keyboardActions);
  }

  /** Part of `ReactiveController`: and stops when it leaves. */
  hostDisconnected(): void {
    this.detachKeyboard?.();
    this.detachKeyboard = null;
  }

  /** The one way a cell runs (button, Shift+Enter, Ctrl+Enter, command mode). */
  run(id: string, advance: boolean): { next: string | null } {
    const request = this.notebook.session()?.run(id, { advance });
    if (!request) return { next: null };
    this.notebook.guard(() => request.done);
    return { next: request.next };
  }

  /** A run from the cell (its button or its editor's run keys): with advance, edit the next cell. */
  onRun(event: CellRunEvent): void {
    const { next } = this.run(event.cellId, event.advance);
    if (next) void this.host.updateComplete.then(() => this.cellElement(next)?.focusEditor());
  }

  /** Adds an empty code cell below `afterId` and puts the learner in its editor. */
  add(afterId: string): string {
    const id = this.notebook.session()!.addCell(afterId);
    void this.host.updateComplete.then(() => this.cellElement(id)?.focusEditor());
    return id;
  }

  /** Deletes a code cell and offers to bring it back. */
  delete(id: string): void {
    const session = this.notebook.session();
    if (!session?.codeCell(id)) return;
    session.deleteCell(id);
    this.notebook.offerUndo(session.lastDeleted);
  }

  /** Brings back the last deleted cell (the Undo button, or `z` in command mode). */
  undoDelete(): string | null {
    const session = this.notebook.session();
    const id = session?.undoDelete() ?? null;
    this.notebook.offerUndo(session?.lastDeleted ?? null);
    return id;
  }

  /** Asks, then puts the notebook's text back into a cell. */
  async reset(cellId: string): Promise<void> {
    const ok = await confirmDialog('Reset this cell?', 'The cell goes back to the notebook’s version and your changes to it are lost.', 'Reset cell');
    if (ok) this.notebook.session()?.resetCell(cellId);
  }

  /** Shows the learner's text beside the notebook's changed original; they keep one. */
  async compare(cellId: string): Promise<void> {
    const cell = this.notebook.session()?.codeCell(cellId);
    if (!cell || cell.original === null) return;
    const choice = await compareDialog(cell.source, cell.original);
    if (choice === 'mine') this.notebook.session()?.keepMine(cellId);
    if (choice === 'original') this.notebook.session()?.resetCell(cellId);
  }

  /** The element of a code cell, by its id. */
  cellElement(id: string): FbCell | null {
    return (
      this.host.querySelector<FbCell>(`fb-cell[data-cell-id="${CSS.escape(id)}"]`) ??
      [...this.host.querySelectorAll('fb-cell')].find((c) => c.cell.id === id) ??
      null
    );
  }
}
