/**
 * Part of bench/notebooks.mjs: the files of the served build a page fetched, named by their URL:
 * which kind each is (JavaScript, the kernel worker's chunk, wasm), which JavaScript the page
 * itself can load, and each file's raw and gzip size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** True for a URL of a JavaScript file. */
export const isJs = (url) => /\.m?js$/.test(new URL(url).pathname);
/** True for a URL of the kernel worker's script. */
export const isWorkerChunk = (url) => /\/assets\/worker-[^/]*\.js$/.test(new URL(url).pathname);
/** True for a URL of a WebAssembly binary. */
export const isWasm = (url) => new URL(url).pathname.endsWith('.wasm');

/**
 * The files of the build served from folder `served` (a copy of dist/): `sizeOf(url)` and
 * `pageModules()`, read from that folder (sizes are computed once a file).
 */
export function createBuildFiles(served) {
  const gzipCache = new Map();
  /** Raw and gzip (level 9) size of the dist/ file a URL of the preview server points at. */
  function sizeOf(url) {
    const path = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '');
    const file = join(served, path);
    if (!gzipCache.has(file)) {
      if (!existsSync(file)) gzipCache.set(file, { file: path, raw: null, gzip: null });
      else {
        const bytes = readFileSync(file);
        gzipCache.set(file, { file: path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
      }
    }
    return gzipCache.get(file);
  }

  /**
   * The page's own JavaScript in the served build: index.html's entry and every chunk it can load
   * (static imports, dynamic imports, Vite's preload lists), found by the "./chunk.js" strings in
   * the chunks. The worker and the chunks only it imports are not in it, although the page's
   * Resource Timing lists their fetches too (a module worker's imports appear there).
   */
  function pageModules() {
    const html = readFileSync(join(served, 'index.html'), 'utf8');
    const queue = [...html.matchAll(/<script[^>]+src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const seen = new Set(queue);
    while (queue.length) {
      const file = queue.shift();
      if (!existsSync(join(served, file))) continue;
      for (const m of readFileSync(join(served, file), 'utf8').matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) {
        const next = `assets/${m[1]}`;
        if (!seen.has(next) && !/^assets\/worker-/.test(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  }
  return { sizeOf, pageModules };
}
