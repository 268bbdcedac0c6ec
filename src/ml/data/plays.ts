/**
 * Implicit feedback for the simulated catalogue of `ratings.ts`: what users *play* from a row of
 * titles they are shown, rather than the stars they give to what they chose to rate.
 *
 * - Position bias: a user examines position p of a row (0 = first) with probability
 *   1 / (1 + p)^`positionBias`, so the same title is played less often further down the row.
 * - Exposure bias: a title can only be played if it is shown; the logged history comes from the
 *   old row (the most popular titles), so long-tail titles were rarely shown and rarely played.
 * - An audit sample: a small random share of rows show random titles in random order, the only
 *   logged data whose plays say how much users like long-tail titles.
 * - Arrivals: new titles (genres only, no plays) and new users (0–3 ratings) after the period.
 *
 * Users and items are addressed by index: `users[u]`, `items[i]` (index = id − 1 for generated data).
 */
import { MlError } from '../core/errors';
import { createRng, type Rng } from '../core/random';
import { computeTrueRating, type ItemProfile, type RatingRow, type UserProfile } from './ratings';
import { drawTitleTwist, drawUserTaste, genres } from './taste';

/** How users react to a row. */
export interface PlayModel {
  /** Exponent of the examination curve 1 / (1 + position)^positionBias (default 1; 0 = no position bias). */
  positionBias?: number;
  /** True rating (stars) at which an examined title is played half the time (default 3.6). */
  playThreshold?: number;
  /** Steepness of the play probability around the threshold, per star (default 2.5). */
  sharpness?: number;
  /** Centre of the true scores the catalogue was generated with (default 3.2, `generateRatings`'s). */
  baseRating?: number;
}

/** One title shown to one user, and whether they played it. */
export interface Impression {
  user: number;
  item: number;
  /** Position in the row, 0 = first. */
  position: number;
  played: 0 | 1;
  /** True when the row came from the random audit policy. */
  audit: boolean;
  /** Which round of rows this was (a visit, a day, a cycle of the feedback loop). */
  round: number;
}

/** Probability that `user` plays `item` shown at `position`. */
export function playProbability(user: UserProfile, item: ItemProfile, position: number, model: PlayModel = {}): number {
  const { positionBias = 1, playThreshold = 3.6, sharpness = 2.5, baseRating } = model;
  const examine = 1 / (1 + position) ** positionBias;
  const appeal = 1 / (1 + Math.exp(-sharpness * (computeTrueRating(user, item, baseRating) - playThreshold)));
  return examine * appeal;
}

/** Plays for rows shown to users: one impression per shown title, played with `playProbability`. */
export function simulatePlays(
  users: readonly UserProfile[],
  items: readonly ItemProfile[],
  rows: readonly { user: number; items: readonly number[]; audit?: boolean }[],
  options: PlayModel & { seed?: number; round?: number; rng?: Rng } = {},
): Impression[] {
  const rng = options.rng ?? createRng(options.seed ?? 1);
  const out: Impression[] = [];
  for (const row of rows) {
    const user = users[row.user];
    if (!user) throw new MlError('bad-argument', `User index ${row.user} is not in the simulation (0…${users.length - 1}).`);
    row.items.forEach((i, position) => {
      const item = items[i];
      if (!item) throw new MlError('bad-argument', `Item index ${i} is not in the catalogue (0…${items.length - 1}).`);
      const played = rng.next() < playProbability(user, item, position, options) ? 1 : 0;
      out.push({ user: row.user, item: i, position, played, audit: row.audit ?? false, round: options.round ?? 0 });
    });
  }
  return out;
}

/** Options of `generatePlayLog`. */
export interface PlayLogOptions extends PlayModel {
  /** Rows each user was shown (default 6). */
  rounds?: number;
  /** Titles per row (default 10). */
  rowLength?: number;
  /** Share of rows from the random audit policy (default 0.05). */
  auditShare?: number;
  seed?: number;
}

/**
 * The logged history of the old "For you" row: every round each user is shown the most popular
 * titles they have not played yet (a light shuffle among the top 30 of the catalogue's popularity),
 * except for a random `auditShare` of rows, which show random titles in random order.
 */
