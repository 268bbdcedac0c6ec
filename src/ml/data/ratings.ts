/**
 * A simulated film catalogue and its users' star ratings, for the recommendation notebook
 * (MovieLens-100k-like in shape and density, smaller).
 *
 * Hidden structure a notebook can teach:
 * - Each item has 1–3 genres, a quality bias and a twist of its own; each user has a rating bias
 *   (some users rate high) and a point in a small taste space where the genres sit too (see
 *   `taste.ts`), which gives their liking of each genre. The noise-free score is `globalMean +
 *   user bias + item bias + mean genre taste over the item's genres + user taste · item twist`
 *   ({@link computeTrueRating}): low-rank, so latent factors can find it from a few dozen ratings
 *   per user. Observed stars are that plus noise, rounded and kept in 1–5.
 * - Long tail: item popularity is Zipf-like (weight 1/rank^`popularityExponent`), loosely tied to
 *   quality, so the top 10% of items draw over 40% of all ratings.
 * - Missing not at random: a user rates an item with probability ∝ popularity × exp(`selectionBias`
 *   × (expected score − mean)), where the expected score is what a title's page tells them (its
 *   reputation and their liking of its genres, {@link expectedRating}). So people mostly rate what
 *   they expect to like, observed ratings are higher than the ratings of the whole user × item grid
 *   would be, and the twist they discover by watching is what the stars add beyond their choice.
 * - Activity is long-tailed too (at least `minRatingsPerUser`, mean `ratingsPerUser`); each user
 *   joins on some day of the period and rates over the following months (unix-second timestamps,
 *   about two months on average), so a later period holds both regulars with a history and
 *   newcomers, and "hold out each user's latest ratings" ({@link splitRatingsByTime}) mimics
 *   production.
 *
 * Defaults: 500 users, 400 items, about 25,000 ratings (density ≈ 12%); well under a second.
 */
import { MlError } from '../core/errors';
import { createRng, type Rng } from '../core/random';
import type { Row, Table } from '../core/types';
import { dot, drawTitleTwist, drawUserTaste, expectedRating, genres } from './taste';

export { genres } from './taste';

/** Options of {@link generateRatings}. */
export interface RatingOptions {
  users?: number;
  items?: number;
  /** Mean number of ratings per user (default 50). */
  ratingsPerUser?: number;
  /** Fewest ratings a user has (default 15; MovieLens keeps users with 20 or more). */
  minRatingsPerUser?: number;
  seed?: number;
  /** Number of taste dimensions (default 4; the first four are where the genres sit, more add tastes no genre names). */
  factors?: number;
  /** Standard deviation of the rating noise in stars (default 0.7). */
  noise?: number;
  /** Zipf exponent of item popularity (default 1.1). */
  popularityExponent?: number;
  /** How strongly people pick what they expect to like, the MNAR strength (default 1; 0 = at random). */
  selectionBias?: number;
  /** First day of the rating period, ISO date (default '2023-01-01'). */
  startDate?: string;
  /** Length of the period in days (default 365). */
  days?: number;
  /** Centre of the noise-free scores in stars before selection (default 3.2; people rate what they like, so observed ratings sit higher). */
  baseRating?: number;
  /** Scales the spread of users' tastes and titles' twists (default 1): lower means ratings carry less personal taste. */
  tasteStrength?: number;
  /**
   * Plants the problems real rating logs have (default false): about 1 % of rows duplicated by an
   * ingestion retry, a few out-of-range ratings (0 and 10) from a client bug, and one bot account
   * that rates hundreds of titles 5 stars within an hour. `info.issues` is the answer key.
   */
  qualityIssues?: boolean;
}

/** The answer key of `qualityIssues`. */
export interface RatingIssues {
  duplicateRows: number;
  outOfRangeRows: number;
  /** Id of the bot account, or null. */
  botUser: number | null;
  botRatings: number;
}

const GENRE_SHARE = [0.16, 0.2, 0.24, 0.1, 0.1, 0.08, 0.05, 0.07];
const GLOBAL_MEAN = 3.2;
/** Mean days between a user's first visit and each of their ratings: regulars keep coming back for months. */
const TENURE_DAYS = 60;

/** A catalogue entry; `bias`, `factors` (its twist beyond its genres) and `popularity` are hidden from the ratings table. */
export interface ItemProfile {
  item: number;
  title: string;
  genres: string[];
  year: number;
  bias: number;
  factors: number[];
  /** Relative chance of being seen (Zipf weight). */
  popularity: number;
}

