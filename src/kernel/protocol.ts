/**
 * Messages between the page and the kernel worker, shaped like Jupyter's. Every message a run
 * produces carries the `runId` that produced it, so the page can drop late messages of old runs.
 * Outputs are a union keyed on their MIME type, so each one's `data` has its own type.
 */
import type { ChartSpec } from '../ml/charts/spec';

/** tfjs backends the kernel can use. */
export type BackendName = 'cpu' | 'wasm' | 'webgl';

/** Output MIME types the page knows how to render. */
export const MIME = {
  text: 'text/plain',
  html: 'text/html',
  table: 'application/vnd.fieldbook.table+json',
  chart: 'application/vnd.fieldbook.chart+json',
  progress: 'application/vnd.fieldbook.progress+json',
  training: 'application/vnd.fieldbook.training+json',
  widget: 'application/vnd.fieldbook.widget+json',
  /** An exercise panel: what `exercise({...})` shows (see `ExerciseData`). */
  exercise: 'application/vnd.fieldbook.exercise+json',
  /** Base64 PNG (from an imported notebook's outputs). */
  png: 'image/png',
} as const;

/** One of the MIME types above. */
export type Mime = (typeof MIME)[keyof typeof MIME];

/** A plain-data table: what `display.table` sends. */
export interface TableData {
  columns: string[];
  rows: unknown[][];
  /** Rows in the full table (more than `rows.length` when truncated). */
  totalRows: number;
  caption?: string;
}

/** A progress bar: `value` of `max`, with an optional label. */
export interface ProgressData {
  label?: string;
  value: number;
  max: number;
  /** Seconds left, when known. */
  eta?: number;
}

/** Live training state: what the training view draws. */
export interface TrainingData {
  title?: string;
  epochs: number;
  epoch: number;
  batch?: number;
  batchesPerEpoch?: number;
  /** Metric name -> one value per finished epoch (`val_` prefix for validation). */
  history: Record<string, number[]>;
  /** The metrics the cell asked to draw (`display.training({ metrics })`), one chart each; absent: the default view. */
  metrics?: string[];
  eta?: number;
  elapsed: number;
  state: 'running' | 'done' | 'stopped';
}

/** The value an input widget holds. */
export type WidgetValue = number | string | boolean | { name: string; size: number; text: string } | null;

/** An input widget a cell shows; moving it re-runs the cells that read its value. */
export interface WidgetData {
  /** `<cellId>#<n>`: the n-th widget the cell creates, stable across re-runs. */
  key: string;
  kind: 'slider' | 'select' | 'checkbox' | 'text' | 'file';
  label: string;
  value: WidgetValue;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  /** File types a file picker offers, e.g. ".csv". */
  accept?: string;
  placeholder?: string;
}

/** Where an exercise stands after its check ran (DESIGN §5.1: `data-exercise-status`). */
export type ExerciseStatus = 'pending' | 'passed' | 'failed';

/** An exercise panel: the exercise as the cell declared it, and the verdict of its check. */
export interface ExerciseData {
  /** Unique in the notebook; the panel carries it as `data-exercise`. */
  id: string;
  title: string;
  /** Markdown: what to do. */
  task?: string;
  hints: string[];
  /** Markdown or code, shown only after the learner confirms. */
  solution?: string;
  status: ExerciseStatus;
  message: string;
  /** True while an async check is still running. */
  checking: boolean;
}

/** A table as `display.table` sends it: the data plus the rows to show before "show more". */
export type DisplayedTable = TableData & { limit?: number };

/** One output: a MIME type and the data of that type (plain JSON, never a tensor). */
export type Output =
  | { mime: typeof MIME.text; data: string }
  | { mime: typeof MIME.html; data: string }
  | { mime: typeof MIME.table; data: DisplayedTable }
  | { mime: typeof MIME.chart; data: ChartSpec }
  | { mime: typeof MIME.progress; data: ProgressData }
  | { mime: typeof MIME.training; data: TrainingData }
  | { mime: typeof MIME.widget; data: WidgetData }
  | { mime: typeof MIME.exercise; data: ExerciseData }
  | { mime: typeof MIME.png; data: string };

/** The data type that goes with a MIME type. */
export type OutputData<M extends Mime> = Extract<Output, { mime: M }>['data'];

/**
 * Pairs a MIME type with its data. The one place the pairing is asserted: TypeScript cannot narrow
 * a generic `M` to the union member it names.
 */
export function toOutput<M extends Mime>(mime: M, data: OutputData<M>): Output {
  return { mime, data } as Output;
}

