/** Chart.js renderers for the plain-data chart specs cells produce. */
export { renderChart, describeSpec, formatTick, PALETTE, type RenderedChart } from './render';
