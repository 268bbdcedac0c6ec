/**
 * The tfjs wasm binary, fetched and compiled as soon as the worker starts. tfjs only asks for it
 * once its own ~900 KB of modules have been evaluated and the backend is set; started first, the
 * fetch and the compile (both off this thread) overlap that evaluation, and the backend is set on
 * a module that is already compiled, without a second download.
 *
 * tfjs instantiates the binary through Emscripten's `WebAssembly.instantiateStreaming(fetch(url))`
 * and offers no way to hand it a module. So the first `fetch` of that URL gets the prefetched
 * response, and `instantiateStreaming` of that response the compiled module; each function is put
 * back once it has been used so. Any other call, or a prefetch that failed, goes the ordinary way.
 * (This module belongs to the worker's tiny script; the kernel chunk names the same URLs itself.)
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

/**
 * A module that uses a SIMD instruction: valid exactly where tfjs picks its SIMD binary (the same
 * bytes as tfjs's `WASM_HAS_SIMD_SUPPORT` flag, from GoogleChromeLabs/wasm-feature-detect).
 */
const SIMD_TEST = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11]);

interface Prefetched {
  url: string;
  /** The response, with a body nobody has read: handed to tfjs's fetch. */
  response: Promise<Response>;
  module: Promise<WebAssembly.Module>;
}

let prefetched: Prefetched | null = null;

/** The binary tfjs will ask for here, as an absolute URL. */
export function wasmBinaryUrl(base: string): string {
  let simd: boolean;
  try {
    simd = WebAssembly.validate(SIMD_TEST);
  } catch {
    simd = false;
  }
  return new URL(simd ? wasmSimdUrl : wasmUrl, base).href;
}

/**
 * Starts fetching and compiling the binary (once), and has tfjs's start use them. Does nothing
 * where streaming compilation is missing.
 */
export function prefetchWasm(base: string): void {
  if (prefetched || typeof WebAssembly === 'undefined' || typeof WebAssembly.compileStreaming !== 'function' || typeof fetch !== 'function') return;
  const url = wasmBinaryUrl(base);
  const response = fetch(url, { credentials: 'same-origin' });
  // The compile reads a copy of the body, so the response itself can still go to tfjs.
  const module = WebAssembly.compileStreaming(response.then((r) => r.clone()));
  // Failures are not reported here: tfjs then fetches the binary itself and reports its own.
  response.catch(() => undefined);
  module.catch(() => undefined);
  prefetched = { url, response, module };
  handOver(prefetched);
}

/** Answers tfjs's fetch of the binary with the prefetched response, and its instantiation of that response with the compiled module. */
function handOver({ url, response, module }: Prefetched): void {
  const scope = globalThis as typeof globalThis & { fetch: typeof fetch };
  const ordinaryFetch = scope.fetch;
  const ordinaryInstantiate = WebAssembly.instantiateStreaming;
  let handed: Response | null = null;
  scope.fetch = (input, init) => {
    const asked = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
    if (new URL(asked, url).href !== url) return ordinaryFetch(input, init);
    scope.fetch = ordinaryFetch;
    return response.then(
      (r) => (handed = r),
      () => ordinaryFetch(input, init),
    );
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const given = await source;
    if (given !== handed) return ordinaryInstantiate.call(WebAssembly, given, imports);
    WebAssembly.instantiateStreaming = ordinaryInstantiate;
    let compiled: WebAssembly.Module;
    try {
      compiled = await module;
    } catch {
      return ordinaryInstantiate.call(WebAssembly, given, imports);
    }
    // The bytes are compiled already: the copy kept for tfjs is not needed.
    void given.body?.cancel().catch(() => undefined);
    const instance = await WebAssembly.instantiate(compiled, imports);
    return { module: compiled, instance };
  };
}
