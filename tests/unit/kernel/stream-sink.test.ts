import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerMessage } from '../../../src/kernel/protocol';
import { createStreamSink } from '../../../src/kernel/stream-sink';

describe('createStreamSink', () => {
  let sent: WorkerMessage[];
  beforeEach(() => {
    sent = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const texts = () => sent.map((m) => (m.type === 'stream' ? `${m.name}:${m.text}` : m.type));

  it('sends the first line at once and batches the lines that follow within 16 ms', () => {
    const sink = createStreamSink((m) => sent.push(m));
    sink.write('r1', 'stdout', 'a\n');
    sink.write('r1', 'stdout', 'b\n');
    sink.write('r1', 'stdout', 'c\n');
    expect(texts()).toEqual(['stdout:a\n']);
    vi.advanceTimersByTime(16);
    expect(texts()).toEqual(['stdout:a\n', 'stdout:b\nc\n']);
  });

  it('keeps stdout and stderr apart and in order, and flushes on demand', () => {
    const sink = createStreamSink((m) => sent.push(m));
    sink.write('r1', 'stdout', 'first\n');
    sink.write('r1', 'stdout', 'out\n');
    sink.write('r1', 'stderr', 'err\n');
    sink.write('r1', 'stdout', 'out again\n');
    sink.flush();
    expect(texts()).toEqual(['stdout:first\n', 'stdout:out\n', 'stderr:err\n', 'stdout:out again\n']);
    expect(sent.every((m) => m.type === 'stream' && m.runId === 'r1')).toBe(true);
  });

  it('stops a run after the character cap, says so once, and starts afresh for the next run', () => {
    const sink = createStreamSink((m) => sent.push(m), 10);
    sink.write('r1', 'stdout', '12345678\n');
    sink.write('r1', 'stdout', 'abcdefgh\n');
    sink.write('r1', 'stdout', 'dropped\n');
    sink.flush();
    const all = texts().join('');
    expect(all).toContain('stdout:12345678\n');
    expect(all).toContain('stdout:a\n');
    expect(all).not.toContain('dropped');
    expect(all.match(/stopped showing this run's printed output after 10 characters/g)).toHaveLength(1);
    sink.write('r2', 'stdout', 'next run\n');
    sink.flush();
    expect(sent.at(-1)).toEqual({ type: 'stream', runId: 'r2', name: 'stdout', text: 'next run\n' });
  });
});
