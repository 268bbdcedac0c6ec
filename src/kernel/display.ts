/**
 * The display API cells call: `display(value)`, `display.table(...)`, `display.chart(spec)`,
 * `display.progress(...)`, `display.training(...)`. It posts plain data; updates are throttled to
 * at most one every 100 ms and flushed before the run reports `done`.
 */
import type { ChartSpec } from '../ml/charts/spec';
import { widgetKey } from '../notebook/widget-key';
import { DEFAULT_TABLE_ROWS, formatValue, inspect, tableFromRecords, type Formatted } from './format';
import {
  MIME,
  toOutput,
  type Mime,
  type OutputData,
  type ProgressData,
  type TrainingData,
  type WidgetData,
  type WidgetValue,
  type WorkerMessage,
} from './protocol';
import { throttle, type Throttled } from './throttle';
import { createTrainingView, type TrainingView, type TrainingViewOptions } from './training-view';

/** Marks objects the display API returns, so a cell ending in `display.chart(...)` shows the chart once, not the handle too. */
const HANDLE = Symbol.for('fieldbook.display-handle');

/** True for handles and views the display API returned. */
export function isDisplayHandle(value: unknown): boolean {
  return typeof value === 'object' && value !== null && HANDLE in value;
}

/** Marks `handle` as returned by the display API (so it is not displayed again as a cell's value). */
export function mark<T extends object>(handle: T): T {
  Object.defineProperty(handle, HANDLE, { value: true });
  return handle;
}

/** Minimum milliseconds between two updates of one output. */
export const UPDATE_INTERVAL_MS = 100;

/** A displayed output that can be replaced in place. */
export interface DisplayHandle<T = unknown> {
  readonly displayId: string;
  update(value: T): void;
}

/** A progress bar a cell drives. */
export interface ProgressHandle {
  readonly displayId: string;
  update(value: number, label?: string): void;
  done(): void;
}

/** Options for `display.table`. */
export interface TableOptions {
  /** Rows shown before "show more" (default 20). */
  limit?: number;
  /** Rows sent at most (default 500). */
  maxRows?: number;
  columns?: string[];
  caption?: string;
}

/** What `display` is inside a cell. */
export interface DisplayApi {
  (value: unknown): DisplayHandle;
  text(text: string): DisplayHandle<string>;
  html(html: string): DisplayHandle<string>;
  table(rows: readonly object[] | { columns: string[]; rows: readonly object[] }, options?: TableOptions): DisplayHandle<readonly object[]>;
  chart(spec: ChartSpec): DisplayHandle<ChartSpec>;
  progress(options?: { max?: number; label?: string }): ProgressHandle;
  training(options: TrainingViewOptions): TrainingView;
  /** A slider; returns its current value. Moving it re-runs this cell and the cells that read its names. */
  slider(options: { label: string; min: number; max: number; step?: number; value?: number }): number;
  /** A drop-down list; returns the chosen option. */
  select<T extends string>(options: { label: string; options: readonly T[]; value?: T }): T;
  /** A checkbox; returns whether it is ticked. */
  checkbox(options: { label: string; value?: boolean }): boolean;
  /** A one-line text box; returns its text. */
  textbox(options: { label: string; value?: string; placeholder?: string }): string;
  /** A file picker; returns the chosen file's name and text, or null until the learner picks one. */
  file(options: { label: string; accept?: string }): { name: string; size: number; text: string } | null;
}

/** The run-scoped sink a display API posts to. */
export interface DisplaySink {
  runId: string;
  post(message: WorkerMessage): void;
  signal: AbortSignal;
  /** The running cell, which owns the widgets it creates. */
  cellId?: string;
  /** Values the learner set on widgets, by widget key (kept by the kernel across runs). */
  widgetValues?: ReadonlyMap<string, WidgetValue>;
}

