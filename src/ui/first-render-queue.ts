/**
 * How many cells take their first render at once. A notebook's first task renders its first cells
 * (those on screen when it opens) until it has spent a few milliseconds on them; the cells after
 * them render a few milliseconds' worth per frame, so a notebook of thousands of cells shows its
 * top as fast as a short one and fills in below without one long task, however loaded the machine.
 * The cells' hooks (`data-cell-id`, `data-status`) are on the page from the start: the notebook's
 * template sets them.
 */

/** An element whose first render may wait its turn. */
export interface Deferrable {
  readonly isConnected: boolean;
  requestUpdate(): void;
  /** Renders at once, synchronously (its turn has come). */
  renderPending(): void;
}

/** First renders the first task always allows (the top of a notebook). */
const FIRST_TASK_MIN = 3;
/** First renders the first task allows at most. */
const FIRST_TASK_MAX = 16;
/** Time the first task may spend on first renders beyond the minimum. */
const FIRST_TASK_MS = 8;
/** Time per frame for first renders after that (at least one a frame). */
const FRAME_MS = 6;

const admitted = new WeakSet<Deferrable>();
const waiting = new Set<Deferrable>();
let inTask = 0;
let taskStart = 0;
let taskTimer: ReturnType<typeof setTimeout> | null = null;
let frame = 0;

function pump(): void {
  frame = 0;
  const started = performance.now();
  let n = 0;
  for (const element of waiting) {
    if (n > 0 && performance.now() - started >= FRAME_MS) break;
    waiting.delete(element);
    if (!element.isConnected) continue;
    admitted.add(element);
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
      taskTimer = null;
    }, 0);
    // Cells still waiting from before (a long notebook filling in) keep their turn: new cells
    // (the next slice of a growing list) queue behind them. A closed notebook's cells wait no more.
    for (const old of waiting) if (!old.isConnected) waiting.delete(old);
    if (waiting.size) inTask = FIRST_TASK_MAX;
  }
  if (inTask < FIRST_TASK_MIN || (inTask < FIRST_TASK_MAX && performance.now() - taskStart < FIRST_TASK_MS)) {
    inTask++;
    admitted.add(element);
    waiting.delete(element);
    return true;
  }
  // Once the first task is full, the rest wait for frames (in document order).
  inTask = FIRST_TASK_MAX;
  waiting.add(element);
  frame ||= requestAnimationFrame(pump);
  return false;
}

/** Lets `element` render at once (the learner is entering it). */
export function renderNow(element: Deferrable): void {
  if (admitted.has(element)) return;
  admitted.add(element);
  waiting.delete(element);
  element.requestUpdate();
}