/** A simulated user's hidden tastes. */
export interface UserProfile {
  user: number;
  bias: number;
  /** Liking of each genre in stars (about −1.6 to +1.6): the user's taste point · the genre's point. */
  genreTaste: Record<string, number>;
  /** The user's point in the taste space. */
  factors: number[];
  /** Number of ratings the user gives. */
  activity: number;
}

/** One rating, as in MovieLens' `u.data`. */
export type RatingRow = { user: number; item: number; rating: number; timestamp: number };

/** Summary figures of a generated data set. */
export interface RatingInfo {
  ratings: number;
  users: number;
  items: number;
  density: number;
  meanRating: number;
  /** Mean noise-free score over every user × item pair, observed or not (clipped to 1–5). */
  meanTrueRating: number;
  globalMean: number;
  /** What `qualityIssues` planted (all zero without it). */
  issues: RatingIssues;
}

const ADJECTIVES = [
  'Silent',
  'Crimson',
  'Hidden',
  'Last',
  'Broken',
  'Golden',
  'Midnight',
  'Hollow',
  'Distant',
  'Electric',
  'Frozen',
  'Wild',
  'Silver',
  'Burning',
  'Forgotten',
  'Iron',
  'Lonely',
  'Final',
  'Secret',
  'Endless',
  'Quiet',
  'Savage',
  'Velvet',
  'Scarlet',
  'Northern',
  'Fading',
  'Restless',
  'Brave',
  'Little',
  'Lost',
];
const NOUNS: Record<string, readonly string[]> = {
  Action: ['Protocol', 'Vendetta', 'Strike', 'Run', 'Fury', 'Ambush', 'Heist', 'Target', 'Pursuit', 'Siege', 'Reckoning', 'Showdown'],
  Comedy: ['Wedding', 'Weekend', 'Neighbours', 'Roommates', 'Vacation', 'Road Trip', 'Family', 'Mix-Up', 'Party', 'Office', 'Reunion', 'Misfits'],
  Drama: ['Harbor', 'Letters', 'Winter', 'River', 'Promise', 'Season', 'Garden', 'Daughter', 'Inheritance', 'Crossing', 'House', 'Silence'],
  'Sci-Fi': ['Horizon', 'Orbit', 'Signal', 'Frontier', 'Colony', 'Machine', 'Paradox', 'Nebula', 'Station', 'Singularity', 'Drift', 'Transmission'],
  Romance: ['Summer', 'Heart', 'Kiss', 'Serenade', 'Moonlight', 'Rendezvous', 'Waltz', 'Affair', 'Sweetheart', 'Valentine', 'Vows', 'Bloom'],
  Horror: ['Cellar', 'Haunting', 'Curse', 'Shadows', 'Ritual', 'Asylum', 'Woods', 'Whisper', 'Dollhouse', 'Night', 'Visitor', 'Attic'],
  Documentary: ['Planet', 'Ocean', 'Story', 'Voices', 'Frontline', 'Journey', 'Empire', 'Mountains', 'Machines', 'Record', 'Truth', 'Archive'],
  Animation: ['Kingdom', 'Dragon', 'Adventure', 'Forest', 'Robot', 'Star', 'Island', 'Friends', 'Quest', 'Balloon', 'Lantern', 'Circus'],
};

