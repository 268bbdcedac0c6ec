/**
 * The key of an input widget: `<cellId>#<n>`, the n-th widget a cell creates (counting from 1),
 * stable across re-runs of the cell so the learner's value survives them. One helper builds and
 * reads it, for the kernel (which creates widgets and forgets a deleted cell's values) and the
 * session (which re-runs the widget's cell).
 */

/** The separator between the cell id and the widget's number; cell ids never contain it. */
const SEPARATOR = '#';

/** A widget key taken apart. */
export interface WidgetKeyParts {
  cellId: string;
  /** 1-based position among the widgets the cell creates in one run. */
  n: number;
}

/** Builds the key of the n-th widget of a cell. */
export function widgetKey(cellId: string, n: number): string {
  return `${cellId}${SEPARATOR}${n}`;
}

/** Reads a widget key; null when `key` is not one. */
export function parseWidgetKey(key: string): WidgetKeyParts | null {
  const at = key.lastIndexOf(SEPARATOR);
  if (at <= 0) return null;
  const n = Number(key.slice(at + 1));
  return Number.isInteger(n) && n > 0 ? { cellId: key.slice(0, at), n } : null;
}

/** True when `key` is a widget of the cell `cellId`. */
export function isWidgetOf(key: string, cellId: string): boolean {
  return parseWidgetKey(key)?.cellId === cellId;
}
