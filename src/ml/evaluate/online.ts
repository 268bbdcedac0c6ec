/**
 * Online evaluation in the simulator, where the play behaviour of `data/plays.ts` stands in for
 * real users: a feedback-loop replay (the deployed model decides what users see next period, their
 * plays become the next training data) and a simulated A/B test of two recommenders on randomly
 * assigned users. Offline metrics are proxies; these measure the plays the business counts.
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import { maybeYield } from '../core/yield';
import { simulatePlays, type Impression, type PlayModel } from '../data/plays';
import type { ItemProfile, UserProfile } from '../data/ratings';
import type { Interaction } from '../models/implicit-als';
import type { Recommender } from '../models/recommender';
import { exposureCounts, giniCoefficient } from './ranking';

/** What one period of the replay looked like. */
export interface ReplayCycle {
  cycle: number;
  plays: number;
  playsPerUser: number;
  /** Share of the catalogue shown to at least one user this period. */
  coverage: number;
  /** Gini coefficient of exposure over the catalogue this period. */
  gini: number;
  /** Share of impressions that went to the 10 % of titles shown most. */
  topShare: number;
}

/** Options of `replayFeedbackLoop`. */
export interface ReplayOptions extends PlayModel {
  users: readonly UserProfile[];
  items: readonly ItemProfile[];
  /** Interactions known before the first period (indices). */
  initial: readonly Interaction[];
  /** Builds the recommender that serves the next period from every interaction so far. */
  train(interactions: readonly Interaction[]): Recommender | Promise<Recommender>;
  cycles?: number;
  rowLength?: number;
  seed?: number;
  signal?: AbortSignal;
}

/** Exposure statistics of the rows one period showed. */
export function exposureStats(rows: readonly (readonly number[])[], catalogueSize: number): Pick<ReplayCycle, 'coverage' | 'gini' | 'topShare'> {
  const counts = exposureCounts(rows, catalogueSize);
  const sorted = Array.from(counts).sort((a, b) => b - a);
  const total = sorted.reduce((s, c) => s + c, 0);
  const top = sorted.slice(0, Math.max(1, Math.round(catalogueSize / 10))).reduce((s, c) => s + c, 0);
  return { coverage: sorted.filter((c) => c > 0).length / catalogueSize, gini: giniCoefficient(counts), topShare: total ? top / total : 0 };
}

/** Runs the loop: train, show each user the top `rowLength` unseen titles, simulate plays, add them, repeat. */
export async function replayFeedbackLoop(options: ReplayOptions): Promise<ReplayCycle[]> {
  const { users, items, cycles = 5, rowLength = 10, seed = 3 } = options;
  if (!Number.isInteger(cycles) || cycles < 1) throw new MlError('bad-argument', `cycles must be a whole number ≥ 1 (got ${cycles}).`);
  const rng = createRng(seed);
  const interactions: Interaction[] = options.initial.slice();
  const out: ReplayCycle[] = [];
  for (let cycle = 0; cycle < cycles; cycle++) {
    if (options.signal?.aborted) break;
    const model = await options.train(interactions);
    const rows = users.map((_, u) => ({ user: u, items: model.recommend(u, rowLength).map((s) => s.item) }));
    (model as { dispose?: () => void }).dispose?.();
    const impressions = simulatePlays(users, items, rows, { ...options, rng, round: cycle });
    const plays = impressions.filter((imp) => imp.played);
    for (const p of plays) interactions.push({ user: p.user, item: p.item });
    out.push({
      cycle,
      plays: plays.length,
      playsPerUser: plays.length / users.length,
      ...exposureStats(
        rows.map((r) => r.items),
        items.length,
      ),
    });
    await maybeYield();
  }
  return out;
}

/** Result of a simulated A/B test; per-user arrays are in user order, for a bootstrap over users. */
export interface AbTestResult {
  /** 0 = control, 1 = treatment, per user. */
  arm: Uint8Array;
  /** Plays from the row per user over the test. */
  plays: Float64Array;
  /** Share of the user's rows with no play at all (the guardrail: a row that gave nothing). */
  emptyRows: Float64Array;
  impressions: Impression[];
  summary: { control: AbArmSummary; treatment: AbArmSummary };
}

/** One arm's totals. */
export interface AbArmSummary {
  users: number;
  playsPerUser: number;
  emptyRowShare: number;
  /** Share of the catalogue the arm showed at least once. */
  coverage: number;
}

/**
 * Assigns each user to control or treatment at random (half each), shows them their arm's rows for
 * `rounds` periods (titles played earlier are masked, as the deployed row would), and counts plays.
 */
export function simulateAbTest(
  options: PlayModel & {
    users: readonly UserProfile[];
    items: readonly ItemProfile[];
    control: Recommender;
    treatment: Recommender;
    rounds?: number;
    rowLength?: number;
    seed?: number;
  },
): AbTestResult {
  const { users, items, control, treatment, rounds = 4, rowLength = 10, seed = 5 } = options;
  const rng = createRng(seed);
  const n = users.length;
  const arm = Uint8Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : 1));
  const plays = new Float64Array(n);
  const empty = new Float64Array(n);
  const playedBy = users.map(() => new Set<number>());
  const shown = [new Set<number>(), new Set<number>()];
  const impressions: Impression[] = [];
  for (let round = 0; round < rounds; round++) {
    const rows = users.map((_, u) => {
      const model = arm[u] ? treatment : control;
      const list = model.recommend(u, rowLength, { exclude: playedBy[u] }).map((s) => s.item);
      for (const i of list) shown[arm[u]].add(i);
      return { user: u, items: list };
    });
    const imps = simulatePlays(users, items, rows, { ...options, rng, round });
    const playedNow = new Float64Array(n);
    for (const imp of imps) {
      impressions.push(imp);
      if (!imp.played) continue;
      playedNow[imp.user]++;
      playedBy[imp.user].add(imp.item);
    }
    for (let u = 0; u < n; u++) {
      plays[u] += playedNow[u];
      if (playedNow[u] === 0) empty[u] += 1 / rounds;
    }
  }
  const summarise = (a: 0 | 1): AbArmSummary => {
    let count = 0;
    let p = 0;
    let e = 0;
    for (let u = 0; u < n; u++) {
      if (arm[u] !== a) continue;
      count++;
      p += plays[u];
      e += empty[u];
    }
    return { users: count, playsPerUser: count ? p / count : 0, emptyRowShare: count ? e / count : 0, coverage: shown[a].size / items.length };
  };
  return { arm, plays, emptyRows: empty, impressions, summary: { control: summarise(0), treatment: summarise(1) } };
}
