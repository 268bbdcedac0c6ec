/**
 * A cell's code drawn without CodeMirror: the same DOM shape and classes as the editor's
 * (`.cm-editor > .cm-scroller > .cm-gutters + .cm-content > .cm-line`), the same line numbers and
 * fold markers, and the same syntax colours (the Lezer TypeScript parser CodeMirror uses, through
 * the shared highlighter). A notebook shows this until the learner comes near a cell, so opening
 * a notebook builds no editors, and swapping in the real editor moves nothing on the page.
 */
import { highlightTree } from '@lezer/highlight';
import { parser } from '@lezer/javascript';
import { fieldbookHighlighter } from './editor-highlight';

const typescript = parser.configure({ dialect: 'ts' });

/** Node types CodeMirror's JavaScript language folds between their first and last child (`foldInside`). */
const FOLD_INSIDE = new Set(['Block', 'ClassBody', 'SwitchBody', 'EnumBody', 'ObjectExpression', 'ArrayExpression', 'ObjectType']);

/** What the static copy shows besides the text. */
export interface StaticCodeOptions {
  /** Without colours and fold markers (same layout): for when there is no time to parse yet. */
  plain?: boolean;
  /** Accessible name of the code (the editor's `aria-label`). */
  label: string;
  readonly: boolean;
  /** 1-based line marked as the error's, or null. */
  errorLine: number | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** Start offset of every line of `source`. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line holding `pos` (binary search over line starts). */
function lineAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Highlighted HTML of each line and which lines CodeMirror's fold gutter marks: a line is
 * foldable when a foldable node's range starts on it and ends on a later line.
 */
export function highlightLines(source: string): { lines: string[]; foldable: boolean[] } {
  const starts = lineStarts(source);
  const lineEnd = (i: number) => (i + 1 < starts.length ? starts[i + 1] - 1 : source.length);
  const lines = starts.map(() => '');
  const foldable = starts.map(() => false);
  const tree = typescript.parse(source);
  let pos = 0;
  const emit = (to: number, classes: string) => {
    // Spans never cross a line break, as in CodeMirror's own rendering.
    while (pos < to) {
      const line = lineAt(starts, pos);
      const end = Math.min(to, lineEnd(line));
      if (end > pos) {
        const text = escapeHtml(source.slice(pos, end));
        lines[line] += classes ? `<span class="${classes}">${text}</span>` : text;
      }
      pos = end === lineEnd(line) && end < to ? end + 1 : end;
    }
  };
  highlightTree(tree, fieldbookHighlighter, (from, to, classes) => {
    emit(from, '');
    emit(to, classes);
  });
  emit(source.length, '');
  tree.iterate({
    enter(node) {
      let range: { from: number; to: number } | null = null;
      if (FOLD_INSIDE.has(node.name)) {
        const first = node.node.firstChild;
        const last = node.node.lastChild;
        if (first && last && first.to < last.from) range = { from: first.to, to: last.type.isError ? node.to : last.from };
      } else if (node.name === 'BlockComment') {
        range = { from: node.from + 2, to: node.to - 2 };
      }
      if (range) {
        const line = lineAt(starts, range.from);
        if (range.to > lineEnd(line)) foldable[line] = true;
      }
    },
  });
  return { lines, foldable };
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
  const { lines, foldable } = options.plain ? plainLines(source) : highlightLines(source);
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
  return `<div class="cm-editor fb-code-static"><div class="cm-scroller">`
    + `<div class="cm-gutters cm-gutters-before" aria-hidden="true"><div class="cm-gutter cm-lineNumbers">${numbers.join('')}</div>`
    + `<div class="cm-gutter cm-foldGutter">${folds.join('')}</div></div>`
    + `<div class="cm-content" role="textbox" aria-multiline="true" aria-label="${escapeHtml(options.label)}"${options.readonly ? ' aria-readonly="true"' : ''}`
    + ` tabindex="0" spellcheck="false" translate="no" data-language="typescript">${content.join('')}</div>`
    + `</div></div>`;
}
