/**
 * One chart of an output. Its box has its size from CSS before any chart exists; a
 * ResizeObserver reports that size after layout (so nothing forces a layout), and the chart is
 * drawn at exactly that size in a frame of its own (charts/schedule.ts). New data redraws it in
 * place; a new size or kind draws it again. Heatmaps are tables and draw at once.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { chartHeight, drawHeatmap, scheduleChart, trackChart, type CanvasSpec, type DrawnChart } from '../charts/index';
import type { ChartSpec } from '../ml/charts/spec';

@customElement('fb-chart')
export class FbChart extends LitElement {
  @property({ attribute: false }) spec: ChartSpec | null = null;
  /** Height in CSS pixels of a chart whose spec does not ask for more (horizontal bars do). */
  @property({ type: Number }) height = 280;

  private drawn: { chart: DrawnChart; kind: string; width: number; height: number; untrack: () => void } | null = null;
  private size: { width: number; height: number } | null = null;
  private cancel: (() => void) | null = null;
  private observed: HTMLElement | null = null;
  private readonly observer = new ResizeObserver((entries) => {
    const box = entries.at(-1)?.contentRect;
    if (!box) return;
    this.size = { width: box.width, height: box.height };
    this.draw();
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observeFigure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    this.observed = null;
    this.cancel?.();
    this.cancel = null;
    this.drawn?.untrack();
    this.drawn?.chart.destroy();
    this.drawn = null;
    this.size = null;
  }

  /** The canvas once the chart is drawn (for export), else null. */
  get canvas(): HTMLCanvasElement | null {
    return this.drawn?.chart.canvas ?? null;
  }

  protected override render(): TemplateResult {
    const spec = this.spec;
    if (spec?.kind === 'heatmap') return html`<div class="fb-heatmap-slot"></div>`;
    const height = spec ? chartHeight(spec, this.height) : this.height;
    return html`<div class="fb-chart" style=${height !== this.height ? `height: ${height}px` : ''}></div>`;
  }

  protected override updated(): void {
    this.observeFigure();
    const spec = this.spec;
    if (spec?.kind === 'heatmap') {
      const slot = this.querySelector<HTMLElement>('.fb-heatmap-slot');
      if (slot) drawHeatmap(slot, spec);
      return;
    }
    this.draw();
  }

  private figure(): HTMLElement | null {
    return this.querySelector<HTMLElement>('.fb-chart');
  }

  /** Watches the figure's size (a new figure after a change of kind, or none for a heatmap). */
  private observeFigure(): void {
    const figure = this.figure();
    if (figure === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    if (figure) this.observer.observe(figure);
    this.observed = figure;
    this.size = null;
  }

  /** Redraws in place when only the data changed; otherwise (first time, new size or kind) waits for a frame. */
  private draw(): void {
    const spec = this.spec;
    const size = this.size;
    if (!spec || spec.kind === 'heatmap' || !size || size.width < 1 || size.height < 1) return;
    const drawn = this.drawn;
    if (drawn && drawn.kind === spec.kind && Math.abs(drawn.width - size.width) < 1 && Math.abs(drawn.height - size.height) < 1) {
      drawn.chart.update(spec);
      return;
    }
    if (this.cancel) return;
    this.cancel = scheduleChart((render) => {
      this.cancel = null;
      const figure = this.figure();
      const current = this.spec;
      const at = this.size;
      if (!figure || !current || current.kind === 'heatmap' || !at || !this.isConnected) return;
      this.drawn?.untrack();
      this.drawn?.chart.destroy();
      const chart = render.drawChart(figure, current as CanvasSpec, at);
      this.drawn = { chart, kind: current.kind, width: at.width, height: at.height, untrack: trackChart(chart) };
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-chart': FbChart;
  }
}