/** Creates the display API for one run; `flushAll()` sends every pending throttled update. */
export function createDisplayApi(sink: DisplaySink): { display: DisplayApi; flushAll(): void } {
  let counter = 0;
  const throttles: Array<Pick<Throttled<Formatted>, 'flush'>> = [];
  const newId = () => `${sink.runId}-d${++counter}`;

  const show = (formatted: Formatted): string => {
    const displayId = newId();
    sink.post({ type: 'display', runId: sink.runId, displayId, ...formatted });
    return displayId;
  };

  /** A throttled sender of new outputs for `displayId` (an update may change the MIME type). */
  const updater = <T>(displayId: string, toOutputOf: (value: T) => Formatted): ((value: T) => void) => {
    const send = throttle<Formatted>((output) => sink.post({ type: 'update-display', runId: sink.runId, displayId, ...output }), UPDATE_INTERVAL_MS);
    throttles.push(send);
    return (value: T) => send(toOutputOf(value));
  };

  const simple = <T, M extends Mime>(mime: M, toData: (value: T) => OutputData<M>, value: T): DisplayHandle<T> => {
    const toOutputOf = (v: T) => toOutput(mime, toData(v));
    const displayId = show(toOutputOf(value));
    return mark({ displayId, update: updater(displayId, toOutputOf) });
  };

  const tableData = (options: TableOptions) => (value: readonly object[] | { columns: string[]; rows: readonly object[] }) => {
    const { rows, columns } = Array.isArray(value)
      ? { rows: value as readonly Record<string, unknown>[], columns: options.columns }
      : { rows: (value as { rows: readonly Record<string, unknown>[] }).rows, columns: options.columns ?? (value as { columns: string[] }).columns };
    const data = tableFromRecords(rows as Record<string, unknown>[], options.maxRows ?? 500, columns, options.caption);
    return { ...data, limit: options.limit ?? DEFAULT_TABLE_ROWS };
  };

  const display = ((value: unknown) => {
    const first = formatValue(value);
    const displayId = show(first);
    return mark({ displayId, update: updater(displayId, (v: unknown) => formatValue(v)) });
  }) as DisplayApi;
  display.text = (text) => simple(MIME.text, (t: string) => (typeof t === 'string' ? t : inspect(t)), text);
  display.html = (html) => simple(MIME.html, (h: string) => String(h), html);
  display.table = (rows, options = {}) => simple(MIME.table, tableData(options), rows);
  display.chart = (spec) => simple(MIME.chart, (s: ChartSpec) => s, spec);
  display.progress = ({ max = 1, label } = {}) => {
    const started = Date.now();
    let current: ProgressData = { value: 0, max, label };
    const displayId = show({ mime: MIME.progress, data: current });
    const send = updater(displayId, (p: ProgressData) => toOutput(MIME.progress, p));
    return mark({
      displayId,
      update(value: number, newLabel?: string) {
        const fraction = max > 0 ? value / max : 0;
        const elapsed = (Date.now() - started) / 1000;
        const eta = fraction > 0 && fraction < 1 ? (elapsed / fraction) * (1 - fraction) : undefined;
        current = { value, max, label: newLabel ?? current.label, eta };
        send(current);
      },
      done() {
        current = { ...current, value: max, eta: 0 };
        send(current);
      },
    });
  };
  display.training = (options) => {
    const view = createTrainingView(options, sink.signal, (data) => {
      const displayId = show({ mime: MIME.training, data });
      return updater(displayId, (d: TrainingData) => toOutput(MIME.training, d));
    });
    return mark(view);
  };
  let widgetCount = 0;
  const widget = <T extends WidgetValue>(data: Omit<WidgetData, 'key' | 'value'>, initial: T): T => {
    const key = widgetKey(sink.cellId ?? sink.runId, ++widgetCount);
    const stored = sink.widgetValues?.get(key);
    const value = (stored !== undefined ? stored : initial) as T;
    show({ mime: MIME.widget, data: { ...data, key, value } satisfies WidgetData });
    return value;
  };
  display.slider = ({ label, min, max, step, value }) => {
    if (!(max > min)) throw new RangeError(`display.slider "${label}": max (${max}) must be greater than min (${min}).`);
    return widget({ kind: 'slider', label, min, max, step: step ?? (max - min) / 100 }, value ?? min);
  };
  display.select = ({ label, options, value }) => {
    if (!options.length) throw new RangeError(`display.select "${label}" needs at least one option.`);
    return widget({ kind: 'select', label, options: [...options] }, value ?? options[0]);
  };
  display.checkbox = ({ label, value }) => widget({ kind: 'checkbox', label }, value ?? false);
  display.textbox = ({ label, value, placeholder }) => widget({ kind: 'text', label, placeholder }, value ?? '');
  display.file = ({ label, accept }) => widget<{ name: string; size: number; text: string } | null>({ kind: 'file', label, accept }, null);
  return { display, flushAll: () => throttles.forEach((t) => t.flush()) };
}