export function generatePlayLog(users: readonly UserProfile[], items: readonly ItemProfile[], options: PlayLogOptions = {}): Impression[] {
  const { rounds = 6, rowLength = 10, auditShare = 0.05, seed = 7 } = options;
  if (!(auditShare >= 0 && auditShare <= 1)) throw new MlError('bad-argument', `auditShare must be between 0 and 1 (got ${auditShare}).`);
  const rng = createRng(seed);
  const byPopularity = items.map((_, i) => i).sort((a, b) => items[b].popularity - items[a].popularity || a - b);
  const played = users.map(() => new Set<number>());
  const log: Impression[] = [];
  for (let round = 0; round < rounds; round++) {
    const rows = users.map((_, u) => {
      if (rng.next() < auditShare) {
        return { user: u, items: rng.shuffle(items.map((_, i) => i)).slice(0, rowLength), audit: true };
      }
      const candidates = byPopularity.filter((i) => !played[u].has(i)).slice(0, 3 * rowLength);
      // Mostly by popularity, a little noise: the old row is "top titles", not a fixed list.
      const noisy = candidates.map((i, rank) => ({ i, key: rank + rng.normal(0, 3) })).sort((a, b) => a.key - b.key);
      return { user: u, items: noisy.slice(0, rowLength).map((c) => c.i), audit: false };
    });
    for (const imp of simulatePlays(users, items, rows, { ...options, rng, round })) {
      log.push(imp);
      if (imp.played) played[imp.user].add(imp.item);
    }
  }
  return log;
}

/** New titles and users that arrive after the training period. */
export interface Arrivals {
  /** New titles: genres, title and year are known; their hidden tastes drive the simulation only. */
  items: ItemProfile[];
  users: UserProfile[];
  /** The 0–3 onboarding ratings each new user gave (user and item as indices). */
  onboarding: (RatingRow & { user: number; item: number })[];
}

/**
 * Makes `newItems` titles (indices after the catalogue's) and `newUsers` users (indices after the
 * existing users'), each new user rating 0–3 popular titles they like at sign-up.
 */
export function generateArrivals(
  users: readonly UserProfile[],
  items: readonly ItemProfile[],
  options: { newItems?: number; newUsers?: number; seed?: number; baseRating?: number; timestamp?: number } = {},
): Arrivals {
  const { newItems = 30, newUsers = 60, seed = 11, timestamp = 0 } = options;
  const rng = createRng(seed);
  const factors = items[0]?.factors.length ?? 4;
  const taken = new Set(items.map((i) => i.title));
  const freshItems = Array.from({ length: newItems }, (_, n): ItemProfile => {
    const own = rng.shuffle([...genres]).slice(0, rng.int(1, 2));
    let title = `${rng.pick(['New', 'Fresh', 'Brand-new', 'Premiere'])}: ${own[0]} ${n + 1}`;
    while (taken.has(title)) title += '′';
    taken.add(title);
    return {
      item: items.length + n + 1,
      title,
      genres: own,
      year: 2024,
      bias: rng.normal(0, 0.4),
      factors: drawTitleTwist(rng, factors),
      popularity: 0,
    };
  });
  const freshUsers = Array.from({ length: newUsers }, (_, n): UserProfile => ({
    user: users.length + n + 1,
    bias: rng.normal(0, 0.35),
    ...drawUserTaste(rng, factors),
    activity: 0,
  }));
  const popular = items
    .map((_, i) => i)
    .sort((a, b) => items[b].popularity - items[a].popularity)
    .slice(0, 60);
  const onboarding: Arrivals['onboarding'] = [];
  freshUsers.forEach((u, n) => {
    const count = rng.int(0, 3);
    const liked = popular
      .map((i) => ({ i, key: computeTrueRating(u, items[i], options.baseRating) + rng.normal(0, 0.5) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, count);
    for (const { i } of liked) {
      const stars = Math.min(5, Math.max(1, Math.round(computeTrueRating(u, items[i], options.baseRating) + rng.normal(0, 0.7))));
      onboarding.push({ user: users.length + n, item: i, rating: stars, timestamp });
    }
  });
  return { items: freshItems, users: freshUsers, onboarding };
}
