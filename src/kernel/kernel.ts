/**
 * The kernel (DESIGN §3.2, §3.3): holds the notebook's scope, compiles and runs cells, and reports
 * what they do as plain messages. DOM-free, so the worker (`worker-kernel.ts`, a thin adapter that posts
 * the messages to the page) and the unit tests under Node run exactly this code.
 *
 * Everything keyed by a cell id or a name is a Map: a cell may be called `constructor`.
 */
import * as tf from '@tensorflow/tfjs';
import { installFastGatherGradient } from '../ml/train/gather-gradient';
import { compileCell, type CompiledCell } from '../notebook/index';
import { isWidgetOf } from '../notebook/widget-key';
import { installAbortableFit } from './abort-fit';
import { checkCellNames, describeRunError } from './cell-errors';
import { createDisplayApi, isDisplayHandle } from './display';
import { createExerciseApi } from './exercise';
import { createModuleImporter, executeCell, formatCellSourceName, lazyModule, ThrowSites, type CellHooks } from './execute';
import { formatLogLine, formatValue, inspect } from './format';
import { defaultLimits, MemoryGuard, MemoryLimitError, readPerformanceHeap, type MemoryLimits, type MemoryReaders } from './memory-guard';
import { type CellAnalysis, type DoneMessage, type SavedModelInfo, type WidgetValue, type WorkerMessage } from './protocol';
import { releaseValues } from './release';

/**
 * Module specifiers a cell may import: bundled (and precached), so cells work offline. The toolkit
 * is its own chunk, loaded when a cell first imports it, so the kernel is ready sooner.
 */
export const CELL_MODULES: Readonly<Record<string, unknown>> = {
  '@tensorflow/tfjs': tf,
  'fieldbook/ml': lazyModule(() => import('../ml/index')),
};

/** How a kernel is wired. */
export interface KernelOptions {
  /** Where every message goes (the worker posts them to the page; tests collect them). */
  post(message: WorkerMessage): void;
  /** Modules cells may import (default `CELL_MODULES`). */
  modules?: Readonly<Record<string, unknown>>;
  /** Memory limits (default `defaultLimits(heapLimit)`). */
  limits?: MemoryLimits;
  /** The browser's JavaScript heap limit, as the page reads it (`performance.memory`). */
  heapLimit?: number;
  /** How memory is read (tests pass their own). */
  memory?: Partial<MemoryReaders>;
}

/** One cell execution. */
interface Run {
  readonly runId: string;
  readonly cellId: string;
  readonly controller: AbortController;
  readonly sourceName: string;
  compiled: CompiledCell | null;
}

const CONSOLE_STREAMS = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;

