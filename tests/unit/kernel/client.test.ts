import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KernelClient, type WorkerLike } from '../../../src/kernel/client';
import type { BackendInfo, DoneMessage, PageMessage, RunMessage, WorkerMessage, WorkerStart } from '../../../src/kernel/protocol';

/**
 * A worker stand-in that records what the page sent and lets the test answer. Like a live worker
 * it answers pings at once, unless `closed` (as after a cell's `self.close()`).
 */
class FakeWorker implements WorkerLike {
  sent: PageMessage[] = [];
  terminated = false;
  closed = false;
  onmessage: ((event: { data: WorkerMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  postMessage(message: PageMessage): void {
    if (this.closed) return;
    if (message.type === 'ping') {
      queueMicrotask(() => this.reply({ type: 'pong' }));
      return;
    }
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerMessage): void {
    this.onmessage?.({ data: message });
  }
  ready(): void {
    this.reply({ type: 'ready', backend: 'cpu', available: ['cpu'], timings: {}, excluded: {} });
  }
  executes(): Extract<PageMessage, { type: 'execute' }>[] {
    return this.sent.filter((m): m is Extract<PageMessage, { type: 'execute' }> => m.type === 'execute');
  }
}

function done(runId: string, status: 'ok' | 'error' | 'aborted' = 'ok', declared: string[] = []): DoneMessage {
  return { type: 'done', runId, status, declared, references: [], ms: 5 };
}

let workers: FakeWorker[];
/** What `createWorker` was given for each worker. */
let starts: WorkerStart[];
let client: KernelClient;

beforeEach(async () => {
  workers = [];
  starts = [];
  client = new KernelClient((start) => {
    starts.push(start);
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const started = client.start();
  workers[0].ready();
  await started;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('KernelClient', () => {
  it('sends init with the requested backend and becomes ready', () => {
    expect(workers[0].sent[0]).toEqual({ type: 'init', backend: undefined });
    expect(client.state).toBe('ready');
    expect(client.backendInfo?.backend).toBe('cpu');
  });

  it('runs queued cells one at a time, each with its own run id', async () => {
    const a = client.execute('a', '1', () => {});
    const b = client.execute('b', '2', () => {});
    expect(workers[0].executes().map((m) => m.cellId)).toEqual(['a']);
    expect(a.runId).not.toBe(b.runId);
    workers[0].reply(done(a.runId, 'ok', ['x']));
    expect(await a.done).toMatchObject({ status: 'ok', declared: ['x'] });
    expect(workers[0].executes().map((m) => m.runId)).toEqual([a.runId, b.runId]);
    workers[0].reply(done(b.runId));
    await b.done;
    expect(client.state).toBe('ready');
    expect([...client.executedCells]).toEqual(['a', 'b']);
  });

  it("routes a run's messages to its handler", () => {
    const got: RunMessage[] = [];
    const a = client.execute('a', 'x', (m) => got.push(m));
    workers[0].reply({ type: 'stream', runId: a.runId, name: 'stdout', text: 'hi\n' });
    workers[0].reply(done(a.runId));
    expect(got.map((m) => m.type)).toEqual(['stream', 'done']);
  });

  it('drops late messages from a run the same cell has since re-run', async () => {
    const first: RunMessage[] = [];
    const second: RunMessage[] = [];
    const r1 = client.execute('a', 'x', (m) => first.push(m));
    workers[0].reply(done(r1.runId));
    await r1.done;
    const r2 = client.execute('a', 'y', (m) => second.push(m));
    // A timer the first run left behind prints after the cell was re-run.
    workers[0].reply({ type: 'stream', runId: r1.runId, name: 'stdout', text: 'late\n' });
    workers[0].reply({ type: 'stream', runId: r2.runId, name: 'stdout', text: 'fresh\n' });
    expect(first.filter((m) => m.type === 'stream')).toHaveLength(0);
    expect(second.map((m) => (m.type === 'stream' ? m.text : m.type))).toEqual(['fresh\n']);
  });

  it('ignores messages with an unknown run id', () => {
    const got: RunMessage[] = [];
    client.execute('a', 'x', (m) => got.push(m));
    workers[0].reply({ type: 'stream', runId: 'r999', name: 'stdout', text: 'stray' });
    expect(got).toHaveLength(0);
  });

  it('interrupts cooperatively and cancels the queue', async () => {
    vi.useFakeTimers();
    const a = client.execute('a', 'train()', () => {});
    const b = client.execute('b', 'next()', () => {});
    client.interrupt();
    expect(workers[0].sent.at(-1)).toEqual({ type: 'interrupt', runId: a.runId });
    expect(await b.done).toMatchObject({ status: 'aborted' });
    workers[0].reply(done(a.runId, 'aborted'));
    expect(await a.done).toMatchObject({ status: 'aborted' });
    vi.advanceTimersByTime(5000);
    expect(workers).toHaveLength(1);
    expect(workers[0].executes()).toHaveLength(1);
  });

  it('terminates a worker that ignores the interrupt and lists the cells that must re-run', async () => {
    vi.useFakeTimers();
    const warm = client.execute('setup', 'const x = 1', () => {});
    workers[0].reply(done(warm.runId, 'ok', ['x']));
    await warm.done;
    const events: { reason: string; executed: string[] }[] = [];
    client.addEventListener('restarted', (e) => events.push((e as CustomEvent).detail));
    const loop = client.execute('loop', 'while(true){}', () => {});
    client.interrupt();
    vi.advanceTimersByTime(1999);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(await loop.done).toMatchObject({ status: 'aborted' });
    expect(events).toEqual([{ reason: 'hard-stop', executed: ['setup'] }]);
    expect(workers).toHaveLength(2);
    expect(client.state).toBe('starting');
    workers[1].ready();
    await client.whenReady();
    expect(client.state).toBe('ready');
    expect(client.executedCells.size).toBe(0);
  });

  it('ignores everything the old worker says after a restart', async () => {
    const a = client.execute('a', 'x', () => {});
    const restarted = client.restart();
    workers[1].ready();
    await restarted;
    const b = client.execute('b', 'y', () => {});
    workers[0].reply(done(b.runId, 'error'));
    workers[1].reply(done(b.runId, 'ok'));
    expect(await a.done).toMatchObject({ status: 'aborted' });
    expect(await b.done).toMatchObject({ status: 'ok' });
  });

  it('holds runs until the fresh worker is ready', async () => {
    const restarted = client.restart();
    client.execute('a', 'x', () => {});
    expect(workers[1].executes()).toHaveLength(0);
    workers[1].ready();
    await restarted;
    expect(workers[1].executes()).toHaveLength(1);
  });

  it('restarts with the chosen backend when the learner switches', async () => {
    const switched = client.setBackend('wasm');
    expect(workers[1].sent[0]).toEqual({ type: 'init', backend: 'wasm' });
    workers[1].reply({ type: 'ready', backend: 'wasm', available: ['cpu', 'wasm'], timings: {}, excluded: {} });
    expect((await switched).backend).toBe('wasm');
  });

  it('restarts after a worker crash and reports it', () => {
    const fatal: string[] = [];
    client.addEventListener('fatal', (e) => fatal.push((e as CustomEvent<string>).detail));
    workers[0].onerror?.({ message: 'out of memory' });
    expect(fatal).toEqual(['out of memory']);
    expect(workers).toHaveLength(2);
  });

  it('restarts a worker that stopped answering after a run (self.close()), and leaves no run queued', async () => {
    vi.useFakeTimers();
    const events: { reason: string; executed: string[]; message?: string }[] = [];
    client.addEventListener('restarted', (e) => events.push((e as CustomEvent).detail));
    const closing = client.execute('closer', 'self.close()', () => {});
    workers[0].reply({ type: 'status', runId: closing.runId, state: 'busy' });
    workers[0].closed = true;
    workers[0].reply(done(closing.runId, 'ok', ['x']));
    expect(await closing.done).toMatchObject({ status: 'ok' });
    const later = client.execute('later', '1 + 1', () => {});
    vi.advanceTimersByTime(4999);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers).toHaveLength(2);
    expect(await later.done).toMatchObject({ status: 'aborted' });
    expect(events).toEqual([{ reason: 'dead', executed: ['closer'], message: expect.stringContaining('stopped answering') }]);
    workers[1].ready();
    await client.whenReady();
    const fresh = client.execute('later', '1 + 1', () => {});
    expect(workers[1].executes().map((m) => m.runId)).toEqual([fresh.runId]);
  });

  it('restarts when a run is never acknowledged', () => {
    vi.useFakeTimers();
    workers[0].closed = true;
    client.execute('a', 'x', () => {});
    vi.advanceTimersByTime(5000);
    expect(workers).toHaveLength(2);
  });

  it('does not restart a worker that is busy in a long run it acknowledged', () => {
    vi.useFakeTimers();
    const run = client.execute('slow', 'while (Date.now() < end) {}', () => {});
    workers[0].reply({ type: 'status', runId: run.runId, state: 'busy' });
    workers[0].closed = true;
    vi.advanceTimersByTime(60_000);
    expect(workers).toHaveLength(1);
  });

  it('restarts to free memory when the kernel says so, and says why', async () => {
    const events: { reason: string; message?: string }[] = [];
    client.addEventListener('restarted', (e) => events.push((e as CustomEvent).detail));
    const hog = client.execute('hog', 'for (;;) kept.push(tf.ones([1e6]))', () => {});
    workers[0].reply({ ...done(hog.runId, 'error'), restart: 'memory' });
    expect(await hog.done).toMatchObject({ status: 'error' });
    expect(workers).toHaveLength(2);
    expect(events).toEqual([{ reason: 'memory', executed: ['hog'], message: expect.stringContaining('memory guard') }]);
  });

  it('marks a worker that fails before it is ready dead, without a restart loop', () => {
    const fatal: string[] = [];
    client.addEventListener('fatal', (e) => fatal.push((e as CustomEvent<string>).detail));
    void client.restart();
    workers[1].onerror?.({ message: 'worker script failed to load' });
    expect(client.state).toBe('dead');
    expect(workers).toHaveLength(2);
    expect(fatal).toEqual(['worker script failed to load']);
  });
});

const measured: BackendInfo = { backend: 'wasm', available: ['cpu', 'wasm'], timings: { cpu: 108.6, wasm: 47.1 }, excluded: { webgl: 'software WebGL' } };

describe('KernelClient and the backend measurement', () => {
  /** Collects the `backend` events. */
  const backendEvents = () => {
    const seen: BackendInfo[] = [];
    client.addEventListener('backend', (e) => seen.push((e as CustomEvent<BackendInfo>).detail));
    return seen;
  };

  it('gives the worker the same start parameters as the init message', () => {
    expect(starts).toHaveLength(1);
    expect(workers[0].sent[0]).toEqual({ type: 'init', ...starts[0] });
  });

  it('is ready and runs cells while the worker measures, and names the backends only once measured', async () => {
    const seen = backendEvents();
    const restarted = client.measureBackends();
    workers[1].reply({ type: 'ready', backend: 'wasm', available: ['wasm'], timings: {}, excluded: {}, measuring: true });
    expect((await restarted).backend).toBe('wasm');
    expect(client.state).toBe('ready');
    expect(client.measuringBackends).toBe(true);
    expect(seen).toEqual([]);
    const run = client.execute('a', '1', () => {});
    expect(workers[1].executes().map((m) => m.runId)).toEqual([run.runId]);
    workers[1].reply({ type: 'measured', ...measured });
    expect(seen).toEqual([measured]);
    expect(client.measuringBackends).toBe(false);
    expect(client.backendInfo).toEqual(measured);
    expect(client.state).toBe('busy');
  });

  it('restarts with the measured winner and its measurement instead of measuring again', async () => {
    void client.measureBackends();
    workers[1].reply({ type: 'ready', backend: 'wasm', available: ['wasm'], timings: {}, excluded: {}, measuring: true });
    workers[1].reply({ type: 'measured', ...measured, timings: { cpu: 20, wasm: 47.1 } });
    void client.restart();
    expect(starts[2]).toMatchObject({ backend: 'cpu', known: { timings: { cpu: 20, wasm: 47.1 } } });
    // "Measure again" forgets it.
    void client.measureBackends();
    expect(starts[3]).toEqual({ backend: undefined, known: undefined, heapLimit: undefined });
  });

  it('keeps the measurement when the learner picks a backend', async () => {
    void client.measureBackends();
    workers[1].reply({ type: 'ready', backend: 'wasm', available: ['wasm'], timings: {}, excluded: {}, measuring: true });
    workers[1].reply({ type: 'measured', ...measured });
    void client.setBackend('cpu');
    expect(starts[2]).toEqual({ backend: 'cpu', known: measured, heapLimit: undefined });
  });

  it('ignores the measurement of a worker that has since been replaced', () => {
    const seen = backendEvents();
    void client.measureBackends();
    const old = workers[1];
    old.reply({ type: 'ready', backend: 'wasm', available: ['wasm'], timings: {}, excluded: {}, measuring: true });
    void client.setBackend('cpu');
    old.reply({ type: 'measured', ...measured });
    expect(seen).toEqual([]);
    expect(client.backendInfo?.backend).toBe('wasm');
  });
});

describe('KernelClient and cell ids like constructor', () => {
  it('routes runs, widgets and forget for cells called constructor and __proto__', async () => {
    const got: string[] = [];
    const a = client.execute('constructor', 'x', (m) => got.push(`${m.type}:constructor`));
    workers[0].reply(done(a.runId, 'ok', ['x']));
    await a.done;
    const b = client.execute('__proto__', 'y', (m) => got.push(`${m.type}:__proto__`));
    workers[0].reply(done(b.runId));
    await b.done;
    expect(got).toEqual(['done:constructor', 'done:__proto__']);
    expect([...client.executedCells]).toEqual(['constructor', '__proto__']);
    client.setWidget('constructor#1', 2);
    client.forget(['constructor']);
    expect(workers[0].sent.at(-1)).toEqual({ type: 'forget', cellIds: ['constructor'] });
    const restarted = client.restart();
    // The forgotten cell's widget is not replayed to the fresh worker.
    expect(workers[1].sent.filter((m) => m.type === 'widget')).toEqual([]);
    workers[1].ready();
    await restarted;
  });
});
