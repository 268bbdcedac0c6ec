/// <reference lib="webworker" />
/**
 * The kernel in its worker: a thin adapter between the page's messages and the `Kernel`, which
 * holds the notebook's scope and tfjs. The page stays responsive while a model trains. `worker.ts`
 * (the worker's tiny script) imports this chunk and calls `runKernel`.
 *
 * It starts from the parameters in the worker's name as soon as it has loaded, not when the page's
 * `init` message arrives. Its thread is shared by order of need: tfjs's start first, then cell
 * runs and cell analysis (a few cells at a time, `analysis-queue.ts`), and only when the kernel is
 * idle the first visit's backend measurement (`idle-gate.ts`, `backend-measure.ts`).
 *
 * It also routes what escapes cell code to the cell that is running (or ran last): console output
 * of tfjs and the toolkit, errors thrown by timers the kernel did not wrap, unhandled rejections.
 * Handling the worker's `error` event keeps such an error from reaching the page as a crash.
 */
import { AnalysisQueue } from './analysis-queue';
import { measureLater, startBackend, type BackendStart } from './backend';
import { formatLogLine } from './format';
import { IdleGate, nextTask } from './idle-gate';
import { Kernel } from './kernel';
import type { BackendName, PageMessage, WorkerMessage, WorkerStart } from './protocol';
import { createStreamSink } from './stream-sink';

declare const self: DedicatedWorkerGlobalScope;

/** How long the kernel must have been idle before the backend measurement takes a step. */
const MEASURE_AFTER_IDLE_MS = 150;

// Marks for bench/notebooks.mjs: this chunk had been evaluated (tfjs included), the start was taken
// (from the worker's name, or else from the page's message), tfjs was ready, and the idle-time
// measurement was done.
performance.mark('kernel-script');

// Printed text is batched and capped (stream-sink.ts); anything else first sends the text
// pending before it, so outputs keep their order.
const streams = createStreamSink((message) => self.postMessage(message));
const post = (message: WorkerMessage) => {
  if (message.type === 'stream') return streams.write(message.runId, message.name, message.text);
  streams.flush();
  self.postMessage(message);
};

const gate = new IdleGate(MEASURE_AFTER_IDLE_MS);
let kernel: Kernel | null = null;
let analysis: AnalysisQueue | null = null;
/** Settles once tfjs has a backend (or failed to get one); runs and analysis wait for it. */
let ready: Promise<void> = Promise.resolve();
/** Set once a cell has been sent to run: the measurement may no longer switch backends. */
let cellsRan = false;

self.addEventListener('error', (event) => {
  event.preventDefault();
  kernel?.reportUncaught(event.error ?? new Error(event.message));
});

self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  kernel?.reportRejection(event.reason);
});

/** Creates the kernel and starts tfjs, once: from the worker's name, or else from `init`. */
function begin(start: WorkerStart): void {
  if (kernel) return;
  performance.mark('kernel-init');
  const k = new Kernel({ post, heapLimit: start.heapLimit });
  kernel = k;
  captureConsole(k);
  analysis = new AnalysisQueue({
    analyse: (cells) => k.analyse(cells),
    answer: (requestId, cells) => post({ type: 'analysis', requestId, cells }),
    nextTask,
    // After tfjs's start: the first cells' analysis also warms up the compiler (50–100 ms in one
    // cell), which would otherwise hold up the wasm backend's set-up.
    enter: () => ready.then(() => gate.enter()),
  });
  ready = startTfjs(start);
}

/**
 * Takes the worker over from its script: starts at once when the worker's name carried the start
 * (`start`), handles the messages that came meanwhile (`held`), then every later one.
 */
export function runKernel(start: WorkerStart | null, held: readonly MessageEvent<PageMessage>[]): void {
  if (start) begin(start);
  for (const event of held) receive(event.data);
  self.onmessage = (event: MessageEvent<PageMessage>) => receive(event.data);
}

function receive(message: PageMessage): void {
  if (message.type === 'ping') {
    post({ type: 'pong' });
    return;
  }
  if (message.type === 'init') {
    begin(message);
    return;
  }
  if (!kernel) return;
  const k = kernel;
  switch (message.type) {
    case 'execute': {
      cellsRan = true;
      // Entered now, so a measurement step in progress stops at its next check.
      const entered = gate.enter();
      void ready.then(() => entered).then((leave) => k.run(message.runId, message.cellId, message.code).finally(leave));
      break;
    }
    case 'interrupt':
      k.interrupt(message.runId);
      break;
    case 'forget':
      k.forget(message.cellIds);
      break;
    case 'analyse':
      analysis?.request(message.requestId, message.cells);
      break;
    case 'models':
      k.savedModels(message.remove).then(
        (models) => post({ type: 'models', requestId: message.requestId, models }),
        (e: unknown) => post({ type: 'models', requestId: message.requestId, models: [], error: e instanceof Error ? e.message : String(e) }),
      );
      break;
    case 'widget':
      k.setWidget(message.key, message.value);
      break;
  }
}

async function startTfjs(start: WorkerStart): Promise<void> {
  let started: BackendStart;
  try {
    started = await startBackend(start.backend, start.known);
  } catch (e) {
    post({ type: 'fatal', message: `tfjs failed to start: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  performance.mark('kernel-ready');
  post({ type: 'ready', ...started.info, ...(started.measuring ? { measuring: true } : {}) });
  if (!started.measuring) return;
  const active: BackendName = started.info.backend;
  // Not awaited: runs wait for tfjs's start, never for the measurement.
  void measureLater({ active, gate, cellsRan: () => cellsRan }).then(
    (info) => {
      performance.mark('kernel-measured');
      post({ type: 'measured', ...info });
    },
    (e: unknown) => {
      // The page still hears the end of the measurement, so its menu does not wait for ever.
      post({ type: 'measured', backend: active, available: [active], timings: {}, excluded: {} });
      kernel?.log('stderr', `The backend measurement failed: ${e instanceof Error ? e.message : String(e)}\n`);
    },
  );
}

/** Console output from outside cell code (tfjs warnings, `model.fit` verbose logs) goes to the active run. */
function captureConsole(target: Kernel): void {
  const methods = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;
  for (const [method, name] of Object.entries(methods)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      target.log(name, formatLogLine(args));
    };
  }
}
