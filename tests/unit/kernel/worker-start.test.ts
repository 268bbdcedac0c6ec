import { describe, expect, it } from 'vitest';
import type { BackendInfo, WorkerStart } from '../../../src/kernel/protocol';
import { decodeWorkerStart, sameWorkerStart, WORKER_NAME, workerName } from '../../../src/kernel/worker-start';

const known: BackendInfo = {
  backend: 'wasm',
  available: ['cpu', 'wasm'],
  timings: { cpu: 108.6, wasm: 47.1 },
  excluded: { webgl: 'software WebGL (SwiftShader) is about 15× slower than cpu' },
};

/** The name the page would give, with the start given as raw JSON text. */
const nameWith = (json: string) => `${WORKER_NAME}#${new URLSearchParams({ start: json }).toString()}`;

describe('the worker start carried in the worker name', () => {
  it('gives back the backend, the cached measurement and the heap limit the page put there', () => {
    const start: WorkerStart = { backend: 'wasm', known, heapLimit: 4_294_705_152 };
    const name = workerName(start);
    expect(name.startsWith(`${WORKER_NAME}#`)).toBe(true);
    expect(decodeWorkerStart(name)).toEqual(start);
  });

  it('gives back an empty start (a first visit: measure) as empty, not as missing', () => {
    expect(decodeWorkerStart(workerName({}))).toEqual({});
  });

  it('is missing from a plain name, so the worker waits for the init message', () => {
    expect(decodeWorkerStart(WORKER_NAME)).toBeNull();
    expect(decodeWorkerStart('')).toBeNull();
    expect(decodeWorkerStart(`${WORKER_NAME}#other=1`)).toBeNull();
    expect(decodeWorkerStart(nameWith('{not json'))).toBeNull();
    expect(decodeWorkerStart(nameWith('"wasm"'))).toBeNull();
  });

  it('drops fields that do not check out and keeps the rest', () => {
    const raw = JSON.stringify({ backend: 'tpu', known: { backend: 'wasm', available: ['cpu'] }, heapLimit: -1 });
    expect(decodeWorkerStart(nameWith(raw))).toEqual({});
    const mixed = JSON.stringify({ backend: 'cpu', known: { ...known, available: ['cpu', 'gpu'] }, heapLimit: 1e9 });
    expect(decodeWorkerStart(nameWith(mixed))).toEqual({ backend: 'cpu', heapLimit: 1e9 });
  });
});

describe('sameWorkerStart', () => {
  it('compares the backend, the heap limit and the measurement', () => {
    expect(
      sameWorkerStart({ backend: 'wasm', known, heapLimit: 1 }, { backend: 'wasm', known: JSON.parse(JSON.stringify(known)) as BackendInfo, heapLimit: 1 }),
    ).toBe(true);
    expect(sameWorkerStart({}, { backend: undefined, known: undefined, heapLimit: undefined })).toBe(true);
    expect(sameWorkerStart({ backend: 'wasm' }, { backend: 'cpu' })).toBe(false);
    expect(sameWorkerStart({ known }, {})).toBe(false);
    expect(sameWorkerStart({ heapLimit: 1 }, { heapLimit: 2 })).toBe(false);
  });
});
