/**
 * The one contract every recommender in the toolkit keeps (popularity, co-occurrence, matrix
 * factorisation, the implicit ranking model): score the whole catalogue for a user, and recommend
 * the top k items the user has not interacted with in training (seen items are masked by default,
 * the same way for every model), skipping any extra `exclude` set.
 */
import { MlError } from '../core/errors';

/** An item (0-based index) with its score: a predicted rating, a count or a similarity. */
export interface ScoredItem {
  item: number;
  score: number;
}

/** Options of `recommend()`. */
export interface RecommendOptions {
  /** More items to skip (e.g. titles not licensed in the learner's country). */
  exclude?: ReadonlySet<number> | readonly number[];
  /** Keep items the user already interacted with in training (default false: they are masked). */
  includeSeen?: boolean;
}

/** What every recommender offers. Users and items are 0-based indices (see `fitIdEncoder`). */
export interface Recommender {
  /** Catalogue size: items are 0 … numItems − 1. */
  readonly numItems: number;
  /** A score for every item of the catalogue for `user` (higher = recommend sooner). */
  scoreItems(user: number): Float32Array;
  /** Items `user` interacted with in the training data (empty for a user the model never saw). */
  seenItems(user: number): ReadonlySet<number>;
  /** The k best-scored items, seen items masked unless `includeSeen`, ties broken by lower index. */
  recommend(user: number, k: number, options?: RecommendOptions): ScoredItem[];
}

const NO_ITEMS: ReadonlySet<number> = new Set();

/** Per-user sets of the items each user interacted with, built from training pairs. */
export function seenByUser(pairs: ArrayLike<{ user: number; item: number }>): Map<number, Set<number>> {
  const seen = new Map<number, Set<number>>();
  for (let i = 0; i < pairs.length; i++) {
    const { user, item } = pairs[i];
    let set = seen.get(user);
    if (!set) seen.set(user, (set = new Set()));
    set.add(item);
  }
  return seen;
}

/**
 * The catalogue size a recommender scores: `numItems` when given (it must cover every item the
 * interactions name), else the largest item id + 1. `what` names the caller and its data in errors.
 */
export function catalogueSize(pairs: readonly { item: number }[], numItems: number | undefined, what: string): number {
  let largest = 0;
  for (const r of pairs) largest = Math.max(largest, r.item);
  const size = numItems ?? largest + 1;
  if (!(size > largest)) throw new MlError('bad-argument', `numItems is ${size} but the ${what} name item ${largest}: pass the catalogue size.`);
  return size;
}

/** The seen set of one user from `seenByUser`'s map (an empty set for unknown users). */
export function seenOf(seen: ReadonlyMap<number, ReadonlySet<number>>, user: number): ReadonlySet<number> {
  return seen.get(user) ?? NO_ITEMS;
}

/** Throws unless k is a whole number ≥ 1. */
export function checkTopK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new MlError('bad-argument', `k is ${k}: ask for a whole number of items ≥ 1, such as 10.`);
}

/**
 * The top k of `scores` skipping masked items, best first, ties by lower index: a bounded
 * selection, so scoring a 10,000-item catalogue for a top 10 does not sort 10,000 numbers.
 */
export function topKFromScores(scores: ArrayLike<number>, k: number, masked?: (item: number) => boolean): ScoredItem[] {
  checkTopK(k);
  const best: ScoredItem[] = [];
  const worse = (a: ScoredItem, b: ScoredItem) => a.score < b.score || (a.score === b.score && a.item > b.item);
  for (let item = 0; item < scores.length; item++) {
    if (masked?.(item)) continue;
    const score = scores[item];
    if (Number.isNaN(score)) continue;
    const candidate = { item, score };
    if (best.length === k && !worse(best[k - 1], candidate)) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(candidate);
    while (at > 0 && worse(best[at - 1], candidate)) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = candidate;
  }
  return best;
}

/** `recommend()` for any model that can score the catalogue: masks seen and excluded items. */
export function recommendFromScores(
  model: Pick<Recommender, 'scoreItems' | 'seenItems'>,
  user: number,
  k: number,
  options: RecommendOptions = {},
): ScoredItem[] {
  checkTopK(k);
  const seen = options.includeSeen ? NO_ITEMS : model.seenItems(user);
  const extra = options.exclude instanceof Set ? options.exclude : new Set(options.exclude ?? []);
  return topKFromScores(model.scoreItems(user), k, (item) => seen.has(item) || extra.has(item));
}

/** Top-k lists for many users at once, as item arrays (what the ranking metrics take). */
export function recommendForUsers(model: Pick<Recommender, 'recommend'>, users: readonly number[], k: number, options: RecommendOptions = {}): number[][] {
  return users.map((u) => model.recommend(u, k, options).map((s) => s.item));
}
