/**
 * Monitoring a deployed model: has the input data moved away from what it was trained on (PSI,
 * Kolmogorov–Smirnov, out-of-vocabulary rate), and how does a metric evolve over time windows?
 */
import { MlError, isMlError } from '../core/errors';
import { toFiniteArray } from '../evaluate/classification';
import { quantileSorted } from '../data/table';

/** One bin of a PSI computation. */
export interface PsiBin {
  /** e.g. "(-∞, 12.5]" or a category. */
  label: string;
  expected: number;
  actual: number;
  /** This bin's share of the total PSI. */
  contribution: number;
}

/** Options of `psi`. */
export interface PsiOptions {
  /** Number of quantile bins for numbers (default 10). */
  bins?: number;
  /** Share used in place of an empty bin's 0 (default 1e-4). */
  epsilon?: number;
}

const isNumeric = (values: ArrayLike<unknown>): boolean => values.length > 0 && typeof values[0] === 'number';

function binNumbers(expected: number[], actual: number[], bins: number): { labels: string[]; e: number[]; a: number[] } {
  const sorted = expected.slice().sort((x, y) => x - y);
  // Quantile edges of the reference data; repeated edges (many equal values) are merged.
  const edges = [...new Set(Array.from({ length: bins - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / bins)))];
  const count = (xs: number[]) => {
    const c = new Array<number>(edges.length + 1).fill(0);
    for (const x of xs) {
      let b = 0;
      while (b < edges.length && x > edges[b]) b++;
      c[b]++;
    }
    return c;
  };
  const fmt = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(4)) : x > 0 ? '∞' : '-∞');
  const bounds = [-Infinity, ...edges, Infinity];
  const labels = bounds.slice(0, -1).map((lo, i) => `(${fmt(lo)}, ${fmt(bounds[i + 1])}${i === edges.length ? ')' : ']'}`);
  return { labels, e: count(expected), a: count(actual) };
}

function binCategories(expected: unknown[], actual: unknown[]): { labels: string[]; e: number[]; a: number[] } {
  const labels = [...new Set([...expected, ...actual].map(String))].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const count = (xs: unknown[]) => {
    const c = new Array<number>(labels.length).fill(0);
    for (const x of xs) c[at.get(String(x)) as number]++;
    return c;
  };
  return { labels, e: count(expected), a: count(actual) };
}

/**
 * Population stability index with its per-bin detail. Numbers are cut at the quantiles of
 * `expected` (the training data), so each bin holds about 1/bins of it; strings are compared
 * category by category. PSI = Σ (actual% − expected%) · ln(actual% / expected%), with an empty
 * bin's share replaced by `epsilon` because ln(0) is infinite.
 */
export function psiDetails(
  expected: ArrayLike<number> | ArrayLike<string>,
  actual: ArrayLike<number> | ArrayLike<string>,
  options: PsiOptions = {},
): { psi: number; bins: PsiBin[] } {
  const bins = options.bins ?? 10;
  const epsilon = options.epsilon ?? 1e-4;
  if (!Number.isInteger(bins) || bins < 2) throw new MlError('bad-argument', `bins is ${bins}: use a whole number ≥ 2, such as 10.`);
  if (expected.length === 0 || actual.length === 0) {
    throw new MlError('empty-data', 'psi needs values in both the expected (training) and actual (recent) data.');
  }
  if (isNumeric(expected) !== isNumeric(actual)) {
    throw new MlError('wrong-type', 'expected and actual must both be numbers or both be categories.');
  }
  const { labels, e, a } = isNumeric(expected)
    ? binNumbers(toFiniteArray(expected as ArrayLike<number>, 'expected'), toFiniteArray(actual as ArrayLike<number>, 'actual'), bins)
    : binCategories(Array.from(expected as ArrayLike<unknown>), Array.from(actual as ArrayLike<unknown>));
  let psi = 0;
  const out = labels.map((label, i) => {
    const pe = Math.max(e[i] / expected.length, epsilon);
    const pa = Math.max(a[i] / actual.length, epsilon);
    const contribution = (pa - pe) * Math.log(pa / pe);
    psi += contribution;
    return { label, expected: e[i] / expected.length, actual: a[i] / actual.length, contribution };
  });
  return { psi, bins: out };
}

/** Population stability index of `actual` against `expected` (see `psiDetails`). */
export function psi(expected: ArrayLike<number> | ArrayLike<string>, actual: ArrayLike<number> | ArrayLike<string>, options: PsiOptions = {}): number {
  return psiDetails(expected, actual, options).psi;
}

/** The usual reading of a PSI: below 0.1 stable, 0.1–0.25 a moderate shift, above 0.25 a major shift. */
export function interpretPsi(value: number): 'stable' | 'moderate shift' | 'major shift' {
  return value < 0.1 ? 'stable' : value <= 0.25 ? 'moderate shift' : 'major shift';
}

