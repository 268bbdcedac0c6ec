/// <reference lib="webworker" />
/**
 * The worker chunk's first module, evaluated before the ~150 modules of tfjs: it marks when the
 * chunk began to run, reads how to start from the worker's name (`worker-start.ts`) and, when the
 * start may use wasm (it asks for wasm, or for nothing and so measures with wasm first), starts
 * fetching and compiling the wasm binary, which then overlaps tfjs's evaluation.
 */
import { prefetchWasm } from './wasm-prefetch';
import { decodeWorkerStart } from './worker-start';
import type { WorkerStart } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// For bench/notebooks.mjs: the chunk (and the modules it imports) has been fetched and compiled.
performance.mark('kernel-chunk');

/** How to start, from the worker's name; null when the page gave none there (it then sends `init`). */
export const bootStart: WorkerStart | null = decodeWorkerStart(self.name);

if (!bootStart || bootStart.backend === undefined || bootStart.backend === 'wasm') prefetchWasm(self.location.href);
