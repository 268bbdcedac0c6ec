/**
 * Answers the page's cell analysis (what each cell declares and reads) a few cells at a time.
 * Compiling all 65 cells of a notebook when it opens took 280–850 ms of the worker's thread in one
 * task, and it arrived just as tfjs was loading its wasm binary: the binary's fetch and compile
 * waited behind it. In slices of `sliceMs`, with a task boundary between them, tfjs's start and a
 * cell sent to run go on between slices. Requests are answered in the order they came, each whole.
 */
import type { CellAnalysis } from './protocol';

/** One request: its cells, and what has been analysed of them so far. */
interface Job {
  requestId: number;
  cells: readonly { id: string; code: string }[];
  results: CellAnalysis[];
}

/** How the queue works and reports. */
export interface AnalysisQueueOptions {
  /** Analyses cells (the kernel's `analyse`). */
  analyse(cells: readonly { id: string; code: string }[]): CellAnalysis[];
  /** Sends a request's answer. */
  answer(requestId: number, cells: CellAnalysis[]): void;
  /** Resolves in a later task (so other tasks run first). */
  nextTask(): Promise<void>;
  /** Marks the queue as foreground work while it has requests (`IdleGate.enter`). */
  enter?(): Promise<() => void>;
  /** Milliseconds of analysis between two yields (default 8). */
  sliceMs?: number;
  now?(): number;
}

/** See the file comment. */
export class AnalysisQueue {
  private readonly jobs: Job[] = [];
  private draining = false;

  constructor(private readonly options: AnalysisQueueOptions) {}

  /** Queues a request; its answer is sent once every earlier request has been answered. */
  request(requestId: number, cells: readonly { id: string; code: string }[]): void {
    this.jobs.push({ requestId, cells, results: [] });
    if (!this.draining) void this.drain();
  }

  /** Requests not answered yet. */
  get pending(): number {
    return this.jobs.length;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const { analyse, answer, nextTask } = this.options;
    const sliceMs = this.options.sliceMs ?? 8;
    const now = this.options.now ?? (() => performance.now());
    const leave = this.options.enter ? await this.options.enter() : () => {};
    try {
      let sliceStart = now();
      while (this.jobs.length) {
        const job = this.jobs[0];
        while (job.results.length < job.cells.length) {
          if (now() - sliceStart >= sliceMs) {
            await nextTask();
            sliceStart = now();
          }
          const cell = job.cells[job.results.length];
          try {
            job.results.push(...analyse([cell]));
          } catch (e) {
            // The kernel reports a cell's own errors in its analysis; anything else must not stall the queue.
            job.results.push({ id: cell.id, declarations: [], references: [], imports: [], error: { message: e instanceof Error ? e.message : String(e) } });
          }
        }
        this.jobs.shift();
        answer(job.requestId, job.results);
      }
    } finally {
      this.draining = false;
      leave();
    }
  }
}