/** The kernel: `run`, `interrupt`, `forget`, `analyse`, `setWidget`, `savedModels`. */
export class Kernel {
  private readonly post: (message: WorkerMessage) => void;
  private readonly scope = new Map<string, unknown>();
  /** Cells that have compiled and passed the name check, in the order they first ran. */
  private readonly cells = new Map<string, CompiledCell>();
  private readonly declaredBy = new Map<string, string[]>();
  /** Values the learner gave widgets, by widget key; a re-run of the cell reads them back. */
  private readonly widgetValues = new Map<string, WidgetValue>();
  private readonly throwSites = new ThrowSites();
  private readonly importModule: (specifier: string) => unknown;
  private readonly guard: MemoryGuard;
  private readonly hooks: CellHooks;
  private current: Run | null = null;
  private last: Run | null = null;
  /** The run a timer callback belongs to, while it runs (its output and errors go there). */
  private context: Run | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: KernelOptions) {
    this.post = options.post;
    this.importModule = createModuleImporter(options.modules ?? CELL_MODULES);
    const readers: MemoryReaders = {
      tensorBytes: () => tf.memory().numBytes,
      heapBytes: readPerformanceHeap,
      now: () => performance.now(),
      ...options.memory,
    };
    this.guard = new MemoryGuard(options.limits ?? defaultLimits(options.heapLimit), readers, () => this.scope.values());
    this.hooks = {
      tick: this.guard.tick,
      check: (held, line, column) => this.guard.check(held, line === undefined || column === undefined ? undefined : { line, column }),
      thrown: (value) => this.throwSites.record(value),
    };
    installAbortableFit(() => (this.current ? { signal: this.current.controller.signal, checkpoint: () => this.guard.check() } : null));
    // Embedding layers (and any tf.gather) train on wasm, and fast on cpu, with the toolkit's gradient.
    installFastGatherGradient();
  }

  /** Runs a cell's code; runs are queued, one at a time. Resolves with the `done` message it posted. */
  run(runId: string, cellId: string, code: string): Promise<DoneMessage> {
    const next = this.queue.then(() => this.execute(runId, cellId, code));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops `runId` cooperatively: its signal aborts, training ends at the next batch. */
  interrupt(runId: string): void {
    if (this.current?.runId === runId) this.current.controller.abort(new DOMException('Stopped by the learner.', 'AbortError'));
  }

  /** Forgets deleted cells: their names leave the scope (their tensors are freed) and their widgets' values go. */
  forget(cellIds: readonly string[]): void {
    for (const cellId of cellIds) {
      this.clearDeclarations(cellId);
      this.cells.delete(cellId);
      for (const key of [...this.widgetValues.keys()]) if (isWidgetOf(key, cellId)) this.widgetValues.delete(key);
    }
  }

  /** Compiles without running: what each cell declares and reads, for stale marking on the page. */
  analyse(cells: readonly { id: string; code: string }[]): CellAnalysis[] {
    return cells.map(({ id, code }) => {
      try {
        const compiled = compileCell(code, { cellId: id });
        return { id, declarations: compiled.declarations, references: compiled.references, imports: compiled.imports };
      } catch (e) {
        const err = e as { message?: string; line?: number; column?: number };
        return { id, declarations: [], references: [], imports: [], error: { message: err.message ?? String(e), line: err.line, column: err.column } };
      }
    });
  }

  /** Stores a widget's value; the next run of its cell reads it. */
  setWidget(key: string, value: WidgetValue): void {
    this.widgetValues.set(key, value);
  }

  /**
   * The models tfjs saved in IndexedDB (`model.save("indexeddb://…")`), after removing `remove`
   * when given: the worker owns tfjs, so the page's Storage panel asks here. Rejects when IndexedDB fails.
   */
  async savedModels(remove?: string): Promise<SavedModelInfo[]> {
    if (remove) await tf.io.removeModel(remove);
    const listed = await tf.io.listModels();
    return Object.entries(listed)
      .filter(([url]) => url.startsWith('indexeddb://'))
      .map(([url, info]) => ({
        url,
        savedAt: info.dateSaved ? new Date(info.dateSaved).toISOString() : null,
        bytes: (info.modelTopologyBytes ?? 0) + (info.weightSpecsBytes ?? 0) + (info.weightDataBytes ?? 0),
      }));
  }

  /** Output that did not come through a cell's own `console` (tfjs warnings): shown in the active run. */
  log(name: 'stdout' | 'stderr', text: string): void {
    const run = this.activeRun();
    if (run) this.post({ type: 'stream', runId: run.runId, name, text });
  }

  /**
   * An error no cell code caught and no timer of ours wrapped (the worker's `error` event): shown
   * in the active run, located in it when the stack passes through its cell.
   */
  reportUncaught(error: unknown): void {
    const run = this.activeRun();
    if (run) this.reportError(run, error);
  }

  /** An unhandled promise rejection: reported in the active run's stderr, as Jupyter does. */
  reportRejection(reason: unknown): void {
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : inspect(reason);
    this.log('stderr', `Unhandled promise rejection: ${text}\n`);
  }

  private activeRun(): Run | null {
    return this.context ?? this.current ?? this.last;
  }

  private async execute(runId: string, cellId: string, code: string): Promise<DoneMessage> {
    const started = performance.now();
    const run: Run = { runId, cellId, controller: new AbortController(), sourceName: formatCellSourceName(cellId), compiled: null };
    this.current = run;
    this.last = run;
    this.post({ type: 'status', runId, state: 'busy' });
    this.guard.begin();
    const { signal } = run.controller;
    const { display, flushAll } = createDisplayApi({ runId, post: this.post, signal, cellId, widgetValues: this.widgetValues });
    const { exercise, settled } = createExerciseApi({ runId, post: this.post, signal });
    // While the cell awaits, the guard still looks, and stops toolkit training through the signal.
    const watch = setInterval(() => {
      try {
        this.guard.check();
      } catch (e) {
        run.controller.abort(e);
      }
    }, 250);
    let status: DoneMessage['status'] = 'ok';
    try {
      const compiled = compileCell(code, { cellId });
      run.compiled = compiled;
      checkCellNames(this.cells, cellId, compiled);
      this.cells.set(cellId, compiled);
      this.clearDeclarations(cellId);
      const outcome = await executeCell(
        compiled,
        { scope: this.scope, builtins: { ...this.builtins(display, signal), exercise }, importModule: this.importModule, hooks: this.hooks },
        { sourceName: run.sourceName },
      );
      // A cell that caught the guard's error still stops here.
      if (this.guard.error) throw this.guard.error;
      const declared = Object.keys(outcome.declared);
      for (const name of declared) this.scope.set(name, outcome.declared[name]);
      this.declaredBy.set(cellId, declared);
      if (outcome.hasValue && outcome.value !== undefined && !isDisplayHandle(outcome.value)) {
        this.post({ type: 'result', runId, ...formatValue(outcome.value) });
      }
      if (signal.aborted) status = 'aborted';
    } catch (e) {
      // The guard's own error points at the loop it stopped; a later copy at where it surfaced.
      const error = e instanceof MemoryLimitError ? e : (this.guard.error ?? e);
      status = signal.aborted && !this.guard.error && run.compiled ? 'aborted' : 'error';
      if (status === 'error') this.reportError(run, error);
    } finally {
      // A cell is done when its exercises have their verdicts (an async check may still be running).
      await settled();
      clearInterval(watch);
      flushAll();
      this.current = null;
    }
    const done: DoneMessage = {
      type: 'done',
      runId,
      status,
      declared: this.declaredBy.get(cellId) ?? [],
      references: run.compiled?.references ?? [],
      ms: Math.round(performance.now() - started),
      ...(this.guard.error?.kind === 'tensors' ? { restart: 'memory' as const } : {}),
    };
    this.post(done);
    return done;
  }

  /** The names every cell can read without declaring them. */
  private builtins(display: unknown, signal: AbortSignal): Record<string, unknown> {
    return {
      tf,
      display,
      signal,
      console: this.cellConsole,
      setTimeout: (handler: TimerHandler, ms?: number, ...args: unknown[]) => setTimeout(this.bindToRun(handler), ms, ...args),
      setInterval: (handler: TimerHandler, ms?: number, ...args: unknown[]) => setInterval(this.bindToRun(handler), ms, ...args),
    };
  }

  /** `console` inside cells: its output goes to the run active when it is called. */
  private readonly cellConsole: Console = (() => {
    const cellConsole = Object.create(console) as Console & Record<string, unknown>;
    for (const [method, stream] of Object.entries(CONSOLE_STREAMS)) {
      cellConsole[method] = (...args: unknown[]) => this.log(stream, formatLogLine(args));
    }
    return cellConsole;
  })();

  /**
   * A timer callback bound to the run that scheduled it: its output goes to that run's cell, and
   * an error it throws (or an async callback rejects with) is shown there, with the cell's line,
   * instead of escaping to the worker (which the page would take for a crash).
   */
  private bindToRun(handler: TimerHandler): TimerHandler {
    const run = this.activeRun();
    if (typeof handler !== 'function' || !run) return handler;
    return (...args: unknown[]) => {
      const outer = this.context;
      this.context = run;
      try {
        const result: unknown = (handler as (...a: unknown[]) => unknown)(...args);
        if (result instanceof Promise) result.catch((e: unknown) => this.reportError(run, e));
      } catch (e) {
        this.reportError(run, e);
      } finally {
        this.context = outer;
      }
    };
  }

  private reportError(run: Run, error: unknown): void {
    this.post({ type: 'error', runId: run.runId, ...describeRunError(error, run.compiled, run.sourceName, this.throwSites, this.cells) });
  }

  /** Removes a cell's names from the scope and frees the tensors they held (unless another name still reaches them). */
  private clearDeclarations(cellId: string): void {
    const names = this.declaredBy.get(cellId) ?? [];
    const values = names.map((name) => this.scope.get(name));
    for (const name of names) this.scope.delete(name);
    this.declaredBy.delete(cellId);
    releaseValues(values, this.scope.values());
  }
}
