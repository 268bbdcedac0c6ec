/// <reference lib="webworker" />
/**
 * The kernel worker's script, kept to a few kilobytes so that it runs the moment it arrives. It
 * marks that, reads how to start from the worker's name (`worker-start.ts`), starts fetching and
 * compiling the wasm binary when the start may use wasm (it asks for wasm, or for nothing and so
 * starts on wasm), holds the page's messages, and imports the kernel (`worker-kernel.ts`: tfjs,
 * the cell compiler and the message adapter, ~900 KB), which takes the messages over.
 *
 * So the wasm binary downloads and compiles (off this thread) while the kernel's chunk downloads,
 * compiles and runs, instead of after it.
 */
import { prefetchWasm } from './wasm-prefetch';
import type { PageMessage } from './protocol';
import { decodeWorkerStart } from './worker-start';

declare const self: DedicatedWorkerGlobalScope;

// For bench/notebooks.mjs: the worker's script has run.
performance.mark('kernel-boot');

const start = decodeWorkerStart(self.name);

// Messages that come before the kernel has loaded are handed to it in order.
const held: MessageEvent<PageMessage>[] = [];
self.onmessage = (event: MessageEvent<PageMessage>) => void held.push(event);

// The kernel chunk is the longer of the two downloads: asked for first.
import('./worker-kernel').then(
  ({ runKernel }) => runKernel(start, held),
  // A chunk that cannot load (offline before the first visit finished caching) ends the kernel
  // here: the page marks it dead instead of waiting for a `ready` that never comes.
  (e: unknown) => self.postMessage({ type: 'fatal', message: `The kernel could not load: ${e instanceof Error ? e.message : String(e)}` }),
);
if (!start || start.backend === undefined || start.backend === 'wasm') prefetchWasm(self.location.href);
