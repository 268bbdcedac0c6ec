/**
 * The parameters shared by every factor model (matrix factorisation on ratings, the implicit
 * ranking model on plays): one vector per user and per item, optional biases and a global mean, in
 * plain typed arrays. Scoring the whole catalogue for one user is a loop over items, the
 * recommend contract comes from `recommender.ts`, and the tables serialise to tfjs model artifacts
 * so `saveModel` can store them wherever it stores a classifier.
 */
import type * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import type { Rng } from '../core/random';
import { recommendFromScores, seenByUser, seenOf, topKFromScores, type RecommendOptions, type ScoredItem } from './recommender';

/** User and item vectors (row-major, `factors` numbers per row) and biases. */
export interface FactorTables {
  numUsers: number;
  numItems: number;
  factors: number;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
}

/** Tables with vectors drawn from N(0, initStd²) and zero biases. */
export function createFactorTables(numUsers: number, numItems: number, factors: number, initStd: number, rng: Rng): FactorTables {
  const random = (n: number) => Float32Array.from({ length: n }, () => rng.normal(0, initStd));
  return {
    numUsers,
    numItems,
    factors,
    userFactors: random(numUsers * factors),
    itemFactors: random(numItems * factors),
    userBias: new Float32Array(numUsers),
    itemBias: new Float32Array(numItems),
  };
}

/** A deep copy (for early stopping's best weights). */
export function copyTables(t: FactorTables): FactorTables {
  return {
    ...t,
    userFactors: t.userFactors.slice(),
    itemFactors: t.itemFactors.slice(),
    userBias: t.userBias.slice(),
    itemBias: t.itemBias.slice(),
  };
}

/** Overwrites `target`'s numbers with `source`'s (same shapes). */
export function assignTables(target: FactorTables, source: FactorTables): void {
  target.userFactors.set(source.userFactors);
  target.itemFactors.set(source.itemFactors);
  target.userBias.set(source.userBias);
  target.itemBias.set(source.itemBias);
}

/** Throws a cold-start hint unless every id is a whole number in 0 … count − 1. */
export function checkIds(ids: ArrayLike<number>, count: number, what: 'user' | 'item'): void {
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n];
    if (!Number.isInteger(id) || id < 0 || id >= count) {
      throw new MlError(
        'bad-argument',
        `${what} ${id} is not in the model (ids 0…${count - 1}): a new ${what} needs a retrain, or a popularity fallback meanwhile.`,
      );
    }
  }
}

/** Score of one pair: mean + biases + u · i (biases and mean are 0 for a model without them). */
export function scorePair(t: FactorTables, mean: number, user: number, item: number): number {
  const f = t.factors;
  let s = mean + t.userBias[user] + t.itemBias[item];
  const pu = user * f;
  const qi = item * f;
  for (let k = 0; k < f; k++) s += t.userFactors[pu + k] * t.itemFactors[qi + k];
  return s;
}

/** Scores of every item for one user. */
export function scoreAllItems(t: FactorTables, mean: number, user: number): Float32Array {
  const out = new Float32Array(t.numItems);
  for (let i = 0; i < t.numItems; i++) out[i] = scorePair(t, mean, user, i);
  return out;
}

/** Rows of a flat table as nested arrays, for charts and tables. */
export function tableRows(flat: Float32Array, rows: number, width: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(flat.subarray(r * width, (r + 1) * width)));
}

/** The k items whose vectors point most the same way as `item`'s (cosine), itself excluded. */
export function similarItemsOf(t: FactorTables, item: number, k: number): ScoredItem[] {
  checkIds([item], t.numItems, 'item');
  const f = t.factors;
  const norms = new Float32Array(t.numItems);
  for (let i = 0; i < t.numItems; i++) {
    let s = 0;
    for (let j = 0; j < f; j++) s += t.itemFactors[i * f + j] ** 2;
    norms[i] = Math.sqrt(s);
  }
  const sims = new Float32Array(t.numItems);
  for (let i = 0; i < t.numItems; i++) {
    let dot = 0;
    for (let j = 0; j < f; j++) dot += t.itemFactors[i * f + j] * t.itemFactors[item * f + j];
    const d = norms[i] * norms[item];
    sims[i] = d > 0 ? dot / d : 0;
  }
  return topKFromScores(sims, k, (i) => i === item);
}

/** The parts of the recommend contract a factor model gets for free from its tables. */
export interface FactorRecommender {
  seenItems(user: number): ReadonlySet<number>;
  scoreItems(user: number): Float32Array;
  recommend(user: number, k: number, options?: RecommendOptions): ScoredItem[];
  itemEmbeddings(): number[][];
  userEmbeddings(): number[][];
  similarItems(item: number, k: number): ScoredItem[];
}

