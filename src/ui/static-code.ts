/**
 * A cell's code drawn without CodeMirror: the same DOM shape and classes as the editor's
 * (`.cm-editor > .cm-scroller > .cm-gutters + .cm-content > .cm-line`), the same line numbers and
 * fold markers, and the same syntax colours (given by static-highlight.ts, which parses with the
 * Lezer TypeScript parser CodeMirror uses and loads in its own chunk). A notebook shows this until
 * the learner comes near a cell, so opening a notebook builds no editors, and swapping in the real
 * editor moves nothing on the page.
 */

/** Coloured HTML of each line of `source`, and which lines CodeMirror's fold gutter marks. */
export type Highlight = (source: string) => { lines: string[]; foldable: boolean[] };

/** What the static copy shows besides the text. */
export interface StaticCodeOptions {
  /** Colours and fold markers; without it the code is drawn plain (the same layout). */
  highlight?: Highlight;
  /** Accessible name of the code (the editor's `aria-label`). */
  label: string;
  readonly: boolean;
  /** 1-based line marked as the error's, or null. */
  errorLine: number | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** `text` with the characters HTML gives a meaning escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** Lines of `source` as the static copy draws them (one per line break, plus one). */
export function lineCount(source: string): number {
  let lines = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lines++;
  return lines;
}

function plainLines(source: string): { lines: string[]; foldable: boolean[] } {
  const lines = source.split('\n').map(escapeHtml);
  return { lines, foldable: lines.map(() => false) };
}

/** CodeMirror sizes the line-number gutter for 9, 99, 999… lines. */
function widestLineNumber(lines: number): string {
  let last = 9;
  while (last < lines) last = last * 10 + 9;
  return String(last);
}

/** The static copy's HTML: an `.cm-editor` CodeMirror would draw for this code, unfocused. */
export function staticCodeHtml(source: string, options: StaticCodeOptions): string {
  const { lines, foldable } = options.highlight ? options.highlight(source) : plainLines(source);
  const numbers: string[] = [`<div class="cm-gutterElement fb-gutter-spacer">${widestLineNumber(lines.length)}</div>`];
  const folds: string[] = ['<div class="cm-gutterElement fb-gutter-spacer"><span title="Unfold line">›</span></div>'];
  const content: string[] = [];
  lines.forEach((line, i) => {
    const error = options.errorLine === i + 1;
    numbers.push(`<div class="cm-gutterElement">${i + 1}</div>`);
    folds.push(foldable[i] ? '<div class="cm-gutterElement"><span title="Fold line">⌄</span></div>' : '<div class="cm-gutterElement"></div>');
    const attrs = error ? ` class="cm-line cm-error-line" data-error-line="${i + 1}"` : ' class="cm-line"';
    content.push(`<div${attrs}>${line || '<br>'}</div>`);
  });
  // The line count gives the height the copy takes while it is off screen and not laid out (code.css).
  return (
    `<div class="cm-editor fb-code-static" style="--fb-code-lines: ${lines.length}"><div class="cm-scroller">` +
    `<div class="cm-gutters cm-gutters-before" aria-hidden="true"><div class="cm-gutter cm-lineNumbers">${numbers.join('')}</div>` +
    `<div class="cm-gutter cm-foldGutter">${folds.join('')}</div></div>` +
    `<div class="cm-content" role="textbox" aria-multiline="true" aria-label="${escapeHtml(options.label)}"${options.readonly ? ' aria-readonly="true"' : ''}` +
    ` tabindex="0" spellcheck="false" translate="no" data-language="typescript">${content.join('')}</div>` +
    `</div></div>`
  );
}
