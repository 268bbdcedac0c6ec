/**
 * Top-k ranking metrics for recommenders. Each user has a ranked list of recommended items and a
 * set of items that were relevant to them (e.g. held-out items they rated 4 or more). Scores are
 * averaged over users; users with no relevant items are left out of the average, because no list
 * can be right or wrong for them (the usual practice in recommender evaluation).
 */
import { MlError } from '../core/errors';

/** An item id. */
export type ItemId = number | string;

/**
 * A user's relevant items: a set or array (every item has gain 1) or a map from item to its
 * graded relevance (e.g. the rating), used as the gain by `ndcgAtK`.
 */
export type Relevant = ReadonlySet<ItemId> | ReadonlyMap<ItemId, number> | ArrayLike<ItemId>;

function toGains(relevant: Relevant, user: number): Map<ItemId, number> {
  if (relevant instanceof Map) {
    for (const [item, gain] of relevant) {
      if (!Number.isFinite(gain) || gain < 0) {
        throw new MlError('not-finite', `relevant[${user}] gives item ${String(item)} gain ${gain}: use a number ≥ 0.`);
      }
    }
    return new Map([...relevant].filter(([, gain]) => gain > 0));
  }
  const items = relevant instanceof Set ? [...relevant] : Array.from(relevant as ArrayLike<ItemId>);
  return new Map(items.map((item) => [item, 1]));
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new MlError('bad-argument', `k is ${k}: use a whole number ≥ 1, such as 10.`);
}

/** Top-k of each list without repeats (a repeated item is a wasted slot, not a second hit). */
function topK(list: ArrayLike<ItemId>, k: number): (ItemId | undefined)[] {
  const seen = new Set<ItemId>();
  const out: (ItemId | undefined)[] = [];
  for (let i = 0; i < Math.min(k, list.length); i++) {
    out.push(seen.has(list[i]) ? undefined : list[i]);
    seen.add(list[i]);
  }
  return out;
}

/** Runs `score` for every user with at least one relevant item and averages the results. */
function averageOverUsers(
  recommended: readonly ArrayLike<ItemId>[],
  relevant: readonly Relevant[],
  k: number,
  score: (top: (ItemId | undefined)[], gains: Map<ItemId, number>) => number,
): number {
  checkK(k);
  if (recommended.length !== relevant.length) {
    throw new MlError(
      'shape-mismatch',
      `recommended has ${recommended.length} users but relevant has ${relevant.length}: pass one entry per user, in the same order.`,
    );
  }
  let sum = 0;
  let users = 0;
  for (let u = 0; u < recommended.length; u++) {
    const gains = toGains(relevant[u], u);
    if (gains.size === 0) continue;
    sum += score(topK(recommended[u], k), gains);
    users++;
  }
  if (users === 0) {
    throw new MlError('empty-data', 'No user has a relevant item: check how the held-out relevant sets were built.');
  }
  return sum / users;
}

const countHits = (top: (ItemId | undefined)[], gains: Map<ItemId, number>): number => top.filter((item) => item !== undefined && gains.has(item)).length;

/** Share of the top k recommendations that are relevant; a list shorter than k counts its empty slots as misses. */
export function precisionAtK(recommended: readonly ArrayLike<ItemId>[], relevant: readonly Relevant[], k: number): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => countHits(top, gains) / k);
}

/** Share of each user's relevant items that appear in their top k. */
export function recallAtK(recommended: readonly ArrayLike<ItemId>[], relevant: readonly Relevant[], k: number): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => countHits(top, gains) / gains.size);
}

/**
 * Normalised discounted cumulative gain at k, as sklearn's `ndcg_score`: gain = relevance (not
 * 2^rel − 1), discount 1 / log2(rank + 1), divided by the DCG of the ideal order of the user's
 * relevant items.
 */
export function ndcgAtK(recommended: readonly ArrayLike<ItemId>[], relevant: readonly Relevant[], k: number): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => {
    let dcg = 0;
    top.forEach((item, i) => {
      if (item !== undefined) dcg += (gains.get(item) ?? 0) / Math.log2(i + 2);
    });
    const ideal = [...gains.values()].sort((a, b) => b - a).slice(0, k);
    const idcg = ideal.reduce((s, gain, i) => s + gain / Math.log2(i + 2), 0);
    return dcg / idcg;
  });
}

/**
 * Share of the catalogue that appears in at least one list (only the first k of each when `k` is
 * given): low coverage means the recommender keeps showing the same popular items.
 */
