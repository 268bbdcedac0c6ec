/**
 * How many cells take their first render at once. A notebook's first task renders its first cells
 * (those on screen when it opens) until it has spent a few milliseconds or drawn two screens of
 * code; the cells after them render a few milliseconds' and a hundred-odd lines' worth per frame,
 * drawn plain and coloured in idle time, so a notebook of thousands of cells shows its top as fast
 * as a short one and fills in below without one long task, however loaded the machine. A short
 * notebook renders whole in its first task. The cells' hooks (`data-cell-id`, `data-status`) are
 * on the page from the start: the notebook's template sets them.
 */

import { colourNothingThisTask } from './highlight-queue';

/** An element whose first render may wait its turn. */
export interface Deferrable {
  readonly isConnected: boolean;
  requestUpdate(): void;
  /** Renders at once, synchronously (its turn has come). */
  renderPending(): void;
  /** Lines of code its first render draws: what the frame after it lays out. */
  readonly firstRenderLines: number;
}

/** First renders the first task always allows (the top of a notebook). */
const FIRST_TASK_MIN = 3;
/** First renders the first task allows at most. */
const FIRST_TASK_MAX = 16;
/** Time the first task may spend on first renders beyond the minimum. */
const FIRST_TASK_MS = 8;
/** Lines of code the first task may draw beyond the minimum (about two screens of code). */
const FIRST_TASK_LINES = 100;
/** Time per frame for first renders after that (at least one a frame). */
const FRAME_MS = 6;
/**
 * Lines of code per frame after that: the frame lays out what the renders drew (three elements a
 * line of static code), which cost more than drawing it.
 */
const FRAME_LINES = 120;

/**
 * A notebook with this few lines of code takes all its first renders in its first task: it is all
 * there at once (it lays out like the first screens of a long one), and it never fills in.
 */
const SHORT_NOTEBOOK_LINES = 300;

const admitted = new WeakSet<Deferrable>();
/** The next task's first renders are a short notebook's, all admitted. */
let wholeNext = false;
let whole = false;
const waiting = new Set<Deferrable>();
let inTask = 0;
let taskLines = 0;
let taskStart = 0;
let taskTimer: ReturnType<typeof setTimeout> | null = null;
let frame = 0;

function pump(): void {
  frame = 0;
  // The cells the first task left are below the first screen: drawn plain, coloured in idle time.
  colourNothingThisTask();
  const started = performance.now();
  let n = 0;
  let lines = 0;
  for (const element of waiting) {
    if (n > 0 && (performance.now() - started >= FRAME_MS || lines + element.firstRenderLines > FRAME_LINES)) break;
    waiting.delete(element);
    if (!element.isConnected) continue;
    admitted.add(element);
    lines += element.firstRenderLines;
    element.renderPending();
    n++;
  }
  if (waiting.size) frame = requestAnimationFrame(pump);
}

/**
 * True if `element` may render now (call from `shouldUpdate` while it has never rendered); if not,
 * it is queued and rendered once its turn comes.
 */
export function mayRenderFirst(element: Deferrable): boolean {
  if (admitted.has(element)) return true;
  if (taskTimer === null) {
    taskStart = performance.now();
    taskTimer = setTimeout(() => {
      inTask = 0;
      taskLines = 0;
      taskTimer = null;
    }, 0);
    // Cells still waiting from before (a long notebook filling in) keep their turn: new cells
    // (the next slice of a growing list) queue behind them. A closed notebook's cells wait no more.
    for (const old of waiting) if (!old.isConnected) waiting.delete(old);
    if (waiting.size) inTask = FIRST_TASK_MAX;
    whole = wholeNext && !waiting.size;
    wholeNext = false;
  }
  const roomy = inTask < FIRST_TASK_MAX && taskLines + element.firstRenderLines <= FIRST_TASK_LINES && performance.now() - taskStart < FIRST_TASK_MS;
  if (whole || inTask < FIRST_TASK_MIN || roomy) {
    inTask++;
    taskLines += element.firstRenderLines;
    admitted.add(element);
    waiting.delete(element);
    return true;
  }
  // Once the first task is full, the rest wait for frames (in document order).
  inTask = FIRST_TASK_MAX;
  waiting.add(element);
  // The frame right after the first task lays out what it drew; the pump starts in the next one.
  frame ||= requestAnimationFrame(() => (frame = requestAnimationFrame(pump)));
  return false;
}

/** Says a notebook is about to render its cells, with its lines of code (a short one renders whole). */
export function notebookOpening(linesOfCode: number): void {
  wholeNext = linesOfCode <= SHORT_NOTEBOOK_LINES;
}

/** Lets `element` render at once (the learner is entering it). */
export function renderNow(element: Deferrable): void {
  if (admitted.has(element)) return;
  admitted.add(element);
  waiting.delete(element);
  element.requestUpdate();
}
