/**
 * Why one prediction came out as it did: per-feature contributions measured from one baseline
 * (exact for a linear model, Shapley values for any model), and a sentence describing them for a
 * person who is not an ML engineer.
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';

/** One feature's share of a linear model's logit for one row. */
export interface Contribution {
  feature: string;
  value: number;
  weight: number;
  /** weight × value: how far this feature moved the log-odds. */
  contribution: number;
}

/**
 * Splits a logistic regression's logit for row `x` into weight × (value − baseline) per feature,
 * largest magnitude first. The baseline defaults to 0, which for standardised features is the
 * average row; pass the mean of the encoded training rows as `baseline` to measure one-hot
 * columns from the same typical case as the numbers (a one-hot column's 0 is not typical).
 */
export function logisticContributions(
  coefficients: { weights: readonly number[]; names?: readonly string[] },
  x: readonly number[],
  featureNames?: readonly string[],
  baseline?: readonly number[],
): Contribution[] {
  const { weights } = coefficients;
  if (x.length !== weights.length || (baseline && baseline.length !== weights.length)) {
    throw new MlError(
      'shape-mismatch',
      `The row has ${x.length} values${baseline ? ` and the baseline ${baseline.length}` : ''} but the model has ${weights.length} weights.`,
    );
  }
  const names = featureNames ?? coefficients.names ?? weights.map((_, i) => `x${i}`);
  return weights
    .map((weight, i) => ({ feature: names[i], value: x[i], weight, contribution: weight * (x[i] - (baseline?.[i] ?? 0)) }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** One input (or group of inputs, such as a one-hot block) and how far it moved the score from the baseline's. */
export interface Attribution {
  feature: string;
  contribution: number;
}

/** What `shapleyContributions` found: the two scores and the attributions that add up to their difference. */
export interface ShapleyExplanation {
  /** The model's score of the baseline row. */
  baselineScore: number;
  /** The model's score of the explained row; equals baselineScore + the sum of the contributions. */
  score: number;
  /** Largest magnitude first. */
  contributions: Attribution[];
  /** True when every ordering was enumerated (few groups), false when orderings were sampled. */
  exact: boolean;
}

/** Options of `shapleyContributions`. */
export interface ShapleyOptions {
  /** Inputs explained together, e.g. the one-hot columns of one raw column. Default: each input alone. */
  groups?: readonly { name: string; indices: readonly number[] }[];
  /** Names of single inputs when `groups` is not given. */
  names?: readonly string[];
  /** Orderings sampled when there are more than `exactUpTo` groups (default 200, in reversed pairs). */
  permutations?: number;
  /** Up to this many groups every subset is scored and the values are exact (default 10: 1,024 rows). */
  exactUpTo?: number;
  seed?: number;
}

/**
 * Shapley values of one prediction against one baseline row (Štrumbelj & Kononenko 2014;
 * "baseline Shapley"): each group's contribution is its average effect on `score` when it is
 * switched from the baseline's values to the row's, over orderings of the groups. They add up
 * exactly to score(x) − score(baseline), whatever the model; for a model linear in its inputs
 * (a logistic regression's log-odds) they equal weight × (value − baseline). `score` gets a
 * batch of rows and returns one number per row — give it log-odds, so contributions add.
 */
export function shapleyContributions(
  score: (rows: number[][]) => ArrayLike<number>,
  x: readonly number[],
  baseline: readonly number[],
  options: ShapleyOptions = {},
): ShapleyExplanation {
  if (x.length !== baseline.length) {
    throw new MlError('shape-mismatch', `The row has ${x.length} values but the baseline has ${baseline.length}.`);
  }
  const groups = options.groups ?? x.map((_, i) => ({ name: options.names?.[i] ?? `x${i}`, indices: [i] }));
  const k = groups.length;
  const exact = k <= (options.exactUpTo ?? 10);
  const totals = exact ? exactShapley(score, x, baseline, groups) : sampledShapley(score, x, baseline, groups, options);
  const contributions = groups
    .map((g, i) => ({ feature: g.name, contribution: totals.values[i] }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return { baselineScore: totals.baselineScore, score: totals.score, contributions, exact };
}

type Groups = readonly { name: string; indices: readonly number[] }[];
type Totals = { values: number[]; baselineScore: number; score: number };

function scoreRows(score: (rows: number[][]) => ArrayLike<number>, rows: number[][]): number[] {
  const scores = Array.from(score(rows));
  if (scores.length !== rows.length || scores.some((v) => !Number.isFinite(v))) {
    throw new MlError('not-finite', 'shapleyContributions(): score() must return one finite number per row (use log-odds, not 0/1 decisions).');
  }
  return scores;
}

/** Every subset of groups switched to x (2^k rows), weighted as Shapley's formula says. */
function exactShapley(score: (rows: number[][]) => ArrayLike<number>, x: readonly number[], baseline: readonly number[], groups: Groups): Totals {
  const k = groups.length;
  const rows: number[][] = [];
  for (let mask = 0; mask < 1 << k; mask++) {
    const row = baseline.slice();
    for (let g = 0; g < k; g++) if (mask & (1 << g)) for (const i of groups[g].indices) row[i] = x[i];
    rows.push(row);
  }
  const v = scoreRows(score, rows);
  const factorial = [1];
  for (let i = 1; i <= k; i++) factorial.push(factorial[i - 1] * i);
  const values = new Array<number>(k).fill(0);
  for (let mask = 0; mask < 1 << k; mask++) {
    let size = 0;
    for (let g = 0; g < k; g++) if (mask & (1 << g)) size++;
    const weight = (factorial[size] * factorial[k - size - 1]) / factorial[k];
    for (let g = 0; g < k; g++) if (!(mask & (1 << g))) values[g] += weight * (v[mask | (1 << g)] - v[mask]);
  }
  return { values, baselineScore: v[0], score: v[(1 << k) - 1] };
}

/** Orderings sampled in reversed pairs; each walks from the baseline to x one group at a time. */
function sampledShapley(
  score: (rows: number[][]) => ArrayLike<number>,
  x: readonly number[],
  baseline: readonly number[],
  groups: Groups,
  options: ShapleyOptions,
): Totals {
  const k = groups.length;
  const rng = createRng(options.seed ?? 0);
  const half = Math.max(1, Math.round((options.permutations ?? 200) / 2));
  const base = Array.from({ length: k }, (_, i) => i);
  // Each ordering with its reverse: the pair's estimates err in opposite directions.
  const orders = Array.from({ length: half }, () => rng.shuffle(base)).flatMap((o) => [o, o.slice().reverse()]);
  const rows: number[][] = [baseline.slice(), x.slice()];
  for (const order of orders) {
    const row = baseline.slice();
    for (let step = 0; step < k - 1; step++) {
      for (const i of groups[order[step]].indices) row[i] = x[i];
      rows.push(row.slice());
    }
  }
  const scores = scoreRows(score, rows);
  const [baselineScore, full] = scores;
  const values = new Array<number>(k).fill(0);
  let at = 2;
  for (const order of orders) {
    let previous = baselineScore;
    for (let step = 0; step < k; step++) {
      const next = step === k - 1 ? full : scores[at++];
      values[order[step]] += (next - previous) / orders.length;
      previous = next;
    }
  }
  return { values, baselineScore, score: full };
}

/** Log-odds of probabilities, clipped away from 0 and 1, for explaining a classifier's score additively. */
export function toLogOdds(probabilities: ArrayLike<number>, epsilon = 1e-7): number[] {
  return Array.from(probabilities, (p) => {
    const q = Math.min(1 - epsilon, Math.max(epsilon, p));
    return Math.log(q / (1 - q));
  });
}

/** Options of `describeContributions()`. */
export interface DescribeOptions<C extends Attribution = Contribution> {
  /** How many features to mention (default 3). */
  top?: number;
  /** What the model outputs, e.g. "fraud score" (default "score"). */
  outcome?: string;
  /** Words for a feature and its value, e.g. `amount 4.2× the customer's usual`. */
  describe?(contribution: C): string;
}

/**
 * Puts the largest contributions into one plain sentence for a non-specialist, e.g.
 * "Amount 4.2× the customer's usual raised the fraud score most; night-time also raised it; …".
 */
export function describeContributions<C extends Attribution = Contribution>(contributions: readonly C[], options: DescribeOptions<C> = {}): string {
  const { top = 3, outcome = 'score' } = options;
  const describe = options.describe ?? ((c: C) => ('value' in c && typeof c.value === 'number' ? `${c.feature} = ${formatNumber(c.value)}` : c.feature));
  const chosen = contributions
    .filter((c) => c.contribution !== 0 && Number.isFinite(c.contribution))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top);
  if (chosen.length === 0) return `No feature moved the ${outcome} away from its baseline.`;
  const raising = chosen.filter((c) => c.contribution > 0);
  const lowering = chosen.filter((c) => c.contribution < 0);
  const parts = [
    ...raising.map((c, i) => `${describe(c)} ${i === 0 ? `raised the ${outcome} most` : 'also raised it'}`),
    ...lowering.map((c, i) => `${describe(c)} ${i === 0 ? `lowered the ${outcome}${raising.length ? '' : ' most'}` : 'also lowered it'}`),
  ];
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}
