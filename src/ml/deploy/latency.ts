/**
 * Latency of a served model: p50/p99 of repeated predictions, and the percentile they rest on.
 */
import { MlError } from '../core/errors';

/** Latency percentiles and mean, in milliseconds. */
export interface LatencyReport {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  runs: number;
}

/**
 * Times `fn` (sync or async) `runs` times after `warmup` untimed calls and reports percentiles in
 * milliseconds. The warm-up lets tfjs compile kernels and the JIT settle, as a served model would.
 */
export async function measureLatency(fn: () => unknown, options: { runs?: number; warmup?: number } = {}): Promise<LatencyReport> {
  const { runs = 200, warmup = 20 } = options;
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
    throw new MlError('bad-argument', `runs must be ≥ 1 and warmup ≥ 0, both whole numbers (got ${runs}, ${warmup}).`);
  }
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p90: percentile(times, 0.9),
    p99: percentile(times, 0.99),
    mean: times.reduce((s, t) => s + t, 0) / runs,
    min: times[0],
    max: times[runs - 1],
    runs,
  };
}

/** Linear-interpolated percentile of sorted values (numpy's default). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new MlError('empty-data', 'percentile() needs at least one value.');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
