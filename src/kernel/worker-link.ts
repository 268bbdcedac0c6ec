/**
 * The page's line to the kernel worker: one worker at a time, started with its `init` message,
 * messages to it, messages from it (a replaced worker's late ones never get through), and the
 * watchdog that notices a worker that owes an answer and has fallen silent. What the messages
 * mean — runs, requests, restarts — is the client's (`client.ts`).
 */
import { Watchdog } from './watchdog';
import type { PageMessage, WorkerMessage, WorkerStart } from './protocol';
import { isRunMessage } from './protocol';

/** The part of `Worker` the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: PageMessage): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** What the link tells its owner about the current worker. */
export interface WorkerLinkListener {
  /** A message from the current worker (pongs are the link's own business and stop here). */
  message(message: WorkerMessage): void;
  /** The current worker's error event, worded (a script that failed, a crash). */
  error(message: string): void;
  /** The worker owes an answer (a run's first message, a pong) and has been silent past the deadline. */
  silent(): void;
}

/** One kernel worker at a time, and whether it still answers. */
export class WorkerLink {
  private worker: WorkerLike | null = null;
  private readonly watchdog: Watchdog;
  /** The run that has been sent and not yet acknowledged by the worker (any message of it will do). */
  private awaitingRun: string | null = null;
  private awaitingPong = false;

  /**
   * `createWorker` gets the start parameters, to put in the worker's name (`worker-start.ts`);
   * `answerMs` is how long the worker may stay silent while it owes an answer.
   */
  constructor(
    private readonly createWorker: (start: WorkerStart) => WorkerLike,
    answerMs: number,
    private readonly listener: WorkerLinkListener,
  ) {
    this.watchdog = new Watchdog(answerMs, () => this.listener.silent());
  }

  /** True while a worker is running (from `open` until `close`). */
  get isOpen(): boolean {
    return this.worker !== null;
  }

  /** Starts a worker; the same parameters go to it as its `init` message. */
  open(start: WorkerStart): void {
    const worker = this.createWorker(start);
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker === worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      if (this.worker === worker) this.listener.error(event.message ?? 'The kernel crashed.');
    };
    worker.postMessage({ type: 'init', ...start });
  }

  /** Terminates the worker (if any) and forgets what it owed. */
  close(): void {
    this.watchdog.disarm();
    this.awaitingRun = null;
    this.awaitingPong = false;
    this.worker?.terminate();
    this.worker = null;
  }

  /** Sends a message to the worker; false when no worker is running. */
  send(message: PageMessage): boolean {
    if (!this.worker) return false;
    this.worker.postMessage(message);
    return true;
  }

  /** Sends a run; the worker owes its acknowledgement (the run's first message) from now. */
  sendRun(message: Extract<PageMessage, { type: 'execute' }>): void {
    if (!this.worker) return;
    this.awaitingRun = message.runId;
    this.worker.postMessage(message);
    this.watchdog.arm();
  }

  /** Asks the worker whether it is still there (a cell may have closed it with `self.close()`). */
  ping(): void {
    if (!this.worker) return;
    this.awaitingPong = true;
    this.worker.postMessage({ type: 'ping' });
    this.watchdog.arm();
  }

  private receive(message: WorkerMessage): void {
    this.heard(message);
    if (message.type !== 'pong') this.listener.message(message);
  }

  /** Anything the worker says shows it is alive; what it still owes keeps the watchdog armed. */
  private heard(message: WorkerMessage): void {
    if (message.type === 'pong') this.awaitingPong = false;
    if (this.awaitingRun !== null && isRunMessage(message) && message.runId === this.awaitingRun) this.awaitingRun = null;
    if (this.awaitingRun !== null || this.awaitingPong) this.watchdog.rearm();
    else this.watchdog.disarm();
  }
}
