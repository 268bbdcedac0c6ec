/**
 * How much code gets parsed for colours at once. Parsing every cell of a long notebook in the
 * task that draws it took ~90 ms for 47 cells (and seconds for a thousand), so each task parses
 * for at most a few milliseconds — the first cells, which are the ones on screen when a notebook
 * opens — and the rest is drawn plain (the same layout) and coloured in idle time. The parser
 * comes in a chunk of its own (static-highlight.ts); code drawn before it arrives is drawn plain too.
 */
import type { Highlight } from './static-code';

let highlighter: Highlight | null = null;
let loading: Promise<Highlight> | null = null;

/**
 * Loads the colouring chunk (static-highlight.ts), once; the notebook view starts this as it
 * loads. The parser is warmed up in a task of its own before any cell is coloured with it.
 */
export function loadHighlighter(): Promise<Highlight> {
  loading ??= import('./static-highlight').then(
    (module) =>
      new Promise<Highlight>((resolve) =>
        setTimeout(() => {
          module.warmUp();
          highlighter = module.highlightLines;
          resolve(highlighter);
        }, 0),
      ),
  );
  return loading;
}

/**
 * The colouring function, if its chunk has arrived and this task may still spend time colouring
 * (or `always`: the idle queue, which keeps its own time); else null, and the code is drawn plain
 * for now. Call `charge` with what colouring cost.
 */
export function highlightNow(always = false): Highlight | null {
  return highlighter && (always || canHighlightNow()) ? highlighter : null;
}

/** Something whose static code can be coloured later. */
export interface Highlightable {
  readonly isConnected: boolean;
  /** Redraws its static code with colours. */
  highlight(): void;
}

/** Parsing allowed per task, in milliseconds. */
const TASK_BUDGET_MS = 8;
/** Below this much idle time left, the rest waits for the next idle period. */
const MIN_IDLE_MS = 6;
/**
 * Colouring per idle callback, however long the idle period: each redrawn cell is laid out and
 * painted again in the frame after, and an idle period can be 50 ms long.
 */
const IDLE_SLICE_MS = 8;

let taskStart = -1;
let spent = 0;

function canHighlightNow(): boolean {
  if (taskStart < 0) {
    taskStart = performance.now();
    spent = 0;
    setTimeout(() => (taskStart = -1), 0);
  }
  return spent < TASK_BUDGET_MS;
}

/**
 * Spends this task's colouring time: code drawn in it from now on is drawn plain and coloured in
 * idle time. For the frames that fill in a notebook's cells below the first screen, which then
 * draw three to four times as many cells a frame.
 */
export function colourNothingThisTask(): void {
  canHighlightNow();
  spent = TASK_BUDGET_MS;
}

/** Records parsing time spent in this task. */
export function charge(ms: number): void {
  spent += ms;
}

const waiting = new Set<Highlightable>();
let scheduled = false;

const idle: (callback: (deadline: { timeRemaining(): number }) => void) => void =
  typeof requestIdleCallback === 'function'
    ? (callback) => requestIdleCallback(callback, { timeout: 1000 })
    : (callback) => setTimeout(() => callback({ timeRemaining: () => MIN_IDLE_MS + 4 }), 16);

function schedule(): void {
  if (scheduled || !waiting.size) return;
  scheduled = true;
  if (!highlighter) {
    void loadHighlighter().then(() => {
      scheduled = false;
      schedule();
    });
    return;
  }
  idle((deadline) => {
    scheduled = false;
    const started = performance.now();
    let done = 0;
    for (const item of waiting) {
      if (done > 0 && (deadline.timeRemaining() < MIN_IDLE_MS || performance.now() - started > IDLE_SLICE_MS)) break;
      waiting.delete(item);
      if (!item.isConnected) continue;
      item.highlight();
      done++;
    }
    schedule();
  });
}

/** Colours `item` in idle time, in the order items were drawn. */
export function highlightLater(item: Highlightable): void {
  waiting.add(item);
  schedule();
}

/** Forgets `item` (it was coloured some other way, or left the page). */
export function cancelHighlight(item: Highlightable): void {
  waiting.delete(item);
}