export function catalogueCoverage(recommendedLists: readonly ArrayLike<ItemId>[], catalogueSize: number, k?: number): number {
  if (!Number.isInteger(catalogueSize) || catalogueSize < 1) {
    throw new MlError('bad-argument', `catalogueSize is ${catalogueSize}: pass the number of items in the catalogue.`);
  }
  if (k !== undefined) checkK(k);
  const seen = new Set<ItemId>();
  for (const list of recommendedLists) {
    for (let i = 0; i < Math.min(k ?? list.length, list.length); i++) seen.add(list[i]);
  }
  if (seen.size > catalogueSize) {
    throw new MlError('bad-argument', `The lists name ${seen.size} different items but catalogueSize is ${catalogueSize}: pass the full catalogue size.`);
  }
  return seen.size / catalogueSize;
}

/**
 * Mean average precision at k: per user, the precision at each rank that holds a relevant item,
 * summed and divided by min(number relevant, k) — so a perfect top k scores 1 even when the user
 * has more relevant items than slots (the definition of ml_metrics' `mapk` and RecBole's MAP@k).
 */
export function mapAtK(recommended: readonly ArrayLike<ItemId>[], relevant: readonly Relevant[], k: number): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => {
    let hits = 0;
    let sum = 0;
    top.forEach((item, i) => {
      if (item !== undefined && gains.has(item)) sum += ++hits / (i + 1);
    });
    return sum / Math.min(gains.size, k);
  });
}

/** Share of users with at least one relevant item in their top k. */
export function hitRateAtK(recommended: readonly ArrayLike<ItemId>[], relevant: readonly Relevant[], k: number): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => (countHits(top, gains) > 0 ? 1 : 0));
}

/**
 * Mean self-information of the recommended items, −log2(share of users who interacted with the
 * item in training), over the first k of every list: higher means less obvious recommendations.
 * An item nobody interacted with counts as one user, so its novelty stays finite.
 */
export function noveltyAtK(recommendedLists: readonly ArrayLike<number>[], itemUserCounts: ArrayLike<number>, numUsers: number, k: number): number {
  checkK(k);
  if (!(numUsers >= 1)) throw new MlError('bad-argument', `numUsers is ${numUsers}: pass the number of training users.`);
  let sum = 0;
  let n = 0;
  for (const list of recommendedLists) {
    for (let i = 0; i < Math.min(k, list.length); i++) {
      const count = Math.max(1, itemUserCounts[list[i]] ?? 0);
      sum += -Math.log2(Math.min(1, count / numUsers));
      n++;
    }
  }
  if (n === 0) throw new MlError('empty-data', 'noveltyAtK() got no recommended items.');
  return sum / n;
}

/**
 * How many times each catalogue item appears in the first k of the lists (its exposure).
 * Items are 0 … catalogueSize − 1.
 */
export function exposureCounts(recommendedLists: readonly ArrayLike<number>[], catalogueSize: number, k?: number): Float64Array {
  if (!Number.isInteger(catalogueSize) || catalogueSize < 1) {
    throw new MlError('bad-argument', `catalogueSize is ${catalogueSize}: pass the number of items in the catalogue.`);
  }
  if (k !== undefined) checkK(k);
  const counts = new Float64Array(catalogueSize);
  for (const list of recommendedLists) {
    for (let i = 0; i < Math.min(k ?? list.length, list.length); i++) {
      const item = list[i];
      if (!Number.isInteger(item) || item < 0 || item >= catalogueSize) {
        throw new MlError('bad-argument', `Item ${item} is outside the catalogue 0…${catalogueSize - 1}.`);
      }
      counts[item]++;
    }
  }
  return counts;
}

/**
 * Gini coefficient of a distribution of non-negative amounts (e.g. exposure per catalogue item):
 * 0 when every item gets the same, (n − 1)/n when one item gets everything. Computed on the sorted
 * amounts: Σ (2i − n − 1)·x_(i) / (n · Σ x), i = 1 … n.
 */
export function giniCoefficient(amounts: ArrayLike<number>): number {
  const n = amounts.length;
  if (n === 0) throw new MlError('empty-data', 'giniCoefficient() needs at least one amount.');
  const sorted = Float64Array.from(amounts).sort();
  if (sorted[0] < 0) throw new MlError('bad-argument', `Amounts must be ≥ 0; found ${sorted[0]}.`);
  let total = 0;
  let weighted = 0;
  sorted.forEach((x, i) => {
    total += x;
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return total === 0 ? 0 : weighted / (n * total);
}

/** Gini coefficient of exposure: how unequally the top-k lists spread over the whole catalogue. */
export function exposureGini(recommendedLists: readonly ArrayLike<number>[], catalogueSize: number, k?: number): number {
  return giniCoefficient(exposureCounts(recommendedLists, catalogueSize, k));
}
