/**
 * Starts the kernel. `main.ts` imports this module first, so the kernel client exists before the
 * app shell's modules are evaluated. In a build the worker itself was created earlier still, by a
 * script inline in index.html (`early-kernel.ts`): the client adopts it, with the messages it has
 * sent meanwhile (`kernel/early-worker.ts`). Otherwise (the dev server, restarts) the client
 * creates its workers here.
 *
 * The worker's start parameters (the backend to use, the cached measurement, the heap limit) go
 * in its name as well as in the `init` message (`kernel/worker-start.ts`), so the worker starts the
 * moment its script has run rather than when the busy main thread forwards the message.
 */
import { KernelClient, type WorkerLike } from './kernel/client';
import { workerFor, type EarlyKernel } from './kernel/early-worker';
import type { WorkerStart } from './kernel/protocol';
import { pageHeapLimit, workerName } from './kernel/worker-start';
import workerUrl from './kernel/worker.ts?worker&url';
import { backendAtStart, currentBuild } from './store/settings';

declare global {
  interface Window {
    /** Set by the script inline in index.html (`early-kernel.ts`) until `start-kernel.ts` adopts it. */
    __fieldbookEarlyKernel?: EarlyKernel;
  }
}

document.documentElement.dataset.kernel = 'starting';

function createWorker(start: WorkerStart): WorkerLike {
  // For bench/notebooks.mjs: when the page asked for the worker (its start-up breakdown).
  performance.mark('kernel-worker');
  return new Worker(workerUrl, { type: 'module', name: workerName(start) }) as unknown as WorkerLike;
}

/** This build in this browser, which a cached backend measurement must match. */
export const measuredFor = currentBuild();

/** The page's kernel, started. */
export const kernel = new KernelClient(
  (start) => {
    // Only the first worker can be the early one.
    const early = window.__fieldbookEarlyKernel;
    window.__fieldbookEarlyKernel = undefined;
    return workerFor(start, early, createWorker);
  },
  { ...backendAtStart(measuredFor), heapLimit: pageHeapLimit() },
);
void kernel.start();
