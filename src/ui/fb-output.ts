/**
 * Renders one output of a cell: printed text, tables, charts, progress bars, the live training
 * view, widgets, HTML and errors. Each kind that can be large has its own element that caps what
 * it puts on the page (fb-stream, fb-table), draws off the critical path (fb-chart) or is
 * kept to its own box (fb-html-output).
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { trainingViewCharts } from '../charts/index';
import type { ChartSpec } from '../ml/charts/spec';
import { MIME, type ExerciseData, type ProgressData, type TableData, type TrainingData, type WidgetData, type WidgetValue } from '../kernel/protocol';
import type { CellOutput } from '../session/cell-state';
import { WidgetInputEvent } from './events';
import { errorMessage } from './report-error';
import './fb-chart';
import './fb-html-output';
import './fb-stream';
import './fb-table';

/** Pause in typing after which a text box sends its value (re-running the cells that read it). */
const TEXT_PAUSE_MS = 250;

/** Largest file a file widget reads (the kernel holds it in memory). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * @fires widget-input - the learner changed a widget ({@link WidgetInputEvent})
 */
@customElement('fb-output')
export class FbOutput extends LitElement {
  /** Immutable: an updated display arrives as a new object. */
  @property({ attribute: false }) output!: CellOutput;
  /** HTML outputs render only in trusted notebooks; otherwise they are shown as source text. */
  @property({ type: Boolean }) trusted = true;
  @state() private fileError = '';
  private textTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last text each text box sent, so a pause after Enter does not send it twice. */
  private readonly lastText = new Map<string, string>();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult | typeof nothing {
    const o = this.output;
    switch (o.kind) {
      case 'stream':
        return html`<fb-stream .name=${o.name} .text=${o.text}></fb-stream>`;
      case 'note':
        return html`<p class="fb-note">${o.text}</p>`;
      case 'error':
        return html`<div class="fb-error" role="alert">
          <strong>${o.ename}</strong>${o.line ? html` <span class="fb-error-where">at line ${o.line}${o.column ? `:${o.column}` : ''}</span>` : nothing}
          <pre>${o.evalue}</pre>
        </div>`;
      case 'display':
        return this.renderDisplay(o.mime, o.data);
    }
  }

  private renderDisplay(mime: string, data: unknown): TemplateResult {
    switch (mime) {
      case MIME.table:
        return html`<fb-table .table=${data as TableData & { limit?: number }}></fb-table>`;
      case MIME.chart:
        return html`<fb-chart .spec=${data as ChartSpec}></fb-chart>`;
      case MIME.progress:
        return renderProgress(data as ProgressData);
      case MIME.training:
        return this.renderTraining(data as TrainingData);
      case MIME.widget:
        return this.renderWidget(data as WidgetData);
      case MIME.exercise:
        // The panel (and the Markdown sanitiser it uses) loads with the first exercise.
        void import('./fb-exercise');
        return html`<fb-exercise .data=${data as ExerciseData}></fb-exercise>`;
      case MIME.html:
        return this.trusted
          ? html`<div class="fb-html"><fb-html-output .html=${String(data)}></fb-html-output></div>`
          : html`<p class="fb-note">HTML output, not rendered until you trust this notebook:</p>
              <pre class="fb-text">${String(data)}</pre>`;
      case MIME.png:
        return html`<img class="fb-image" alt="Image output" src=${`data:image/png;base64,${String(data)}`} />`;
      default:
        return html`<pre class="fb-text">${String(data)}</pre>`;
    }
  }

  private renderWidget(w: WidgetData): TemplateResult {
    const id = `w-${w.key.replace(/[^\w-]/g, '_')}`;
    switch (w.kind) {
      case 'slider':
        return html`<div class="fb-widget">
          <label for=${id}>${w.label}</label>
          <input
            id=${id}
            type="range"
            min=${w.min ?? 0}
            max=${w.max ?? 1}
            step=${w.step ?? 'any'}
            .value=${String(w.value)}
            @input=${(e: Event) => this.emitWidget(w, Number((e.target as HTMLInputElement).value))}
          />
          <output for=${id}>${formatWidgetNumber(Number(w.value), w.step)}</output>
        </div>`;
      case 'select':
        return html`<div class="fb-widget">
          <label for=${id}>${w.label}</label>
          <select id=${id} @change=${(e: Event) => this.emitWidget(w, (e.target as HTMLSelectElement).value)}>
            ${(w.options ?? []).map((o) => html`<option ?selected=${o === w.value}>${o}</option>`)}
          </select>
        </div>`;
      case 'checkbox':
        return html`<div class="fb-widget">
          <input
            id=${id}
            type="checkbox"
            .checked=${Boolean(w.value)}
            @change=${(e: Event) => this.emitWidget(w, (e.target as HTMLInputElement).checked)}
          /><label for=${id}>${w.label}</label>
        </div>`;
      case 'text':
        return html`<div class="fb-widget">
          <label for=${id}>${w.label}</label>
          <input
            id=${id}
            type="text"
            .value=${String(w.value ?? '')}
            placeholder=${w.placeholder ?? ''}
            @input=${(e: Event) => this.emitTextSoon(w, (e.target as HTMLInputElement).value)}
            @change=${(e: Event) => this.emitText(w, (e.target as HTMLInputElement).value)}
          />
        </div>`;
      case 'file': {
        const file = w.value as { name: string; size: number } | null;
        return html`<div class="fb-widget">
          <label for=${id}>${w.label}</label>
          <input id=${id} type="file" accept=${w.accept ?? ''} @change=${(e: Event) => this.readFile(w, e.target as HTMLInputElement)} />
          ${file ? html`<span class="fb-note">${file.name} (${(file.size / 1024).toFixed(0)} KB)</span>` : nothing}
          ${this.fileError ? html`<span class="fb-error-inline" role="alert">${this.fileError}</span>` : nothing}
        </div>`;
      }
    }
  }

