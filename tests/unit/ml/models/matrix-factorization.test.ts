import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { createMatrixFactorization, ratingsToData } from '../../../../src/ml/index';
import type { Rating } from '../../../../src/ml/index';
import { userItemBias } from '../../../../src/ml/index';
import { train } from '../../../../src/ml/index';
import { createRng } from '../../../../src/ml/index';
import { loadRecommender, removeModel, saveModel } from '../../../../src/ml/index';

/** Ratings from planted tastes: 3 + user bias + item bias + 0.6·(user · item) + noise, half the pairs observed. */
function plantedRatings(numUsers: number, numItems: number, k: number, seed = 1): Rating[] {
  const rng = createRng(seed);
  const users = Array.from({ length: numUsers }, () => Array.from({ length: k }, () => rng.normal()));
  const items = Array.from({ length: numItems }, () => Array.from({ length: k }, () => rng.normal()));
  const userBias = users.map(() => rng.normal(0, 0.3));
  const itemBias = items.map(() => rng.normal(0, 0.5));
  const ratings: Rating[] = [];
  for (let u = 0; u < numUsers; u++) {
    for (let i = 0; i < numItems; i++) {
      if (!rng.bernoulli(0.5)) continue;
      const dot = users[u].reduce((s, p, f) => s + p * items[i][f], 0);
      ratings.push({ user: u, item: i, rating: 3 + userBias[u] + itemBias[i] + 0.6 * dot + rng.normal(0, 0.3) });
    }
  }
  return rng.shuffle(ratings);
}

const rmse = (pred: ArrayLike<number>, ratings: Rating[]) => Math.sqrt(ratings.reduce((s, r, i) => s + (pred[i] - r.rating) ** 2, 0) / ratings.length);

expectNoTensorLeaks();

describe('createMatrixFactorization', () => {
  it('beats the user+item bias baseline clearly on ratings with planted tastes', async () => {
    const all = plantedRatings(60, 40, 3);
    const cut = Math.floor(all.length * 0.8);
    const [trainSet, testSet] = [all.slice(0, cut), all.slice(cut)];
    const users = testSet.map((r) => r.user);
    const items = testSet.map((r) => r.item);
    const baseline = rmse(userItemBias(trainSet).predict(users, items), testSet);
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40, factors: 4, learningRate: 0.05 });
    const { history } = await train(mf, ratingsToData(trainSet), { epochs: 15, batchSize: 128 });
    const model = rmse(mf.predict(users, items), testSet);
    mf.dispose();
    expect(history.loss[14]).toBeLessThan(history.loss[0] / 4);
    expect(model).toBeLessThan(0.7 * baseline);
  });

  it('sets the global mean from the training ratings', async () => {
    const mf = createMatrixFactorization({ numUsers: 2, numItems: 2 });
    await train(
      mf,
      {
        x: [
          [0, 0],
          [1, 1],
          [0, 1],
        ],
        y: [5, 3, 4],
      },
      { epochs: 1 },
    );
    const mean = mf.globalMean;
    mf.dispose();
    expect(mean).toBe(4);
  });

  it('recommends the best-scored unseen items, consistent with predict', async () => {
    const mf = createMatrixFactorization({ numUsers: 3, numItems: 6, globalMean: 3, seed: 4 });
    const recs = mf.recommend(1, 3, { exclude: new Set([0, 2]) });
    const scores = mf.predict([1, 1, 1, 1, 1, 1], [0, 1, 2, 3, 4, 5]);
    mf.dispose();
    const expected = [1, 3, 4, 5].sort((a, b) => scores[b] - scores[a]).slice(0, 3);
    expect(recs.map((r) => r.item)).toEqual(expected);
    expect(recs[0].score).toBeCloseTo(scores[expected[0]], 6);
  });

  it('finds items liked by the same users as the most similar ones', async () => {
    // Items 0–9 appeal to one taste, items 10–19 to the opposite one.
    const rng = createRng(8);
    const tastes = Array.from({ length: 50 }, () => rng.normal());
    const ratings: Rating[] = [];
    tastes.forEach((t, user) => {
      for (let item = 0; item < 20; item++) {
        if (rng.bernoulli(0.6)) ratings.push({ user, item, rating: 3 + (item < 10 ? t : -t) + rng.normal(0, 0.2) });
      }
    });
    const mf = createMatrixFactorization({ numUsers: 50, numItems: 20, factors: 2, learningRate: 0.05 });
    await train(mf, ratingsToData(ratings), { epochs: 20, batchSize: 64 });
    const similar = mf.similarItems(3, 5).map((s) => s.item);
    const embeddings = mf.itemEmbeddings();
    mf.dispose();
    expect(embeddings).toHaveLength(20);
    expect(similar.every((item) => item < 10)).toBe(true);
  });

  it('rejects users and items outside the model with a cold-start hint', () => {
    const mf = createMatrixFactorization({ numUsers: 3, numItems: 4, globalMean: 3 });
    expect(() => mf.predict([3], [0])).toThrow(/user 3 is not in the model.*retrain/);
    expect(() => mf.recommend(-1, 2)).toThrow(expect.objectContaining({ code: 'bad-argument' }));
    expect(() => mf.predict([0], [1.5])).toThrow(expect.objectContaining({ code: 'bad-argument' }));
    mf.dispose();
  });

  it('refuses to predict before it knows the global mean', () => {
    const mf = createMatrixFactorization({ numUsers: 2, numItems: 2 });
    expect(() => mf.predict([0], [0])).toThrow(expect.objectContaining({ code: 'not-fitted' }));
    mf.dispose();
  });

  it('clips predictions to the rating range', () => {
    const mf = createMatrixFactorization({ numUsers: 1, numItems: 2, globalMean: 9, ratingRange: [1, 5] });
    const p = Array.from(mf.predict([0, 0], [0, 1]));
    mf.dispose();
    expect(p).toEqual([5, 5]);
  });
});

