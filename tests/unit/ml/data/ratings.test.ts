import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateRatings,
  genres,
  splitRatingsByTime,
  computeTrueRating,
  globalTimeSplit,
  fitIdEncoder,
  userItemBias,
  rmse,
  createMatrixFactorization,
  type ItemProfile,
  type RatingInfo,
  type RatingRow,
  type UserProfile,
} from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

function pearson(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

let rows: RatingRow[];
let users: UserProfile[];
let items: ItemProfile[];
let info: RatingInfo;
beforeAll(() => {
  const generated = generateRatings({ seed: 42 });
  ({ users, items, info } = generated);
  rows = generated.table.rows;
});

describe('generateRatings', () => {
  it('defaults to 500 users, 400 items and about 25,000 ratings', () => {
    expect(users.length).toBe(500);
    expect(items.length).toBe(400);
    expect(rows.length).toBeGreaterThan(20_000);
    expect(rows.length).toBeLessThan(30_000);
    expect(info.density).toBeCloseTo(rows.length / 200_000, 10);
  });

  it('gives whole-star ratings from 1 to 5, one per user and item', () => {
    expect(rows.every((r) => Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5)).toBe(true);
    expect(new Set(rows.map((r) => `${r.user}:${r.item}`)).size).toBe(rows.length);
    expect(rows.every((r) => r.user >= 1 && r.user <= 500 && r.item >= 1 && r.item <= 400)).toBe(true);
  });

  it('is deterministic by seed', () => {
    const small = { users: 40, items: 30, ratingsPerUser: 12, minRatingsPerUser: 5 };
    expect(generateRatings({ ...small, seed: 9 })).toEqual(generateRatings({ ...small, seed: 9 }));
    expect(generateRatings({ ...small, seed: 10 }).table.rows).not.toEqual(generateRatings({ ...small, seed: 9 }).table.rows);
  });

  it('has a long tail: the top 10% of items get over 40% of the ratings', () => {
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.item, (counts.get(r.item) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, 40).reduce((a, b) => a + b, 0);
    expect(top / rows.length).toBeGreaterThan(0.4);
  });

  it('is missing not at random: observed ratings beat the mean true rating of all pairs', () => {
    let sum = 0;
    for (const u of users) for (const it of items) sum += computeTrueRating(u, it);
    const meanTrue = sum / (users.length * items.length);
    const meanObserved = rows.reduce((s, r) => s + r.rating, 0) / rows.length;
    expect(meanTrue).toBeCloseTo(info.meanTrueRating, 10);
    expect(meanObserved - meanTrue).toBeGreaterThan(0.3);
  });

  it('narrows the MNAR gap when selectionBias is 0', () => {
    const fair = generateRatings({ seed: 42, users: 150, selectionBias: 0 }).info;
    const biased = generateRatings({ seed: 42, users: 150 }).info;
    expect(biased.meanRating - biased.meanTrueRating).toBeGreaterThan(fair.meanRating - fair.meanTrueRating + 0.2);
  });

  it("reflects each user's hidden genre taste in their mean rating per genre", () => {
    const byUser = new Map<number, RatingRow[]>();
    for (const r of rows) byUser.set(r.user, [...(byUser.get(r.user) ?? []), r]);
    const taste: number[] = [];
    const meanRating: number[] = [];
    for (const u of users) {
      for (const g of genres) {
        const rs = (byUser.get(u.user) ?? []).filter((r) => items[r.item - 1].genres.includes(g));
        if (rs.length < 3) continue;
        taste.push(u.genreTaste[g]);
        meanRating.push(rs.reduce((s, r) => s + r.rating, 0) / rs.length);
      }
    }
    expect(taste.length).toBeGreaterThan(1000);
    expect(pearson(taste, meanRating)).toBeGreaterThan(0.45);
  });

  it('lets people choose by genre and reputation: the rated pairs lean to liked genres, not to the twist found by watching', () => {
    const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);
    const genrePart = (u: UserProfile, it: ItemProfile) => it.genres.reduce((s, g) => s + u.genreTaste[g], 0) / it.genres.length;
    let allGenre = 0;
    let allTwist = 0;
    for (const u of users)
      for (const it of items) {
        allGenre += genrePart(u, it);
        allTwist += dot(u.factors, it.factors);
      }
    const pairs = users.length * items.length;
    const rated = (part: (u: UserProfile, it: ItemProfile) => number) => rows.reduce((s, r) => s + part(users[r.user - 1], items[r.item - 1]), 0) / rows.length;
    expect(rated(genrePart) - allGenre / pairs).toBeGreaterThan(0.15);
    expect(Math.abs(rated((u, it) => dot(u.factors, it.factors)) - allTwist / pairs)).toBeLessThan(0.03);
  });

  it('holds taste that latent factors find: matrix factorisation beats the offsets on the later ratings', async () => {
    const periods = globalTimeSplit(rows, { testFraction: 0.2 });
    const encoder = fitIdEncoder(periods.train, { items: items.map((t) => t.item) });
    const train = encoder.encode(periods.train).rows;
    const test = encoder.encode(periods.test).rows;
    const stars = test.map((r) => r.rating);
    const offsets = rmse(
      stars,
      userItemBias(train).predict(
        test.map((r) => r.user),
        test.map((r) => r.item),
      ),
    );
    const mf = createMatrixFactorization({ numUsers: encoder.numUsers, numItems: encoder.numItems, seed: 1 });
    await mf.fit(train, { epochs: 30 });
    // 0.06 stars here; the world before low-rank tastes gave 0.01.
    expect(offsets - mf.rmse(test)).toBeGreaterThan(0.03);
    mf.dispose();
  });

  it('keeps regulars coming back: the last quarter of the log is mostly from users with a history', () => {
    const cut = rows[Math.floor(rows.length * 0.75)].timestamp;
    const earlier = new Map<number, number>();
    for (const r of rows) if (r.timestamp < cut) earlier.set(r.user, (earlier.get(r.user) ?? 0) + 1);
    const late = rows.filter((r) => r.timestamp >= cut);
    const share = (keep: (r: RatingRow) => boolean) => late.filter(keep).length / late.length;
    expect(share((r) => (earlier.get(r.user) ?? 0) >= 10)).toBeGreaterThan(0.45);
    expect(share((r) => !earlier.has(r.user))).toBeGreaterThan(0.1);
  });

  it('builds a catalogue of unique titles with 1–3 known genres and plausible years', () => {
    expect(new Set(items.map((i) => i.title)).size).toBe(items.length);
    expect(items.every((i) => i.genres.length >= 1 && i.genres.length <= 3)).toBe(true);
    expect(items.every((i) => i.genres.every((g) => (genres as readonly string[]).includes(g)))).toBe(true);
    expect(items.every((i) => i.year >= 1950 && i.year <= 2024)).toBe(true);
    expect(new Set(items.flatMap((i) => i.genres[0])).size).toBe(genres.length);
  });

  it('keeps titles unique even when the word lists run short', () => {
    const big = generateRatings({ users: 5, items: 3000, ratingsPerUser: 15, minRatingsPerUser: 15 });
    expect(new Set(big.items.map((i) => i.title)).size).toBe(3000);
  });

  it('stamps ratings within the year in time order, every user rating at least 15 items', () => {
    const start = Date.UTC(2023, 0, 1) / 1000;
    expect(rows.every((r) => r.timestamp >= start && r.timestamp < start + 365 * 86_400)).toBe(true);
    expect(rows.every((r, i) => i === 0 || r.timestamp >= rows[i - 1].timestamp)).toBe(true);
    const perUser = new Map<number, number>();
    for (const r of rows) perUser.set(r.user, (perUser.get(r.user) ?? 0) + 1);
    expect(Math.min(...perUser.values())).toBeGreaterThanOrEqual(15);
  });

  it('rejects bad options with typed errors', () => {
    expect(errorCode(() => generateRatings({ users: 0 }))).toBe('bad-argument');
    expect(errorCode(() => generateRatings({ ratingsPerUser: 5, minRatingsPerUser: 10 }))).toBe('bad-argument');
  });
});

