/**
 * Every event the app's elements fire, as `Event` subclasses registered in `HTMLElementEventMap`,
 * so a listener gets the typed event without a cast. All bubble and cross shadow roots.
 */
import type { WidgetValue } from '../kernel/protocol';

const BUBBLES: EventInit = { bubbles: true, composed: true };

/** Run a cell (the Run button, Shift+Enter, Ctrl+Enter); `advance` moves on to the next cell. */
export class CellRunEvent extends Event {
  static readonly type = 'cell-run';
  constructor(
    readonly cellId: string,
    readonly advance: boolean,
  ) {
    super(CellRunEvent.type, BUBBLES);
  }
}

/** The learner changed a cell's text. */
export class CellEditEvent extends Event {
  static readonly type = 'cell-edit';
  constructor(
    readonly cellId: string,
    readonly source: string,
  ) {
    super(CellEditEvent.type, BUBBLES);
  }
}

/** Add a code cell after `afterId`. */
export class CellAddEvent extends Event {
  static readonly type = 'cell-add';
  constructor(readonly afterId: string) {
    super(CellAddEvent.type, BUBBLES);
  }
}

/** Delete a cell. */
export class CellDeleteEvent extends Event {
  static readonly type = 'cell-delete';
  constructor(readonly cellId: string) {
    super(CellDeleteEvent.type, BUBBLES);
  }
}

/** Put the notebook's version back into a cell (after the learner confirms). */
export class CellResetEvent extends Event {
  static readonly type = 'cell-reset';
  constructor(readonly cellId: string) {
    super(CellResetEvent.type, BUBBLES);
  }
}

/** Compare the learner's version of a cell with a changed original. */
export class CellCompareEvent extends Event {
  static readonly type = 'cell-compare';
  constructor(readonly cellId: string) {
    super(CellCompareEvent.type, BUBBLES);
  }
}

/** A cell's CodeMirror editor replaced its statically drawn code. */
export class EditorLiveEvent extends Event {
  static readonly type = 'editor-live';
  constructor() {
    super(EditorLiveEvent.type, BUBBLES);
  }
}

/** The learner moved a widget. */
export class WidgetInputEvent extends Event {
  static readonly type = 'widget-input';
  constructor(
    readonly key: string,
    readonly value: WidgetValue,
  ) {
    super(WidgetInputEvent.type, BUBBLES);
  }
}

/** The learner trusted an imported notebook. */
export class NotebookTrustEvent extends Event {
  static readonly type = 'notebook-trust';
  constructor(readonly notebookId: string) {
    super(NotebookTrustEvent.type, BUBBLES);
  }
}

/** An app bug an element caught, for the page's one error sink (`fb-app`). */
export class AppErrorEvent extends Event {
  static readonly type = 'app-error';
  constructor(readonly error: unknown) {
    super(AppErrorEvent.type, BUBBLES);
  }
}

declare global {
  interface HTMLElementEventMap {
    'cell-run': CellRunEvent;
    'cell-edit': CellEditEvent;
    'cell-add': CellAddEvent;
    'cell-delete': CellDeleteEvent;
    'cell-reset': CellResetEvent;
    'cell-compare': CellCompareEvent;
    'editor-live': EditorLiveEvent;
    'widget-input': WidgetInputEvent;
    'notebook-trust': NotebookTrustEvent;
    'app-error': AppErrorEvent;
  }
}
