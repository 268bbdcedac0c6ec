/**
 * The kernel's memory guard: stops a cell with a clear error before the browser runs out of memory
 * and takes the tab (and the learner's page) with it.
 *
 * What it watches, because that is what a worker can see:
 * - tensor memory, `tf.memory().numBytes` (exact, on every backend);
 * - the JavaScript heap, where the runtime lets the worker read it (`performance.memory`; Chromium
 *   offers it on the page only, not in workers, nor `measureUserAgentSpecificMemory`);
 * - otherwise an estimate of the plain data the notebook holds: the values cells declared and the
 *   arrays, objects and maps the running loop grows (the compiler passes them to `check`).
 *
 * Checks run at the top of loop iterations (a countdown sized to about 20 ms of iterations, so a
 * tight loop pays one call per iteration and a loop allocating megabytes per step is still checked
 * every step), between training batches, and on a timer while a cell awaits.
 */

/** When a cell is stopped. */
export interface MemoryLimits {
  /** Tensor bytes (`tf.memory().numBytes`). */
  tensorBytes: number;
  /** Measured heap bytes, where the heap can be read. */
  heapBytes: number;
  /** Estimated bytes of plain data held, where the heap cannot be read. */
  dataBytes: number;
}

/** What was over its limit. */
export type MemoryKind = 'tensors' | 'heap' | 'data';

/** A cell stopped because memory ran past the kernel's limit. */
export class MemoryLimitError extends Error {
  override name = 'MemoryLimitError';
  constructor(
    readonly kind: MemoryKind,
    /** Bytes in use (measured or estimated). */
    readonly used: number,
    /** The limit it passed. */
    readonly limit: number,
    /** The cell line:column of the loop that was stopped, when a loop's check found it. */
    readonly at?: { line: number; column: number },
  ) {
    super(describe(kind, used, limit));
  }
}

const MB = 1024 * 1024;

function describe(kind: MemoryKind, used: number, limit: number): string {
  const amounts = `${Math.round(used / MB).toLocaleString('en')} MB, over the kernel's limit of ${Math.round(limit / MB).toLocaleString('en')} MB`;
  switch (kind) {
    case 'tensors':
      return `This cell was stopped: tensors take ${amounts}. The kernel restarts to free them. Dispose tensors you no longer need (tf.tidy, tensor.dispose()), or work on a sample of the data.`;
    case 'heap':
      return `This cell was stopped: the kernel's memory reached ${amounts}, before the browser would run out. Work on a sample of the data, or keep large numeric data in typed arrays or tensors.`;
    case 'data':
      return `This cell was stopped: the arrays and objects it builds hold about ${amounts} (half of what the browser allows), before the browser would run out of memory. Work on a sample of the data, or keep large numeric data in typed arrays or tensors.`;
  }
}

/** The default limits, given the browser's JavaScript heap limit when known (the page can read it). */
export function defaultLimits(heapLimit?: number): MemoryLimits {
  const heap = heapLimit && heapLimit > 0 ? heapLimit : 2048 * MB;
  return { tensorBytes: 1024 * MB, heapBytes: Math.floor(heap * 0.8), dataBytes: Math.floor(heap * 0.5) };
}

/** How the guard reads memory; tests pass their own. */
export interface MemoryReaders {
  tensorBytes(): number;
  /** Used heap bytes, or null where the runtime does not tell. */
  heapBytes(): number | null;
  now(): number;
}

/** `performance.memory.usedJSHeapSize` where it exists (a Chromium page; not a worker today). */
export function readPerformanceHeap(): number | null {
  const memory = (globalThis.performance as { memory?: { usedJSHeapSize?: unknown } } | undefined)?.memory;
  return typeof memory?.usedJSHeapSize === 'number' ? memory.usedJSHeapSize : null;
}

/** Iterations between clock reads aim at this many milliseconds. */
const TICK_TARGET_MS = 20;
const MAX_COUNTDOWN = 1 << 20;
/** A full check runs at most this often. */
const CHECK_EVERY_MS = 100;

/** One guard per kernel; `begin()` at the start of each run. */
export class MemoryGuard {
  private countdown = 1;
  private stride = 1;
  private lastClock = 0;
  private lastCheck = -Infinity;
  private tripped: MemoryLimitError | null = null;

  constructor(
    readonly limits: MemoryLimits,
    private readonly readers: MemoryReaders,
    /** The values cells have declared (always counted in the estimate). */
    private readonly scopeValues: () => Iterable<unknown>,
  ) {}

  /** The error that stopped the current run, if the guard stopped it. */
  get error(): MemoryLimitError | null {
    return this.tripped;
  }

  /** Starts a run with a clean slate. */
  begin(): void {
    this.tripped = null;
    this.countdown = 1;
    this.stride = 1;
    this.lastClock = this.readers.now();
  }

