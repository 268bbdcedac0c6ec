/**
 * The kernel: what runs cells, and how the page talks to it (DESIGN §3.2, §3.3).
 *
 * The page side, exported here, holds no tfjs: the client that queues runs and restarts a stuck or
 * silent worker (`client.ts`), its queue of runs (`run-queue.ts`), its line to the worker with the
 * watchdog (`worker-link.ts`), and the protocol both sides speak.
 *
 * The worker side is imported by path from the worker (and from tests), never through this file,
 * so the page's bundle cannot pull tfjs in by accident:
 * - `kernel.ts` — `Kernel`, the DOM-free class that holds the scope and runs cells;
 * - `worker.ts` — the Web Worker's tiny script: reads the start from the worker's name
 *   (`worker-start.ts`), prefetches the wasm binary (`wasm-prefetch.ts`) and imports
 *   `worker-kernel.ts`, the thin adapter from messages to `Kernel`;
 * - `idle-gate.ts` — the worker's thread shared by need: runs and analysis first, measurement when idle;
 * - `analysis-queue.ts` — answering the page's cell analysis a few cells at a time;
 * - `execute.ts` — running a compiled cell, locating its errors (`ThrowSites` for non-Error throws);
 * - `cell-errors.ts` — name clashes and cycles (the notebook's one graph check), error wording;
 * - `display.ts`, `format.ts`, `training-view.ts`, `throttle.ts` — the display API cells call;
 * - `exercise.ts` — the `exercise({...})` global: a panel, and its check run while the cell runs;
 * - `release.ts` — freeing what a re-run cell's previous values held;
 * - `memory-guard.ts` — stopping a cell before the browser runs out of memory;
 * - `abort-fit.ts` — Stop (and the memory guard) between `model.fit` batches;
 * - `backend.ts` — the tfjs backend a start uses, and the probe; `backend-measure.ts` — the first
 *   visit's measurement, in idle time;
 * - `tf.ts` — the bundled tfjs;
 * - `wasm-threads-off.ts` — what the build puts in place of the wasm backend's unused threaded glue.
 */
export { KernelClient } from './client';
export type { KernelClientOptions, KernelState, RestartDetail, RestartReason } from './client';
export type { RunHandle, RunOutcome } from './run-queue';
export type { WorkerLike } from './worker-link';
export { Watchdog } from './watchdog';
export { MIME, fastestBackend, isRunMessage, toOutput } from './protocol';
export type {
  BackendInfo,
  BackendName,
  CellAnalysis,
  DisplayedTable,
  DoneMessage,
  ExerciseData,
  ExerciseStatus,
  Mime,
  Output,
  OutputData,
  PageMessage,
  ProgressData,
  RunMessage,
  SavedModelInfo,
  TableData,
  TrainingData,
  WidgetData,
  WidgetValue,
  WorkerMessage,
  WorkerStart,
} from './protocol';
export type { Kernel, KernelOptions } from './kernel';
export type { MemoryKind, MemoryLimits } from './memory-guard';
