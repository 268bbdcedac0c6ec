/**
 * The page's side of the kernel: queues cell runs, routes the worker's messages to the run that
 * produced them (dropping late messages of superseded runs), and stops runaway cells — politely
 * first, then by terminating the worker and starting a fresh one. It also notices a worker that
 * stopped answering (a cell called `self.close()`) and one that must restart to free memory.
 */
import { Watchdog } from './watchdog';
import type { BackendInfo, BackendName, CellAnalysis, PageMessage, RunMessage, SavedModelInfo, WidgetValue, WorkerMessage, WorkerStart } from './protocol';
import { fastestBackend, isRunMessage } from './protocol';
import { isWidgetOf } from '../notebook/widget-key';

/** The part of `Worker` the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: PageMessage): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

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

/**
 * Kernel lifecycle states (mirrored to `document.documentElement.dataset.kernel`). `dead` is a
 * worker that could not start (its script failed, or tfjs found no backend): restarting would fail
 * the same way, so it stays dead until the learner reloads.
 */
export type KernelState = 'starting' | 'ready' | 'busy' | 'dead';

/**
 * Why the kernel restarted: the learner asked (`restart`, `backend`), Stop did not stop the cell
 * (`hard-stop`), the worker crashed (`crash`) or stopped answering (`dead`), or the memory guard
 * stopped a cell whose tensors only a fresh worker frees (`memory`).
 */
export type RestartReason = 'restart' | 'hard-stop' | 'crash' | 'backend' | 'memory' | 'dead';

/** What a `restarted` event says. */
export interface RestartDetail {
  reason: RestartReason;
  /** The cells whose results were lost (they ran since the previous start). */
  executed: string[];
  /** What happened, for the learner, when the restart was not their own doing. */
  message?: string;
}

/** The learner-facing sentence for each restart the kernel did by itself (hard stops are worded by the session). */
const RESTART_MESSAGES: Partial<Record<RestartReason, string>> = {
  crash: 'The kernel crashed, so it was restarted.',
  dead: 'The kernel stopped answering (a cell may have closed it, e.g. with self.close()), so it was restarted.',
  memory: 'The kernel was restarted to free the memory of the cell the memory guard stopped.',
};

interface PendingRun {
  runId: string;
  cellId: string;
  code: string;
  resolve: (outcome: RunOutcome) => void;
  startedAt?: number;
}

/** Options for tests and tuning. */
export interface KernelClientOptions {
  /** Milliseconds to wait for a cooperative stop before terminating the worker. */
  hardStopMs?: number;
  /** Milliseconds of silence after a question (a run, a ping) that mean the worker is gone. */
  answerMs?: number;
  /** The backend to ask for at start (the learner's choice or a cached measurement); measured when absent. */
  backend?: BackendName;
  /** The cached measurement behind `backend`, so the worker need not measure again. */
  known?: BackendInfo;
  /** The browser's JavaScript heap limit (`performance.memory.jsHeapSizeLimit`), for the memory guard. */
  heapLimit?: number;
}

/**
 * Event map: `state` (detail: KernelState), `backend` (detail: BackendInfo), `fatal` (detail:
 * string), `restarted` (detail: RestartDetail) — `executed` lists the cells whose results were lost.
 *
 * `backend` is dispatched once what the header shows is known: at `ready` when the start had a
 * backend to use, else when the worker's idle-time measurement is done (the kernel is ready, and
 * runs cells on wasm, before that; `measuringBackends` is true meanwhile).
 */
export class KernelClient extends EventTarget {
  state: KernelState = 'starting';
  /** The backend in use and what is known of the others (the latest `ready` or `measured`). */
  backendInfo: BackendInfo | null = null;
  /** True between a `ready` that had nothing to use and the measurement that followed it. */
  measuringBackends = false;
  private worker: WorkerLike | null = null;
  private readyWaiters: Array<(info: BackendInfo) => void> = [];
  private queue: PendingRun[] = [];
  private current: PendingRun | null = null;
  private latestRunOfCell = new Map<string, string>();
  private handlers = new Map<string, { cellId: string; onMessage: (message: RunMessage) => void }>();
  private executed = new Set<string>();
  private analyses = new Map<number, (cells: CellAnalysis[]) => void>();
  private modelRequests = new Map<number, { resolve: (m: SavedModelInfo[]) => void; reject: (e: Error) => void }>();
  private nextRequest = 1;
  /** Widget values survive a restart: the fresh worker is told them again. */
  private widgets = new Map<string, WidgetValue>();
  private hardStopTimer: ReturnType<typeof setTimeout> | null = null;
  private nextRun = 1;
  private readonly hardStopMs: number;
  private requestedBackend: BackendName | undefined;
  private knownBackends: BackendInfo | undefined;
  private readonly heapLimit: number | undefined;
  private readonly watchdog: Watchdog;
  /** The current run has been sent and not yet acknowledged by the worker. */
  private awaitingAck = false;
  private awaitingPong = false;