  /**
   * The loop hook: true when a check is due. Adapts its stride so a clock read happens about every
   * 20 ms of iterations; once the guard has tripped, every iteration is due (a `catch` in the
   * loop cannot keep it going).
   */
  readonly tick = (): boolean => {
    if (--this.countdown > 0 && !this.tripped) return false;
    const now = this.readers.now();
    const elapsed = now - this.lastClock;
    this.stride =
      elapsed > 0 ? Math.max(1, Math.min(MAX_COUNTDOWN, Math.round((this.stride * TICK_TARGET_MS) / elapsed))) : Math.min(MAX_COUNTDOWN, this.stride * 2);
    this.countdown = this.stride;
    this.lastClock = now;
    return this.tripped !== null || now - this.lastCheck >= CHECK_EVERY_MS;
  };

  /**
   * Checks now (at most every 100 ms); throws MemoryLimitError when over a limit. `at` is the
   * place of the loop asking. Once tripped it throws at every call, each time a fresh error whose
   * stack is the caller's, so the error shown can point at the cell line that was running.
   */
  readonly check = (held?: (() => unknown[]) | null, at?: { line: number; column: number }): void => {
    if (this.tripped) throw new MemoryLimitError(this.tripped.kind, this.tripped.used, this.tripped.limit, at);
    const now = this.readers.now();
    if (now - this.lastCheck < CHECK_EVERY_MS) return;
    this.lastCheck = now;
    const over = this.measure(held ?? undefined, at);
    if (over) {
      this.tripped = over;
      throw over;
    }
  };

  private measure(held: (() => unknown[]) | undefined, at: { line: number; column: number } | undefined): MemoryLimitError | null {
    const tensors = this.readers.tensorBytes();
    if (tensors > this.limits.tensorBytes) return new MemoryLimitError('tensors', tensors, this.limits.tensorBytes, at);
    const heap = this.readers.heapBytes();
    if (heap !== null) return heap > this.limits.heapBytes ? new MemoryLimitError('heap', heap, this.limits.heapBytes, at) : null;
    let grown: unknown[] = [];
    try {
      grown = held?.() ?? [];
    } catch {
      // A name the loop grows was not initialised yet: estimate from the scope alone.
    }
    const data = estimateBytes([...this.scopeValues(), ...grown]);
    return data > this.limits.dataBytes ? new MemoryLimitError('data', data, this.limits.dataBytes, at) : null;
  }
}

/** Objects looked at per estimate, at most; the rest is extrapolated. */
const ESTIMATE_BUDGET = 20_000;
const SAMPLE = 16;

/**
 * A rough size in bytes of what `values` hold: 8 bytes per array slot, 2 per string character, a
 * typed array's bytes, 16 + 8 per key for objects. Long arrays are sampled (16 evenly spaced
 * elements) and extrapolated, so the estimate costs the same for a thousand rows or a million.
 * Class instances other than collections (tensors, models, modules) are not counted.
 */
export function estimateBytes(values: readonly unknown[]): number {
  const seen = new WeakSet<object>();
  let budget = ESTIMATE_BUDGET;
  const size = (value: unknown): number => {
    if (typeof value === 'string') return 16 + 2 * value.length;
    if (typeof value !== 'object' || value === null || seen.has(value) || --budget < 0) return 0;
    seen.add(value);
    if (ArrayBuffer.isView(value)) return value.byteLength;
    if (value instanceof ArrayBuffer) return value.byteLength;
    if (Array.isArray(value)) return 16 + 8 * value.length + sampled(value);
    if (value instanceof Map) return 16 + 16 * value.size + leading(value.entries(), value.size, ([k, v]) => size(k) + size(v));
    if (value instanceof Set) return 16 + 8 * value.size + leading(value.values(), value.size, size);
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return 0;
    if (Object.prototype.toString.call(value) === '[object Module]') return 0;
    let total = 16;
    for (const item of Object.values(value)) total += 8 + size(item);
    return total;
  };
  const sampled = (items: readonly unknown[]): number => {
    if (items.length <= SAMPLE * 2) return items.reduce<number>((sum, item) => sum + size(item), 0);
    let total = 0;
    const step = items.length / SAMPLE;
    for (let k = 0; k < SAMPLE; k++) total += size(items[Math.floor(k * step)]);
    return (total / SAMPLE) * items.length;
  };
  /** Maps and sets cannot be indexed: their first entries stand for the rest. */
  const leading = <T>(entries: Iterator<T>, count: number, sizeOf: (entry: T) => number): number => {
    let total = 0;
    let looked = 0;
    for (let next = entries.next(); !next.done && looked < SAMPLE * 2; next = entries.next(), looked++) total += sizeOf(next.value);
    return looked > 0 ? (total / looked) * count : 0;
  };
  return values.reduce<number>((sum, value) => sum + size(value), 0);
}
