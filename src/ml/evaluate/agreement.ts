/**
 * Agreement between human raters: how much two (Cohen) or many (Fleiss) raters agree beyond what
 * chance alone would give, and the two usual ways of turning several ratings into a training
 * label (the majority vote, or a soft label: the share of raters who said "positive").
 */
import { MlError } from '../core/errors';

/** A category a rater can give: a class number or a name. */
export type RatingValue = number | string;

function assertPaired(a: ArrayLike<RatingValue>, b: ArrayLike<RatingValue>): void {
  if (a.length !== b.length) throw new MlError('shape-mismatch', `The two raters rated ${a.length} and ${b.length} items: give one rating per item from each.`);
  if (a.length === 0) throw new MlError('empty-data', 'No ratings: give at least one item rated by both raters.');
}

/**
 * Cohen's κ of two raters (Cohen 1960): (observed agreement − chance agreement) / (1 − chance
 * agreement), chance being what two raters with these label frequencies would agree on at random.
 * 1 is perfect agreement, 0 is chance level; it matches scikit-learn's `cohen_kappa_score`. When
 * both raters always give the same single category, κ is undefined and NaN is returned.
 */
export function cohenKappa(a: ArrayLike<RatingValue>, b: ArrayLike<RatingValue>): number {
  assertPaired(a, b);
  const n = a.length;
  const countA = new Map<RatingValue, number>();
  const countB = new Map<RatingValue, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
    if (a[i] === b[i]) agree++;
  }
  const observed = agree / n;
  let chance = 0;
  for (const [category, c] of countA) chance += (c / n) * ((countB.get(category) ?? 0) / n);
  return chance === 1 ? NaN : (observed - chance) / (1 - chance);
}

/**
 * Fleiss' κ for any number of raters (Fleiss 1971): `ratings[i]` holds every rater's category for
 * item i, the same number of raters for each item. It generalises the idea of Cohen's κ (observed
 * pairwise agreement against chance from the pooled category shares) and matches statsmodels'
 * `fleiss_kappa`. NaN when every rating is the same category.
 */
export function fleissKappa(ratings: readonly (readonly RatingValue[])[]): number {
  if (!Array.isArray(ratings) || ratings.length === 0) throw new MlError('empty-data', 'fleissKappa() needs at least one rated item.');
  const raters = ratings[0].length;
  if (raters < 2) throw new MlError('bad-argument', `fleissKappa() needs at least 2 ratings per item, got ${raters}.`);
  const totals = new Map<RatingValue, number>();
  let meanAgreement = 0;
  ratings.forEach((item, i) => {
    if (item.length !== raters) {
      throw new MlError('shape-mismatch', `Item ${i} has ${item.length} ratings but item 0 has ${raters}: every item needs the same number of raters.`);
    }
    const counts = new Map<RatingValue, number>();
    for (const r of item) counts.set(r, (counts.get(r) ?? 0) + 1);
    let pairs = 0;
    for (const [category, c] of counts) {
      pairs += c * (c - 1);
      totals.set(category, (totals.get(category) ?? 0) + c);
    }
    meanAgreement += pairs / (raters * (raters - 1));
  });
  meanAgreement /= ratings.length;
  const all = ratings.length * raters;
  let chance = 0;
  for (const c of totals.values()) chance += (c / all) ** 2;
  return chance === 1 ? NaN : (meanAgreement - chance) / (1 - chance);
}

/** Landis & Koch's (1977) words for a κ: a convention, not a law, but the one papers use. */
export function interpretKappa(kappa: number): string {
  if (Number.isNaN(kappa)) return 'undefined';
  if (kappa < 0) return 'worse than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

function checkBinaryRatings(ratings: readonly (readonly number[])[], caller: string): void {
  if (ratings.length === 0) throw new MlError('empty-data', `${caller} needs at least one rated item.`);
  ratings.forEach((item, i) => {
    if (item.length === 0) throw new MlError('empty-data', `${caller}: item ${i} has no ratings.`);
    for (const r of item) {
      if (r !== 0 && r !== 1) throw new MlError('bad-argument', `${caller}: item ${i} has rating ${r}; ratings must be 0 or 1.`);
    }
  });
}

/**
 * Majority vote of 0/1 ratings per item. A tie (an even number of raters split evenly) goes to
 * `tie` (default 1), so say in your report how ties were broken.
 */
export function majorityVote(ratings: readonly (readonly number[])[], options: { tie?: 0 | 1 } = {}): number[] {
  checkBinaryRatings(ratings, 'majorityVote()');
  const tie = options.tie ?? 1;
  return ratings.map((item) => {
    const ones = item.reduce((s, r) => s + r, 0);
    return 2 * ones > item.length ? 1 : 2 * ones < item.length ? 0 : tie;
  });
}

/** Soft labels: the share of raters who gave 1, per item (e.g. 2 of 3 → 0.667). */
export function softLabels(ratings: readonly (readonly number[])[]): number[] {
  checkBinaryRatings(ratings, 'softLabels()');
  return ratings.map((item) => item.reduce((s, r) => s + r, 0) / item.length);
}

/** Share of items on which every rater gave the same rating. */
export function unanimousShare(ratings: readonly (readonly RatingValue[])[]): number {
  if (ratings.length === 0) throw new MlError('empty-data', 'unanimousShare() needs at least one rated item.');
  return ratings.filter((item) => item.every((r) => r === item[0])).length / ratings.length;
}
