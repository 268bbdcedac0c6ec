/**
 * Notices a kernel worker that stopped answering (a cell called `self.close()`, or the worker
 * died without an error event): the page arms the watchdog when it expects an answer, and any
 * message from the worker disarms or re-arms it. Silence past the deadline means dead.
 *
 * A timer that fires much later than asked means the page itself was busy, and the answer may be
 * waiting in the queue behind it: the watchdog then waits once more instead of barking.
 */
export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private armedAt = 0;

  constructor(
    /** Milliseconds of silence that mean the worker is gone. */
    private readonly ms: number,
    private readonly onSilent: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while an answer is awaited. */
  get armed(): boolean {
    return this.timer !== null;
  }

  /** Starts waiting for an answer, unless already waiting (the earlier deadline stands). */
  arm(): void {
    if (this.timer === null) this.start();
  }

  /** The worker answered but more is awaited: a fresh deadline from now. */
  rearm(): void {
    this.disarm();
    this.start();
  }

  /** Nothing is awaited any more. */
  disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(): void {
    this.armedAt = this.now();
    this.timer = setTimeout(this.fire, this.ms);
  }

  private readonly fire = (): void => {
    this.timer = null;
    if (this.now() - this.armedAt > this.ms * 1.5) {
      this.start();
      return;
    }
    this.onSilent();
  };
}
