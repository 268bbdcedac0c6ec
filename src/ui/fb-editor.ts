/**
 * A CodeMirror 6 editor for one code cell: TypeScript highlighting, Shift+Enter / Ctrl+Enter to
 * run, and the line of an error marked.
 *
 * @fires cell-edit - the text changed ({@link CellEditEvent})
 * @fires cell-run - Ctrl/Cmd+Enter (advance: false) or Shift+Enter (advance: true) ({@link CellRunEvent})
 */
import { javascript } from '@codemirror/lang-javascript';
import { Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { fieldbookHighlighting } from './editor-highlight';
import { CellEditEvent, CellRunEvent } from './events';

const setErrorLine = StateEffect.define<number | null>();

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      if (line === null || line < 1 || line > tr.state.doc.lines) next = Decoration.none;
      else next = Decoration.set([Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': String(line) } }).range(tr.state.doc.line(line).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

@customElement('fb-editor')
export class FbEditor extends LitElement {
  @property() value = '';
  @property({ type: Boolean }) readonly = false;
  /** 1-based line to mark as erroneous, or null. */
  @property({ attribute: false }) errorLine: number | null = null;
  @property() label = 'Code';
  /** The cell this editor edits, named in the events it fires. */
  @property() cellId = '';

  private view: EditorView | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Moves keyboard focus into the editor. */
  override focus(): void {
    this.view?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.view) this.createView();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const view = this.view;
    if (!view) return;
    if (changed.has('value') && view.state.doc.toString() !== this.value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: this.value } });
    }
    if (changed.has('errorLine')) view.dispatch({ effects: setErrorLine.of(this.errorLine) });
  }

  private createView(): void {
    const run = (advance: boolean) => () => {
      this.dispatchEvent(new CellRunEvent(this.cellId, advance));
      return true;
    };
    const extensions: Extension[] = [
      Prec.highest(keymap.of([
        { key: 'Shift-Enter', run: run(true) },
        { key: 'Mod-Enter', run: run(false) },
      ])),
      fieldbookHighlighting(),
      basicSetup,
      javascript({ typescript: true }),
      errorLineField,
      // No wrapping: heights of editors not yet scrolled into view are then estimated exactly, so the
      // page does not shift under the reader (or under a click) as CodeMirror measures them.
      // tabindex: axe asks that a horizontally scrolling region be reachable by keyboard, read-only editors included.
      EditorView.contentAttributes.of({ 'aria-label': this.label, tabindex: '0' }),
      EditorView.editable.of(!this.readonly),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        const text = update.state.doc.toString();
        this.value = text;
        this.dispatchEvent(new CellEditEvent(this.cellId, text));
        if (this.errorLine !== null) this.errorLine = null;
      }),
    ];
    this.view = new EditorView({ doc: this.value, extensions, parent: this });
    if (this.errorLine !== null) this.view.dispatch({ effects: setErrorLine.of(this.errorLine) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-editor': FbEditor;
  }
}
