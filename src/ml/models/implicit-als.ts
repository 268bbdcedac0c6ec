/**
 * The implicit-feedback ranking model: iALS (Hu, Koren & Volinsky 2008, "Collaborative filtering
 * for implicit feedback datasets"). Every user × item pair takes part: a play (or a rating, read
 * as "watched") is a 1 with confidence 1 + α·value, everything else a 0 with confidence 1, so the
 * model learns what a user picks from the *whole* catalogue — the question a top-10 row asks —
 * instead of how many stars they give to the few titles they chose to rate.
 *
 * Trained by alternating exact solves (see `als.ts`): each sweep costs O(plays · k² + (users +
 * items) · k³), a fraction of a second for 100,000 plays. Scores are dot products; the recommend
 * contract (seen items masked) and save/load are shared with matrix factorisation.
 */
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import { assertRange, assertWhole } from '../core/assert';
import { compressRows, implicitAlsHalfSweep, type CompressedRows } from './als';
import {
  assignTables,
  checkIds,
  copyTables,
  createFactorTables,
  factorRecommender,
  tablesToArtifacts,
  type FactorRecommender,
  type FactorTables,
} from './factor-model';
import { fitFactorModel, type FactorFitOptions, type FactorFitResult } from './factor-fit';
import { recommendFromScores, seenByUser } from './recommender';

/** One implicit interaction: a user played (or rated) an item, `value` times or that strongly (default 1). */
export interface Interaction {
  user: number;
  item: number;
  value?: number;
}

/** Options of `createImplicitModel()`. */
export interface ImplicitModelOptions {
  numUsers: number;
  numItems: number;
  /** Length of each vector (default 32). */
  factors?: number;
  /** Extra confidence per unit of `value` of an observed pair (default 4). */
  alpha?: number;
  /** Ridge penalty on every user and item vector (default 30). */
  penalty?: number;
  /** Spread of the initial vectors (default 0.01). */
  initStd?: number;
  /**
   * Weight of a popularity prior added to every score: weight × log(1 + users of the item) /
   * log(1 + users of the most popular item), counted on the training interactions (default 0).
   * Where popularity explains most of what people pick, a little of it keeps the personal row
   * from ranking below the popularity row; choose it on validation data.
   */
  popularityWeight?: number;
  seed?: number;
}

/** Options of `model.fit()`: sweeps (epochs, default 10) and, optionally, validation plays to stop on. */
export type ImplicitFitOptions = FactorFitOptions<Interaction> & {
  /** Cut-off of the validation NDCG that early stopping watches (default 10). */
  k?: number;
};

/** An iALS model. */
export interface ImplicitModel extends FactorRecommender {
  readonly kind: 'implicit-als';
  readonly numUsers: number;
  readonly numItems: number;
  readonly factors: number;
  readonly tables: FactorTables;
  /** The popularity prior's weight (see the option); it can be changed after training, e.g. to tune it. */
  popularityWeight: number;
  /**
   * Alternating sweeps over the interactions. The history holds `loss` (the weighted squared loss
   * per pair, penalties included) and, with validation plays, `val_ndcg` (higher is better).
   */
  fit(interactions: readonly Interaction[], options?: ImplicitFitOptions): Promise<FactorFitResult>;
  /** The training objective on these interactions: Σ confidence·(preference − score)² + penalty·‖vectors‖², per pair. */
  loss(interactions: readonly Interaction[]): number;
  /**
   * Scores for a user the model was not trained on, from a few interactions (a sign-up's picks):
   * the user's vector is solved exactly as a training sweep would ("fold-in"), no retraining.
   * With no interactions every score is 0: fall back to popularity.
   */
  scoreNewUser(interactions: readonly { item: number; value?: number }[]): Float32Array;
  toArtifacts(metadata?: Record<string, unknown>): tf.io.ModelArtifacts;
  dispose(): void;
}

interface Restore {
  tables: FactorTables;
  seen: Map<number, Set<number>>;
}

