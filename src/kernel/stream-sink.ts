/**
 * Printed output on its way to the page. A cell that prints in a loop would otherwise send one
 * message per line (tens of thousands a second): text is batched into at most one message per
 * 16 ms (and sent before any other message, so the order of outputs holds), and a run's printing
 * stops after `maxChars` characters with a line that says so, so no cell can bury the page.
 */
import type { WorkerMessage } from './protocol';

/** Characters of printed output one run sends at most (about 8 MB as UTF-16). */
export const MAX_STREAM_CHARS = 4_000_000;
/** Longest time printed text waits before it is sent. */
const BATCH_MS = 16;

type StreamName = 'stdout' | 'stderr';

/** Batches and caps `stream` messages; `flush()` sends what is pending. */
export interface StreamSink {
  write(runId: string, name: StreamName, text: string): void;
  flush(): void;
}

/** Creates a sink that sends through `post`. */
export function createStreamSink(post: (message: WorkerMessage) => void, maxChars = MAX_STREAM_CHARS): StreamSink {
  let runId = '';
  let pending: { name: StreamName; text: string }[] = [];
  let sent = 0;
  let stopped = false;
  let lastFlush = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    lastFlush = performance.now();
    const batch = pending;
    pending = [];
    for (const { name, text } of batch) post({ type: 'stream', runId, name, text });
  };

  return {
    write(id, name, text) {
      if (id !== runId) {
        flush();
        runId = id;
        sent = 0;
        stopped = false;
        lastFlush = -Infinity;
      }
      if (stopped) return;
      let chunk = text;
      if (sent + chunk.length > maxChars) {
        chunk = `${chunk.slice(0, Math.max(0, maxChars - sent))}\n`;
        stopped = true;
      }
      sent += chunk.length;
      const last = pending.at(-1);
      if (last?.name === name) last.text += chunk;
      else pending.push({ name, text: chunk });
      if (stopped) {
        pending.push({
          name: 'stderr',
          text: `Fieldbook stopped showing this run's printed output after ${maxChars.toLocaleString('en-US')} characters; the cell goes on running.\n`,
        });
        flush();
      } else if (performance.now() - lastFlush >= BATCH_MS) {
        flush();
      } else {
        timer ??= setTimeout(flush, BATCH_MS);
      }
    },
    flush,
  };
}
