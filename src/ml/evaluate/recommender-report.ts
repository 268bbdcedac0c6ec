/**
 * One call that judges a recommender the way the notebook does: top-k lists over the full
 * catalogue (seen items masked by the model's own `recommend`), the accuracy metrics against the
 * held-out items, and the catalogue metrics (coverage, novelty, Gini of exposure). Per-user scores
 * come back too, so a bootstrap over users can put an interval on any of them.
 */
import { MlError } from '../core/errors';
import type { Recommender } from '../models/recommender';
import { catalogueCoverage, exposureGini, noveltyAtK } from './ranking';

/** The figures of one model at one k. */
export interface RankingReport {
  k: number;
  /** Users judged: those with at least one held-out item. */
  users: number[];
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  /** Share of the catalogue in anybody's top k (over every listed user). */
  coverage: number;
  novelty: number;
  gini: number;
  /** Per judged user, in the order of `users`: the sampling unit of a bootstrap. */
  perUser: { precision: Float64Array; recall: Float64Array; ndcg: Float64Array; map: Float64Array; hit: Float64Array };
  /** The top-k list of every judged user. */
  lists: number[][];
}

/** Options of `rankingReport`. */
export interface RankingReportOptions {
  k?: number;
  /** Items each user had in training (their counts give novelty; default: the model's `seenItems`). */
  itemUserCounts?: ArrayLike<number>;
  /** Number of training users, for novelty (default: the largest user index + 1). */
  numUsers?: number;
}

/** Per-user precision, recall, NDCG, AP and hit of one top-k list against a relevant set. */
export function scoreList(list: readonly number[], relevant: ReadonlySet<number>, k: number) {
  let hits = 0;
  let dcg = 0;
  let ap = 0;
  list.slice(0, k).forEach((item, rank) => {
    if (!relevant.has(item)) return;
    hits++;
    dcg += 1 / Math.log2(rank + 2);
    ap += hits / (rank + 1);
  });
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return { precision: hits / k, recall: hits / relevant.size, ndcg: dcg / ideal, map: ap / Math.min(relevant.size, k), hit: hits > 0 ? 1 : 0 };
}

/** Judges `model` on the held-out items of each user (see `heldOutItems`). */
export function rankingReport(model: Recommender, relevant: ReadonlyMap<number, ReadonlySet<number>>, options: RankingReportOptions = {}): RankingReport {
  const k = options.k ?? 10;
  const users = [...relevant.keys()].filter((u) => (relevant.get(u)?.size ?? 0) > 0).sort((a, b) => a - b);
  if (users.length === 0) throw new MlError('empty-data', 'No user has a held-out item: check the split and the relevance threshold.');
  const n = users.length;
  const perUser = {
    precision: new Float64Array(n),
    recall: new Float64Array(n),
    ndcg: new Float64Array(n),
    map: new Float64Array(n),
    hit: new Float64Array(n),
  };
  const lists = users.map((u) => model.recommend(u, k).map((s) => s.item));
  lists.forEach((list, j) => {
    const s = scoreList(list, relevant.get(users[j]) as ReadonlySet<number>, k);
    perUser.precision[j] = s.precision;
    perUser.recall[j] = s.recall;
    perUser.ndcg[j] = s.ndcg;
    perUser.map[j] = s.map;
    perUser.hit[j] = s.hit;
  });
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  let counts = options.itemUserCounts;
  if (!counts) {
    const c = new Float64Array(model.numItems);
    for (const u of users) for (const item of model.seenItems(u)) c[item]++;
    counts = c;
  }
  return {
    k,
    users,
    precision: mean(perUser.precision),
    recall: mean(perUser.recall),
    ndcg: mean(perUser.ndcg),
    map: mean(perUser.map),
    hitRate: mean(perUser.hit),
    coverage: catalogueCoverage(lists, model.numItems, k),
    novelty: noveltyAtK(lists, counts, options.numUsers ?? users.reduce((m, u) => Math.max(m, u), 0) + 1, k),
    gini: exposureGini(lists, model.numItems, k),
    perUser,
    lists,
  };
}
