import { describe, expect, it } from 'vitest';
import type { WorkerLike } from '../../../src/kernel/client';
import { adoptEarlyWorker, holdEarlyWorker, workerFor, type WorkerHandle } from '../../../src/kernel/early-worker';
import type { PageMessage, WorkerMessage } from '../../../src/kernel/protocol';

/** A worker stand-in: the test makes it speak with `say` and `fail`. */
class FakeWorker implements WorkerHandle {
  sent: PageMessage[] = [];
  terminated = false;
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(message: PageMessage): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(message: WorkerMessage): void {
    this.onmessage?.({ data: message });
  }
  fail(message: string): void {
    this.onerror?.({ message });
  }
}

const ready: WorkerMessage = { type: 'ready', backend: 'wasm', available: ['wasm'], timings: {}, excluded: {}, measuring: true };
const pong: WorkerMessage = { type: 'pong' };

/** Attaches a client-like listener that records what it hears. */
function listen(worker: WorkerLike): string[] {
  const heard: string[] = [];
  worker.onmessage = (event) => heard.push(event.data.type);
  worker.onerror = (event) => heard.push(`error: ${event.message}`);
  return heard;
}

describe('the early kernel worker', () => {
  it('hands the client what it said before, in order, then what it says after', async () => {
    const fake = new FakeWorker();
    const early = holdEarlyWorker(fake, {});
    fake.say(ready);
    fake.fail('late script error');
    fake.say(pong);
    const adopted = adoptEarlyWorker(early);
    const heard = listen(adopted);
    adopted.postMessage({ type: 'init' });
    // Nothing yet: the client is still setting up (it sends init first).
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual(['ready', 'error: late script error', 'pong']);
    fake.say(pong);
    expect(heard).toEqual(['ready', 'error: late script error', 'pong', 'pong']);
    expect(fake.sent).toEqual([{ type: 'init' }]);
  });

  it('keeps the order when a message arrives before the held ones were handed over', () => {
    const fake = new FakeWorker();
    const early = holdEarlyWorker(fake, {});
    fake.say(ready);
    const adopted = adoptEarlyWorker(early);
    const heard = listen(adopted);
    fake.say(pong);
    expect(heard).toEqual(['ready', 'pong']);
  });

  it('is adopted when it started as the client asks, and replaced otherwise', () => {
    const made: string[] = [];
    const create = (start: { backend?: string }) => {
      made.push(start.backend ?? 'measure');
      return new FakeWorker();
    };
    const asked = new FakeWorker();
    workerFor({ backend: 'wasm', heapLimit: 4e9 }, holdEarlyWorker(asked, { backend: 'wasm', heapLimit: 4e9 }), create).terminate();
    expect(made).toEqual([]);
    expect(asked.terminated).toBe(true);

    const stale = new FakeWorker();
    workerFor({ backend: 'cpu' }, holdEarlyWorker(stale, { backend: 'wasm' }), create);
    expect(stale.terminated).toBe(true);
    expect(made).toEqual(['cpu']);

    workerFor({}, undefined, create);
    expect(made).toEqual(['cpu', 'measure']);
  });
});
