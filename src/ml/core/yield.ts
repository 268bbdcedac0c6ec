/**
 * Yielding to the event loop inside long computations, so an abort message (or a UI event) can be
 * handled mid-training.
 *
 * `scheduler.yield()` is deliberately not used: its continuation outranks ordinary tasks, and in a
 * Chromium worker a loop that yields with it never lets the page's Stop message in (measured: no
 * message in 5 s of yielding every 10 ms). `scheduler.postTask` at the default priority queues
 * behind that message instead, and costs ~0.2 ms; a MessageChannel ~0.5 ms; `setTimeout` ~5 ms.
 */

/** `scheduler.postTask` where the runtime has it (Chromium, also in workers). */
type PostTask = (callback: () => void, options: { priority: 'user-visible' }) => Promise<void>;

function findPostTask(): PostTask | null {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  return typeof scheduler?.postTask === 'function' ? scheduler.postTask.bind(scheduler) : null;
}

/** Yields to the event loop so an abort message (or a UI event) can be handled mid-training. */
export function yieldToEventLoop(): Promise<void> {
  const postTask = findPostTask();
  if (postTask) return postTask(() => {}, { priority: 'user-visible' });
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    // Unlike setTimeout(0), a message is not clamped to 4 ms after a few nested calls.
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

let lastYield = 0;

const YIELD_EVERY_MS = 15;

/** Yields at most every few milliseconds: often enough to stay responsive, rarely enough to be free. */
export async function maybeYield(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < YIELD_EVERY_MS) return;
  lastYield = now;
  await yieldToEventLoop();
}

/**
 * A yield helper for one call (one training run, one loop): the returned function yields at most
 * every `everyMs`, on its own clock, so two loops running at once do not share one budget.
 */
export function createYielder(everyMs = YIELD_EVERY_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}
