import { describe, expect, it } from 'vitest';
import { measureInIdle, type MeasureDeps } from '../../../src/kernel/backend-measure';
import { IdleGate } from '../../../src/kernel/idle-gate';
import { fastestBackend, type BackendName } from '../../../src/kernel/protocol';

/**
 * tfjs as the measurement sees it: an engine whose active backend `activate` changes, and a probe
 * that takes `steps` steps (each a macrotask, as the real one yields between steps) and reports
 * the time given for the backend active when it started.
 */
function fakeTfjs(times: Partial<Record<BackendName, number>>, options: { broken?: BackendName[]; webgl?: string | null; steps?: number } = {}) {
  const log: string[] = [];
  let active: BackendName = 'wasm';
  const deps: MeasureDeps = {
    activate: async (name) => {
      log.push(`activate ${name}`);
      active = name;
      return !options.broken?.includes(name);
    },
    probe: async (shouldStop) => {
      const on = active;
      for (let i = 0; i < (options.steps ?? 3); i++) {
        await new Promise((r) => setTimeout(r, 0));
        if (shouldStop()) {
          log.push(`stopped ${on}`);
          return null;
        }
      }
      log.push(`probed ${on}`);
      return times[on] ?? 1000;
    },
    webglProblem: () => (options.webgl === undefined ? 'software WebGL (SwiftShader) is about 15× slower than cpu' : options.webgl),
  };
  return { deps, log, active: () => active };
}

describe('measureInIdle', () => {
  it('probes the backend in use first, then the others, setting the one in use back after each', async () => {
    const tfjs = fakeTfjs({ cpu: 108.64, wasm: 47.12 });
    const info = await measureInIdle(tfjs.deps, { active: 'wasm', gate: new IdleGate(0), cellsRan: () => false });
    expect(tfjs.log).toEqual(['probed wasm', 'activate cpu', 'probed cpu', 'activate wasm']);
    expect(info).toEqual({
      backend: 'wasm',
      available: ['cpu', 'wasm'],
      timings: { cpu: 108.6, wasm: 47.1 },
      excluded: { webgl: 'software WebGL (SwiftShader) is about 15× slower than cpu' },
    });
    expect(tfjs.active()).toBe('wasm');
  });

  it('switches to a faster backend while no cell has run', async () => {
    const tfjs = fakeTfjs({ cpu: 30, wasm: 47 });
    const info = await measureInIdle(tfjs.deps, { active: 'wasm', gate: new IdleGate(0), cellsRan: () => false });
    expect(info.backend).toBe('cpu');
    expect(tfjs.active()).toBe('cpu');
    expect(fastestBackend(info)).toBe('cpu');
  });

  it('keeps the backend in use once a cell has run, and still reports the faster one', async () => {
    const tfjs = fakeTfjs({ cpu: 30, wasm: 47 });
    const info = await measureInIdle(tfjs.deps, { active: 'wasm', gate: new IdleGate(0), cellsRan: () => true });
    expect(info.backend).toBe('wasm');
    expect(tfjs.active()).toBe('wasm');
    expect(fastestBackend(info)).toBe('cpu');
  });

  it('stops a probe for a cell sent meanwhile, lets the cell run on the backend in use, then probes again', async () => {
    const tfjs = fakeTfjs({ cpu: 108, wasm: 47 }, { steps: 20 });
    const gate = new IdleGate(0);
    const measured = measureInIdle(tfjs.deps, { active: 'wasm', gate, cellsRan: () => true });
    // Wait until the cpu probe is under way, then send a "cell".
    while (!tfjs.log.includes('activate cpu')) await new Promise((r) => setTimeout(r, 0));
    const leave = await gate.enter();
    tfjs.log.push(`cell runs on ${tfjs.active()}`);
    leave();
    const info = await measured;
    expect(tfjs.log).toEqual([
      'probed wasm',
      'activate cpu',
      'stopped cpu',
      'activate wasm',
      'cell runs on wasm',
      'activate cpu',
      'probed cpu',
      'activate wasm',
    ]);
    expect(info.timings).toEqual({ cpu: 108, wasm: 47 });
  });

  it('leaves out a backend that fails to start, and WebGL where it is software', async () => {
    const tfjs = fakeTfjs({ wasm: 47 }, { broken: ['cpu'] });
    const info = await measureInIdle(tfjs.deps, { active: 'wasm', gate: new IdleGate(0), cellsRan: () => false });
    expect(info).toEqual({
      backend: 'wasm',
      available: ['wasm'],
      timings: { wasm: 47 },
      excluded: { webgl: expect.stringContaining('software'), cpu: 'failed to initialise' },
    });
    expect(tfjs.active()).toBe('wasm');
  });

  it('measures hardware WebGL too', async () => {
    const tfjs = fakeTfjs({ cpu: 108, wasm: 47, webgl: 20 }, { webgl: null });
    const info = await measureInIdle(tfjs.deps, { active: 'wasm', gate: new IdleGate(0), cellsRan: () => false });
    expect(info.available).toEqual(['cpu', 'wasm', 'webgl']);
    expect(info.backend).toBe('webgl');
  });
});

describe('fastestBackend', () => {
  it('is the available backend with the lowest probe time, or the one in use when nothing was timed', () => {
    expect(fastestBackend({ backend: 'wasm', available: ['cpu', 'wasm'], timings: { cpu: 74.4, wasm: 26.4 }, excluded: {} })).toBe('wasm');
    expect(fastestBackend({ backend: 'wasm', available: ['cpu', 'wasm'], timings: { cpu: 20, wasm: 26.4 }, excluded: {} })).toBe('cpu');
    // A time for a backend that is not available (it failed since) does not count.
    expect(fastestBackend({ backend: 'wasm', available: ['wasm'], timings: { cpu: 1, wasm: 26.4 }, excluded: {} })).toBe('wasm');
    expect(fastestBackend({ backend: 'cpu', available: ['cpu', 'wasm'], timings: {}, excluded: {} })).toBe('cpu');
  });
});
