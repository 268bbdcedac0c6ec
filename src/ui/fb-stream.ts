/**
 * Printed output (`console.log`, stderr) of a cell, capped so that no amount of printing blocks
 * the page: a thousand lines (and at most 100,000 characters) at a time, each line folded after
 * 4,000 characters, with "N more lines — Show more lines / Download output" for the rest.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { downloadFile } from './transfer';

/** Lines shown per "page" of output. */
export const STREAM_LINES = 1000;
/** Characters shown per page, whatever the line count. */
export const STREAM_CHARS = 100_000;
/** Characters of one line shown before it is folded. */
export const LINE_CHARS = 4000;

/** The shown part of a text: pieces (plain text, or a folded line's tail note) and what is left out. */
export interface ClippedText {
  pieces: { text: string; folded?: number }[];
  /** Characters of `text` the pieces cover (the rest is hidden). */
  end: number;
  /** Lines the pieces cover. */
  lines: number;
}

/** Cuts `text` after `maxLines` lines or `maxChars` shown characters, folding long lines. */
export function clipText(text: string, maxLines: number, maxChars = STREAM_CHARS * (maxLines / STREAM_LINES), lineChars = LINE_CHARS): ClippedText {
  const pieces: ClippedText['pieces'] = [];
  let plain = '';
  let pos = 0;
  let shown = 0;
  let lines = 0;
  for (; pos < text.length && lines < maxLines && shown < maxChars; lines++) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? text.length : newline + 1;
    const length = end - pos - (newline < 0 ? 0 : 1);
    if (length > lineChars) {
      plain += text.slice(pos, pos + lineChars);
      pieces.push({ text: plain }, { text: '', folded: length - lineChars });
      plain = newline < 0 ? '' : '\n';
      shown += lineChars;
    } else {
      plain += text.slice(pos, end);
      shown += end - pos;
    }
    pos = end;
  }
  if (plain) pieces.push({ text: plain });
  return { pieces, end: pos, lines };
}

/** Counts line breaks, remembering the last count so a growing output only counts what is new. */
class LineCounter {
  private length = 0;
  private count = 0;
  private head = '';
  private last = -1;

  lines(text: string): number {
    const grown = text.length >= this.length && this.length > 0 && text.startsWith(this.head) && text.charCodeAt(this.length - 1) === this.last;
    let count = grown ? this.count : 0;
    for (let i = text.indexOf('\n', grown ? this.length : 0); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    this.length = text.length;
    this.count = count;
    this.head = text.slice(0, 64);
    this.last = text.charCodeAt(text.length - 1);
    return count + (text.length && !text.endsWith('\n') ? 1 : 0);
  }
}

const number = (n: number) => n.toLocaleString('en-US');

@customElement('fb-stream')
export class FbStream extends LitElement {
  @property() name: 'stdout' | 'stderr' = 'stdout';
  @property() text = '';
  /** Pages of lines the learner asked to see. */
  @state() private pages = 1;
  private readonly counter = new LineCounter();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult {
    const text = this.text;
    const clipped = clipText(text, this.pages * STREAM_LINES);
    const hiddenLines = clipped.end < text.length ? this.counter.lines(text) - clipped.lines : 0;
    const folded = clipped.pieces.some((p) => p.folded);
    return html`<pre class="fb-stream ${this.name}">
${clipped.pieces.map((p) => (p.folded ? html`<span class="fb-fold">… ${number(p.folded)} more characters</span>` : p.text))}</pre>
      ${
        hiddenLines > 0 || folded
          ? html`<p class="fb-output-more">
              ${hiddenLines > 0 ? `${number(hiddenLines)} more lines` : 'Long lines are folded.'}
              ${hiddenLines > 0 ? html`<button class="fb-link" @click=${() => this.pages++}>Show more lines</button>` : nothing}
              <button class="fb-link" @click=${() => downloadFile({ name: 'output.txt', type: 'text/plain', text: this.text })}>Download output</button>
            </p>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-stream': FbStream;
  }
}
