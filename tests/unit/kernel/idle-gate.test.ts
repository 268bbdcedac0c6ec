import { describe, expect, it } from 'vitest';
import { IdleGate, nextTask, type GateClock } from '../../../src/kernel/idle-gate';

/** A clock whose sleeps end only when the test moves time on. */
function manualClock() {
  let now = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  const clock: GateClock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const s of sleepers.filter((x) => x.until <= now)) {
      sleepers.splice(sleepers.indexOf(s), 1);
      s.wake();
    }
    await settle();
  };
  return { clock, advance };
}

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** Starts `hold()` and reports whether it has resolved yet. */
function tracked<T>(promise: Promise<T>) {
  const state = { done: false, value: undefined as T | undefined };
  void promise.then((v) => {
    state.done = true;
    state.value = v;
  });
  return state;
}

describe('IdleGate', () => {
  it('lets background work start only once nothing has been busy for the quiet time', async () => {
    const { clock, advance } = manualClock();
    const gate = new IdleGate(150, clock);
    const held = tracked(gate.hold());
    await advance(149);
    expect(held.done).toBe(false);
    await advance(1);
    expect(held.done).toBe(true);
  });

  it('makes foreground work wait for the background step in progress, and only for that step', async () => {
    const { clock, advance } = manualClock();
    const gate = new IdleGate(0, clock);
    const release = await gate.hold();
    const entered = tracked(gate.enter());
    await settle();
    expect(gate.wanted).toBe(true);
    expect(entered.done).toBe(false);
    release();
    await settle();
    expect(entered.done).toBe(true);
    // The background's next step waits for the foreground work, then for the quiet time.
    const next = tracked(gate.hold());
    await advance(1000);
    expect(next.done).toBe(false);
    entered.value?.();
    await advance(0);
    expect(next.done).toBe(true);
  });

  it('starts the quiet time again when the last foreground work ends', async () => {
    const { clock, advance } = manualClock();
    const gate = new IdleGate(100, clock);
    const leaveA = await gate.enter();
    const leaveB = await gate.enter();
    const held = tracked(gate.hold());
    await advance(500);
    leaveA();
    leaveA();
    await advance(500);
    // One run is still going (leaving twice counted once).
    expect(gate.wanted).toBe(true);
    expect(held.done).toBe(false);
    leaveB();
    expect(gate.wanted).toBe(false);
    await advance(99);
    expect(held.done).toBe(false);
    await advance(1);
    expect(held.done).toBe(true);
  });
});

describe('nextTask', () => {
  it('resolves in a later task, after the microtasks queued behind it, and in the order asked', async () => {
    const order: string[] = [];
    const first = nextTask().then(() => order.push('task 1'));
    const second = nextTask().then(() => order.push('task 2'));
    void Promise.resolve()
      .then(() => order.push('microtask'))
      .then(() => order.push('chained microtask'));
    await Promise.all([first, second]);
    expect(order).toEqual(['microtask', 'chained microtask', 'task 1', 'task 2']);
  });
});
