/**
 * One code cell's code. It is drawn statically (static-code.ts: the editor's own DOM shape, line
 * numbers and colours) until the cell comes near the viewport, when a CodeMirror editor replaces
 * it in idle time (editor-queue.ts). Clicking, tabbing or pressing Enter in command mode builds
 * the editor at once, with the caret where the learner clicked. Should the learner get there
 * before the editor chunk has loaded, the static copy stands in as a plain editable text for
 * those moments, and the editor takes over its text, caret and focus — no keystroke is lost.
 *
 * @fires cell-edit - the text changed ({@link CellEditEvent})
 * @fires cell-run - Ctrl/Cmd+Enter (advance: false) or Shift+Enter (advance: true) ({@link CellRunEvent})
 * @fires editor-live - the editor replaced the static code ({@link EditorLiveEvent})
 */
import { LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CellEditor } from './editor-view';
import { buildWhenNear, editorModule, loadEditorModule, stopWatching, type LazyEditor } from './editor-queue';
import { cancelHighlight, charge, highlightLater, highlightNow, loadHighlighter, type Highlightable } from './highlight-queue';
import { staticCodeHtml } from './static-code';
import { CellEditEvent, CellRunEvent, EditorLiveEvent } from './events';
import './code.css';

/** A press on the static code, replayed on the editor built for it. */
interface Press {
  x: number;
  y: number;
  detail: number;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

// The colouring chunk loads alongside the view, so the first cells are usually drawn in colour.
void loadHighlighter();

@customElement('fb-editor')
export class FbEditor extends LitElement implements LazyEditor, Highlightable {
  @property() value = '';
  @property({ type: Boolean }) readonly = false;
  /** 1-based line to mark as erroneous, or null. */
  @property({ attribute: false }) errorLine: number | null = null;
  @property() label = 'Code';
  /** The cell this editor edits, named in the events it fires. */
  @property() cellId = '';

  private editor: CellEditor | null = null;
  private staticRoot: HTMLElement | null = null;
  /** What the static copy shows, so an update that changes nothing redraws nothing. */
  private drawn = '';
  /** The static copy is drawn without colours (they come in idle time). */
  private plain = false;
  /** The static copy is standing in as an editor until the chunk loads; `edited` once typed in. */
  private standIn: { edited: boolean } | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Moves keyboard focus into the editor (building it first if need be). */
  override focus(): void {
    void this.activate();
  }

  /** Builds the editor if it is not there yet and focuses it; resolves once it has focus. */
  async activate(): Promise<void> {
    if (!this.editor && editorModule() && this.isConnected) this.createEditor();
    if (this.editor) {
      this.editor.focus();
      return;
    }
    // Focusing the static copy starts the stand-in, which hands focus to the editor once it exists.
    this.staticContent()?.focus({ preventScroll: true });
    await loadEditorModule();
  }

  /** True once CodeMirror has replaced the static copy. */
  get live(): boolean {
    return this.editor !== null;
  }

