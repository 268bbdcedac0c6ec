import { afterEach, describe, expect, it, vi } from 'vitest';
import { Watchdog } from '../../../src/kernel/watchdog';

afterEach(() => vi.useRealTimers());

describe('Watchdog', () => {
  it('barks after the deadline unless disarmed', () => {
    vi.useFakeTimers();
    let barks = 0;
    const dog = new Watchdog(1000, () => barks++);
    dog.arm();
    vi.advanceTimersByTime(999);
    expect(barks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(barks).toBe(1);
    dog.arm();
    dog.disarm();
    vi.advanceTimersByTime(5000);
    expect(barks).toBe(1);
  });

  it('keeps the first deadline when armed twice, and moves it on rearm', () => {
    vi.useFakeTimers();
    let barks = 0;
    const dog = new Watchdog(1000, () => barks++);
    dog.arm();
    vi.advanceTimersByTime(600);
    dog.arm();
    vi.advanceTimersByTime(400);
    expect(barks).toBe(1);
    dog.arm();
    vi.advanceTimersByTime(600);
    dog.rearm();
    vi.advanceTimersByTime(600);
    expect(barks).toBe(1);
    vi.advanceTimersByTime(400);
    expect(barks).toBe(2);
  });

  it('waits once more when its timer fired late, because the page itself was busy', () => {
    vi.useFakeTimers();
    let clock = 0;
    let barks = 0;
    const dog = new Watchdog(
      1000,
      () => barks++,
      () => clock,
    );
    dog.arm();
    clock = 3000; // the page was blocked: the timer runs at 3 s instead of 1 s
    vi.advanceTimersByTime(1000);
    expect([barks, dog.armed]).toEqual([0, true]);
    clock = 4000;
    vi.advanceTimersByTime(1000);
    expect(barks).toBe(1);
  });
});
