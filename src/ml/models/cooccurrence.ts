/**
 * Item-to-item co-occurrence: "people who watched X also watched Y". No training beyond counting:
 * two items are similar when many users interacted with both, normalised by how popular each is
 * (cosine of their user sets), so blockbusters do not pair with everything. A user's score for an
 * item is the sum of its similarities to the items the user has seen, which makes every
 * recommendation explainable by the seen items that contributed most.
 */
import { MlError } from '../core/errors';
import { checkIds } from './factor-model';
import { catalogueSize, recommendFromScores, seenByUser, seenOf, topKFromScores, type Recommender, type ScoredItem } from './recommender';

/** Options of `itemCooccurrence()`. */
export interface CooccurrenceOptions {
  /** Catalogue size (default the largest item id + 1). */
  numItems?: number;
  /** Neighbours kept per item (default 50): bounds memory on large catalogues. */
  neighbours?: number;
}

/** A co-occurrence recommender. */
export interface CooccurrenceModel extends Recommender {
  readonly kind: 'co-occurrence';
  /** The most similar items to `item` (cosine of their user sets). */
  similarItems(item: number, k: number): ScoredItem[];
  /** The seen items that contributed most to `item`'s score for `user`: the "because you watched" reasons. */
  explain(user: number, item: number, k?: number): ScoredItem[];
}

/** Counts co-occurrences in the interactions and builds the recommender. */
export function itemCooccurrence<R extends { user: number; item: number }>(interactions: readonly R[], options: CooccurrenceOptions = {}): CooccurrenceModel {
  if (interactions.length === 0) throw new MlError('empty-data', 'itemCooccurrence() needs at least one interaction.');
  const seen = seenByUser(interactions);
  const numItems = catalogueSize(interactions, options.numItems, 'interactions');
  const keep = options.neighbours ?? 50;
  const usersOf: number[][] = Array.from({ length: numItems }, () => []);
  const itemsOf = new Map<number, number[]>();
  for (const [user, items] of seen) {
    itemsOf.set(user, [...items]);
    for (const item of items) usersOf[item].push(user);
  }
  const counts = new Float32Array(numItems);
  const neighbourIds: Int32Array[] = [];
  const neighbourSims: Float32Array[] = [];
  const scratch = new Float32Array(numItems);
  for (let i = 0; i < numItems; i++) {
    const touched: number[] = [];
    for (const u of usersOf[i]) {
      for (const j of itemsOf.get(u) ?? []) {
        if (j === i) continue;
        if (scratch[j] === 0) touched.push(j);
        scratch[j]++;
      }
    }
    const sims = touched.map((j) => ({ item: j, score: scratch[j] / Math.sqrt(usersOf[i].length * usersOf[j].length) }));
    for (const j of touched) scratch[j] = 0;
    sims.sort((a, b) => b.score - a.score || a.item - b.item);
    const top = sims.slice(0, keep);
    neighbourIds.push(Int32Array.from(top, (s) => s.item));
    neighbourSims.push(Float32Array.from(top, (s) => s.score));
    counts[i] = usersOf[i].length;
  }

  const model: CooccurrenceModel = {
    kind: 'co-occurrence',
    numItems,
    seenItems: (user) => seenOf(seen, user),
    scoreItems(user) {
      const scores = new Float32Array(numItems);
      for (const j of seenOf(seen, user)) {
        const ids = neighbourIds[j];
        const sims = neighbourSims[j];
        for (let n = 0; n < ids.length; n++) scores[ids[n]] += sims[n];
      }
      // A user with no history (or no neighbours) still gets a row: popularity breaks the ties, lightly.
      let top = 0;
      for (const c of counts) top = Math.max(top, c);
      for (let i = 0; i < numItems; i++) scores[i] += (1e-6 * counts[i]) / Math.max(1, top);
      return scores;
    },
    recommend: (user, k, recommendOptions) => recommendFromScores(model, user, k, recommendOptions),
    similarItems(item, k) {
      checkIds([item], numItems, 'item');
      return Array.from(neighbourIds[item].subarray(0, k), (id, n) => ({ item: id, score: neighbourSims[item][n] }));
    },
    explain(user, item, k = 3) {
      checkIds([item], numItems, 'item');
      const contributions = new Float32Array(numItems).fill(NaN);
      for (const j of seenOf(seen, user)) {
        const at = neighbourIds[j].indexOf(item);
        if (at >= 0) contributions[j] = neighbourSims[j][at];
      }
      return topKFromScores(contributions, k);
    },
  };
  return model;
}