/** P(K > λ) for the Kolmogorov distribution (two series, each fast where the other is slow). */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  let sum = 0;
  if (lambda < 1.18) {
    const c = (Math.PI * Math.PI) / (8 * lambda * lambda);
    for (let k = 1; k <= 100; k++) {
      const term = Math.exp(-((2 * k - 1) ** 2) * c);
      sum += term;
      if (term < 1e-17) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sample Kolmogorov–Smirnov test. `statistic` is the largest gap between the two empirical
 * distribution functions (identical to scipy's `ks_2samp`); `pValue` uses the asymptotic
 * Kolmogorov distribution at √(nm/(n+m))·D (scipy's `kstwobign`), which is accurate for the
 * hundreds of values monitoring compares but slightly off for tiny samples, where scipy is exact.
 */
export function ksTest(a: ArrayLike<number>, b: ArrayLike<number>): { statistic: number; pValue: number } {
  const x = toFiniteArray(a, 'a').sort((p, q) => p - q);
  const y = toFiniteArray(b, 'b').sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    // Step past every copy of v in both samples before comparing, so ties are handled exactly.
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const en = (x.length * y.length) / (x.length + y.length);
  return { statistic: d, pValue: kolmogorovSurvival(Math.sqrt(en) * d) };
}

/** A vocabulary: a set or list of tokens, a token→index map, or an object holding such a map. */
export type Vocabulary = ReadonlySet<string> | ReadonlyMap<string, unknown> | readonly string[] | { index: ReadonlyMap<string, unknown> };

function toLookup(vocabulary: Vocabulary): (token: string) => boolean {
  if (vocabulary instanceof Set || vocabulary instanceof Map) return (t) => vocabulary.has(t);
  if (Array.isArray(vocabulary)) {
    const set = new Set(vocabulary);
    return (t) => set.has(t);
  }
  const index = (vocabulary as { index: ReadonlyMap<string, unknown> }).index;
  return (t) => index.has(t);
}

/**
 * Counts tokens missing from the vocabulary, most frequent first: the new words (slang, product
 * names) a text model cannot see.
 */
export function countUnknownTokens(tokensLists: readonly (readonly string[])[], vocabulary: Vocabulary): { token: string; count: number }[] {
  const known = toLookup(vocabulary);
  const counts = new Map<string, number>();
  for (const tokens of tokensLists) for (const t of tokens) if (!known(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([token, count]) => ({ token, count })).sort((p, q) => q.count - p.count || p.token.localeCompare(q.token));
}

/** Share of all tokens (counting repeats) that are not in the vocabulary. */
export function oovRate(tokensLists: readonly (readonly string[])[], vocabulary: Vocabulary): number {
  const total = tokensLists.reduce((s, tokens) => s + tokens.length, 0);
  if (total === 0) throw new MlError('empty-data', 'oovRate needs at least one token: tokenize the texts first.');
  return countUnknownTokens(tokensLists, vocabulary).reduce((s, u) => s + u.count, 0) / total;
}

/** The metric over one time window. */
export interface WindowMetric {
  start: number;
  end: number;
  count: number;
  /** null when the metric is undefined for the window (e.g. ROC-AUC of a day without fraud). */
  value: number | null;
  /** Why `value` is null. */
  note?: string;
}

/**
 * Computes `metric` over consecutive windows of `windowSize` time units (windows start at
 * multiples of `windowSize`, so daily windows align with days). Empty windows are left out; a
 * window where the metric is undefined (it throws an `MlError`) gets `value: null` and a note,
 * so one quiet day does not stop the whole monitoring chart.
 */
export function metricsByWindow<T>(
  rows: readonly T[],
  options: { time: (row: T) => number; windowSize: number; metric: (rows: T[]) => number; minCount?: number },
): WindowMetric[] {
  const { time, windowSize, metric, minCount = 1 } = options;
  if (!(windowSize > 0)) throw new MlError('bad-argument', `windowSize is ${windowSize}: use a positive length of time.`);
  const windows = new Map<number, T[]>();
  rows.forEach((row, i) => {
    const t = time(row);
    if (!Number.isFinite(t)) throw new MlError('not-finite', `Row ${i} has time ${t}: every row needs a finite time.`);
    const start = Math.floor(t / windowSize) * windowSize;
    const bucket = windows.get(start);
    if (bucket) bucket.push(row);
    else windows.set(start, [row]);
  });
  return [...windows.keys()]
    .sort((p, q) => p - q)
    .map((start) => {
      const group = windows.get(start) as T[];
      const w: WindowMetric = { start, end: start + windowSize, count: group.length, value: null };
      if (group.length < minCount) {
        w.note = `only ${group.length} row(s), fewer than minCount ${minCount}`;
        return w;
      }
      try {
        w.value = metric(group);
      } catch (e) {
        if (!isMlError(e)) throw e;
        w.note = e.message;
      }
      return w;
    });
}
