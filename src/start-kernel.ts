/**
 * Starts the kernel worker. `main.ts` imports this module first, so the worker is created as soon
 * as the entry chunk has arrived, before the app shell's modules are evaluated and while the page
 * builds the notebook: tfjs loads in parallel with all of that.
 *
 * The worker's start parameters (the backend to use, the cached measurement, the heap limit) go
 * in its name as well as in the `init` message (`kernel/worker-start.ts`), so the worker starts the
 * moment its script has run rather than when the busy main thread forwards the message.
 */
import { KernelClient, type WorkerLike } from './kernel/client';
import type { WorkerStart } from './kernel/protocol';
import { workerName } from './kernel/worker-start';
import workerUrl from './kernel/worker.ts?worker&url';
import { backendAtStart, type MeasuredFor } from './store/settings';

document.documentElement.dataset.kernel = 'starting';

/** A backend measurement holds for this build of the app in this browser. */
export const measuredFor: MeasuredFor = { appVersion: String(import.meta.env.VITE_APP_VERSION ?? 'dev'), userAgent: navigator.userAgent };

/** The worker cannot read the heap limit it shares with the page; the page tells it (Chromium). */
const heapLimit = (performance as { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit;

function createWorker(start: WorkerStart): WorkerLike {
  // For bench/notebooks.mjs: when the page asked for the worker (its start-up breakdown).
  performance.mark('kernel-worker');
  return new Worker(workerUrl, { type: 'module', name: workerName(start) }) as unknown as WorkerLike;
}

/** The page's kernel, started. */
export const kernel = new KernelClient(createWorker, { ...backendAtStart(measuredFor), heapLimit });
void kernel.start();
