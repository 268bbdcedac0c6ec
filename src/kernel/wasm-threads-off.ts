/**
 * Stands in, in the app build, for the tfjs wasm backend's multi-threaded glue (`vite.config.ts`
 * aliases it here): the kernel turns threads off (`WASM_HAS_MULTITHREAD_SUPPORT`: they need
 * cross-origin isolation and gained nothing on 2 cores), so that ~55 KB of code never runs.
 */

/** The threaded module factory; never called while threads are off. */
export default function wasmFactoryThreadedSimd(): never {
  throw new Error('The threaded wasm backend is not bundled: threads are off in this app.');
}

/** The threaded build's worker script; unused while threads are off. */
export const wasmWorkerContents = '';
