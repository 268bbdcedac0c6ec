import { describe, expect, it } from 'vitest';
import { exposureStats, generateRatings, popularity, replayFeedbackLoop, simulateAbTest, createImplicitModel } from '../../../../src/ml/index';

const world = generateRatings({ users: 60, items: 50, ratingsPerUser: 14, minRatingsPerUser: 6, seed: 8 });
const initial = world.table.rows.map((r) => ({ user: r.user - 1, item: r.item - 1 }));

describe('exposureStats', () => {
  it('gives coverage, Gini and the top tenth share of the rows shown (hand-worked)', () => {
    // 10 items; item 0 shown 3 times, item 1 once.
    const s = exposureStats([[0, 1], [0], [0]], 10);
    expect(s.coverage).toBeCloseTo(0.2, 12);
    expect(s.topShare).toBeCloseTo(0.75, 12);
    // sorted 0×8, 1, 3: ((2·9 − 11)·1 + (2·10 − 11)·3) / (10 · 4) = 34 / 40
    expect(s.gini).toBeCloseTo(0.85, 12);
  });
});

describe('replayFeedbackLoop', () => {
  it('retrains every period on the plays it caused, and reports each period', async () => {
    const seenSizes: number[] = [];
    const cycles = await replayFeedbackLoop({
      users: world.users,
      items: world.items,
      initial,
      cycles: 3,
      seed: 2,
      train: (interactions) => {
        seenSizes.push(interactions.length);
        return popularity(interactions, { numItems: 50 });
      },
    });
    expect(cycles.map((c) => c.cycle)).toEqual([0, 1, 2]);
    expect(seenSizes[0]).toBe(initial.length);
    expect(seenSizes[1]).toBe(initial.length + cycles[0].plays);
    expect(seenSizes[2]).toBe(seenSizes[1] + cycles[1].plays);
    expect(cycles.every((c) => c.coverage > 0 && c.coverage <= 1 && c.gini >= 0 && c.gini < 1)).toBe(true);
  });
});

describe('simulateAbTest', () => {
  it('splits users at random, reproducibly, and counts plays per user and arm', async () => {
    const pop = popularity(initial, { numItems: 50 });
    const model = createImplicitModel({ numUsers: 60, numItems: 50, factors: 4, penalty: 3 });
    await model.fit(initial, { epochs: 4 });
    const a = simulateAbTest({ users: world.users, items: world.items, control: pop, treatment: model, rounds: 3, seed: 9 });
    const b = simulateAbTest({ users: world.users, items: world.items, control: pop, treatment: model, rounds: 3, seed: 9 });
    expect(Array.from(a.arm)).toEqual(Array.from(b.arm));
    expect(a.summary.control.users + a.summary.treatment.users).toBe(60);
    expect(a.summary.control.users).toBeGreaterThan(15);
    const played = a.impressions.filter((i) => i.played).length;
    expect(Array.from(a.plays).reduce((s, p) => s + p, 0)).toBe(played);
    // Every row is 10 titles long unless the user has fewer unseen, unplayed titles left.
    for (let round = 0; round < 3; round++) {
      for (let u = 0; u < 60; u++) {
        const playedBefore = new Set(a.impressions.filter((i) => i.user === u && i.round < round && i.played).map((i) => i.item));
        const left = 50 - new Set([...pop.seenItems(u), ...playedBefore]).size;
        expect(a.impressions.filter((i) => i.user === u && i.round === round)).toHaveLength(Math.min(10, left));
      }
    }
    expect(Array.from(a.emptyRows).every((e) => e >= 0 && e <= 1 + 1e-12)).toBe(true);
  });
});
