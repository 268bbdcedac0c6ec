import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { medianOf, probe, startBackend } from '../../../src/kernel/backend';
import type { BackendInfo } from '../../../src/kernel/protocol';
import { expectNoTensorLeaks } from '../helpers/tensors';

expectNoTensorLeaks();

const known: BackendInfo = { backend: 'wasm', available: ['cpu', 'wasm'], timings: { cpu: 108.6, wasm: 47.1 }, excluded: { webgl: 'software WebGL' } };

describe('the backend probe', () => {
  it('times its steps on the active backend and frees everything it made', async () => {
    const ms = await probe();
    expect(ms).toBeGreaterThan(0);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('stops between two steps when asked, with no time and nothing left behind', async () => {
    let checks = 0;
    // Stops in the warm-up run's fourth step.
    expect(await probe(() => ++checks > 3)).toBeNull();
    expect(checks).toBe(4);
    // A stop in the timed run gives no time either.
    checks = 0;
    expect(await probe(() => ++checks > 20)).toBeNull();
    expect(checks).toBe(21);
  });
});

describe('medianOf', () => {
  it('is the middle value, so one preempted step does not move the probe time', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([1, 2, 3, 400])).toBe(2.5);
    expect(medianOf([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 90])).toBe(2);
  });
});

describe('startBackend', () => {
  it('uses the backend asked for, with the cached measurement behind it, and measures nothing', async () => {
    expect(await startBackend('cpu', known)).toEqual({ info: { ...known, backend: 'cpu' }, measuring: false });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('lists the usual candidates beside a backend asked for without a measurement', async () => {
    expect(await startBackend('cpu')).toEqual({ info: { backend: 'cpu', available: ['cpu', 'wasm'], timings: {}, excluded: {} }, measuring: false });
  });
});

describe('a start with no backend to use', () => {
  it('runs on the likely winner and leaves the candidates to measure (cpu here: Node cannot load the bundled wasm URL)', async () => {
    // Emscripten and tfjs say why wasm failed on the console; the outcome is what this checks.
    const quiet = ['log', 'warn', 'error'].map((m) => vi.spyOn(console, m as 'log').mockImplementation(() => {}));
    const started = await startBackend().finally(() => quiet.forEach((spy) => spy.mockRestore()));
    expect(started).toEqual({ info: { backend: 'cpu', available: ['cpu'], timings: {}, excluded: {} }, measuring: true });
    expect(tf.getBackend()).toBe('cpu');
  });
});
