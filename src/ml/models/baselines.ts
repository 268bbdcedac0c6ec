/**
 * Baselines: the simplest models worth beating. A learned model is only worth its cost if it does
 * clearly better than a hand-written rule, the majority class, the mean rating, or "most popular".
 */
import { MlError } from '../core/errors';
import type { Rating } from './matrix-factorization';
import { catalogueSize, recommendFromScores, seenByUser, seenOf, type Recommender, type ScoredItem } from './recommender';

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

/** A rating predictor for (user, item) pairs; predictions are clipped to `ratingRange`. */
export interface RatingBaseline {
  globalMean: number;
  /** [lowest, highest] rating: unless given, the 1–5 star scale widened to the training ratings' own range. */
  ratingRange: [number, number];
  predict(users: readonly number[], items: readonly number[]): number[];
}

/** Options the rating baselines share. */
export interface RatingBaselineOptions {
  /** Predictions are clipped to this range (default: 1–5 stars, widened to the training ratings' range, e.g. 0.5–5). */
  ratingRange?: [number, number];
}

/** Mean rating plus damped user and item offsets. */
export interface BiasBaseline extends RatingBaseline {
  userBias: Map<number, number>;
  itemBias: Map<number, number>;
}

/** Recommends the most rated items a user has not rated yet (the recommend contract of `recommender.ts`). */
export interface PopularityBaseline extends Recommender {
  readonly kind: 'popularity';
  /** Number of ratings per item, most popular first (items with at least one rating). */
  ranking: ScoredItem[];
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
export function globalMean(ratings: readonly Rating[], options: RatingBaselineOptions = {}): RatingBaseline {
  const mean = meanRating(ratings);
  const ratingRange = options.ratingRange ?? rangeOf(ratings);
  const clipped = clip(mean, ratingRange);
  return { globalMean: mean, ratingRange, predict: (users) => users.map(() => clipped) };
}

/**
 * The classic baseline rating b_ui = μ + b_u + b_i, fitted by alternating least squares with
 * damping (Koren 2010; Surprise's BaselineOnly): an item or user with few ratings keeps an offset
 * near 0. Unknown users and items get offset 0.
 */
export function userItemBias(
  ratings: readonly Rating[],
  options: RatingBaselineOptions & { reg?: number; regUser?: number; regItem?: number; iterations?: number } = {},
): BiasBaseline {
  const ratingRange = options.ratingRange ?? rangeOf(ratings);
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
    ratingRange,
    userBias,
    itemBias,
    predict: (users, items) => users.map((u, i) => clip(mean + (userBias.get(u) ?? 0) + (itemBias.get(items[i]) ?? 0), ratingRange)),
  };
}

/**
 * Ranks items by how many users interacted with them and recommends the top ones a user has not
 * seen. Every item of the catalogue (0 … numItems − 1, default the largest id + 1) can be
 * recommended; items nobody rated score 0.
 */
export function popularity<R extends { user: number; item: number }>(ratings: readonly R[], options: { numItems?: number } = {}): PopularityBaseline {
  if (ratings.length === 0) throw new MlError('empty-data', 'popularity() needs at least one rating.');
  const seen = seenByUser(ratings);
  const numItems = catalogueSize(ratings, options.numItems, 'ratings');
  const counts = new Float32Array(numItems);
  for (const items of seen.values()) for (const item of items) counts[item]++;
  const ranking = [...counts]
    .map((score, item) => ({ item, score }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.item - b.item);
  const model: PopularityBaseline = {
    kind: 'popularity',
    numItems,
    ranking,
    scoreItems: () => counts.slice(),
    seenItems: (user) => seenOf(seen, user),
    recommend: (user, k, recommendOptions) => recommendFromScores(model, user, k, recommendOptions),
  };
  return model;
}

function rangeOf(ratings: readonly Rating[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of ratings) {
    if (r.rating < lo) lo = r.rating;
    if (r.rating > hi) hi = r.rating;
  }
  return [Math.min(1, lo), Math.max(5, hi)];
}

const clip = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));

function meanRating(ratings: readonly Rating[]): number {
  if (ratings.length === 0) throw new MlError('empty-data', 'No ratings given: check the filter or split that produced them.');
  let sum = 0;
  for (const r of ratings) {
    if (!Number.isFinite(r.rating)) throw new MlError('not-finite', `Rating of user ${r.user} for item ${r.item} is ${r.rating}.`);
    sum += r.rating;
  }
  return sum / ratings.length;
}
