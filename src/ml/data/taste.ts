/**
 * The hidden taste of the simulated ratings world: where genres sit in a small taste space, and
 * how users and titles are drawn in it. `generateRatings` and `generateArrivals` share it, so a new
 * user or title has the same kind of taste as the ones already in the log.
 *
 * Taste is low-rank on purpose, as real rating matrices are: a user is a point `factors` in a
 * few taste dimensions, a genre is a fixed point in the same space, and a user's liking of a genre
 * is their dot product. A title sits at the mean of its genres plus a twist of its own (its
 * `factors`), so two dramas are alike but not the same. Stars then depend on user · title, a few
 * numbers per user and per title that matrix factorisation can learn from a few dozen ratings,
 * while the genre-only part is what a person can judge from a title's page before watching it.
 */
import type { Rng } from '../core/random';

/** The genres of the catalogue. */
export const genres = ['Action', 'Comedy', 'Drama', 'Sci-Fi', 'Romance', 'Horror', 'Documentary', 'Animation'] as const;

/**
 * Each genre's point on four taste dimensions (length about 1), which read roughly as light ↔
 * dark, pulse ↔ calm, fantastic ↔ real and head ↔ heart. Fixed, so genres that sit close
 * (Comedy and Animation, Horror and Sci-Fi) are liked together in every simulated world.
 */
const GENRE_POSITIONS: Record<string, readonly number[]> = {
  Action: [0, 0.9, -0.1, -0.45],
  Comedy: [0.9, 0.1, -0.2, 0.1],
  Drama: [-0.45, -0.55, -0.45, 0.55],
  'Sci-Fi': [-0.2, 0.55, 0.8, -0.2],
  Romance: [0.55, -0.3, -0.2, 0.75],
  Horror: [-0.8, 0.5, 0.35, -0.2],
  Documentary: [0, -0.75, -0.7, 0],
  Animation: [0.7, 0, 0.6, 0.35],
};
/** Spread of a user's taste on each dimension: a genre's liking then spreads about ±0.8 stars. */
const USER_TASTE_SD = 0.8;
/** Spread of a title's own twist on each dimension, beyond the mean of its genres. */
const TITLE_TWIST_SD = 0.3;

/** Sum of a[k] · b[k]. */
export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < Math.min(a.length, b.length); k++) s += a[k] * b[k];
  return s;
}

/**
 * A new user's hidden taste in `factors` dimensions (the first four are the genre dimensions,
 * any more are tastes no genre names); `strength` scales it (1 = the default world).
 */
export function drawUserTaste(rng: Rng, factors: number, strength = 1): { factors: number[]; genreTaste: Record<string, number> } {
  const sd = USER_TASTE_SD * Math.sqrt(strength);
  const point = Array.from({ length: factors }, () => rng.normal(0, sd));
  const scale = Math.sqrt(strength);
  const genreTaste = Object.fromEntries(genres.map((g) => [g, scale * dot(point, GENRE_POSITIONS[g])]));
  return { factors: point, genreTaste };
}

/** A new title's own twist, beyond its genres, in `factors` dimensions. */
export function drawTitleTwist(rng: Rng, factors: number, strength = 1): number[] {
  return Array.from({ length: factors }, () => rng.normal(0, TITLE_TWIST_SD * Math.sqrt(strength)));
}

/**
 * What a user can tell about a title before watching it: its reputation (`bias`) and their
 * liking of its genres, in stars around `base`. People choose what to watch, and so what to rate,
 * by this; the title's twist is the surprise they discover by watching.
 */
export function expectedRating(user: { genreTaste: Record<string, number> }, item: { bias: number; genres: readonly string[] }, base: number): number {
  let taste = 0;
  for (const g of item.genres) taste += user.genreTaste[g] ?? 0;
  return base + item.bias + taste / Math.max(1, item.genres.length);
}
