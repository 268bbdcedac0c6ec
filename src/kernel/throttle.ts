/**
 * Leading-and-trailing throttle for display updates: charts redraw at most every `ms`, the last
 * value is never lost, and `flush()` sends what is pending (before a run reports `done`).
 */
export interface Throttled<T> {
  (value: T): void;
  flush(): void;
  cancel(): void;
}

/** Wraps `send` so it runs at most once per `ms`, always delivering the latest value. */
export function throttle<T>(send: (value: T) => void, ms: number, now: () => number = Date.now): Throttled<T> {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = now();
    send(value);
  };
  const call = ((value: T) => {
    pending = { value };
    const wait = last + ms - now();
    if (wait <= 0) fire();
    else if (!timer) timer = setTimeout(fire, wait);
  }) as Throttled<T>;
  call.flush = fire;
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return call;
}