  private async readFile(w: WidgetData, input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    this.fileError = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      this.fileError = `${file.name} is ${(file.size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB. Use a sample of the rows.`;
      return;
    }
    try {
      this.emitWidget(w, { name: file.name, size: file.size, text: await file.text() });
    } catch (e) {
      this.fileError = `${file.name} could not be read: ${errorMessage(e)}`;
    }
  }

  /** Text boxes re-run their readers as the learner types, once typing pauses (not on every key). */
  private emitTextSoon(w: WidgetData, value: string): void {
    clearTimeout(this.textTimer);
    this.textTimer = setTimeout(() => this.emitText(w, value), TEXT_PAUSE_MS);
  }

  private emitText(w: WidgetData, value: string): void {
    clearTimeout(this.textTimer);
    if (value === this.lastText.get(w.key)) return;
    this.lastText.set(w.key, value);
    this.emitWidget(w, value);
  }

  private emitWidget(w: WidgetData, value: WidgetValue): void {
    if (w.kind === 'slider') {
      const out = this.querySelector('output');
      if (out) out.textContent = formatWidgetNumber(Number(value), w.step);
    }
    this.dispatchEvent(new WidgetInputEvent(w.key, value));
  }

  private renderTraining(t: TrainingData): TemplateResult {
    const batches = t.batchesPerEpoch ?? 0;
    // A run that ended before its budget (early stopping) is complete, not 19/60 of the way.
    const progress = t.state === 'done' ? 1 : t.epochs > 0 ? Math.min(1, (t.epoch + (batches ? (t.batch ?? 0) / batches : 0)) / t.epochs) : 0;
    const last = Object.entries(t.history)
      .map(([k, v]) => `${k} ${formatNumber(v.at(-1))}`)
      .join(' · ');
    const charts = trainingViewCharts(t.history, { epochs: t.epochs, metrics: t.metrics });
    const stateText =
      t.state === 'done'
        ? t.epoch < t.epochs
          ? 'done (early stopping)'
          : 'done'
        : t.state === 'stopped'
          ? 'stopped'
          : t.eta !== undefined && t.epoch > 0
            ? `about ${formatSeconds(t.eta)} left`
            : 'starting';
    return html`<div class="fb-training" aria-live="polite">
      <div class="fb-training-head">
        <strong>${t.title ?? 'Training'}</strong>
        <span
          >epoch ${t.epoch} / ${t.epochs}${batches && t.state === 'running' ? html` · batch ${t.batch ?? 0} / ${batches}` : nothing} ·
          ${formatSeconds(t.elapsed)} · ${stateText}</span
        >
      </div>
      <progress max="1" .value=${progress} aria-label="Training progress"></progress>
      ${last ? html`<p class="fb-training-last">${last}</p>` : nothing}
      <div class="fb-training-charts">
        ${repeat(
          charts,
          (c) => c.title,
          (c) => html`<fb-chart .spec=${c} .height=${220}></fb-chart>`,
        )}
      </div>
    </div>`;
  }
}

function renderProgress(p: ProgressData): TemplateResult {
  const pct = p.max > 0 ? Math.round((100 * p.value) / p.max) : 0;
  return html`<div class="fb-progress">
    <label
      >${p.label ?? 'Progress'}
      <progress max=${p.max} .value=${p.value}></progress> ${pct}%${p.eta ? html` · about ${formatSeconds(p.eta)} left` : nothing}</label
    >
  </div>`;
}

function formatWidgetNumber(v: number, step?: number): string {
  const decimals = step && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step))) : 0;
  return v.toFixed(decimals);
}

function formatNumber(v: number | undefined): string {
  if (v === undefined) return '';
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3);
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-output': FbOutput;
  }
}
