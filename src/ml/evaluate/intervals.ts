/**
 * How sure are we? Confidence intervals for any figure a decision rests on: the percentile
 * bootstrap over rows (or users) for any metric, a paired bootstrap for "is model B better than
 * model A on the same rows", exact (Clopper–Pearson) and Wilson intervals for a rate, and Fisher's
 * exact test for a 2×2 table of counts (e.g. false alarms in two groups).
 */
import { assertWhole } from '../core/assert';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import { betaQuantile, logChoose } from '../core/special-functions';

/** A point estimate with the interval that holds the true value with probability `level`. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of resamples (default 1,000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed of the resampling (default 0), so the interval is the same on every run. */
  seed?: number;
  /**
   * A group per row (e.g. the 0/1 label): each resample draws the same number of rows from each
   * group as the data has, so a rare class never disappears from a resample.
   */
  strata?: ArrayLike<number | string>;
}

/** Paired comparison of two models' scores on the same rows. */
export interface PairedComparison {
  a: Interval;
  b: Interval;
  /** metric(B) − metric(A), with its interval from the same resamples. */
  difference: Interval;
  /** Share of resamples in which B scored higher than A (ties count half). */
  probabilityBBetter: number;
}

/**
 * Percentile bootstrap: draws `resamples` samples of `n` row indices with replacement and
 * computes `statistic` on each; the interval is the middle `level` share of those values. The
 * estimate is the statistic on all rows. Resamples on which the statistic is not finite (e.g.
 * ROC-AUC of a resample with one class) are skipped; if more than half are, it throws.
 */
export function bootstrap(n: number, statistic: (indices: Int32Array) => number, options: BootstrapOptions = {}): Interval {
  const { level, draws } = resampleStatistics(n, [statistic], options);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  return intervalOf(statistic(all), draws[0], level);
}

/**
 * Bootstrap interval of a metric of labels and scores, e.g. `bootstrapMetric(averagePrecision,
 * y, p)`. With 0/1 labels, resamples are stratified by label unless `strata` says otherwise.
 */
export function bootstrapMetric(
  metric: (yTrue: number[], yScore: number[]) => number,
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  options: BootstrapOptions = {},
): Interval {
  checkSameLength(yTrue, yScore, 'yScore');
  const strata = options.strata ?? binaryStrata(yTrue);
  return bootstrap(yTrue.length, (idx) => metric(pick(yTrue, idx), pick(yScore, idx)), { ...options, strata });
}

/**
 * Paired bootstrap: both models are scored on the same resampled rows, so the interval of their
 * difference accounts for the rows they both find easy or hard. If the difference's interval
 * contains 0, the data do not show which model is better.
 */
export function pairedBootstrap(
  metric: (yTrue: number[], yScore: number[]) => number,
  yTrue: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  options: BootstrapOptions = {},
): PairedComparison {
  checkSameLength(yTrue, scoresA, 'scoresA');
  checkSameLength(yTrue, scoresB, 'scoresB');
  const strata = options.strata ?? binaryStrata(yTrue);
  const onA = (idx: Int32Array) => metric(pick(yTrue, idx), pick(scoresA, idx));
  const onB = (idx: Int32Array) => metric(pick(yTrue, idx), pick(scoresB, idx));
  const { level, draws } = resampleStatistics(yTrue.length, [onA, onB], { ...options, strata });
  const [drawsA, drawsB] = draws;
  const differences = drawsA.map((a, i) => drawsB[i] - a);
  let better = 0;
  for (const d of differences) better += d > 0 ? 1 : d === 0 ? 0.5 : 0;
  const all = Int32Array.from({ length: yTrue.length }, (_, i) => i);
  const a = onA(all);
  const b = onB(all);
  return {
    a: intervalOf(a, drawsA, level),
    b: intervalOf(b, drawsB, level),
    difference: intervalOf(b - a, differences, level),
    probabilityBBetter: better / differences.length,
  };
}

/**
 * Interval of a rate `successes / trials`. Clopper–Pearson (the default) is exact: it never covers
 * less than `level`, which matters for the small counts of rare events. Wilson is narrower and
 * close to nominal on average.
 */
export function binomialInterval(successes: number, trials: number, options: { level?: number; method?: 'clopper-pearson' | 'wilson' } = {}): Interval {
  const { level = 0.95, method = 'clopper-pearson' } = options;
  assertWhole('trials', trials, 1);
  assertWhole('successes', successes, 0);
  if (successes > trials) throw new MlError('bad-argument', `successes (${successes}) cannot exceed trials (${trials}).`);
  checkLevel(level);
  const k = successes;
  const n = trials;
  const alpha = 1 - level;
  const estimate = k / n;
  if (method === 'wilson') {
    const z = normalQuantile(1 - alpha / 2);
    const denominator = 1 + (z * z) / n;
    const centre = (estimate + (z * z) / (2 * n)) / denominator;
    const half = (z * Math.sqrt((estimate * (1 - estimate)) / n + (z * z) / (4 * n * n))) / denominator;
    return { estimate, low: Math.max(0, centre - half), high: Math.min(1, centre + half), level };
  }
  const low = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const high = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return { estimate, low, high, level };
}

