/// <reference lib="webworker" />
/**
 * The kernel worker: a thin adapter between the page's messages and the `Kernel`, which holds the
 * notebook's scope and tfjs. The page stays responsive while a model trains.
 *
 * It also routes what escapes cell code to the cell that is running (or ran last): console output
 * of tfjs and the toolkit, errors thrown by timers the kernel did not wrap, unhandled rejections.
 * Handling the worker's `error` event keeps such an error from reaching the page as a crash.
 */
import { chooseBackend } from './backend';
import { formatLogLine } from './format';
import { Kernel } from './kernel';
import type { PageMessage, WorkerMessage } from './protocol';
import { createStreamSink } from './stream-sink';

declare const self: DedicatedWorkerGlobalScope;

// Marks for bench/notebooks.mjs: when the chunk had run, when the page asked, when tfjs was ready.
performance.mark('kernel-script');

// Printed text is batched and capped (stream-sink.ts); anything else first sends the text
// pending before it, so outputs keep their order.
const streams = createStreamSink((message) => self.postMessage(message));
const post = (message: WorkerMessage) => {
  if (message.type === 'stream') return streams.write(message.runId, message.name, message.text);
  streams.flush();
  self.postMessage(message);
};

let kernel: Kernel | null = null;
/** Settles once tfjs has a backend; runs wait for it, analysis does not. */
let ready: Promise<void> = Promise.resolve();

self.addEventListener('error', (event) => {
  event.preventDefault();
  kernel?.reportUncaught(event.error ?? new Error(event.message));
});

self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  kernel?.reportRejection(event.reason);
});

self.onmessage = (event: MessageEvent<PageMessage>) => {
  const message = event.data;
  if (message.type === 'ping') {
    post({ type: 'pong' });
    return;
  }
  if (message.type === 'init') {
    performance.mark('kernel-init');
    kernel = new Kernel({ post, heapLimit: message.heapLimit });
    captureConsole(kernel);
    ready = start(message.backend, message.known);
    return;
  }
  if (!kernel) return;
  const k = kernel;
  switch (message.type) {
    case 'execute':
      void ready.then(() => k.run(message.runId, message.cellId, message.code));
      break;
    case 'interrupt':
      k.interrupt(message.runId);
      break;
    case 'forget':
      k.forget(message.cellIds);
      break;
    case 'analyse':
      post({ type: 'analysis', requestId: message.requestId, cells: k.analyse(message.cells) });
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
};

async function start(...choice: Parameters<typeof chooseBackend>): Promise<void> {
  try {
    const info = await chooseBackend(...choice);
    performance.mark('kernel-ready');
    post({ type: 'ready', ...info });
  } catch (e) {
    post({ type: 'fatal', message: `tfjs failed to start: ${e instanceof Error ? e.message : String(e)}` });
  }
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
