/**
 * The page's side of the kernel: queues cell runs, routes the worker's messages to the run that
 * produced them (dropping late messages of superseded runs), and stops runaway cells — politely
 * first, then by terminating the worker and starting a fresh one. It also restarts a worker that
 * stopped answering (a cell called `self.close()`; noticed by `worker-link.ts`, which carries the
 * messages) and one that must restart to free memory.
 */
import type { BackendInfo, BackendName, CellAnalysis, RunMessage, SavedModelInfo, WidgetValue, WorkerMessage, WorkerStart } from './protocol';
import { fastestBackend, isRunMessage } from './protocol';
import { RunQueue, type RunHandle } from './run-queue';
import { WorkerLink, type WorkerLike } from './worker-link';
import { isWidgetOf } from '../notebook/widget-key';

export type { RunHandle, RunOutcome } from './run-queue';
export type { WorkerLike } from './worker-link';

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
  private readonly link: WorkerLink;
  private readyWaiters: Array<(info: BackendInfo) => void> = [];
  private readonly runs = new RunQueue();
  private executed = new Set<string>();
  private analyses = new Map<number, (cells: CellAnalysis[]) => void>();
  private modelRequests = new Map<number, { resolve: (m: SavedModelInfo[]) => void; reject: (e: Error) => void }>();
  private nextRequest = 1;
  /** Widget values survive a restart: the fresh worker is told them again. */
  private widgets = new Map<string, WidgetValue>();
  private hardStopTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly hardStopMs: number;
  private requestedBackend: BackendName | undefined;
  private knownBackends: BackendInfo | undefined;
  private readonly heapLimit: number | undefined;

  /**
   * `createWorker` gets the start parameters, to put in the worker's name (`worker-start.ts`): the
   * same parameters also go to the worker as its `init` message.
   */
  constructor(createWorker: (start: WorkerStart) => WorkerLike, options: KernelClientOptions = {}) {
    super();
    this.hardStopMs = options.hardStopMs ?? 2000;
    this.requestedBackend = options.backend;
    this.knownBackends = options.known;
    this.heapLimit = options.heapLimit;
    this.link = new WorkerLink(createWorker, options.answerMs ?? 5000, {
      message: (message) => this.receive(message),
      error: (message) => this.onWorkerError(message),
      silent: () => void this.restart('dead'),
    });
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
    return this.runs.busy;
  }

  /** Queues a cell's code; messages of this run go to `onMessage` while it is the cell's latest run. */
  execute(cellId: string, code: string, onMessage: (message: RunMessage) => void): RunHandle {
    const handle = this.runs.add(cellId, code, onMessage);
    this.pump();
    return handle;
  }

  /**
   * Stops the current run and empties the queue. Cooperative first (the worker aborts the run's
   * signal; training stops between batches); after `hardStopMs` the worker is terminated and a
   * fresh one started, and a `restarted` event lists the cells whose state was lost.
   */
  interrupt(): void {
    this.runs.abortQueued();
    const run = this.runs.current;
    if (!run || !this.link.send({ type: 'interrupt', runId: run.runId })) return;
    if (this.hardStopTimer) return;
    this.hardStopTimer = setTimeout(() => {
      this.hardStopTimer = null;
      if (this.runs.current === run) this.restart('hard-stop');
    }, this.hardStopMs);
  }

  /** Throws the worker away (and every value cells declared) and starts a fresh one. */
  restart(reason: RestartReason = 'restart'): Promise<BackendInfo> {
    this.link.close();
    this.runs.abortQueued();
    this.runs.abortCurrent();
    if (this.hardStopTimer) clearTimeout(this.hardStopTimer);
    this.hardStopTimer = null;
    const executed = [...this.executed];
    this.executed.clear();
    for (const resolve of this.analyses.values()) resolve([]);
    this.analyses.clear();
    for (const request of this.modelRequests.values()) request.reject(new Error('The kernel restarted; try again.'));
    this.modelRequests.clear();
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
      this.link.send({ type: 'analyse', requestId, cells });
    });
  }

  /** The models saved in this browser (`indexeddb://…`), after removing `remove` when given. */
  savedModels(remove?: string): Promise<SavedModelInfo[]> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.modelRequests.set(requestId, { resolve, reject });
      if (!this.link.send({ type: 'models', requestId, remove })) reject(new Error('The kernel is not running.'));
    });
  }

  /** Stores a widget's new value in the worker; the next run of its cell reads it. */
  setWidget(key: string, value: WidgetValue): void {
    this.widgets.set(key, value);
    this.link.send({ type: 'widget', key, value });
  }

  /** Tells the worker that cells were deleted, so their names leave the scope. */
  forget(cellIds: string[]): void {
    for (const id of cellIds) this.executed.delete(id);
    for (const key of [...this.widgets.keys()]) if (cellIds.some((id) => isWidgetOf(key, id))) this.widgets.delete(key);
    this.link.send({ type: 'forget', cellIds });
  }

  private spawn(): void {
    this.setState('starting');
    this.measuringBackends = false;
    // Without the learner's pick, a measurement made before (cached, or earlier in this visit) names the backend.
    const known = this.knownBackends;
    const start: WorkerStart = { backend: this.requestedBackend ?? (known ? fastestBackend(known) : undefined), known, heapLimit: this.heapLimit };
    this.link.open(start);
    for (const [key, value] of this.widgets) this.link.send({ type: 'widget', key, value });
  }

  private onWorkerError(message: string): void {
    this.dispatchEvent(new CustomEvent('fatal', { detail: message }));
    // A worker that fails before it is ready would fail again: no restart loop.
    if (this.state === 'starting') this.setState('dead');
    else void this.restart('crash');
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'ready' || message.type === 'measured') {
      const measuring = message.type === 'ready' && message.measuring === true;
      const info: BackendInfo = { backend: message.backend, available: message.available, timings: message.timings, excluded: message.excluded };
      this.backendInfo = info;
      this.measuringBackends = measuring;
      if (!measuring) this.announceBackend(info);
      if (message.type === 'measured') return;
      this.setState(this.runs.current ? 'busy' : 'ready');
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
    const run = message.type === 'done' ? this.runs.finish(message) : null;
    if (message.type === 'done' && run) {
      if (this.hardStopTimer) clearTimeout(this.hardStopTimer);
      this.hardStopTimer = null;
      if (message.status !== 'aborted' || message.declared.length) this.executed.add(run.cellId);
      this.runs.deliver(message);
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
      if (this.state !== 'starting') this.link.ping();
      this.pump();
      return;
    }
    this.runs.deliver(message);
  }

  /** Tells the page the backend is settled; a measurement is kept, so restarts need not measure again. */
  private announceBackend(info: BackendInfo): void {
    if (Object.keys(info.timings).length) this.knownBackends = info;
    this.dispatchEvent(new CustomEvent('backend', { detail: info }));
  }

  private pump(): void {
    if (this.runs.current || this.state === 'starting' || !this.link.isOpen) {
      if (!this.runs.busy && this.state === 'busy') this.setState('ready');
      return;
    }
    const next = this.runs.startNext();
    if (!next) {
      this.setState('ready');
      return;
    }
    this.setState('busy');
    this.link.sendRun({ type: 'execute', runId: next.runId, cellId: next.cellId, code: next.code });
  }

  private setState(state: KernelState): void {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}
