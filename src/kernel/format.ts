/**
 * Turns any value a cell displays into plain data the page can render: chart specs stay charts,
 * arrays of records become tables, tensors and models become readable text. Never sends a tensor.
 */
import { isChartSpec } from '../ml/charts/spec';
import { MIME, type Output, type TableData } from './protocol';

/** A value ready to post: a MIME type and JSON-safe data of that type. */
export type Formatted = Output;

/** Rows shown before "show more" when a table is displayed without an explicit limit. */
export const DEFAULT_TABLE_ROWS = 20;

/** Formats a value for display; `maxRows` caps tables (the page offers the rest on demand up to it). */
export function formatValue(value: unknown, maxRows = 200): Formatted {
  if (isChartSpec(value)) return { mime: MIME.chart, data: value };
  if (isTensorLike(value)) return { mime: MIME.text, data: formatTensor(value) };
  if (isLayersModelLike(value)) return { mime: MIME.text, data: summarizeModel(value) };
  if (isRecordArray(value)) return { mime: MIME.table, data: tableFromRecords(value, maxRows) };
  return { mime: MIME.text, data: inspect(value) };
}

/** Builds table data from records (objects) or from rows (arrays) with column names. */
export function tableFromRecords(records: readonly Record<string, unknown>[], maxRows = 200, columns?: string[], caption?: string): TableData {
  const cols = columns ?? collectColumns(records);
  const rows = records.slice(0, maxRows).map((r) => cols.map((c) => toCell(r[c])));
  return { columns: cols, rows, totalRows: records.length, caption };
}

function collectColumns(records: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of records.slice(0, 200)) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function toCell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? roundForDisplay(v) : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return inspect(v, 1);
}

/** Rounds to 6 significant digits so tables are readable; integers stay exact. */
export function roundForDisplay(v: number): number {
  if (Number.isInteger(v)) return v;
  return Number(v.toPrecision(6));
}

function isRecordArray(v: unknown): v is Record<string, unknown>[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r) && Object.getPrototypeOf(r) === Object.prototype)
  );
}

interface TensorLike {
  shape: number[];
  dtype: string;
  isDisposed: boolean;
  toString(verbose?: boolean): string;
}

function isTensorLike(v: unknown): v is TensorLike {
  return typeof v === 'object' && v !== null && Array.isArray((v as TensorLike).shape) && typeof (v as TensorLike).dtype === 'string' && 'dataId' in v;
}

function formatTensor(t: TensorLike): string {
  if (t.isDisposed) return `Tensor (disposed) shape [${t.shape.join(', ')}]`;
  const size = t.shape.reduce((a, b) => a * b, 1);
  const head = `Tensor ${t.dtype} shape [${t.shape.join(', ')}]`;
  // tfjs's own printer elides large tensors; it reads the data synchronously, which is fine in a worker.
  return size <= 10_000 ? `${head}\n${t.toString().replace(/^Tensor\n?/, '')}` : head;
}

interface LayersModelLike {
  layers: unknown[];
  summary(lineLength?: number, positions?: number[], printFn?: (message?: unknown) => void): void;
}

function isLayersModelLike(v: unknown): v is LayersModelLike {
  return typeof v === 'object' && v !== null && Array.isArray((v as LayersModelLike).layers) && typeof (v as LayersModelLike).summary === 'function';
}

/** The Keras-style summary of a layers model (layers, output shapes, parameters). */
export function summarizeModel(model: LayersModelLike): string {
  const lines: string[] = [];
  model.summary(80, undefined, (line?: unknown) => lines.push(String(line ?? '')));
  return lines.join('\n');
}

/** A compact, cycle-safe, readable rendering of any value (like Node's util.inspect, smaller). */
export function inspect(value: unknown, depth = 3): string {
  const seen = new WeakSet<object>();
  const show = (v: unknown, level: number): string => {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    if (typeof v === 'string') return level === 0 ? v : JSON.stringify(v);
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(roundForDisplay(v));
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'boolean' || typeof v === 'symbol') return String(v);
    if (typeof v === 'function') return `[Function ${v.name || '(anonymous)'}]`;
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    if (v instanceof Date) return v.toISOString();
    if (isTensorLike(v)) return `Tensor ${v.dtype} [${v.shape.join(', ')}]`;
    const obj = v as object;
    if (seen.has(obj)) return '[Circular]';
    if (level >= depth) return Array.isArray(v) ? `[Array(${v.length})]` : '[Object]';
    seen.add(obj);
    try {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        const arr = Array.from(v as unknown as ArrayLike<number>);
        return `${v.constructor.name}(${arr.length}) ${listItems(
          arr.map((x) => show(x, level + 1)),
          100,
        )}`;
      }
      if (Array.isArray(v))
        return listItems(
          v.map((x) => show(x, level + 1)),
          100,
        );
      if (v instanceof Map) {
        const items = [...v].slice(0, 50).map(([k, x]) => `${show(k, level + 1)} => ${show(x, level + 1)}`);
        return `Map(${v.size}) {${items.join(', ')}${v.size > 50 ? ', …' : ''}}`;
      }
      if (v instanceof Set)
        return `Set(${v.size}) ${listItems(
          [...v].map((x) => show(x, level + 1)),
          50,
        )}`;
      const entries = Object.entries(obj)
        .slice(0, 50)
        .map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${show(x, level + 1)}`);
      const name = obj.constructor && obj.constructor !== Object ? `${obj.constructor.name} ` : '';
      const body = entries.join(', ');
      return body.length > 100 ? `${name}{\n  ${entries.join(',\n  ')}\n}` : `${name}{ ${body} }`;
    } finally {
      seen.delete(obj);
    }
  };
  return show(value, 0);
}

function listItems(items: string[], max: number): string {
  const shown = items.slice(0, max);
  const more = items.length > max ? `, … ${items.length - max} more` : '';
  const flat = `[${shown.join(', ')}${more}]`;
  return flat.length > 100 && shown.some((s) => s.includes('{')) ? `[\n  ${shown.join(',\n  ')}${more}\n]` : flat;
}

/** One line of console output, as `console.log(...args)` would print it. */
export function formatLogLine(args: readonly unknown[]): string {
  return `${args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ')}\n`;
}
