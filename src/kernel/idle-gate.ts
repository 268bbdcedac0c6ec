/**
 * Who may use the worker's thread and the tfjs engine: foreground work (cell runs, cell analysis)
 * always, background work (the backend measurement) only once the kernel has been idle for a
 * while. Background work holds the gate for one short step at a time and checks `wanted` between
 * steps, so a cell sent to run waits at most for the step in progress, never for the whole
 * measurement.
 */

/** Time, injectable for tests. */
export interface GateClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: GateClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** See the file comment. */
export class IdleGate {
  private busy = 0;
  private quietSince: number;
  /** Settles when the background step in progress lets go of the gate. */
  private held: Promise<void> | null = null;
  private idleWaiters: Array<() => void> = [];

  /** `quietMs`: how long nothing must have been busy before background work may start a step. */
  constructor(
    private readonly quietMs: number,
    private readonly clock: GateClock = realClock,
  ) {
    this.quietSince = clock.now();
  }

  /** True while foreground work waits or runs: background work stops at its next check. */
  get wanted(): boolean {
    return this.busy > 0;
  }

  /**
   * Foreground work begins. Resolves once no background step holds the gate; call the function it
   * resolves with when the work is done (calling it twice counts once).
   */
  async enter(): Promise<() => void> {
    this.busy++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.busy--;
      if (this.busy > 0) return;
      this.quietSince = this.clock.now();
      for (const wake of this.idleWaiters.splice(0)) wake();
    };
    while (this.held) await this.held;
    return leave;
  }

  /**
   * Waits until nothing has been busy for `quietMs`, then holds the gate for one background step:
   * foreground work that arrives meanwhile waits until the returned function is called.
   */
  async hold(): Promise<() => void> {
    for (;;) {
      while (this.held) await this.held;
      if (this.busy > 0) {
        await new Promise<void>((wake) => this.idleWaiters.push(wake));
        continue;
      }
      const wait = this.quietSince + this.quietMs - this.clock.now();
      if (wait > 0) {
        await this.clock.sleep(wait);
        continue;
      }
      break;
    }
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = null;
      release();
    };
  }
}

let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

/**
 * Resolves in a later task, after the messages and other tasks already queued: how background work
 * and sliced work let a cell's `execute` message in. A message to itself, which (unlike
 * `setTimeout`) is never clamped to 4 ms when such waits follow each other.
 */
export function nextTask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node (unit tests): the port must not keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const port = channel.port2;
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
