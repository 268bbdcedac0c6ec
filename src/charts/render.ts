/**
 * Renders plain-data chart specs with Chart.js. Only the controllers and scales the specs use are
 * registered (not `chart.js/auto`), which keeps the page's bundle small.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import type { ChartSpec, HeatmapSpec, HistogramSpec, XYChartSpec } from '../ml/charts/spec';

Chart.register(
  BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController,
  LineElement, LogarithmicScale, PointElement, ScatterController, Title, Tooltip,
);

/** Colour-blind-safe palette (Okabe–Ito), in series order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** A drawn chart that can be redrawn with a new spec of the same kind. */
export interface RenderedChart {
  update(spec: ChartSpec): void;
  destroy(): void;
}

/** Takes text and grid colours from the page's CSS variables, so charts follow light and dark mode. */
function applyTheme(): void {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  Chart.defaults.color = read('--text', '#1d2428');
  Chart.defaults.borderColor = read('--border', '#d6d3c9');
}

/** Draws `spec` into `container` (emptied first). */
export function renderChart(container: HTMLElement, spec: ChartSpec): RenderedChart {
  container.replaceChildren();
  applyTheme();
  if (spec.kind === 'heatmap') return renderHeatmap(container, spec);
  const figure = document.createElement('div');
  figure.className = 'fb-chart';
  if (spec.kind === 'bar' && spec.horizontal) figure.style.height = `${Math.max(200, 70 + 26 * (spec.categories?.length ?? 8))}px`;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', describeSpec(spec));
  figure.append(canvas);
  container.append(figure);
  const chart = new Chart(canvas, toConfig(spec));
  return {
    update(next) {
      if (next.kind === 'heatmap' || next.kind !== spec.kind) {
        chart.destroy();
        Object.assign(this, renderChart(container, next));
        return;
      }
      const config = toConfig(next);
      chart.data = config.data;
      chart.options = config.options ?? {};
      canvas.setAttribute('aria-label', describeSpec(next));
      chart.update('none');
    },
    destroy: () => chart.destroy(),
  };
}

/** A one-sentence text alternative for screen readers. */
export function describeSpec(spec: ChartSpec): string {
  const title = spec.title ?? 'Chart';
  if (spec.kind === 'heatmap') return `${title}: ${spec.rows.length} by ${spec.cols.length} table`;
  const names = spec.series.map((s) => s.label).join(', ');
  return `${title} (${spec.kind} chart${names ? ` of ${names}` : ''})`;
}

function color(i: number, explicit?: string): string {
  return explicit ?? PALETTE[i % PALETTE.length];
}

