/**
 * A kernel worker created before the page's own JavaScript ran (by the script inline in
 * index.html, `src/early-kernel.ts`), and how the kernel client adopts it. Until then the worker's
 * messages and errors are kept, so the client hears every one of them, in order.
 *
 * A worker started otherwise than the client would start it (the stored backend choice changed
 * in between) is not adopted: it is terminated and a fresh one made.
 */
import type { WorkerLike } from './client';
import type { WorkerMessage, WorkerStart } from './protocol';
import { sameWorkerStart } from './worker-start';

/** The part of `Worker` used here (tests pass a fake). */
export type WorkerHandle = WorkerLike;

/** What the inline script leaves for the client: the worker, how it started, what it said so far. */
export interface EarlyKernel {
  worker: WorkerHandle;
  start: WorkerStart;
  /** What the worker said before the client listened, in order. */
  heard: Array<{ message: { data: WorkerMessage } } | { error: { message?: string } }>;
}

/** Keeps what `worker` says until a client adopts it. */
export function holdEarlyWorker(worker: WorkerHandle, start: WorkerStart): EarlyKernel {
  const early: EarlyKernel = { worker, start, heard: [] };
  worker.onmessage = (event) => void early.heard.push({ message: event });
  worker.onerror = (event) => void early.heard.push({ error: event });
  return early;
}

/**
 * The early worker as the client sees it. What it said before is handed over in a microtask, once
 * the client has set its handlers (and sent `init`); everything later goes straight through.
 */
export function adoptEarlyWorker(early: EarlyKernel): WorkerLike {
  const { worker } = early;
  let onmessage: WorkerLike['onmessage'] = null;
  let onerror: WorkerLike['onerror'] = null;
  let replayed = false;
  const replay = () => {
    if (replayed) return;
    replayed = true;
    for (const event of early.heard.splice(0)) {
      if ('message' in event) onmessage?.(event.message);
      else onerror?.(event.error);
    }
  };
  worker.onmessage = (event) => {
    replay();
    onmessage?.(event);
  };
  worker.onerror = (event) => {
    replay();
    onerror?.(event);
  };
  queueMicrotask(replay);
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    get onmessage() {
      return onmessage;
    },
    set onmessage(handler) {
      onmessage = handler;
    },
    get onerror() {
      return onerror;
    },
    set onerror(handler) {
      onerror = handler;
    },
  };
}

/** The early worker when it started as `start` asks (adopted), else a new one from `create`. */
export function workerFor(start: WorkerStart, early: EarlyKernel | undefined, create: (start: WorkerStart) => WorkerLike): WorkerLike {
  if (early && sameWorkerStart(early.start, start)) return adoptEarlyWorker(early);
  early?.worker.terminate();
  return create(start);
}
