/** Chart helpers that need no Chart.js: palette, tick labels and text alternatives. */
import type { ChartSpec } from '../ml/charts/spec';

/** A colour scheme the page follows (`prefers-color-scheme`). */
export type ColorScheme = 'light' | 'dark';

/**
 * Series colours on the light theme's white chart background, in series order: Okabe–Ito's
 * hues, with the three too pale for white (orange 2.3:1, sky blue 2.3:1, yellow 1.3:1) and
 * vermillion moved so that every colour has at least 3:1 contrast with the background (WCAG
 * 1.4.11) and no pair gets closer under simulated deuteranopia, protanopia or tritanopia than
 * the original palette's closest pair: darkening orange alone lands it on vermillion for a
 * deuteranope, so vermillion lightens a little and yellow turns olive.
 */
export const PALETTE: readonly string[] = ['#0072B2', '#AD8F00', '#009E73', '#CC79A7', '#2995FF', '#DF7249', '#776E0D', '#000000'];

/**
 * Series colours on the dark theme's background: Okabe–Ito as published, with black (1.3:1 on
 * the dark background, an invisible line) swapped for a light grey.
 */
export const PALETTE_DARK: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#DDDDDD'];

/** The series palette for a colour scheme. */
export function paletteFor(scheme: ColorScheme): readonly string[] {
  return scheme === 'dark' ? PALETTE_DARK : PALETTE;
}

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