/**
 * Fisher's exact test of a 2×2 table [[a, b], [c, d]] (e.g. rows: two groups; columns: false alarm
 * or not). The two-sided p-value sums the probabilities of every table with the same margins that
 * is no more likely than the observed one, as scipy's `fisher_exact` does.
 */
export function fisherExact(a: number, b: number, c: number, d: number): { oddsRatio: number; pValue: number } {
  [a, b, c, d].forEach((v, i) => assertWhole(['a', 'b', 'c', 'd'][i], v, 0));
  const row1 = a + b;
  const col1 = a + c;
  const total = a + b + c + d;
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  if (total === 0) return { oddsRatio, pValue: 1 };
  const logDenominator = logChoose(total, col1);
  const probability = (x: number) => Math.exp(logChoose(row1, x) + logChoose(total - row1, col1 - x) - logDenominator);
  const observed = probability(a);
  let pValue = 0;
  // scipy's tolerance: tables within a relative 1e-7 of the observed probability count as "as extreme".
  for (let x = Math.max(0, col1 - (total - row1)); x <= Math.min(row1, col1); x++) {
    const p = probability(x);
    if (p <= observed * (1 + 1e-7)) pValue += p;
  }
  return { oddsRatio, pValue: Math.min(1, pValue) };
}

/** Quantile of the standard normal distribution (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new MlError('bad-argument', `A normal quantile needs 0 < p < 1 (got ${p}).`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

function resampleStatistics(
  n: number,
  statistics: readonly ((indices: Int32Array) => number)[],
  options: BootstrapOptions,
): { level: number; draws: number[][] } {
  const { resamples = 1000, level = 0.95, seed = 0, strata } = options;
  assertWhole('n', n, 1);
  assertWhole('resamples', resamples, 10);
  checkLevel(level);
  if (strata && strata.length !== n) {
    throw new MlError('shape-mismatch', `strata has ${strata.length} values but there are ${n} rows: give one group per row.`);
  }
  const groups = groupIndices(n, strata);
  const rng = createRng(seed);
  const indices = new Int32Array(n);
  const draws: number[][] = statistics.map(() => []);
  let skipped = 0;
  for (let r = 0; r < resamples; r++) {
    let at = 0;
    for (const group of groups) {
      for (let i = 0; i < group.length; i++) indices[at++] = group[rng.int(0, group.length - 1)];
    }
    const values = statistics.map((s) => s(indices));
    if (values.every(Number.isFinite)) values.forEach((v, i) => draws[i].push(v));
    else skipped++;
  }
  if (skipped > resamples / 2) {
    throw new MlError(
      'bad-argument',
      `The statistic was not a finite number on ${skipped} of ${resamples} resamples (e.g. a metric that needs both classes): stratify the resamples with \`strata\` or use more rows.`,
    );
  }
  return { level, draws };
}

function intervalOf(estimate: number, draws: number[], level: number): Interval {
  const sorted = [...draws].sort((x, y) => x - y);
  const alpha = 1 - level;
  return { estimate, low: quantileOfSorted(sorted, alpha / 2), high: quantileOfSorted(sorted, 1 - alpha / 2), level };
}

/** Linear interpolation between order statistics (numpy's default), so figures match numpy's. */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

function groupIndices(n: number, strata: ArrayLike<number | string> | undefined): Int32Array[] {
  if (!strata) return [Int32Array.from({ length: n }, (_, i) => i)];
  const byGroup = new Map<number | string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = strata[i];
    const list = byGroup.get(key);
    if (list) list.push(i);
    else byGroup.set(key, [i]);
  }
  return [...byGroup.values()].map((list) => Int32Array.from(list));
}

function binaryStrata(yTrue: ArrayLike<number>): ArrayLike<number> | undefined {
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] !== 0 && yTrue[i] !== 1) return undefined;
  return yTrue;
}

function pick(values: ArrayLike<number>, indices: Int32Array): number[] {
  const out = new Array<number>(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

function checkSameLength(yTrue: ArrayLike<number>, other: ArrayLike<number>, name: string): void {
  if (yTrue.length !== other.length) {
    throw new MlError('shape-mismatch', `yTrue has ${yTrue.length} values but ${name} has ${other.length}: give one score per row.`);
  }
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new MlError('bad-argument', `level must be between 0 and 1, e.g. 0.95 (got ${level}).`);
}