function toConfig(spec: XYChartSpec | HistogramSpec): ChartConfiguration {
  const title = spec.title ? { display: true, text: spec.title, font: { size: 14 } } : { display: false };
  const legend = { display: spec.series.length > 1, position: 'bottom' as const };
  const axis = (a: XYChartSpec['x'], fallback: 'linear' | 'category') => ({
    type: a?.log ? ('logarithmic' as const) : fallback,
    min: a?.min,
    max: a?.max,
    title: { display: Boolean(a?.label), text: a?.label ?? '' },
  });
  const common = { responsive: true, maintainAspectRatio: false, animation: false as const, plugins: { title, legend } };

  if (spec.kind === 'histogram') {
    const labels = spec.edges.slice(0, -1).map((e, i) => `${formatTick(e)}–${formatTick(spec.edges[i + 1])}`);
    return {
      type: 'bar',
      data: {
        labels,
        datasets: spec.series.map((s, i) => ({ label: s.label, data: s.y, backgroundColor: withAlpha(color(i, s.color), 0.6), borderColor: color(i, s.color), borderWidth: 1, barPercentage: 1, categoryPercentage: 1 })),
      },
      options: { ...common, scales: { x: axis(spec.x, 'category'), y: { ...axis(spec.y, 'linear'), beginAtZero: true } } },
    };
  }
  if (spec.kind === 'bar') {
    const labels = spec.categories ?? spec.series[0]?.y.map((_, i) => String(i + 1)) ?? [];
    const horizontal = Boolean(spec.horizontal);
    return {
      type: 'bar',
      data: { labels, datasets: spec.series.map((s, i) => ({ label: s.label, data: s.y, backgroundColor: withAlpha(color(i, s.color), 0.75), borderColor: color(i, s.color), borderWidth: 1 })) },
      options: {
        ...common,
        indexAxis: horizontal ? 'y' : 'x',
        // `x` and `y` name the horizontal and vertical axes as drawn: for horizontal bars the values
        // run along x and the categories down y. Every category keeps its label (no auto-skip).
        scales: horizontal
          ? { y: { ...axis(spec.y, 'category'), ticks: { autoSkip: false } }, x: { ...axis(spec.x, 'linear'), beginAtZero: !spec.x?.log } }
          : { x: { ...axis(spec.x, 'category'), ticks: { autoSkip: false } }, y: { ...axis(spec.y, 'linear'), beginAtZero: !spec.y?.log } },
      },
    };
  }
  const datasets: ChartDataset<'line' | 'scatter', { x: number; y: number }[]>[] = spec.series.map((s, i) => ({
    label: s.label,
    data: s.y.map((y, j) => ({ x: s.x ? s.x[j] : j + 1, y })),
    borderColor: color(i, s.color),
    backgroundColor: withAlpha(color(i, s.color), s.fill ? 0.15 : 0.7),
    borderDash: s.dashed ? [6, 4] : undefined,
    fill: Boolean(s.fill),
    pointRadius: (s.style ?? (spec.kind === 'scatter' ? 'points' : 'line')) === 'points' ? 3 : s.y.length > 40 ? 0 : 2,
    borderWidth: 2,
    showLine: (s.style ?? (spec.kind === 'scatter' ? 'points' : 'line')) === 'line',
    tension: 0,
  }));
  return {
    type: spec.kind === 'scatter' ? 'scatter' : 'line',
    data: { datasets } as ChartConfiguration['data'],
    options: {
      ...common,
      parsing: false,
      // Whole-number x values (weeks, epochs, degrees) get whole-number ticks, not 16.5.
      scales: { x: { ...axis(spec.x, 'linear'), ...(wholeX(spec) ? { ticks: { precision: 0 } } : {}) }, y: axis(spec.y, 'linear') },
    },
  } as ChartConfiguration;
}

/** True when every series has x values and all of them are whole numbers. */
function wholeX(spec: XYChartSpec): boolean {
  return spec.series.length > 0 && spec.series.every((s) => s.x !== undefined && s.x.every(Number.isInteger));
}

function renderHeatmap(container: HTMLElement, spec: HeatmapSpec): RenderedChart {
  const draw = (s: HeatmapSpec) => {
    const max = Math.max(1e-12, ...s.values.flat().map(Math.abs));
    const table = document.createElement('table');
    table.className = 'fb-heatmap';
    if (s.title) table.createCaption().textContent = s.title;
    const head = table.createTHead().insertRow();
    const corner = document.createElement('th');
    corner.textContent = [s.rowLabel, s.colLabel].filter(Boolean).join(' \\ ');
    head.append(corner);
    for (const c of s.cols) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c;
      head.append(th);
    }
    const body = table.createTBody();
    s.rows.forEach((r, i) => {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = r;
      row.append(th);
      s.values[i].forEach((v) => {
        const td = row.insertCell();
        const strength = Math.abs(v) / max;
        td.textContent = formatTick(v);
        td.style.background = `rgba(0, 114, 178, ${(0.08 + 0.82 * strength).toFixed(3)})`;
        td.style.color = strength > 0.5 ? '#fff' : 'inherit';
      });
    });
    container.replaceChildren(table);
  };
  draw(spec);
  return {
    update: (next) => (next.kind === 'heatmap' ? draw(next) : renderChart(container, next)),
    destroy: () => container.replaceChildren(),
  };
}

/** Short numeric labels: integers as is, others to 3 significant digits. */
export function formatTick(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