/** Builds the shared recommender methods over live tables, a mean getter and the seen sets. */
export function factorRecommender(
  tables: () => FactorTables,
  mean: () => number,
  seen: () => ReadonlyMap<number, ReadonlySet<number>>,
  checkReady: () => void,
): FactorRecommender {
  const methods: FactorRecommender = {
    seenItems: (user) => seenOf(seen(), user),
    scoreItems(user) {
      checkReady();
      checkIds([user], tables().numUsers, 'user');
      return scoreAllItems(tables(), mean(), user);
    },
    recommend: (user, k, options) => recommendFromScores(methods, user, k, options),
    itemEmbeddings: () => tableRows(tables().itemFactors, tables().numItems, tables().factors),
    userEmbeddings: () => tableRows(tables().userFactors, tables().numUsers, tables().factors),
    similarItems: (item, k) => similarItemsOf(tables(), item, k),
  };
  return methods;
}

/** What a saved factor model records besides its numbers. */
export interface FactorModelRecord {
  kind: 'matrix-factorization' | 'implicit-als';
  numUsers: number;
  numItems: number;
  factors: number;
  globalMean: number;
  /** Model options needed to rebuild it (rating range, regularisation, …). */
  config: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** The tables, the seen pairs and a record as tfjs model artifacts (float32 tables, int32 pairs). */
export function tablesToArtifacts(record: FactorModelRecord, t: FactorTables, seen: ReadonlyMap<number, ReadonlySet<number>>): tf.io.ModelArtifacts {
  const pairs: number[] = [];
  for (const [user, items] of seen) for (const item of items) pairs.push(user, item);
  const parts: { name: string; shape: number[]; dtype: 'float32' | 'int32'; data: Float32Array | Int32Array }[] = [
    { name: 'user_factors', shape: [t.numUsers, t.factors], dtype: 'float32', data: t.userFactors },
    { name: 'item_factors', shape: [t.numItems, t.factors], dtype: 'float32', data: t.itemFactors },
    { name: 'user_bias', shape: [t.numUsers], dtype: 'float32', data: t.userBias },
    { name: 'item_bias', shape: [t.numItems], dtype: 'float32', data: t.itemBias },
    { name: 'seen_pairs', shape: [pairs.length / 2, 2], dtype: 'int32', data: Int32Array.from(pairs) },
  ];
  const bytes = parts.reduce((s, p) => s + p.data.byteLength, 0);
  const buffer = new Uint8Array(bytes);
  let offset = 0;
  for (const p of parts) {
    buffer.set(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength), offset);
    offset += p.data.byteLength;
  }
  return {
    modelTopology: { fieldbookRecommender: record },
    format: 'fieldbook-recommender',
    generatedBy: 'fieldbook',
    weightSpecs: parts.map(({ name, shape, dtype }) => ({ name, shape, dtype })),
    weightData: buffer.buffer,
  };
}

/** True when artifacts hold a factor model saved by `tablesToArtifacts`. */
export function isFactorArtifacts(artifacts: tf.io.ModelArtifacts): boolean {
  const topology = artifacts.modelTopology as { fieldbookRecommender?: unknown } | undefined;
  return typeof topology === 'object' && topology !== null && 'fieldbookRecommender' in topology;
}

/** Reads back what `tablesToArtifacts` wrote. */
export function tablesFromArtifacts(artifacts: tf.io.ModelArtifacts): {
  record: FactorModelRecord;
  tables: FactorTables;
  seen: Map<number, Set<number>>;
} {
  const record = (artifacts.modelTopology as { fieldbookRecommender: FactorModelRecord }).fieldbookRecommender;
  const specs = artifacts.weightSpecs ?? [];
  const raw = artifacts.weightData;
  const data = raw instanceof ArrayBuffer ? raw : Array.isArray(raw) ? concat(raw) : null;
  if (!data) throw new MlError('bad-argument', 'The saved recommender has no weights.');
  const arrays = new Map<string, Float32Array | Int32Array>();
  let offset = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const slice = data.slice(offset, offset + n * 4);
    arrays.set(spec.name, spec.dtype === 'int32' ? new Int32Array(slice) : new Float32Array(slice));
    offset += n * 4;
  }
  const pairs = (arrays.get('seen_pairs') as Int32Array | undefined) ?? new Int32Array(0);
  const list: { user: number; item: number }[] = [];
  for (let i = 0; i < pairs.length; i += 2) list.push({ user: pairs[i], item: pairs[i + 1] });
  return {
    record,
    tables: {
      numUsers: record.numUsers,
      numItems: record.numItems,
      factors: record.factors,
      userFactors: arrays.get('user_factors') as Float32Array,
      itemFactors: arrays.get('item_factors') as Float32Array,
      userBias: arrays.get('user_bias') as Float32Array,
      itemBias: arrays.get('item_bias') as Float32Array,
    },
    seen: seenByUser(list),
  };
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((s, b) => s + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}
