/**
 * When code editors get built: the CodeMirror chunk loads once, on first need, and each cell's
 * editor is built in idle time once the cell comes within half a viewport of the screen — a few
 * per idle period, never all at once — so opening a notebook of any length builds no editors
 * in its first task. A cell the learner enters gets its editor at once (see fb-editor).
 */
import type * as EditorModule from './editor-view';

/** What the queue builds: an element that can swap its static code for an editor. */
export interface LazyEditor extends Element {
  /** Builds the editor now (the editor chunk is loaded). */
  build(): void;
}

type Module = typeof EditorModule;

let loaded: Module | null = null;
let loading: Promise<Module> | null = null;

/** The editor chunk if it has loaded, else null (callers that cannot wait fall back). */
export function editorModule(): Module | null {
  return loaded;
}

/** Loads the editor chunk (once). */
export function loadEditorModule(): Promise<Module> {
  loading ??= import('./editor-view').then((module) => (loaded = module));
  return loading;
}

/** Building waits for this (the kernel's start), so it does not compete with opening the notebook. */
let gate: Promise<unknown> = Promise.resolve();
/** Longest the queue waits for the gate (a kernel that never starts must not keep editors away). */
const GATE_MS = 3000;

/**
 * Holds back building editors (not the learner's own entering a cell) until `until` settles, or
 * a few seconds at most.
 */
export function holdEditorsUntil(until: Promise<unknown>): void {
  gate = Promise.race([until, new Promise((resolve) => setTimeout(resolve, GATE_MS))]).catch(() => undefined);
}

/** Cells near the viewport whose editor is still to be built, in the order they came near. */
const waiting = new Set<LazyEditor>();
let scheduled = false;
/** Below this much idle time left, the rest waits for the next idle period. */
const MIN_IDLE_MS = 8;
/**
 * Building per idle callback, however long the idle period (up to 50 ms): an editor takes 5–20 ms
 * to build, and CodeMirror measures it in the next frame, which lays it out; so one or two a callback.
 */
const IDLE_SLICE_MS = 6;

const idle: (callback: (deadline: { timeRemaining(): number }) => void) => void =
  typeof requestIdleCallback === 'function'
    ? (callback) => requestIdleCallback(callback, { timeout: 500 })
    : (callback) => setTimeout(() => callback({ timeRemaining: () => MIN_IDLE_MS + 4 }), 16);

function schedule(): void {
  if (scheduled || !waiting.size) return;
  scheduled = true;
  if (!loaded) {
    void gate.then(loadEditorModule).then(() => {
      scheduled = false;
      schedule();
    });
    return;
  }
  idle((deadline) => {
    scheduled = false;
    const started = performance.now();
    let built = 0;
    for (const element of waiting) {
      if (built > 0 && (deadline.timeRemaining() < MIN_IDLE_MS || performance.now() - started > IDLE_SLICE_MS)) break;
      waiting.delete(element);
      if (!element.isConnected) continue;
      element.build();
      built++;
    }
    schedule();
  });
}

let observer: IntersectionObserver | null = null;

function nearViewport(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const element = entry.target as LazyEditor;
        if (entry.isIntersecting) waiting.add(element);
        else waiting.delete(element);
      }
      schedule();
    },
    { rootMargin: '50% 0px' },
  );
  return observer;
}

/** Builds `element`'s editor in idle time once it comes near the viewport. */
export function buildWhenNear(element: LazyEditor): void {
  nearViewport().observe(element);
}

/** Stops watching `element` (its editor was built, or it left the page). */
export function stopWatching(element: LazyEditor): void {
  observer?.unobserve(element);
  waiting.delete(element);
}
