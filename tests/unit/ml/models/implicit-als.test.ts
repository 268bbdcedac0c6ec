import { describe, expect, it } from 'vitest';
import {
  createImplicitModel,
  listMemoryModels,
  loadRecommender,
  popularity,
  rankingReport,
  removeModel,
  saveModel,
  createRng,
  type Interaction,
} from '../../../../src/ml/index';
import { rejection } from '../../helpers/errors';
import { isMlError } from '../../../../src/ml/index';

/**
 * Two taste groups: users 0–29 watch mostly items 0–19, users 30–59 mostly items 20–39; item 40
 * is watched by almost everybody (the blockbuster popularity pushes). Returns train and held-out plays.
 */
function clusteredPlays(seed = 3): { train: Interaction[]; test: Interaction[] } {
  const rng = createRng(seed);
  const train: Interaction[] = [];
  const test: Interaction[] = [];
  for (let u = 0; u < 60; u++) {
    const own = u < 30 ? 0 : 20;
    const picks = rng.shuffle(Array.from({ length: 20 }, (_, i) => own + i)).slice(0, 10);
    picks.slice(0, 7).forEach((item) => train.push({ user: u, item }));
    picks.slice(7).forEach((item) => test.push({ user: u, item }));
    if (rng.bernoulli(0.9)) train.push({ user: u, item: 40 });
    if (rng.bernoulli(0.2)) train.push({ user: u, item: rng.int(0, 40) === 40 ? 39 : rng.int(0, 39) });
  }
  return { train, test };
}

const relevantOf = (test: Interaction[], seen: (u: number) => ReadonlySet<number>) => {
  const out = new Map<number, Set<number>>();
  for (const r of test) if (!seen(r.user).has(r.item)) (out.get(r.user) ?? out.set(r.user, new Set()).get(r.user)!).add(r.item);
  return out;
};

describe('createImplicitModel (iALS)', () => {
  it('lowers its training loss with every sweep', async () => {
    const { train } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    const before = model.loss(train);
    const fit = await model.fit(train, { epochs: 6 });
    const losses = fit.history.loss;
    expect(losses[0]).toBeLessThan(before);
    for (let e = 1; e < losses.length; e++) expect(losses[e]).toBeLessThanOrEqual(losses[e - 1] + 1e-9);
    expect(model.loss(train)).toBeCloseTo(losses[losses.length - 1], 10);
  });

  it('beats popularity on NDCG@10 over the full catalogue when tastes differ', async () => {
    const { train, test } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    await model.fit(train, { epochs: 8 });
    const pop = popularity(train, { numItems: 41 });
    const relevant = relevantOf(test, (u) => pop.seenItems(u));
    const ials = rankingReport(model, relevant).ndcg;
    const popular = rankingReport(pop, relevant).ndcg;
    expect(ials).toBeGreaterThan(popular + 0.2);
  });

  it("never recommends a user's training items, and keeps each group's titles on top", async () => {
    const { train } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    await model.fit(train, { epochs: 8 });
    const row = model.recommend(5, 3).map((s) => s.item);
    expect(row.every((item) => !model.seenItems(5).has(item))).toBe(true);
    expect(row.every((item) => item < 20)).toBe(true);
  });

  it('folds in a new user from a few plays without retraining', async () => {
    const { train } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    await model.fit(train, { epochs: 8 });
    const scores = model.scoreNewUser([{ item: 21 }, { item: 25 }]);
    const others = Array.from(scores)
      .map((s, i) => ({ s, i }))
      .filter((x) => x.i !== 21 && x.i !== 25)
      .sort((a, b) => b.s - a.s);
    expect(others.slice(0, 5).every((x) => x.i >= 20 && x.i <= 40)).toBe(true);
    expect(Array.from(model.scoreNewUser([]))).toEqual(new Array(41).fill(0));
  });

  it('stops on validation NDCG and reports it under its own name', async () => {
    const { train, test } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    const fit = await model.fit(train, { epochs: 30, validation: test, earlyStopping: { patience: 2, minDelta: 0.001 } });
    expect(fit.history.val_ndcg).toHaveLength(fit.epochs);
    expect(fit.history.val_ndcg.every((v) => v > 0 && v <= 1)).toBe(true);
    expect(fit.epochs).toBeLessThan(30);
  });

  it('round-trips through saveModel and loadRecommender: same scores, same masking', async () => {
    const { train } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    await model.fit(train, { epochs: 3 });
    const info = await saveModel(model, 'memory://ials', { note: 'x' });
    const loaded = await loadRecommender('memory://ials');
    expect(info.weightBytes).toBeGreaterThan(60 * 4 * 4);
    expect(loaded.kind).toBe('implicit-als');
    expect(loaded.metadata).toEqual({ note: 'x' });
    expect(Array.from(loaded.scoreItems(7))).toEqual(Array.from(model.scoreItems(7)));
    expect(loaded.recommend(7, 5)).toEqual(model.recommend(7, 5));
    for (const url of listMemoryModels()) await removeModel(url);
  });

  it('adds a popularity prior that, when heavy, orders unseen items as popularity does, and survives save/load', async () => {
    const { train } = clusteredPlays();
    const model = createImplicitModel({ numUsers: 60, numItems: 41, factors: 4, penalty: 1 });
    await model.fit(train, { epochs: 4 });
    const pop = popularity(train, { numItems: 41 });
    const personal = model.recommend(5, 3).map((s) => s.item);
    model.popularityWeight = 1e6;
    // Ties in popularity are broken by the personal score, so compare the popularity counts.
    const counts = pop.scoreItems(5);
    expect(model.recommend(5, 3).map((s) => counts[s.item])).toEqual(pop.recommend(5, 3).map((s) => counts[s.item]));
    expect(model.recommend(5, 3).map((s) => s.item)).not.toEqual(personal);
    await saveModel(model, 'memory://ials-prior');
    const loaded = await loadRecommender('memory://ials-prior');
    expect(Array.from(loaded.scoreItems(5))).toEqual(Array.from(model.scoreItems(5)));
    await removeModel('memory://ials-prior');
  });

  it('rejects interactions outside the model and negative values', async () => {
    const model = createImplicitModel({ numUsers: 2, numItems: 2 });
    expect(isMlError(await rejection(model.fit([{ user: 2, item: 0 }])), 'bad-argument')).toBe(true);
    expect(isMlError(await rejection(model.fit([{ user: 0, item: 0, value: -1 }])), 'not-finite')).toBe(true);
  });
});
