/**
 * Renderers for the plain-data chart specs cells produce. Chart.js stays out of the page's first
 * load: `scheduleChart` loads it with the first chart (render.ts); heatmaps are plain tables.
 */
export { chartHeight, describeSpec, formatTick, paletteFor, PALETTE, PALETTE_DARK, type ColorScheme } from './format';
export { drawHeatmap } from './heatmap';
export { drawPendingCharts, scheduleChart, trackChart } from './schedule';
export type { CanvasSpec, DrawnChart } from './render';
// The toolkit builds every chart of a training run; the page draws what it returns.
export { trainingViewCharts } from '../ml/charts/training';