  /**
   * `createWorker` gets the start parameters, to put in the worker's name (`worker-start.ts`): the
   * same parameters also go to the worker as its `init` message.
   */
  constructor(
    private readonly createWorker: (start: WorkerStart) => WorkerLike,
    options: KernelClientOptions = {},
  ) {
    super();
    this.hardStopMs = options.hardStopMs ?? 2000;
    this.requestedBackend = options.backend;
    this.knownBackends = options.known;
    this.heapLimit = options.heapLimit;
    this.watchdog = new Watchdog(options.answerMs ?? 5000, () => void this.restart('dead'));
  }

  /** Starts the worker; resolves with the backend it chose. */
  start(): Promise<BackendInfo> {
    this.spawn();
    return this.whenReady();
  }

  /** Resolves once the worker has answered `ready`. */
  whenReady(): Promise<BackendInfo> {
    if (this.backendInfo && this.state !== 'starting') return Promise.resolve(this.backendInfo);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Cells that have run since the last restart. */
  get executedCells(): ReadonlySet<string> {
    return this.executed;
  }

  /** True while a run is in progress or queued. */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  /** Queues a cell's code; messages of this run go to `onMessage` while it is the cell's latest run. */
  execute(cellId: string, code: string, onMessage: (message: RunMessage) => void): RunHandle {
    const runId = `r${this.nextRun++}`;
    this.latestRunOfCell.set(cellId, runId);
    this.handlers.set(runId, { cellId, onMessage });
    let resolve!: (outcome: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (resolve = r));
    this.queue.push({ runId, cellId, code, resolve });
    this.pump();
    return { runId, cellId, done };
  }

  /**
   * Stops the current run and empties the queue. Cooperative first (the worker aborts the run's
   * signal; training stops between batches); after `hardStopMs` the worker is terminated and a
   * fresh one started, and a `restarted` event lists the cells whose state was lost.
   */
  interrupt(): void {
    for (const run of this.queue.splice(0)) run.resolve(abortedOutcome());
    const run = this.current;
    if (!run || !this.worker) return;
    this.worker.postMessage({ type: 'interrupt', runId: run.runId });
    if (this.hardStopTimer) return;
    this.hardStopTimer = setTimeout(() => {
      this.hardStopTimer = null;
      if (this.current === run) this.restart('hard-stop');
    }, this.hardStopMs);
  }

  /** Throws the worker away (and every value cells declared) and starts a fresh one. */
  restart(reason: RestartReason = 'restart'): Promise<BackendInfo> {
    this.watchdog.disarm();
    this.awaitingAck = false;
    this.awaitingPong = false;
    for (const run of this.queue.splice(0)) run.resolve(abortedOutcome());
    const run = this.current;
    this.current = null;
    if (this.hardStopTimer) clearTimeout(this.hardStopTimer);
    this.hardStopTimer = null;
    if (run) {
      this.handlers.delete(run.runId);
      run.resolve(abortedOutcome(run.startedAt));
    }
    const executed = [...this.executed];
    this.executed.clear();
    for (const resolve of this.analyses.values()) resolve([]);
    this.analyses.clear();
    for (const request of this.modelRequests.values()) request.reject(new Error('The kernel restarted; try again.'));
    this.modelRequests.clear();
    this.worker?.terminate();
    this.worker = null;
    this.spawn();
    const message = RESTART_MESSAGES[reason];
    this.dispatchEvent(new CustomEvent<RestartDetail>('restarted', { detail: { reason, executed, ...(message ? { message } : {}) } }));
    return this.whenReady();
  }

  /** Switches the tfjs backend; the worker restarts, because tensors cannot move between backends. */
  setBackend(backend: BackendName): Promise<BackendInfo> {
    this.requestedBackend = backend;
    return this.restart('backend');
  }

  /** Restarts the worker and has it measure the backends afresh (the learner asked). */
  measureBackends(): Promise<BackendInfo> {
    this.requestedBackend = undefined;
    this.knownBackends = undefined;
    return this.restart('backend');
  }

  /**
   * Compiles cells without running them and reports what each declares and reads. Answered even
   * while a cell runs; resolves with no cells if the worker restarts first.
   */
  analyse(cells: { id: string; code: string }[]): Promise<CellAnalysis[]> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.analyses.set(requestId, resolve);
      if (this.worker) this.worker.postMessage({ type: 'analyse', requestId, cells });
    });
  }

  /** The models saved in this browser (`indexeddb://…`), after removing `remove` when given. */
  savedModels(remove?: string): Promise<SavedModelInfo[]> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.modelRequests.set(requestId, { resolve, reject });
      if (this.worker) this.worker.postMessage({ type: 'models', requestId, remove });
      else reject(new Error('The kernel is not running.'));
    });
  }

  /** Stores a widget's new value in the worker; the next run of its cell reads it. */
  setWidget(key: string, value: WidgetValue): void {
    this.widgets.set(key, value);
    this.worker?.postMessage({ type: 'widget', key, value });
  }

  /** Tells the worker that cells were deleted, so their names leave the scope. */
  forget(cellIds: string[]): void {
    for (const id of cellIds) this.executed.delete(id);
    for (const key of [...this.widgets.keys()]) if (cellIds.some((id) => isWidgetOf(key, id))) this.widgets.delete(key);
    this.worker?.postMessage({ type: 'forget', cellIds });
  }

  private spawn(): void {
    this.setState('starting');
    this.measuringBackends = false;
    // Without the learner's pick, a measurement made before (cached, or earlier in this visit) names the backend.
    const known = this.knownBackends;
    const start: WorkerStart = { backend: this.requestedBackend ?? (known ? fastestBackend(known) : undefined), known, heapLimit: this.heapLimit };
    const worker = this.createWorker(start);
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker === worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      this.dispatchEvent(new CustomEvent('fatal', { detail: event.message ?? 'The kernel crashed.' }));
      // A worker that fails before it is ready would fail again: no restart loop.
      if (this.state === 'starting') this.setState('dead');
      else void this.restart('crash');
    };
    worker.postMessage({ type: 'init', ...start });
    for (const [key, value] of this.widgets) worker.postMessage({ type: 'widget', key, value });
  }

  private receive(message: WorkerMessage): void {
    this.heard(message);
    if (message.type === 'pong') return;
    if (message.type === 'ready' || message.type === 'measured') {
      const measuring = message.type === 'ready' && message.measuring === true;
      const info: BackendInfo = { backend: message.backend, available: message.available, timings: message.timings, excluded: message.excluded };
      this.backendInfo = info;
      this.measuringBackends = measuring;
      if (!measuring) this.announceBackend(info);
      if (message.type === 'measured') return;
      this.setState(this.current ? 'busy' : 'ready');
      for (const resolve of this.readyWaiters.splice(0)) resolve(info);
      this.pump();
      return;
    }
    if (message.type === 'analysis') {
      this.analyses.get(message.requestId)?.(message.cells);
      this.analyses.delete(message.requestId);
      return;
    }
    if (message.type === 'models') {
      const request = this.modelRequests.get(message.requestId);
      this.modelRequests.delete(message.requestId);
      if (message.error) request?.reject(new Error(message.error));
      else request?.resolve(message.models);
      return;
    }
    if (message.type === 'fatal') {
      this.dispatchEvent(new CustomEvent('fatal', { detail: message.message }));
      if (this.state === 'starting') this.setState('dead');
      return;
    }
    if (!isRunMessage(message)) return;
    const run = this.current;
    if (message.type === 'done' && run && run.runId === message.runId) {
      this.current = null;
      if (this.hardStopTimer) clearTimeout(this.hardStopTimer);
      this.hardStopTimer = null;
      if (message.status !== 'aborted' || message.declared.length) this.executed.add(run.cellId);
      this.deliver(message);
      run.resolve({
        status: message.status,
        declared: message.declared,
        references: message.references,
        ms: message.ms,
      });
      if (message.restart === 'memory') {
        void this.restart('memory');
        return;
      }
      // A cell may have closed the worker (`self.close()`): it must still answer.
      this.ping();
      this.pump();
      return;
    }
    this.deliver(message);
  }

  /** Tells the page the backend is settled; a measurement is kept, so restarts need not measure again. */
  private announceBackend(info: BackendInfo): void {
    if (Object.keys(info.timings).length) this.knownBackends = info;
    this.dispatchEvent(new CustomEvent('backend', { detail: info }));
  }

  /** Anything the worker says shows it is alive; what it still owes keeps the watchdog armed. */
  private heard(message: WorkerMessage): void {
    if (message.type === 'pong') this.awaitingPong = false;
    if (this.awaitingAck && isRunMessage(message) && message.runId === this.current?.runId) this.awaitingAck = false;
    if (this.awaitingAck || this.awaitingPong) this.watchdog.rearm();
    else this.watchdog.disarm();
  }

  private ping(): void {
    if (!this.worker || this.state === 'starting') return;
    this.awaitingPong = true;
    this.worker.postMessage({ type: 'ping' });
    this.watchdog.arm();
  }

  /** Routes a run's message to its handler unless a newer run of the same cell superseded it. */
  private deliver(message: RunMessage): void {
    const handler = this.handlers.get(message.runId);
    if (!handler) return;
    if (this.latestRunOfCell.get(handler.cellId) !== message.runId) {
      this.handlers.delete(message.runId);
      return;
    }
    handler.onMessage(message);
  }

  private pump(): void {
    if (this.current || this.state === 'starting' || !this.worker) {
      if (!this.current && !this.queue.length && this.state === 'busy') this.setState('ready');
      return;
    }
    const next = this.queue.shift();
    if (!next) {
      this.setState('ready');
      return;
    }
    this.current = next;
    next.startedAt = Date.now();
    this.setState('busy');
    this.awaitingAck = true;
    this.worker.postMessage({ type: 'execute', runId: next.runId, cellId: next.cellId, code: next.code });
    this.watchdog.arm();
  }

  private setState(state: KernelState): void {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}

function abortedOutcome(startedAt?: number): RunOutcome {
  return { status: 'aborted', declared: [], references: [], ms: startedAt ? Date.now() - startedAt : 0 };
}
