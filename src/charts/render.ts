/**
 * Draws plain-data chart specs with Chart.js, in the chunk that loads with the first chart. Only
 * the controllers and scales the specs use are registered (not `chart.js/auto`). Charts are
 * drawn at the size the caller measured (not `responsive`): Chart.js then reads no layout, where
 * a responsive chart forces three layouts as it is created.
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
import type { HistogramSpec, XYChartSpec } from '../ml/charts/spec';
import { describeSpec, formatTick, PALETTE } from './format';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
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
);

/** A spec Chart.js draws (heatmaps are tables, see heatmap.ts). */
export type CanvasSpec = XYChartSpec | HistogramSpec;

/** A drawn chart, redrawn in place with a new spec of the same kind. */
export interface DrawnChart {
  readonly canvas: HTMLCanvasElement;
  update(spec: CanvasSpec): void;
  /** Redraws with the current theme colours. */
  retheme(): void;
  destroy(): void;
}

/** Series colours of the current theme (see `paletteFor`). */
let palette: readonly string[] = PALETTE;

/**
 * Text and grid colours (the page's CSS variables, read by the caller) and the series palette
 * for charts drawn from now on; `retheme()` redraws a drawn chart with them.
 */
export function setChartTheme(theme: { text: string; border: string; palette: readonly string[] }): void {
  Chart.defaults.color = theme.text;
  Chart.defaults.borderColor = theme.border;
  palette = theme.palette;
}

/** Draws `spec` into `container` (emptied first) at `width` × `height` CSS pixels. */
export function drawChart(container: HTMLElement, spec: CanvasSpec, size: { width: number; height: number }): DrawnChart {
  const canvas = document.createElement('canvas');
  // Explicit sizes: Chart.js sizes the backing store for the device pixel ratio from these.
  canvas.width = Math.max(1, Math.floor(size.width));
  canvas.height = Math.max(1, Math.floor(size.height));
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', describeSpec(spec));
  container.replaceChildren(canvas);
  const chart = new Chart(canvas, toConfig(spec));
  let current = spec;
  const update = (next: CanvasSpec) => {
    current = next;
    const config = toConfig(next);
    chart.data = config.data;
    chart.options = config.options ?? {};
    canvas.setAttribute('aria-label', describeSpec(next));
    chart.update('none');
  };
  return {
    canvas,
    update,
    // Series colours are baked into the datasets, so a new palette needs the config rebuilt.
    retheme: () => update(current),
    destroy: () => chart.destroy(),
  };
}

/** Draws a small chart of `kind` off the page and throws it away (see schedule.ts, warming up). */
export function warmUp(kind: XYChartSpec['kind']): void {
  const series = [
    { label: 'a', x: [1, 2, 3], y: [1, 3, 2] },
    { label: 'b', x: [1, 2, 3], y: [2, 1, 3] },
  ];
  const spec: XYChartSpec = { type: 'chart', kind, title: 'warm-up', x: { label: 'x' }, y: { label: 'y' }, categories: ['a', 'b', 'c'], series };
  drawChart(document.createElement('div'), spec, { width: 240, height: 160 }).destroy();
}

function color(i: number, explicit?: string): string {
  return explicit ?? palette[i % palette.length];
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
  const common = { responsive: false, maintainAspectRatio: false, animation: false as const, plugins: { title, legend } };

  if (spec.kind === 'histogram') {
    const labels = spec.edges.slice(0, -1).map((e, i) => `${formatTick(e)}–${formatTick(spec.edges[i + 1])}`);
    return {
      type: 'bar',
      data: {
        labels,
        datasets: spec.series.map((s, i) => ({
          label: s.label,
          data: s.y,
          backgroundColor: withAlpha(color(i, s.color), 0.6),
          borderColor: color(i, s.color),
          borderWidth: 1,
          barPercentage: 1,
          categoryPercentage: 1,
        })),
      },
      options: { ...common, scales: { x: axis(spec.x, 'category'), y: { ...axis(spec.y, 'linear'), beginAtZero: true } } },
    };
  }
  if (spec.kind === 'bar') {
    const labels = spec.categories ?? spec.series[0]?.y.map((_, i) => String(i + 1)) ?? [];
    const horizontal = Boolean(spec.horizontal);
    return {
      type: 'bar',
      data: {
        labels,
        datasets: spec.series.map((s, i) => ({
          label: s.label,
          data: s.y,
          backgroundColor: withAlpha(color(i, s.color), 0.75),
          borderColor: color(i, s.color),
          borderWidth: 1,
        })),
      },
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

function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
