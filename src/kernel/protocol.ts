/**
 * Messages between the page and the kernel worker, shaped like Jupyter's. Every message a run
 * produces carries the `runId` that produced it, so the page can drop late messages of old runs.
 */

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

/** Messages the page sends. */
export type PageMessage =
  | { type: 'init'; backend?: BackendName }
  | { type: 'execute'; runId: string; cellId: string; code: string }
  | { type: 'interrupt'; runId: string }
  | { type: 'reset' }
  | { type: 'forget'; cellIds: string[] }
  | { type: 'set-backend'; backend: BackendName }
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
  | ({ type: 'ready' } & BackendInfo)
  | ({ type: 'backend' } & BackendInfo)
  | { type: 'status'; runId: string; state: 'busy' | 'idle' }
  | { type: 'stream'; runId: string; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display'; runId: string; displayId: string; mime: Mime; data: unknown }
  | { type: 'update-display'; runId: string; displayId: string; data: unknown }
  | { type: 'result'; runId: string; mime: Mime; data: unknown }
  | { type: 'error'; runId: string; ename: string; evalue: string; line?: number; column?: number }
  | {
      type: 'done';
      runId: string;
      status: 'ok' | 'error' | 'aborted';
      declared: string[];
      references: string[];
      ms: number;
    }
  | { type: 'analysis'; requestId: number; cells: CellAnalysis[] }
  | { type: 'models'; requestId: number; models: SavedModelInfo[]; error?: string }
  | { type: 'fatal'; message: string };

/** Messages that belong to a run. */
export type RunMessage = Extract<WorkerMessage, { runId: string }>;

/** Returns true when a worker message belongs to a run. */
export function isRunMessage(m: WorkerMessage): m is RunMessage {
  return 'runId' in m;
}