/**
 * How a fresh worker starts. The page sends it as the `init` message and also puts it in the
 * worker's URL (`worker-start.ts`): a message posted before the worker's script has run reaches it
 * only once the page's main thread is free again, which on a first visit is after the notebook is built.
 */
export interface WorkerStart {
  /** The backend to use (the learner's choice, or the choice measured before); measured when absent. */
  backend?: BackendName;
  /** What the measurement behind `backend` found, so the worker need not measure again. */
  known?: BackendInfo;
  /** The browser's JavaScript heap limit in bytes, as the page can read it (the worker cannot). */
  heapLimit?: number;
}

/** Messages the page sends. */
export type PageMessage =
  | ({ type: 'init' } & WorkerStart)
  /** Are you there? Answered with `pong` at once by a worker that is alive. */
  | { type: 'ping' }
  | { type: 'execute'; runId: string; cellId: string; code: string }
  | { type: 'interrupt'; runId: string }
  | { type: 'forget'; cellIds: string[] }
  | { type: 'widget'; key: string; value: WidgetValue }
  | { type: 'analyse'; requestId: number; cells: { id: string; code: string }[] }
  | { type: 'models'; requestId: number; remove?: string };

/** Backend measurement reported at start. */
export interface BackendInfo {
  backend: BackendName;
  available: BackendName[];
  /** Milliseconds for the start-up probe, by backend. */
  timings: Partial<Record<BackendName, number>>;
  /** Why a backend was left out (e.g. software WebGL). */
  excluded: Partial<Record<BackendName, string>>;
}

/**
 * The fastest backend of a measurement (the one with the lowest probe time among those available),
 * or its `backend` when nothing was timed. A start without the learner's pick uses it.
 */
export function fastestBackend(info: BackendInfo): BackendName {
  let best: BackendName = info.backend;
  let bestMs = info.timings[best] ?? Infinity;
  for (const name of info.available) {
    const ms = info.timings[name];
    if (ms !== undefined && ms < bestMs) {
      best = name;
      bestMs = ms;
    }
  }
  return best;
}

/** What static analysis found in a cell, without running it. */
export interface CellAnalysis {
  id: string;
  declarations: string[];
  references: string[];
  /** Import bindings: two cells importing the same binding do not clash. */
  imports: { local: string; imported: string; specifier: string }[];
  /** Set when the cell does not compile. */
  error?: { message: string; line?: number; column?: number };
}

/** A model saved in the browser with tfjs (`indexeddb://name`). */
export interface SavedModelInfo {
  url: string;
  savedAt: string | null;
  bytes: number;
}

/** Messages the worker sends. */
export type WorkerMessage =
  /**
   * tfjs has its backend: a cell sent now runs at once. `measuring` when the start had no backend
   * to use: the worker then runs on the likely winner (wasm) and measures every candidate while no
   * cell runs, and a `measured` message follows.
   */
  | ({ type: 'ready'; measuring?: boolean } & BackendInfo)
  /**
   * The measurement a `measuring` start promised. `backend` is the one in use: the winner when it
   * was switched to before any cell ran, else still the one the kernel started on.
   */
  | ({ type: 'measured' } & BackendInfo)
  | { type: 'status'; runId: string; state: 'busy' }
  | { type: 'stream'; runId: string; name: 'stdout' | 'stderr'; text: string }
  | ({ type: 'display'; runId: string; displayId: string } & Output)
  | ({ type: 'update-display'; runId: string; displayId: string } & Output)
  | ({ type: 'result'; runId: string } & Output)
  | { type: 'error'; runId: string; ename: string; evalue: string; line?: number; column?: number }
  | {
      type: 'done';
      runId: string;
      status: 'ok' | 'error' | 'aborted';
      declared: string[];
      references: string[];
      ms: number;
      /**
       * Set when the kernel cannot go on with what it holds: `memory` after the memory guard
       * stopped a cell whose tensors it cannot reclaim. The page restarts the worker.
       */
      restart?: 'memory';
    }
  | { type: 'analysis'; requestId: number; cells: CellAnalysis[] }
  | { type: 'models'; requestId: number; models: SavedModelInfo[]; error?: string }
  | { type: 'pong' }
  | { type: 'fatal'; message: string };

/** The message that ends a run. */
export type DoneMessage = Extract<WorkerMessage, { type: 'done' }>;

/** Messages that belong to a run. */
export type RunMessage = Extract<WorkerMessage, { runId: string }>;

/** Returns true when a worker message belongs to a run. */
export function isRunMessage(m: WorkerMessage): m is RunMessage {
  return 'runId' in m;
}