describe('splitRatingsByTime', () => {
  const sample = [
    { user: 1, item: 10, rating: 4, timestamp: 300 },
    { user: 1, item: 11, rating: 2, timestamp: 100 },
    { user: 2, item: 10, rating: 5, timestamp: 50 },
    { user: 1, item: 12, rating: 3, timestamp: 200 },
    { user: 3, item: 12, rating: 1, timestamp: 400 },
    { user: 3, item: 13, rating: 1, timestamp: 500 },
  ];

  it("holds out each user's latest rating and keeps single-rating users in training", () => {
    const { train, test } = splitRatingsByTime(sample);
    expect(test.map((r) => [r.user, r.item])).toEqual([
      [1, 10],
      [3, 13],
    ]);
    expect(train.map((r) => [r.user, r.item])).toEqual([
      [1, 11],
      [2, 10],
      [1, 12],
      [3, 12],
    ]);
  });

  it('holds out several per user when asked', () => {
    const { train, test } = splitRatingsByTime(sample, { testPerUser: 2 });
    expect(test.map((r) => r.item)).toEqual([10, 12]);
    expect(train.length).toBe(4);
  });

  it('puts only later ratings in the test set on generated data', () => {
    const { train, test } = splitRatingsByTime(rows);
    expect(train.length + test.length).toBe(rows.length);
    const lastTrain = new Map<number, number>();
    for (const r of train) lastTrain.set(r.user, Math.max(lastTrain.get(r.user) ?? 0, r.timestamp));
    expect(test.every((r) => r.timestamp >= lastTrain.get(r.user)!)).toBe(true);
    expect(test.length).toBe(500);
  });

  it('rejects rows without a numeric timestamp', () => {
    expect(errorCode(() => splitRatingsByTime([{ user: 1, timestamp: '2024' }]))).toBe('csv-schema');
    expect(errorCode(() => splitRatingsByTime(sample, { testPerUser: 0 }))).toBe('bad-argument');
  });
});

describe('generateRatings with qualityIssues', () => {
  it('plants duplicates, out-of-range ratings and a bot, and says so in the answer key', () => {
    const dirty = generateRatings({ users: 100, items: 80, ratingsPerUser: 20, minRatingsPerUser: 10, seed: 5, qualityIssues: true });
    const { issues } = dirty.info;
    const rows = dirty.table.rows;
    expect(issues.botUser).toBe(101);
    expect(rows.filter((r) => r.user === 101)).toHaveLength(issues.botRatings);
    const botTimes = rows.filter((r) => r.user === 101).map((r) => r.timestamp);
    expect(Math.max(...botTimes) - Math.min(...botTimes)).toBeLessThan(3600);
    expect(rows.filter((r) => r.rating === 0 || r.rating === 10)).toHaveLength(issues.outOfRangeRows);
    const pairs = new Set(rows.map((r) => `${r.user}:${r.item}`));
    expect(rows.length - pairs.size).toBe(issues.duplicateRows);
    expect(generateRatings({ users: 100, items: 80, ratingsPerUser: 20, minRatingsPerUser: 10, seed: 5 }).info.issues.botUser).toBeNull();
  });
});
