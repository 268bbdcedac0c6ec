/**
 * The tfjs backend choice, kept per browser: the learner's own pick, and the kernel's measurement
 * (which backend was fastest here), cached for this browser and app version so that a start does
 * not measure again. A new app version or browser version measures afresh, and so does the
 * learner's "measure again".
 *
 * These live in localStorage, not IndexedDB: the page reads them synchronously at start, before
 * anything else, so the worker can be told at once which backend to load.
 */
import { fastestBackend, type BackendInfo, type BackendName } from '../kernel/protocol';

const CHOICE_KEY = 'fieldbook.backend';
const MEASURED_KEY = 'fieldbook.backend-measured';

const BACKENDS: readonly BackendName[] = ['cpu', 'wasm', 'webgl'];

function isBackend(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

/** What a measurement is valid for: the app's build and the browser's user agent. */
export interface MeasuredFor {
  appVersion: string;
  userAgent: string;
}

/** This build of the app in this browser: what a cached measurement must have been made for. */
export function currentBuild(): MeasuredFor {
  return { appVersion: String(import.meta.env.VITE_APP_VERSION ?? 'dev'), userAgent: navigator.userAgent };
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage may be blocked; the choice still applies to this session.
  }
}

/** The backend the learner picked in the header, if any. */
export function savedBackend(): BackendName | undefined {
  const value = read(CHOICE_KEY);
  return isBackend(value) ? value : undefined;
}

/** Remembers the learner's pick; `null` forgets it (the measured choice applies again). */
export function saveBackendChoice(backend: BackendName | null): void {
  write(CHOICE_KEY, backend);
}

/** The cached measurement, when it was made by this app version in this browser. */
export function loadMeasuredBackends(now: MeasuredFor): BackendInfo | null {
  const text = read(MEASURED_KEY);
  if (!text) return null;
  try {
    const saved = JSON.parse(text) as Partial<MeasuredFor> & { info?: Partial<BackendInfo> };
    const info = saved.info;
    if (saved.appVersion !== now.appVersion || saved.userAgent !== now.userAgent || !info) return null;
    if (!isBackend(info.backend) || !Array.isArray(info.available) || !info.available.every(isBackend)) return null;
    return { backend: info.backend, available: info.available, timings: { ...info.timings }, excluded: { ...info.excluded } };
  } catch {
    return null;
  }
}

/** Caches a measurement (one with timings) for this app version and browser. */
export function saveMeasuredBackends(info: BackendInfo, now: MeasuredFor): void {
  if (Object.keys(info.timings).length === 0) return;
  write(MEASURED_KEY, JSON.stringify({ ...now, info }));
}

/** Forgets the cached measurement, so the next start measures. */
export function clearMeasuredBackends(): void {
  write(MEASURED_KEY, null);
}

/**
 * What the kernel should start with: the learner's pick, else the cached measurement's winner
 * (with the measurement, so the header can still show every backend's time); nothing means measure.
 * The winner is the fastest of the timings: a first visit whose measurement ended after a cell had
 * run kept the backend it started on, and caches that one as `backend`.
 */
export function backendAtStart(now: MeasuredFor): { backend?: BackendName; known?: BackendInfo } {
  const known = loadMeasuredBackends(now) ?? undefined;
  const backend = savedBackend() ?? (known ? fastestBackend(known) : undefined);
  return { ...(backend ? { backend } : {}), ...(known ? { known } : {}) };
}
