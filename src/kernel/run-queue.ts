/**
 * The cell runs the kernel client has been asked for: the queue, the one run the worker is busy
 * with, and whose messages still count — a cell's newer run supersedes its older one, whose late
 * messages are dropped. When runs start and how they end is the client's (`client.ts`).
 */
import type { DoneMessage, RunMessage } from './protocol';

/** How a run ended. */
export interface RunOutcome {
  status: 'ok' | 'error' | 'aborted';
  declared: string[];
  references: string[];
  ms: number;
}

/** A queued or running cell execution. */
export interface RunHandle {
  runId: string;
  cellId: string;
  /** Resolves when the run ends, however it ends. */
  done: Promise<RunOutcome>;
}

/** A run the queue holds, with what ends it. */
export interface PendingRun {
  runId: string;
  cellId: string;
  code: string;
  resolve: (outcome: RunOutcome) => void;
  /** When the run was sent to the worker (`Date.now()`); absent while it is queued. */
  startedAt?: number;
}

/** Queued runs, the current run, and the handlers their messages go to. */
export class RunQueue {
  private queued: PendingRun[] = [];
  private running: PendingRun | null = null;
  private latestRunOfCell = new Map<string, string>();
  private handlers = new Map<string, { cellId: string; onMessage: (message: RunMessage) => void }>();
  private nextRun = 1;

  /** The run the worker has been sent and has not finished, or null. */
  get current(): PendingRun | null {
    return this.running;
  }

  /** True while a run is in progress or queued. */
  get busy(): boolean {
    return this.running !== null || this.queued.length > 0;
  }

  /** Queues a run of a cell's code; its messages go to `onMessage` while it is the cell's latest run. */
  add(cellId: string, code: string, onMessage: (message: RunMessage) => void): RunHandle {
    const runId = `r${this.nextRun++}`;
    this.latestRunOfCell.set(cellId, runId);
    this.handlers.set(runId, { cellId, onMessage });
    let resolve!: (outcome: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (resolve = r));
    this.queued.push({ runId, cellId, code, resolve });
    return { runId, cellId, done };
  }

  /** Makes the first queued run the current one (started now) and returns it; null when none waits. */
  startNext(): PendingRun | null {
    const next = this.queued.shift();
    if (!next) return null;
    this.running = next;
    next.startedAt = Date.now();
    return next;
  }

  /** The worker says the current run ended: it stops being current. Returns it, or null if `message` is another run's. */
  finish(message: DoneMessage): PendingRun | null {
    const run = this.running;
    if (!run || run.runId !== message.runId) return null;
    this.running = null;
    return run;
  }

  /** Ends every queued run as aborted (Stop, a restart). */
  abortQueued(): void {
    for (const run of this.queued.splice(0)) run.resolve(abortedOutcome());
  }

  /** Ends the current run as aborted, dropping its late messages: the worker it ran in is gone. */
  abortCurrent(): void {
    const run = this.running;
    this.running = null;
    if (!run) return;
    this.handlers.delete(run.runId);
    run.resolve(abortedOutcome(run.startedAt));
  }

  /** Routes a run's message to its handler unless a newer run of the same cell superseded it. */
  deliver(message: RunMessage): void {
    const handler = this.handlers.get(message.runId);
    if (!handler) return;
    if (this.latestRunOfCell.get(handler.cellId) !== message.runId) {
      this.handlers.delete(message.runId);
      return;
    }
    handler.onMessage(message);
  }
}

function abortedOutcome(startedAt?: number): RunOutcome {
  return { status: 'aborted', declared: [], references: [], ms: startedAt ? Date.now() - startedAt : 0 };
}
