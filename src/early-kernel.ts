/**
 * The kernel worker, created by a script inline in index.html's head: before the page's own
 * JavaScript has even been fetched, so tfjs downloads and starts while the page's modules load,
 * compile and build the notebook. `vite.config.ts` bundles this file on its own (with the worker
 * script's hashed name for `__FIELDBOOK_KERNEL_URL__`) and inlines it; the dev server serves the
 * page without it. `start-kernel.ts` adopts the worker, with the messages it sent meanwhile.
 */
import { holdEarlyWorker, type WorkerHandle } from './kernel/early-worker';
import { pageHeapLimit, workerName } from './kernel/worker-start';
import { backendAtStart, currentBuild } from './store/settings';

declare const __FIELDBOOK_KERNEL_URL__: string;

try {
  const start = { ...backendAtStart(currentBuild()), heapLimit: pageHeapLimit() };
  // For bench/notebooks.mjs: when the page asked for the worker.
  performance.mark('kernel-worker');
  const worker = new Worker(__FIELDBOOK_KERNEL_URL__, { type: 'module', name: workerName(start) }) as unknown as WorkerHandle;
  window.__fieldbookEarlyKernel = holdEarlyWorker(worker, start);
} catch {
  // No worker here (or no storage): `start-kernel.ts` starts the kernel the ordinary way.
}
