/**
 * How much code gets parsed for colours at once. Parsing every cell of a long notebook in the
 * task that draws it took ~90 ms for 47 cells (and seconds for a thousand), so each task parses
 * for at most a few milliseconds — the first cells, which are the ones on screen when a notebook
 * opens — and the rest is drawn plain (the same layout) and coloured in idle time.
 */

/** Something whose static code can be coloured later. */
export interface Highlightable {
  readonly isConnected: boolean;
  /** Redraws its static code with colours. */
  highlight(): void;
}

/** Parsing allowed per task, in milliseconds. */
const TASK_BUDGET_MS = 12;
/** Below this much idle time left, the rest waits for the next idle period. */
const MIN_IDLE_MS = 6;

let taskStart = -1;
let spent = 0;

/** True while this task may still parse code for colours; call `charge` with what it cost. */
export function canHighlightNow(): boolean {
  if (taskStart < 0) {
    taskStart = performance.now();
    spent = 0;
    setTimeout(() => (taskStart = -1), 0);
  }
  return spent < TASK_BUDGET_MS;
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
  idle((deadline) => {
    scheduled = false;
    let done = 0;
    for (const item of waiting) {
      if (done > 0 && deadline.timeRemaining() < MIN_IDLE_MS) break;
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
