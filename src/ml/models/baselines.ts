/**
 * Baselines: the simplest models worth beating. A learned model is only worth its cost if it does
 * clearly better than a hand-written rule, the majority class, the mean rating, or "most popular".
 */
import { MlError } from '../core/errors';
import type { Rating, ScoredItem } from './matrix-factorization';

/** A hand-written rule as a classifier. */
export interface RuleBaseline<R> {
  /** The rule's score for each row (1/0 for a yes/no rule). */
  score(rows: readonly R[]): number[];
  /** 1 where the score reaches the threshold, else 0. */
  predict(rows: readonly R[]): number[];
}

/** Always predicts the most frequent class. */
export interface MajorityClassBaseline {
  label: number;
  /** Share of rows with label 1 in training: the constant probability this baseline gives. */
  positiveRate: number;
  predict(count: number): number[];
  predictProba(count: number): number[];
}

/** A rating predictor for (user, item) pairs. */
export interface RatingBaseline {
  globalMean: number;
  predict(users: readonly number[], items: readonly number[]): number[];
}

/** Mean rating plus damped user and item offsets. */
export interface BiasBaseline extends RatingBaseline {
  userBias: Map<number, number>;
  itemBias: Map<number, number>;
}

/** Recommends the most rated items a user has not rated yet. */
export interface PopularityBaseline {
  /** Number of ratings per item, most popular first. */
  ranking: ScoredItem[];
  recommend(user: number, k: number, options?: { exclude?: ReadonlySet<number> }): ScoredItem[];
}

/**
 * Turns a rule (`row => row.amount > 220`, or a numeric score) into a classifier with `score`
 * and `predict`; a rule that returns a number is thresholded at `threshold` (default 0.5).
 */
export function ruleBaseline<R>(rule: (row: R) => boolean | number, options: { threshold?: number } = {}): RuleBaseline<R> {
  const threshold = options.threshold ?? 0.5;
  const score = (rows: readonly R[]): number[] =>
    rows.map((row, i) => {
      const value = rule(row);
      const s = typeof value === 'boolean' ? Number(value) : value;
      if (!Number.isFinite(s)) throw new MlError('not-finite', `The rule returned ${s} for row ${i}: return true/false or a finite number.`);
      return s;
    });
  return { score, predict: (rows) => score(rows).map((s) => (s >= threshold ? 1 : 0)) };
}

/** Learns the majority class of 0/1 labels (the accuracy any model must beat). */
export function majorityClass(y: readonly number[]): MajorityClassBaseline {
  if (y.length === 0) throw new MlError('empty-data', 'majorityClass() needs at least one label.');
  let positives = 0;
  for (const label of y) {
    if (label !== 0 && label !== 1) throw new MlError('wrong-type', `Labels must be 0 or 1; found ${label}.`);
    positives += label;
  }
  const positiveRate = positives / y.length;
  const label = positiveRate > 0.5 ? 1 : 0;
  return {
    label,
    positiveRate,
    predict: (count) => new Array<number>(count).fill(label),
    predictProba: (count) => new Array<number>(count).fill(positiveRate),
  };
}

/** Predicts the mean of all ratings for every pair. */
export function globalMean(ratings: readonly Rating[]): RatingBaseline {
  const mean = meanRating(ratings);
  return { globalMean: mean, predict: (users) => users.map(() => mean) };
}

/**
 * The classic baseline rating b_ui = μ + b_u + b_i, fitted by alternating least squares with
 * damping (Koren 2010; Surprise's BaselineOnly): an item or user with few ratings keeps an offset
 * near 0. Unknown users and items get offset 0.
 */
export function userItemBias(
  ratings: readonly Rating[],
  options: { reg?: number; regUser?: number; regItem?: number; iterations?: number } = {},
): BiasBaseline {
  const regUser = options.regUser ?? options.reg ?? 15;
  const regItem = options.regItem ?? options.reg ?? 10;
  const iterations = options.iterations ?? 10;
  const mean = meanRating(ratings);
  const userBias = new Map<number, number>();
  const itemBias = new Map<number, number>();
  const solve = (target: Map<number, number>, other: Map<number, number>, key: 'user' | 'item', reg: number): void => {
    const sums = new Map<number, [number, number]>();
    for (const r of ratings) {
      const id = r[key];
      const otherId = key === 'user' ? r.item : r.user;
      const entry = sums.get(id) ?? [0, 0];
      entry[0] += r.rating - mean - (other.get(otherId) ?? 0);
      entry[1] += 1;
      sums.set(id, entry);
    }
    for (const [id, [sum, count]] of sums) target.set(id, sum / (reg + count));
  };
  for (let it = 0; it < iterations; it++) {
    solve(itemBias, userBias, 'item', regItem);
    solve(userBias, itemBias, 'user', regUser);
  }
  return {
    globalMean: mean,
    userBias,
    itemBias,
    predict: (users, items) => users.map((u, i) => mean + (userBias.get(u) ?? 0) + (itemBias.get(items[i]) ?? 0)),
  };
}

/** Ranks items by how many ratings they have and recommends the top ones a user has not rated. */
export function popularity(ratings: readonly Rating[]): PopularityBaseline {
  if (ratings.length === 0) throw new MlError('empty-data', 'popularity() needs at least one rating.');
  const counts = new Map<number, number>();
  const seen = new Map<number, Set<number>>();
  for (const r of ratings) {
    counts.set(r.item, (counts.get(r.item) ?? 0) + 1);
    if (!seen.has(r.user)) seen.set(r.user, new Set());
    seen.get(r.user)?.add(r.item);
  }
  const ranking = [...counts]
    .map(([item, score]) => ({ item, score }))
    .sort((a, b) => b.score - a.score || a.item - b.item);
  return {
    ranking,
    recommend(user, k, options = {}) {
      const rated = seen.get(user);
      return ranking.filter((r) => !rated?.has(r.item) && !options.exclude?.has(r.item)).slice(0, k);
    },
  };
}

function meanRating(ratings: readonly Rating[]): number {
  if (ratings.length === 0) throw new MlError('empty-data', 'No ratings given: check the filter or split that produced them.');
  let sum = 0;
  for (const r of ratings) {
    if (!Number.isFinite(r.rating)) throw new MlError('not-finite', `Rating of user ${r.user} for item ${r.item} is ${r.rating}.`);
    sum += r.rating;
  }
  return sum / ratings.length;
}
