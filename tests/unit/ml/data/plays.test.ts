import { describe, expect, it } from 'vitest';
import { generateArrivals, generatePlayLog, generateRatings, playProbability, simulatePlays } from '../../../../src/ml/index';

const world = generateRatings({ users: 80, items: 60, ratingsPerUser: 15, minRatingsPerUser: 5, seed: 3 });

describe('playProbability', () => {
  it('falls with the position in the row as 1/(1 + position)^positionBias', () => {
    const [u, t] = [world.users[0], world.items[0]];
    const top = playProbability(u, t, 0);
    expect(playProbability(u, t, 1)).toBeCloseTo(top / 2, 12);
    expect(playProbability(u, t, 4, { positionBias: 2 })).toBeCloseTo(top / 25, 12);
    expect(playProbability(u, t, 9, { positionBias: 0 })).toBeCloseTo(top, 12);
  });

  it('is higher for titles the user would rate higher', () => {
    const u = world.users[1];
    const byAppeal = world.items.map((t) => playProbability(u, t, 0));
    expect(Math.max(...byAppeal)).toBeGreaterThan(5 * Math.min(...byAppeal));
  });
});

describe('simulatePlays and generatePlayLog', () => {
  it('logs one impression per shown title, reproducibly', () => {
    const rows = [
      { user: 0, items: [1, 2, 3] },
      { user: 1, items: [4] },
    ];
    const a = simulatePlays(world.users, world.items, rows, { seed: 2 });
    expect(a.map((r) => [r.user, r.item, r.position])).toEqual([
      [0, 1, 0],
      [0, 2, 1],
      [0, 3, 2],
      [1, 4, 0],
    ]);
    expect(simulatePlays(world.users, world.items, rows, { seed: 2 })).toEqual(a);
  });

  it('shows the old row popular titles and audit rows random ones; play rate falls with position', () => {
    const log = generatePlayLog(world.users, world.items, { rounds: 10, auditShare: 0.2, seed: 4 });
    const audit = log.filter((r) => r.audit);
    expect(audit.length / log.length).toBeGreaterThan(0.12);
    expect(audit.length / log.length).toBeLessThan(0.28);
    const popularRank = new Map(
      world.items
        .map((t, i) => [i, t.popularity])
        .sort((a, b) => b[1] - a[1])
        .map(([i], rank) => [i, rank]),
    );
    const meanRank = (rs: typeof log) => rs.reduce((s, r) => s + (popularRank.get(r.item) ?? 0), 0) / rs.length;
    expect(meanRank(log.filter((r) => !r.audit))).toBeLessThan(meanRank(audit) / 1.5);
    const rate = (p: number) => {
      const at = log.filter((r) => r.position === p);
      return at.filter((r) => r.played).length / at.length;
    };
    expect(rate(0)).toBeGreaterThan(2 * rate(9));
  });
});

describe('generateArrivals', () => {
  it('makes new titles with genres and new users with 0–3 sign-up ratings of existing titles', () => {
    const a = generateArrivals(world.users, world.items, { newItems: 5, newUsers: 40, seed: 1 });
    expect(a.items.map((t) => t.item)).toEqual([61, 62, 63, 64, 65]);
    expect(a.items.every((t) => t.genres.length >= 1 && t.popularity === 0)).toBe(true);
    const perUser = a.users.map((_, j) => a.onboarding.filter((r) => r.user === 80 + j).length);
    expect(Math.min(...perUser)).toBe(0);
    expect(Math.max(...perUser)).toBe(3);
    expect(a.onboarding.every((r) => r.item >= 0 && r.item < 60 && r.rating >= 1 && r.rating <= 5)).toBe(true);
  });
});
