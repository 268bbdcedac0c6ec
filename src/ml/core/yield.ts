/**
 * Yielding to the event loop inside long computations, so an abort message (or a UI event) can be
 * handled mid-training.
 */


/** Yields to the event loop so an abort message (or a UI event) can be handled mid-training. */
export function yieldToEventLoop(): Promise<void> {
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
