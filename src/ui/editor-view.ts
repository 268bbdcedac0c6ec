/**
 * The CodeMirror 6 editor of one code cell, in its own chunk (loaded once, when the first editor
 * is needed): TypeScript highlighting, Shift+Enter / Ctrl+Enter to run, the line of an error
 * marked. A lean setup: `basicSetup` without search and lint, which cells do not use (the
 * browser's find searches the whole notebook, which suits many small editors better).
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  crosshairCursor,
  Decoration,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
  type DecorationSet,
} from '@codemirror/view';
import { fieldbookHighlighter } from './editor-highlight';

const setErrorLine = StateEffect.define<number | null>();

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      const line = effect.value;
      if (line === null || line < 1 || line > tr.state.doc.lines) next = Decoration.none;
      else
        next = Decoration.set([
          Decoration.line({ class: 'cm-error-line', attributes: { 'data-error-line': String(line) } }).range(tr.state.doc.line(line).from),
        ]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** What an editor needs from its element. */
export interface EditorOptions {
  value: string;
  label: string;
  readonly: boolean;
  errorLine: number | null;
  onRun(advance: boolean): void;
  onChange(text: string): void;
}

/** A live editor, as the element drives it. */
export interface CellEditor {
  readonly view: EditorView;
  setValue(text: string): void;
  setErrorLine(line: number | null): void;
  focus(): void;
  destroy(): void;
}

function extensions(options: EditorOptions): Extension[] {
  const run = (advance: boolean) => () => {
    options.onRun(advance);
    return true;
  };
  return [
    Prec.highest(
      keymap.of([
        { key: 'Shift-Enter', run: run(true) },
        { key: 'Mod-Enter', run: run(false) },
      ]),
    ),
    syntaxHighlighting(fieldbookHighlighter),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap]),
    javascript({ typescript: true }),
    errorLineField,
    // No wrapping: heights of editors not yet scrolled into view are then estimated exactly, so the
    // page does not shift under the reader (or under a click) as CodeMirror measures them.
    // tabindex: axe asks that a horizontally scrolling region be reachable by keyboard, read-only editors included.
    EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
    EditorView.editable.of(!options.readonly),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
}

/** Creates an editor; the caller puts `view.dom` in the page. */
export function createEditor(options: EditorOptions): CellEditor {
  const view = new EditorView({ state: EditorState.create({ doc: options.value, extensions: extensions(options) }) });
  if (options.errorLine !== null) view.dispatch({ effects: setErrorLine.of(options.errorLine) });
  return {
    view,
    setValue(text) {
      if (view.state.doc.toString() !== text) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setErrorLine(line) {
      view.dispatch({ effects: setErrorLine.of(line) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
