/**
 * One code cell: its toolbar (Run cell, status, run time, Add cell), editor and outputs. The host
 * element carries the stable test hooks `data-cell-id` and `data-status`.
 *
 * @fires cell-run - the Run button ({@link CellRunEvent}; the editor fires it for its run keys)
 * @fires cell-add - {@link CellAddEvent}
 * @fires cell-delete - {@link CellDeleteEvent}
 * @fires cell-edit - from the editor ({@link CellEditEvent})
 * @fires cell-reset - {@link CellResetEvent}
 * @fires cell-compare - {@link CellCompareEvent}
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './fb-editor';
import './fb-output';
import type { FbEditor } from './fb-editor';
import { mayRenderFirst, renderNow } from './first-render-queue';
import { lineCount } from './static-code';
import type { CellStatus, CodeCellState } from '../session/cell-state';
import { CellAddEvent, CellCompareEvent, CellDeleteEvent, CellResetEvent, CellRunEvent, EditorLiveEvent } from './events';

/** Outputs a cell shows before "N more outputs — Show more outputs" (errors always show). */
export const MAX_OUTPUTS = 100;

const STATUS_TEXT: Record<CellStatus, string> = {
  idle: 'not run',
  queued: 'queued',
  running: 'running…',
  ok: 'done',
  error: 'error',
  stale: 'stale — inputs changed, re-run',
};

@customElement('fb-cell')
export class FbCell extends LitElement {
  /** Immutable: the session hands a new object whenever the cell changes. */
  @property({ attribute: false }) cell!: CodeCellState;
  /** 1-based position among code cells, for labels. */
  @property({ type: Number }) index = 0;
  /** The learner's text differs from the notebook's. */
  @property({ type: Boolean }) edited = false;
  /** The notebook changed this cell since the learner edited it. */
  @property({ type: Boolean }) originalChanged = false;
  /** False in an imported notebook the learner has not trusted. */
  @property({ type: Boolean }) trusted = true;
  @state() private expanded = false;
  @state() private outputLimit = MAX_OUTPUTS;
  /** Its editor has been built (CodeMirror's tooltips must not be clipped to the cell). */
  private editorLive = false;

