/**
 * The worker's start parameters, carried in its name (`new Worker(url, { name })`, which the
 * worker reads as `self.name`). A message the page posts to a worker whose script has not run yet
 * is held by the page's main thread and handed over only when that thread is free: on a first
 * visit it is building the notebook then, which kept the `init` message (and so tfjs's start)
 * waiting 50–200 ms. The name is there when the script runs. (The URL's fragment would not do: a
 * worker script served by the service worker takes the cached response's URL, which has none.)
 */
import type { BackendInfo, BackendName, WorkerStart } from './protocol';

const KEY = 'start';
const BACKENDS: readonly string[] = ['cpu', 'wasm', 'webgl'];

function isBackend(value: unknown): value is BackendName {
  return typeof value === 'string' && BACKENDS.includes(value);
}

function isBackendInfo(value: unknown): value is BackendInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Partial<BackendInfo>;
  return (
    isBackend(info.backend) &&
    Array.isArray(info.available) &&
    info.available.every(isBackend) &&
    typeof info.timings === 'object' &&
    info.timings !== null &&
    typeof info.excluded === 'object' &&
    info.excluded !== null
  );
}

/** The page's JavaScript heap limit (Chromium's `performance.memory`), which the worker cannot read itself. */
export function pageHeapLimit(): number | undefined {
  return (performance as { memory?: { jsHeapSizeLimit?: number } }).memory?.jsHeapSizeLimit;
}

/** What the worker is called in the browser's tools; the start parameters follow it. */
export const WORKER_NAME = 'fieldbook-kernel';

/** The worker name that carries `start`: `fieldbook-kernel#start=…`. */
export function workerName(start: WorkerStart): string {
  return `${WORKER_NAME}#${new URLSearchParams({ [KEY]: JSON.stringify(start) }).toString()}`;
}

/**
 * The start parameters in a worker's name, or null when it has none (the worker then waits for
 * the `init` message). Fields that do not check out are dropped.
 */
export function decodeWorkerStart(name: string): WorkerStart | null {
  const at = name.indexOf('#');
  if (at < 0) return null;
  const text = new URLSearchParams(name.slice(at + 1)).get(KEY);
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Record<string, unknown>;
  const start: WorkerStart = {};
  if (isBackend(raw.backend)) start.backend = raw.backend;
  if (isBackendInfo(raw.known)) start.known = raw.known;
  if (typeof raw.heapLimit === 'number' && Number.isFinite(raw.heapLimit) && raw.heapLimit > 0) start.heapLimit = raw.heapLimit;
  return start;
}

/** True when two starts ask for the same thing (a worker started with one can serve the other). */
export function sameWorkerStart(a: WorkerStart, b: WorkerStart): boolean {
  return a.backend === b.backend && a.heapLimit === b.heapLimit && JSON.stringify(a.known ?? null) === JSON.stringify(b.known ?? null);
}
