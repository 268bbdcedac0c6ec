/** Chart helpers that need no Chart.js: palette, tick labels and text alternatives. */
import type { ChartSpec } from '../ml/charts/spec';

/** Colour-blind-safe palette (Okabe–Ito), in series order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** A one-sentence text alternative for screen readers. */
export function describeSpec(spec: ChartSpec): string {
  const title = spec.title ?? 'Chart';
  if (spec.kind === 'heatmap') return `${title}: ${spec.rows.length} by ${spec.cols.length} table`;
  const names = spec.series.map((s) => s.label).join(', ');
  return `${title} (${spec.kind} chart${names ? ` of ${names}` : ''})`;
}

/** Short numeric labels: integers as is, others to 3 significant digits. */
export function formatTick(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(3)));
}

/** Height in CSS pixels a chart's figure takes: horizontal bars grow with their categories. */
export function chartHeight(spec: ChartSpec, base: number): number {
  return spec.kind === 'bar' && spec.horizontal ? Math.max(200, 70 + 26 * (spec.categories?.length ?? 8)) : base;
}