/** Creates an implicit ranking model with small random vectors. */
export function createImplicitModel(options: ImplicitModelOptions, restore?: Restore): ImplicitModel {
  const { numUsers, numItems, factors = 32, alpha = 4, penalty = 30, initStd = 0.01 } = options;
  assertWhole('numUsers', numUsers);
  assertWhole('numItems', numItems);
  assertWhole('factors', factors);
  assertRange('alpha', alpha, 0, Infinity);
  assertRange('penalty', penalty, 1e-9, Infinity);
  const tables = restore?.tables ?? createFactorTables(numUsers, numItems, factors, initStd, createRng(options.seed ?? 42));
  let seen: Map<number, Set<number>> = restore?.seen ?? new Map();
  let disposed = false;
  let prior = new Float32Array(numItems);
  const setPrior = () => {
    const counts = new Float32Array(numItems);
    for (const items of seen.values()) for (const i of items) counts[i]++;
    let top = 0;
    for (const c of counts) top = Math.max(top, c);
    prior = Float32Array.from(counts, (c) => (top > 0 ? Math.log1p(c) / Math.log1p(top) : 0));
  };
  if (restore) setPrior();
  const withPrior = (scores: Float32Array) => {
    const w = model.popularityWeight;
    if (w !== 0) for (let i = 0; i < numItems; i++) scores[i] += w * prior[i];
    return scores;
  };
  const checkReady = () => {
    if (disposed) throw new MlError('not-fitted', 'This model has been disposed: create a new one.');
  };
  const group = (interactions: readonly Interaction[]) => {
    checkIds(
      interactions.map((r) => r.user),
      numUsers,
      'user',
    );
    checkIds(
      interactions.map((r) => r.item),
      numItems,
      'item',
    );
    const users = Int32Array.from(interactions, (r) => r.user);
    const items = Int32Array.from(interactions, (r) => r.item);
    const values = Float32Array.from(interactions, (r) => r.value ?? 1);
    for (let n = 0; n < values.length; n++) {
      if (!(values[n] >= 0) || !Number.isFinite(values[n])) {
        throw new MlError('not-finite', `Interaction ${n} has value ${values[n]}: use a count or strength ≥ 0.`);
      }
    }
    return { byUser: compressRows(numUsers, users, items, values), byItem: compressRows(numItems, items, users, values) };
  };
  const objective = (byUser: CompressedRows): number => {
    const f = factors;
    const Y = tables.itemFactors;
    const X = tables.userFactors;
    const gram = new Float64Array(f * f);
    for (let c = 0; c < numItems; c++) for (let i = 0; i < f; i++) for (let j = 0; j < f; j++) gram[i * f + j] += Y[c * f + i] * Y[c * f + j];
    let total = 0;
    for (let u = 0; u < numUsers; u++) {
      for (let i = 0; i < f; i++) for (let j = 0; j < f; j++) total += X[u * f + i] * gram[i * f + j] * X[u * f + j];
      for (let e = byUser.indptr[u]; e < byUser.indptr[u + 1]; e++) {
        const c = byUser.indices[e];
        let s = 0;
        for (let k = 0; k < f; k++) s += X[u * f + k] * Y[c * f + k];
        total += (1 + alpha * byUser.values[e]) * (1 - s) ** 2 - s * s;
      }
    }
    let norms = 0;
    for (const v of X) norms += v * v;
    for (const v of Y) norms += v * v;
    return (total + penalty * norms) / (numUsers * numItems);
  };

  const base = factorRecommender(
    () => tables,
    () => 0,
    () => seen,
    checkReady,
  );
  const model: ImplicitModel = {
    ...base,
    scoreItems: (user) => withPrior(base.scoreItems(user)),
    recommend: (user, k, options) => recommendFromScores(model, user, k, options),
    popularityWeight: options.popularityWeight ?? 0,
    kind: 'implicit-als',
    numUsers,
    numItems,
    factors,
    tables,
    async fit(interactions, fitOptions = {}) {
      checkReady();
      const k = fitOptions.k ?? 10;
      let relevant: Map<number, Set<number>> | null = null;
      return fitFactorModel<Interaction, FactorTables>(
        interactions,
        { validation: null, ...fitOptions },
        {
          prepare(trainSet, given) {
            const { byUser, byItem } = group(trainSet);
            seen = seenByUser(given);
            setPrior();
            return () => {
              implicitAlsHalfSweep(byUser, tables.userFactors, tables.itemFactors, numItems, factors, alpha, penalty);
              implicitAlsHalfSweep(byItem, tables.itemFactors, tables.userFactors, numUsers, factors, alpha, penalty);
              return objective(byUser);
            };
          },
          validationRmse(validation) {
            // Held-out plays of titles the user already had in training cannot be hits (they are masked), so they are left out.
            relevant ??= seenByUser(
              validation.filter((r) => r.user >= 0 && r.user < numUsers && r.item >= 0 && r.item < numItems && !seen.get(r.user)?.has(r.item)),
            );
            // Early stopping minimises, so it watches 1 − NDCG; the history records NDCG itself.
            return 1 - meanNdcg(model, relevant, k);
          },
          report: (logs) => ({ loss: logs.loss, ...(logs.val_loss !== undefined ? { val_ndcg: 1 - logs.val_loss } : {}) }),
          snapshot: () => copyTables(tables),
          restore: (best) => assignTables(tables, best),
          names: ['loss', 'val_loss'],
          defaultEpochs: 10,
          shuffle: false,
        },
      );
    },
    loss(interactions) {
      checkReady();
      return objective(group(interactions).byUser);
    },
    scoreNewUser(interactions) {
      checkReady();
      checkIds(
        interactions.map((r) => r.item),
        numItems,
        'item',
      );
      const row = compressRows(
        1,
        interactions.map(() => 0),
        interactions.map((r) => r.item),
        interactions.map((r) => r.value ?? 1),
      );
      const vector = new Float32Array(factors);
      implicitAlsHalfSweep(row, vector, tables.itemFactors, numItems, factors, alpha, penalty);
      const scores = new Float32Array(numItems);
      for (let i = 0; i < numItems; i++) {
        let s = 0;
        for (let k = 0; k < factors; k++) s += vector[k] * tables.itemFactors[i * factors + k];
        scores[i] = s;
      }
      return withPrior(scores);
    },
    toArtifacts(metadata = {}) {
      checkReady();
      return tablesToArtifacts(
        { kind: 'implicit-als', numUsers, numItems, factors, globalMean: 0, config: { alpha, penalty, popularityWeight: model.popularityWeight }, metadata },
        tables,
        seen,
      );
    },
    dispose() {
      disposed = true;
    },
  };
  return model;
}

/** Mean NDCG@k (binary gains) of the model's top k over users with held-out items. */
function meanNdcg(model: FactorRecommender, relevant: ReadonlyMap<number, ReadonlySet<number>>, k: number): number {
  let sum = 0;
  let users = 0;
  for (const [user, items] of relevant) {
    const top = model.recommend(user, k);
    let dcg = 0;
    top.forEach((s, rank) => {
      if (items.has(s.item)) dcg += 1 / Math.log2(rank + 2);
    });
    let ideal = 0;
    for (let r = 0; r < Math.min(k, items.size); r++) ideal += 1 / Math.log2(r + 2);
    sum += dcg / ideal;
    users++;
  }
  return users ? sum / users : 0;
}
