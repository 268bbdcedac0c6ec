import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendInfo } from '../../../src/kernel/protocol';
import { backendAtStart, clearMeasuredBackends, loadMeasuredBackends, saveBackendChoice, saveMeasuredBackends } from '../../../src/store/settings';

const here = { appVersion: '0.1.0+abc', userAgent: 'Chromium/156' };
const measured: BackendInfo = { backend: 'wasm', available: ['cpu', 'wasm'], timings: { cpu: 74.4, wasm: 26.4 }, excluded: { webgl: 'software WebGL' } };

beforeEach(() => {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  });
});

afterEach(() => vi.unstubAllGlobals());

describe('the backend choice', () => {
  it('measures at first start, then starts with the cached winner and its timings', () => {
    expect(backendAtStart(here)).toEqual({});
    saveMeasuredBackends(measured, here);
    expect(backendAtStart(here)).toEqual({ backend: 'wasm', known: measured });
  });

  it('starts with the fastest measured backend, also when the measurement kept another one in use', () => {
    // A first visit whose cells ran before the measurement ended stayed on wasm although cpu won.
    saveMeasuredBackends({ ...measured, timings: { cpu: 20.5, wasm: 26.4 } }, here);
    expect(backendAtStart(here).backend).toBe('cpu');
  });

  it('measures again for a new app version or another browser version', () => {
    saveMeasuredBackends(measured, here);
    expect(loadMeasuredBackends({ ...here, appVersion: '0.1.1+def' })).toBeNull();
    expect(loadMeasuredBackends({ ...here, userAgent: 'Chromium/157' })).toBeNull();
    expect(loadMeasuredBackends(here)).toEqual(measured);
  });

  it('prefers the learner’s pick to the measured winner, and forgets either when asked', () => {
    saveMeasuredBackends(measured, here);
    saveBackendChoice('cpu');
    expect(backendAtStart(here)).toEqual({ backend: 'cpu', known: measured });
    saveBackendChoice(null);
    clearMeasuredBackends();
    expect(backendAtStart(here)).toEqual({});
  });

  it('does not cache a start that measured nothing, and ignores a damaged cache', () => {
    saveMeasuredBackends({ ...measured, timings: {} }, here);
    expect(loadMeasuredBackends(here)).toBeNull();
    localStorage.setItem('fieldbook.backend-measured', '{"appVersion":"0.1.0+abc","userAgent":"Chromium/156","info":{"backend":"tpu"}}');
    expect(loadMeasuredBackends(here)).toBeNull();
    localStorage.setItem('fieldbook.backend-measured', 'not json');
    expect(loadMeasuredBackends(here)).toBeNull();
  });

  it('works, measuring every time, where storage is blocked', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      removeItem: () => {},
    });
    saveMeasuredBackends(measured, here);
    expect(backendAtStart(here)).toEqual({});
  });
});
