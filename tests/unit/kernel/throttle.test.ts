import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../src/kernel/throttle';

afterEach(() => vi.useRealTimers());

describe('throttle', () => {
  it('sends the first value at once and at most one more per interval, always the latest', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const send = throttle((v: number) => sent.push(v), 100);
    for (let i = 1; i <= 10; i++) {
      send(i);
      vi.advanceTimersByTime(15);
    }
    // 150 ms elapsed: the first value, then one trailing update at 100 ms carrying the latest value then.
    expect(sent).toEqual([1, 7]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1, 7, 10]);
  });

  it('flush sends what is pending immediately, once', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const send = throttle((v: string) => sent.push(v), 100);
    send('a');
    send('b');
    send.flush();
    send.flush();
    expect(sent).toEqual(['a', 'b']);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual(['a', 'b']);
  });

  it('never sends two updates less than the interval apart', () => {
    vi.useFakeTimers();
    const times: number[] = [];
    const send = throttle(() => times.push(Date.now()), 100);
    for (let i = 0; i < 200; i++) {
      send(i);
      vi.advanceTimersByTime(7);
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(times.length).toBeGreaterThan(10);
  });
});
