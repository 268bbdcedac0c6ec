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

const countHits = (top: (ItemId | undefined)[], gains: Map<ItemId, number>): number =>
  top.filter((item) => item !== undefined && gains.has(item)).length;

/** Share of the top k recommendations that are relevant; a list shorter than k counts its empty slots as misses. */
export function precisionAtK(
  recommended: readonly ArrayLike<ItemId>[],
  relevant: readonly Relevant[],
  k: number,
): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => countHits(top, gains) / k);
}

/** Share of each user's relevant items that appear in their top k. */
export function recallAtK(
  recommended: readonly ArrayLike<ItemId>[],
  relevant: readonly Relevant[],
  k: number,
): number {
  return averageOverUsers(recommended, relevant, k, (top, gains) => countHits(top, gains) / gains.size);
}

/**
 * Normalised discounted cumulative gain at k, as sklearn's `ndcg_score`: gain = relevance (not
 * 2^rel − 1), discount 1 / log2(rank + 1), divided by the DCG of the ideal order of the user's
 * relevant items.
 */
export function ndcgAtK(
  recommended: readonly ArrayLike<ItemId>[],
  relevant: readonly Relevant[],
  k: number,
): number {
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
export function catalogueCoverage(
  recommendedLists: readonly ArrayLike<ItemId>[],
  catalogueSize: number,
  k?: number,
): number {
  if (!Number.isInteger(catalogueSize) || catalogueSize < 1) {
    throw new MlError('bad-argument', `catalogueSize is ${catalogueSize}: pass the number of items in the catalogue.`);
  }
  if (k !== undefined) checkK(k);
  const seen = new Set<ItemId>();
  for (const list of recommendedLists) {
    for (let i = 0; i < Math.min(k ?? list.length, list.length); i++) seen.add(list[i]);
  }
  if (seen.size > catalogueSize) {
    throw new MlError(
      'bad-argument',
      `The lists name ${seen.size} different items but catalogueSize is ${catalogueSize}: pass the full catalogue size.`,
    );
  }
  return seen.size / catalogueSize;
}