/** A title flavoured by the item's main genre, unique within the catalogue. */
function makeTitle(rng: Rng, genre: string, taken: Set<string>): string {
  const nouns = NOUNS[genre] ?? NOUNS.Drama;
  for (let attempt = 0; attempt < 20; attempt++) {
    const noun = rng.pick(nouns);
    const adjective = rng.pick(ADJECTIVES);
    const title = rng.bernoulli(0.5) ? `The ${adjective} ${noun}` : `${adjective} ${noun}`;
    if (!taken.has(title)) return title;
  }
  const base = `The ${rng.pick(ADJECTIVES)} ${rng.pick(nouns)}`;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/**
 * The noise-free score a user would give an item, clipped to 1–5 (the generator's ground truth,
 * for checking a model or measuring the MNAR gap).
 */
export function computeTrueRating(user: UserProfile, item: ItemProfile, globalMean = GLOBAL_MEAN): number {
  const score = expectedRating(user, item, globalMean) + user.bias + dot(user.factors, item.factors);
  return Math.min(5, Math.max(1, score));
}

function checkWhole(name: string, v: number, min: number, caller = 'generateRatings()'): void {
  if (!Number.isInteger(v) || v < min) throw new MlError('bad-argument', `${caller}: ${name} must be a whole number ≥ ${min}, got ${v}.`);
}

function makeItems(rng: Rng, n: number, factors: number, exponent: number, strength = 1): ItemProfile[] {
  const taken = new Set<string>();
  const items = Array.from({ length: n }, (_, i): ItemProfile => {
    const main = rng.weightedIndex(GENRE_SHARE);
    const own = [main];
    for (const p of [0.5, 0.2]) {
      if (!rng.bernoulli(p)) break;
      const g = rng.weightedIndex(GENRE_SHARE.map((s, k) => (own.includes(k) ? 0 : s)));
      own.push(g);
    }
    const title = makeTitle(rng, genres[main], taken);
    taken.add(title);
    return {
      item: i + 1,
      title,
      genres: own.map((g) => genres[g]),
      year: Math.max(1950, 2024 - Math.floor(rng.exponential(1 / 12))),
      bias: rng.normal(0, 0.4),
      factors: drawTitleTwist(rng, factors, strength),
      popularity: 0,
    };
  });
  // Better films tend to be more popular, loosely: rank by quality plus a lot of luck.
  const order = items.map((it, i) => ({ i, key: it.bias + rng.normal(0, 0.6) })).sort((a, b) => b.key - a.key);
  order.forEach(({ i }, rank) => {
    items[i].popularity = 1 / (rank + 1) ** exponent;
  });
  return items;
}

/**
 * Generates users, items and MNAR ratings with hidden genre tastes and a long tail; see the module
 * comment. Returns the ratings table (sorted by time), the profiles and summary figures.
 */
export function generateRatings(options: RatingOptions = {}): {
  table: Table<RatingRow>;
  users: UserProfile[];
  items: ItemProfile[];
  info: RatingInfo;
} {
  const {
    users: nUsers = 500,
    items: nItems = 400,
    ratingsPerUser = 50,
    minRatingsPerUser = 15,
    seed = 42,
    factors = 4,
    noise = 0.7,
    popularityExponent = 1.1,
    selectionBias = 1,
    startDate = '2023-01-01',
    days = 365,
    baseRating = GLOBAL_MEAN,
    tasteStrength = 1,
  } = options;
  checkWhole('users', nUsers, 1);
  checkWhole('items', nItems, 1);
  checkWhole('minRatingsPerUser', minRatingsPerUser, 1);
  checkWhole('days', days, 1);
  if (!(ratingsPerUser >= minRatingsPerUser)) {
    throw new MlError('bad-argument', `generateRatings(): ratingsPerUser (${ratingsPerUser}) must be at least minRatingsPerUser (${minRatingsPerUser}).`);
  }
  const start = Date.parse(startDate);
  if (!Number.isFinite(start)) throw new MlError('bad-argument', `generateRatings(): startDate must be an ISO date like '2023-01-01', got '${startDate}'.`);
  const rng = createRng(seed);
  const [itemRng, userRng, pickRng] = [rng.fork(), rng.fork(), rng.fork()];
  const items = makeItems(itemRng, nItems, factors, popularityExponent, tasteStrength);
  const maxPerUser = Math.max(1, Math.floor(nItems * 0.8));
  // Activity beyond the minimum is exponential: most users rate a few, a handful rate hundreds.
  const extraPerUser = Math.max(1e-9, ratingsPerUser - minRatingsPerUser);
  const users = Array.from({ length: nUsers }, (_, u): UserProfile => ({
    user: u + 1,
    bias: userRng.normal(0, 0.35),
    ...drawUserTaste(userRng, factors, tasteStrength),
    activity: Math.min(maxPerUser, minRatingsPerUser + Math.round(userRng.exponential(1 / extraPerUser))),
  }));

  const startSeconds = Math.floor(start / 1000);
  const rows: RatingRow[] = [];
  let trueSum = 0;
  for (const u of users) {
    const truth = items.map((it) => computeTrueRating(u, it, baseRating));
    for (const t of truth) trueSum += t;
    // Weighted sampling without replacement (Efraimidis & Spirakis): keep the largest ln(U)/w.
    const keys = items.map((it, i) => ({
      i,
      key: Math.log(1 - pickRng.next()) / (it.popularity * Math.exp(selectionBias * (expectedRating(u, it, baseRating) - baseRating))),
    }));
    keys.sort((a, b) => b.key - a.key);
    const joinDay = pickRng.uniform(0, days * 0.85);
    for (const { i } of keys.slice(0, u.activity)) {
      const stars = Math.min(5, Math.max(1, Math.round(truth[i] + pickRng.normal(0, noise))));
      let day = joinDay + pickRng.exponential(1 / TENURE_DAYS);
      // Late joiners' ratings spread over the days left instead of piling up on the last one.
      if (day >= days) day = pickRng.uniform(joinDay, days);
      rows.push({ user: u.user, item: items[i].item, rating: stars, timestamp: startSeconds + Math.floor(day * 86_400) });
    }
  }
  const meanRating = rows.reduce((s, r) => s + r.rating, 0) / Math.max(1, rows.length);
  const issues: RatingIssues = { duplicateRows: 0, outOfRangeRows: 0, botUser: null, botRatings: 0 };
  if (options.qualityIssues) plantIssues(rows, issues, createRng(seed + 1), nUsers, nItems, startSeconds, days);
  rows.sort((a, b) => a.timestamp - b.timestamp || a.user - b.user || a.item - b.item);
  return {
    table: { columns: ['user', 'item', 'rating', 'timestamp'], rows },
    users,
    items,
    info: {
      ratings: rows.length,
      users: nUsers,
      items: nItems,
      density: rows.length / (nUsers * nItems),
      meanRating,
      meanTrueRating: trueSum / (nUsers * nItems),
      globalMean: baseRating,
      issues,
    },
  };
}

/** Appends duplicates, out-of-range ratings and a bot account to `rows` (see `qualityIssues`). */
function plantIssues(rows: RatingRow[], issues: RatingIssues, rng: Rng, nUsers: number, nItems: number, startSeconds: number, days: number): void {
  const original = rows.length;
  for (let n = 0; n < original; n++) {
    if (rng.next() < 0.01) {
      rows.push({ ...rows[n] });
      issues.duplicateRows++;
    }
  }
  const bad = Math.max(2, Math.round(original * 0.002));
  for (let n = 0; n < bad; n++) {
    const r = rows[rng.int(0, original - 1)];
    r.rating = n % 2 === 0 ? 0 : 10;
    issues.outOfRangeRows++;
  }
  const bot = nUsers + 1;
  const botStart = startSeconds + Math.floor(rng.uniform(0.3, 0.7) * days * 86_400);
  const count = Math.min(nItems, Math.max(50, Math.round(nItems * 0.6)));
  rng
    .shuffle(Array.from({ length: nItems }, (_, i) => i + 1))
    .slice(0, count)
    .forEach((item, n) => {
      rows.push({ user: bot, item, rating: 5, timestamp: botStart + n * Math.floor(3_600 / count) });
    });
  issues.botUser = bot;
  issues.botRatings = count;
}

/**
 * Holds out each user's `testPerUser` latest ratings (default 1, "leave last out") as the test
 * set, the way a deployed recommender meets the future; users with no more ratings than that stay
 * whole in training. Rows keep their original order within each part.
 */
export function splitRatingsByTime<R extends Row>(rows: readonly R[], options: { testPerUser?: number } = {}): { train: R[]; test: R[] } {
  const { testPerUser = 1 } = options;
  checkWhole('testPerUser', testPerUser, 1, 'splitRatingsByTime()');
  const byUser = new Map<unknown, number[]>();
  rows.forEach((r, i) => {
    if (typeof r.timestamp !== 'number') {
      throw new MlError('csv-schema', `splitRatingsByTime(): row ${i} needs a numeric 'timestamp', got ${JSON.stringify(r.timestamp)}.`);
    }
    const list = byUser.get(r.user);
    if (list) list.push(i);
    else byUser.set(r.user, [i]);
  });
  const inTest = new Set<number>();
  for (const list of byUser.values()) {
    if (list.length <= testPerUser) continue;
    const latest = list.slice().sort((a, b) => (rows[a].timestamp as number) - (rows[b].timestamp as number) || a - b);
    for (const i of latest.slice(-testPerUser)) inTest.add(i);
  }
  return { train: rows.filter((_, i) => !inTest.has(i)), test: rows.filter((_, i) => inTest.has(i)) };
}