  /** Called by the queue when the cell is near the viewport: builds the editor, unfocused. */
  build(): void {
    if (!this.editor && this.isConnected) this.createEditor();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.editor) {
      this.drawStatic();
      buildWhenNear(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    stopWatching(this);
    cancelHighlight(this);
    this.editor?.destroy();
    this.editor = null;
    this.staticRoot?.remove();
    this.staticRoot = null;
    this.standIn = null;
    this.drawn = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    const editor = this.editor;
    if (!editor) {
      if (this.isConnected) this.drawStatic();
      return;
    }
    if (changed.has('value')) editor.setValue(this.value);
    if (changed.has('errorLine')) editor.setErrorLine(this.errorLine);
  }

  private staticContent(): HTMLElement | null {
    return this.staticRoot?.querySelector<HTMLElement>('.cm-content') ?? null;
  }

  /** Called by the highlight queue: redraws the plain static copy with colours. */
  highlight(): void {
    if (this.plain && !this.editor) this.drawStatic(true);
  }

  private drawStatic(force = false): void {
    // Never redraw under the learner's typing in the stand-in.
    if (this.standIn) return;
    const key = JSON.stringify([this.value, this.errorLine, this.readonly, this.label]);
    if (this.staticRoot && key === this.drawn && !force) return;
    const highlight = highlightNow(force) ?? undefined;
    const plain = !highlight;
    const started = performance.now();
    const template = document.createElement('template');
    template.innerHTML = staticCodeHtml(this.value, { label: this.label, readonly: this.readonly, errorLine: this.errorLine, highlight });
    if (!plain) charge(performance.now() - started);
    this.plain = plain;
    if (plain) highlightLater(this);
    else cancelHighlight(this);
    const root = template.content.firstElementChild as HTMLElement;
    root.addEventListener('mousedown', this.onStaticPress);
    root.addEventListener('focusin', this.onStaticFocus);
    if (this.staticRoot) this.staticRoot.replaceWith(root);
    else this.append(root);
    this.staticRoot = root;
    this.drawn = key;
  }

  /** A press on the static code: build the editor now and hand it the press, so the caret lands there. */
  private onStaticPress = (event: MouseEvent): void => {
    if (event.button !== 0 || this.standIn) return;
    if (!editorModule()) {
      // The browser focuses the stand-in and puts the caret where the press was.
      this.startStandIn();
      return;
    }
    // The static copy takes no focus or selection of its own; the editor takes both.
    event.preventDefault();
    this.createEditor({
      x: event.clientX,
      y: event.clientY,
      detail: event.detail,
      shiftKey: event.shiftKey,
      altKey: event.altKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
    });
  };

  /** Keyboard focus reached the static code (Tab, Enter in command mode): give it the editor. */
  private onStaticFocus = (): void => {
    if (this.standIn) return;
    if (!editorModule()) {
      this.startStandIn();
      return;
    }
    this.createEditor();
    this.editor!.focus();
  };

  /** Lets the static copy take typing (as plain text) until the editor chunk has loaded. */
  private startStandIn(): void {
    const content = this.staticContent();
    if (!content) return;
    const standIn = { edited: false };
    this.standIn = standIn;
    if (!this.readonly) content.setAttribute('contenteditable', 'plaintext-only');
    // Every keystroke reaches the session at once, as the editor's would: its journal must hold
    // the text even if the learner reloads or leaves before the editor chunk arrives.
    content.addEventListener('input', () => {
      standIn.edited = true;
      this.value = content.innerText.replace(/\n$/, '');
      this.dispatchEvent(new CellEditEvent(this.cellId, this.value));
    });
    content.addEventListener('keydown', (event) => {
      const selection = getSelection();
      // Esc first collapses a selection, as the editor's does; the next Esc leaves the code.
      if (event.key === 'Escape' && selection && !selection.isCollapsed && content.contains(selection.focusNode)) {
        event.preventDefault();
        selection.collapse(selection.focusNode, selection.focusOffset);
        return;
      }
      if (event.key !== 'Enter' || !(event.shiftKey || event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      this.dispatchEvent(new CellRunEvent(this.cellId, event.shiftKey));
    });
    void loadEditorModule().then(() => this.endStandIn(standIn));
  }

  /** The editor takes over the stand-in's text, caret and focus. */
  private endStandIn(standIn: { edited: boolean }): void {
    if (this.standIn !== standIn) return;
    this.standIn = null;
    const content = this.staticContent();
    if (!content || !this.isConnected || this.editor) return;
    const hadFocus = content.contains(document.activeElement);
    const offsets = hadFocus ? selectionOffsets(content) : null;
    const points = hadFocus && !offsets ? selectionPoints() : null;
    if (standIn.edited) {
      this.value = content.innerText.replace(/\n$/, '');
      this.dispatchEvent(new CellEditEvent(this.cellId, this.value));
    }
    this.createEditor();
    const view = this.editor!.view;
    // The learner may be mid-selection (Shift+End before typing over it): keep both ends, by
    // their place in the text when the lines are still the static copy's, else where they were drawn.
    const length = view.state.doc.length;
    const anchor = offsets ? Math.min(offsets.anchor, length) : points ? view.posAtCoords(points.anchor) : null;
    const head = offsets ? Math.min(offsets.head, length) : points ? view.posAtCoords(points.head) : null;
    if (anchor !== null) view.dispatch({ selection: { anchor, head: head ?? anchor } });
    if (hadFocus) this.editor!.focus();
  }

  private createEditor(press?: Press): void {
    const module = editorModule()!;
    stopWatching(this);
    cancelHighlight(this);
    const editor = module.createEditor({
      value: this.value,
      label: this.label,
      readonly: this.readonly,
      errorLine: this.errorLine,
      onRun: (advance) => this.dispatchEvent(new CellRunEvent(this.cellId, advance)),
      onChange: (text) => {
        this.value = text;
        this.dispatchEvent(new CellEditEvent(this.cellId, text));
        if (this.errorLine !== null) this.errorLine = null;
      },
    });
    this.editor = editor;
    this.dispatchEvent(new EditorLiveEvent());
    const old = this.staticRoot;
    this.staticRoot = null;
    this.drawn = '';
    if (old) old.before(editor.view.dom);
    else this.append(editor.view.dom);
    if (!press || !old) {
      old?.remove();
      return;
    }
    // Hand the press to whatever part of the editor is under the pointer (text, gutter), as a
    // press of its own; CodeMirror then places the caret (or starts a drag selection) and focuses.
    old.style.display = 'none';
    const target = document.elementFromPoint(press.x, press.y);
    if (target && editor.view.dom.contains(target)) {
      target.dispatchEvent(
        new MouseEvent('mousedown', {
          bubbles: true,
          cancelable: true,
          composed: true,
          view: window,
          button: 0,
          buttons: 1,
          clientX: press.x,
          clientY: press.y,
          detail: press.detail,
          shiftKey: press.shiftKey,
          altKey: press.altKey,
          ctrlKey: press.ctrlKey,
          metaKey: press.metaKey,
        }),
      );
    } else {
      editor.focus();
    }
    this.swallowStrayClick(old);
  }

  /**
   * The press began on the static copy and ends on the editor, so the browser sends the click to
   * this element (their common ancestor). It belongs to the editor: the notebook must not read it
   * as a click beside the code (which selects the cell in command mode and takes focus away).
   */
  private swallowStrayClick(old: HTMLElement): void {
    const onClick = (event: MouseEvent) => {
      if (event.target === this) event.stopPropagation();
    };
    const done = () => {
      this.removeEventListener('click', onClick, true);
      old.remove();
    };
    this.addEventListener('click', onClick, true);
    window.addEventListener('mouseup', () => setTimeout(done, 0), { once: true });
  }
}

/**
 * The two ends of the page's selection as offsets in the code, counted over the static copy's
 * lines (one `.cm-line` each, joined by newlines), or null when the selection is not inside them
 * or the stand-in's typing has changed that structure.
 */
function selectionOffsets(content: HTMLElement): { anchor: number; head: number } | null {
  const selection = getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return null;
  const lines = [...content.children].filter((el) => el.classList.contains('cm-line'));
  if (lines.length !== content.childNodes.length) return null;
  const offsetOf = (node: Node, offset: number): number | null => {
    let before = 0;
    for (const line of lines) {
      if (line === node || line.contains(node)) {
        const range = document.createRange();
        range.setStart(line, 0);
        range.setEnd(node, offset);
        return before + range.toString().length;
      }
      before += (line.textContent ?? '').length + 1;
    }
    return null;
  };
  const anchor = offsetOf(selection.anchorNode, selection.anchorOffset);
  const head = offsetOf(selection.focusNode, selection.focusOffset);
  return anchor === null || head === null ? null : { anchor, head };
}

/**
 * Where the two ends of the page's selection are drawn (the middle of their lines), or null: the
 * anchor where it began and the head where the caret is, as the editor's own selection has them.
 */
function selectionPoints(): { anchor: { x: number; y: number }; head: { x: number; y: number } } | null {
  const selection = getSelection();
  if (!selection?.rangeCount || !selection.anchorNode || !selection.focusNode) return null;
  const head = pointOf(selection.focusNode, selection.focusOffset);
  if (!head) return null;
  return { anchor: pointOf(selection.anchorNode, selection.anchorOffset) ?? head, head };
}

/** The drawn position of one boundary point of a selection, or null when it has no box. */
function pointOf(node: Node, offset: number): { x: number; y: number } | null {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  let rect = range.getBoundingClientRect();
  // A caret on an empty line has no box of its own: use its line's.
  if (!rect.height && node instanceof Element) rect = node.getBoundingClientRect();
  return rect.height ? { x: rect.left + 1, y: rect.top + rect.height / 2 } : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-editor': FbEditor;
  }
}
