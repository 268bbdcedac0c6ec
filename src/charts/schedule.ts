/**
 * When charts get drawn: at most one per animation frame (creating a chart is several
 * milliseconds of script, so a training view's two charts or a section of charts never land in
 * one task), with Chart.js loaded when the first chart is due. Charts follow the colour scheme,
 * also when it changes while they are on screen.
 */
import type * as RenderModule from './render';
import type { DrawnChart } from './render';
import { paletteFor } from './format';

type Render = typeof RenderModule;

let loading: Promise<Render> | null = null;
const queue: ((render: Render) => void)[] = [];
let frame = 0;
const live = new Set<DrawnChart>();

const DARK = '(prefers-color-scheme: dark)';

function readTheme(render: Render): void {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const palette = paletteFor(matchMedia(DARK).matches ? 'dark' : 'light');
  render.setChartTheme({ text: read('--text', '#1d2428'), border: read('--border', '#d6d3c9'), palette });
}

function load(): Promise<Render> {
  loading ??= import('./render').then(async (render) => {
    readTheme(render);
    matchMedia(DARK).addEventListener('change', () => {
      readTheme(render);
      for (const chart of live) chart.retheme();
    });
    // Chart.js's first chart of a kind costs several times the next one (its code is compiled as
    // it first runs): pay that on small charts nobody sees, one per idle moment, so the learner's
    // first chart is not one long task.
    for (const kind of WARM_UP_KINDS) {
      await idle();
      render.warmUp(kind);
    }
    return render;
  });
  return loading;
}

const WARM_UP_KINDS = ['scatter', 'line', 'bar'] as const;

function idle(): Promise<void> {
  return new Promise((resolve) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 200 }) : setTimeout(resolve, 0),
  );
}

function pump(render: Render): void {
  frame = 0;
  queue.shift()?.(render);
  if (queue.length) frame = requestAnimationFrame(() => pump(render));
}

/**
 * Runs `draw` in a frame of its own once Chart.js is loaded; returns a function that cancels it
 * if it has not run yet.
 */
export function scheduleChart(draw: (render: Render) => void): () => void {
  queue.push(draw);
  if (!frame)
    void load().then((render) => {
      if (!frame && queue.length) frame = requestAnimationFrame(() => pump(render));
    });
  return () => {
    const i = queue.indexOf(draw);
    if (i >= 0) queue.splice(i, 1);
  };
}

/** Draws every chart still waiting for its frame, now (before an export reads the canvases). */
export async function drawPendingCharts(): Promise<void> {
  const render = await load();
  while (queue.length) queue.shift()!(render);
}

/** Tracks a drawn chart, so a change of colour scheme redraws it. */
export function trackChart(chart: DrawnChart): () => void {
  live.add(chart);
  return () => live.delete(chart);
}