describe('ratingsToData', () => {
  it('turns ratings into [user, item] rows and rating targets', () => {
    expect(ratingsToData([{ user: 2, item: 7, rating: 4 }])).toEqual({ x: [[2, 7]], y: [4] });
  });
});

describe('matrix factorisation fit()', () => {
  const split = () => {
    const all = plantedRatings(60, 40, 3, 5);
    const cut = Math.floor(all.length * 0.8);
    return { trainSet: all.slice(0, cut), testSet: all.slice(cut) };
  };

  it('beats the bias baseline with its defaults, reporting RMSE under clear names', async () => {
    const { trainSet, testSet } = split();
    const baseline = rmse(
      userItemBias(trainSet).predict(
        testSet.map((r) => r.user),
        testSet.map((r) => r.item),
      ),
      testSet,
    );
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40 });
    const fit = await mf.fit(trainSet, { validation: testSet });
    expect(Object.keys(fit.history).sort()).toEqual(['epoch', 'rmse', 'val_rmse']);
    expect(mf.rmse(testSet)).toBeLessThan(0.8 * baseline);
    expect(mf.rmse(testSet)).toBeCloseTo(Math.min(...fit.history.val_rmse), 6);
  });

  it('stops early by default and keeps the best epoch', async () => {
    const { trainSet, testSet } = split();
    // No penalty and many factors: validation RMSE turns up, and early stopping must catch it.
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40, factors: 64, l2: 0, learningRate: 0.02 });
    const fit = await mf.fit(trainSet, { validation: testSet, epochs: 200 });
    expect(fit.stoppedEarly).toBe(true);
    expect(fit.epochs).toBeLessThan(200);
    // An improvement under minDelta (1e-4) does not count, so the kept epoch is within 1e-4 of the lowest.
    expect(fit.history.val_rmse[fit.bestEpoch!]).toBeLessThan(Math.min(...fit.history.val_rmse) + 1e-4);
    expect(fit.history.val_rmse[fit.epochs - 1]).toBeGreaterThan(fit.history.val_rmse[fit.bestEpoch!] - 1e-4);
    expect(mf.rmse(testSet)).toBeCloseTo(fit.history.val_rmse[fit.bestEpoch!], 6);
  });

  it('announces its plan before the first epoch and its end once, so a training view can follow it', async () => {
    const { trainSet, testSet } = split();
    const events: string[] = [];
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40 });
    const fit = await mf.fit(trainSet, {
      validation: testSet,
      epochs: 4,
      onTrainBegin: (plan) => void events.push(`begin ${plan.epochs} epochs of ${plan.samples}`),
      onEpoch: (epoch) => void events.push(`epoch ${epoch}`),
      onTrainEnd: (result) => void events.push(`end after ${result.epochs}`),
    });
    expect(events).toEqual([`begin 4 epochs of ${trainSet.length}`, ...Array.from({ length: fit.epochs }, (_, e) => `epoch ${e}`), `end after ${fit.epochs}`]);
  });

  it('holds out a tenth of the ratings for early stopping when no validation is given', async () => {
    const { trainSet } = split();
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40 });
    const fit = await mf.fit(trainSet, { epochs: 3 });
    expect(fit.history.val_rmse).toHaveLength(3);
    const off = await createMatrixFactorization({ numUsers: 60, numItems: 40 }).fit(trainSet, { epochs: 2, validation: null });
    expect(off.history.val_rmse).toBeUndefined();
  });

  it('trains with ALS and with the TensorFlow.js Adam solver too', async () => {
    const { trainSet, testSet } = split();
    const baseline = rmse(
      userItemBias(trainSet).predict(
        testSet.map((r) => r.user),
        testSet.map((r) => r.item),
      ),
      testSet,
    );
    const als = createMatrixFactorization({ numUsers: 60, numItems: 40, solver: 'als', factors: 3, factorPenalty: 1 });
    await als.fit(trainSet, { validation: testSet });
    const adam = createMatrixFactorization({ numUsers: 60, numItems: 40, solver: 'adam', factors: 4, learningRate: 0.05 });
    const fit = await adam.fit(trainSet, { validation: testSet, epochs: 15, batchSize: 64 });
    expect(als.rmse(testSet)).toBeLessThan(0.8 * baseline);
    expect(fit.history.rmse[fit.history.rmse.length - 1]).toBeLessThan(fit.history.rmse[0] / 2);
    expect(adam.rmse(testSet)).toBeLessThan(baseline);
  });

  it('masks the training items in recommend() after fit', async () => {
    const { trainSet } = split();
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40 });
    await mf.fit(trainSet, { epochs: 2 });
    const seen = new Set(trainSet.filter((r) => r.user === 3).map((r) => r.item));
    expect(mf.recommend(3, 40).every((s) => !seen.has(s.item))).toBe(true);
    expect(mf.recommend(3, 40, { includeSeen: true })).toHaveLength(40);
  });

  it('infers the rating range from the 1–5 scale and the training ratings', async () => {
    const mf = createMatrixFactorization({ numUsers: 2, numItems: 2 });
    await mf.fit(
      [
        { user: 0, item: 0, rating: 0.5 },
        { user: 1, item: 1, rating: 4 },
      ],
      { epochs: 1, validation: null },
    );
    expect(mf.ratingRange).toEqual([0.5, 5]);
  });

  it('round-trips through saveModel and loadRecommender with the same predictions and seen items', async () => {
    const { trainSet, testSet } = split();
    const mf = createMatrixFactorization({ numUsers: 60, numItems: 40 });
    await mf.fit(trainSet, { epochs: 3 });
    await saveModel(mf, 'memory://mf', { trainedOn: 'planted' });
    const loaded = await loadRecommender('memory://mf');
    const users = testSet.map((r) => r.user);
    const items = testSet.map((r) => r.item);
    expect(loaded.kind).toBe('matrix-factorization');
    expect(loaded.metadata).toEqual({ trainedOn: 'planted' });
    if (loaded.kind !== 'matrix-factorization') throw new Error('wrong kind');
    expect(Array.from(loaded.predict(users, items))).toEqual(Array.from(mf.predict(users, items)));
    expect(loaded.globalMean).toBe(mf.globalMean);
    expect(loaded.recommend(3, 10)).toEqual(mf.recommend(3, 10));
    await removeModel('memory://mf');
  });
});
