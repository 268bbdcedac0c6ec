/**
 * How many cells take their first render at once. A notebook's first task renders its first 60
 * cells (every cell of the shipped notebooks); the cells after them render 40 per frame, so a
 * notebook of thousands of cells shows its top as fast as a short one and fills in below without
 * one long task. The cells' hooks (`data-cell-id`, `data-status`) are on the page from the
 * start: the notebook's template sets them.
 */

/** An element whose first render may wait its turn. */
export interface Deferrable {
  readonly isConnected: boolean;
  requestUpdate(): void;
}

/** First renders allowed in one task before the rest waits for frames. */
const FIRST_TASK = 16;
/** First renders per frame after that. */
const PER_FRAME = 12;

const admitted = new WeakSet<Deferrable>();
const waiting = new Set<Deferrable>();
let inTask = 0;
let taskTimer: ReturnType<typeof setTimeout> | null = null;
let frame = 0;

function pump(): void {
  frame = 0;
  let n = 0;
  for (const element of waiting) {
    if (n >= PER_FRAME) break;
    waiting.delete(element);
    if (!element.isConnected) continue;
    admitted.add(element);
    element.requestUpdate();
    n++;
  }
  if (waiting.size) frame = requestAnimationFrame(pump);
}

/**
 * True if `element` may render now (call from `shouldUpdate` while it has never rendered); if not,
 * it is queued and asked to update once its turn comes.
 */
export function mayRenderFirst(element: Deferrable): boolean {
  if (admitted.has(element)) return true;
  taskTimer ??= setTimeout(() => {
    inTask = 0;
    taskTimer = null;
  }, 0);
  if (inTask < FIRST_TASK) {
    inTask++;
    admitted.add(element);
    waiting.delete(element);
    return true;
  }
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