  constructor() {
    super();
    this.addEventListener(EditorLiveEvent.type, () => {
      this.editorLive = true;
      this.syncDormant();
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Focuses this cell's editor (expanding a hidden cell). */
  async focusEditor(): Promise<void> {
    renderNow(this);
    this.expanded = true;
    await this.updateComplete;
    await this.querySelector<FbEditor>('fb-editor')?.activate();
  }

  /** A long notebook's cells far down take their first render a few frames later. */
  protected override shouldUpdate(): boolean {
    return this.hasUpdated || mayRenderFirst(this);
  }

  /** Lines of code the first render draws (the note a hidden cell shows counts as one). */
  get firstRenderLines(): number {
    return this.cell.flags.hidden ? 1 : lineCount(this.cell.source);
  }

  /** Takes the first render that was waiting, now (the first-render queue's turn, timed as it goes). */
  renderPending(): void {
    this.requestUpdate();
    this.performUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cell') && this.cell.flags.hidden && changed.get('cell') === undefined) this.expanded = false;
  }

  protected override updated(): void {
    this.dataset.cellId = this.cell.id;
    this.dataset.status = this.cell.status;
    // The host is what command mode focuses, so it carries the cell's role and name.
    this.setAttribute('role', 'group');
    this.setAttribute('aria-label', this.label());
    this.syncDormant();
  }

  /**
   * A cell with its code drawn statically and no outputs is dormant: in a very long notebook it is
   * skipped by layout and paint while off screen (styles.css, `.fb-cell-dormant`), with the height
   * it will have there. A cell with an editor (whose tooltips may reach past the cell) or with
   * outputs (charts measure themselves) is laid out as usual.
   */
  private syncDormant(): void {
    const dormant = !this.editorLive && this.cell.outputs.length === 0;
    this.classList.toggle('fb-cell-dormant', dormant);
    const showsCode = !this.cell.flags.hidden || this.expanded;
    if (dormant) this.style.setProperty('contain-intrinsic-block-size', `auto ${dormantHeight(showsCode ? lineCount(this.cell.source) : null)}`);
    else this.style.removeProperty('contain-intrinsic-block-size');
  }

  private label(): string {
    const c = this.cell;
    return `Code cell ${this.index}${c.id.startsWith('cell-') || c.id.startsWith('added-') ? '' : ` (${c.id})`}`;
  }

  protected override render(): TemplateResult {
    const c = this.cell;
    const showEditor = !c.flags.hidden || this.expanded;
    const error = c.outputs.find((o) => o.kind === 'error');
    const errorLine = error?.kind === 'error' ? (error.line ?? null) : null;
    const label = this.label();
    const shown =
      c.outputs.length > this.outputLimit
        ? [...c.outputs.slice(0, this.outputLimit), ...c.outputs.slice(this.outputLimit).filter((o) => o.kind === 'error')]
        : c.outputs;
    const more = c.outputs.length - shown.length;
    return html`<div class="fb-cell fb-status-${c.status}">
      <div class="fb-cell-bar">
        <button
          class="fb-run"
          aria-label="Run cell"
          title="Run cell (Shift+Enter runs and moves on, Ctrl+Enter runs in place)"
          @click=${() => this.dispatchEvent(new CellRunEvent(c.id, false))}
        >
          <span aria-hidden="true">▶</span>
        </button>
        <span class="fb-cell-label">[${this.index}]</span>
        <span class="fb-cell-status" role="status">${STATUS_TEXT[c.status]}</span>
        ${c.ms !== undefined && (c.status === 'ok' || c.status === 'error' || c.status === 'stale') ? html`<span class="fb-cell-ms">${formatMs(c.ms)}</span>` : nothing}
        ${c.original === null ? html`<span class="fb-badge">added</span>` : nothing}
        ${this.edited ? html`<span class="fb-badge" data-edited>edited</span>` : nothing}
        ${this.originalChanged ? html`<button class="fb-badge fb-badge-warn" data-original-changed title="The notebook changed this cell since you edited it" @click=${() => this.dispatchEvent(new CellCompareEvent(c.id))}>original changed — compare</button>` : nothing}
        ${c.flags.norun ? html`<span class="fb-badge" title="Run all skips this cell">not in Run all</span>` : nothing}
        <span class="fb-spacer"></span>
        ${c.flags.hidden ? html`<button class="fb-link" aria-expanded=${this.expanded} @click=${() => (this.expanded = !this.expanded)}>${this.expanded ? 'Hide code' : 'Show code'}</button>` : nothing}
        ${c.original === null ? html`<button class="fb-link" aria-label="Delete cell" @click=${() => this.dispatchEvent(new CellDeleteEvent(c.id))}>Delete</button>` : nothing}
        ${this.edited || this.originalChanged ? html`<button class="fb-link" aria-label="Reset cell" title="Put back the notebook's version of this cell" @click=${() => this.dispatchEvent(new CellResetEvent(c.id))}>Reset</button>` : nothing}
        <button class="fb-link" aria-label="Add cell" title="Add a code cell below" @click=${() => this.dispatchEvent(new CellAddEvent(c.id))}>
          <span aria-hidden="true">+</span> Add cell
        </button>
      </div>
      ${
        showEditor
          ? html`<fb-editor
              .cellId=${c.id}
              .value=${c.source}
              .errorLine=${errorLine}
              .readonly=${Boolean(c.flags.readonly)}
              label=${`${label} source`}
            ></fb-editor>`
          : html`<p class="fb-hidden-code">Code hidden — it runs with the rest.</p>`
      }
      <div class="fb-outputs" aria-live="polite">
        ${shown.map((o) => html`<fb-output .output=${o} .trusted=${this.trusted}></fb-output>`)}
        ${
          more > 0
            ? html`<p class="fb-outputs-more">
                ${more.toLocaleString('en-US')} more outputs
                <button class="fb-link" @click=${() => (this.outputLimit += MAX_OUTPUTS)}>Show more outputs</button>
              </p>`
            : nothing
        }
      </div>
    </div>`;
  }
}

/**
 * The height of a dormant cell, from the rules it is drawn with (styles.css, code.css): its bar
 * (as tall as its link buttons: 0.9rem × 1.55 + 0.4rem padding + 2px border; plus the bar's 0.6rem
 * padding and 1px rule), the cell's 2px of border, and its code (lines of 1.4 × 0.88rem plus 8px of
 * padding) or, when the code is hidden, the note saying so (0.9rem × 1.55 + 1rem padding).
 */
function dormantHeight(lines: number | null): string {
  const code = lines === null ? '2.395rem' : `${lines} * 1.232rem + 8px`;
  return `calc(2.395rem + 5px + ${code})`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-cell': FbCell;
  }
}
