/**
 * A generated product-review corpus for the sentiment (brand monitoring) notebook.
 *
 * Hidden structure a notebook can teach:
 * - Each review is built from sentence templates and word lists (`review-corpus.ts`, filled in by
 *   `review-drafts.ts`): opinions about product aspects (battery, screen, fit…), neutral filler,
 *   and a closing verdict.
 * - Kinds of review (`info.kinds`): `plain`; `negated` ("not good", "can't complain", "never
 *   worked"); `contrast` (two opinions joined by "but"/"however"/"although", the second one
 *   decides the label); `sarcastic` (negative reviews in positive words); `lukewarm` (three stars,
 *   label follows a faint lean); `short` (two to six words); `slang` (after the drift date only).
 * - About a third of the opinion adjectives and nearly all product phrases ("drains overnight",
 *   "keeps disconnecting") are outside the lexicon baseline's word list, so a learned model wins.
 * - Label noise: `labelNoise` (3%) of labels and ratings are flipped (`info.flipped`).
 * - Brand sentiment over time: each brand has its own positive rate; `dipBrand` (Lumio) falls to
 *   `dipPositiveRate` during `dipMonths` (months 6–8) and its complaints mention a firmware update
 *   that broke one aspect (`dipAspect`, the battery by default).
 * - Per-sentence aspect labels (`info.sentences`): which aspect each sentence talks about and with
 *   which polarity (before any typo), the answer key for an aspect dashboard.
 * - Three simulated raters (`info.raters`) label every review from its true polarity; they slip
 *   more often on hard kinds (sarcastic and lukewarm reviews most, then slang, contrast and
 *   negation), and the third is the least careful, so their agreement is high but not perfect.
 * - Typos in `typoRate` (5%) of reviews; more reviews in November and December.
 * - Vocabulary drift (off by default): from `newVocabularyFrom` on, `newVocabularyRate` of the
 *   reviews are written in new slang about new model names, words a model trained earlier never saw.
 *
 * With the defaults, TF-IDF (1–2-grams) + logistic regression reaches about 0.9 accuracy on a
 * held-out quarter and the lexicon baseline about 0.75. Generation takes a few tens of ms.
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import * as corpus from './review-corpus';
import { addTypo, countWords, draftReview, fillTemplate, pickKind, type ReviewKind, type ReviewSentence, type Slots } from './review-drafts';
import type { Table } from '../core/types';

/** Options of {@link generateReviews}. */
export interface ReviewOptions {
  /** Number of reviews (default 4000). */
  size?: number;
  seed?: number;
  /** Start of the period, ISO date (default '2024-01-01'); it runs from the first of that month. */
  startDate?: string;
  /** Length of the period in months (default 12). */
  months?: number;
  /** Share of labels flipped (default 0.03). */
  labelNoise?: number;
  /** Share of reviews with one misspelt word (default 0.05). */
  typoRate?: number;
  /** Brand whose sentiment dips (default 'Lumio'; '' for none). */
  dipBrand?: string;
  /** First and last month of the dip, counted from 0 at `startDate` (default [5, 7]). */
  dipMonths?: [number, number];
  /** The dip brand's positive rate during the dip (default 0.3). */
  dipPositiveRate?: number;
  /** ISO date from which new slang and model names appear (default: never). */
  newVocabularyFrom?: string;
  /** Share of reviews written in the new vocabulary after that date (default 0.5). */
  newVocabularyRate?: number;
  /** Aspect the dip brand's firmware update breaks, where its category has it (default 'battery'). */
  dipAspect?: string;
}

/** One generated review. */
export type ReviewRow = {
  review_id: number;
  /** ISO date-time, UTC. */
  timestamp: string;
  /** 'YYYY-MM', for grouping. */
  month: string;
  brand: string;
  category: string;
  text: string;
  /** 1–5 stars: 4–5 for positive labels, 1–2 for negative, 3 for lukewarm reviews. */
  rating: number;
  /** 1 positive, 0 negative. */
  label: number;
};

/** What the generator knows and the table does not show. */
export interface ReviewInfo {
  size: number;
  positiveRate: number;
  /** Kind of each review, aligned with the table's rows. */
  kinds: ReviewKind[];
  /** Ids of the reviews whose label was flipped on purpose. */
  flipped: number[];
  brands: string[];
  categories: string[];
  /** The sentences of each review (aligned with the rows), with their aspect labels. */
  sentences: ReviewSentence[][];
  /** Three raters' 0/1 labels of each review (aligned with the rows), from its true polarity. */
  raters: number[][];
}

const COLUMNS = ['review_id', 'timestamp', 'month', 'brand', 'category', 'text', 'rating', 'label'];
const MIN_WORDS = 3;
const MAX_WORDS = 40;

/** How often a rater labels a review of each kind against its true polarity. */
const RATER_SLIPS: Record<ReviewKind, number> = {
  plain: 0.03,
  short: 0.04,
  negated: 0.08,
  contrast: 0.1,
  slang: 0.14,
  sarcastic: 0.3,
  lukewarm: 0.32,
};
/** The three raters: the first is the most careful, the third the least. */
const RATER_CARE = [0.7, 1, 1.4];
/** Mixed into the seed so the raters draw from their own stream and leave the corpus unchanged. */
const RATER_SEED_OFFSET = 7_919;

function parseDate(iso: string, name: string): number {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new MlError('bad-argument', `generateReviews(): ${name} must be an ISO date like '2024-01-01', got '${iso}'.`);
  return t;
}

/**
 * Generates a labelled review corpus with brands, categories, dates and star ratings; see the
 * module comment for the structure hidden in it. Same seed, same corpus.
 */
export function generateReviews(options: ReviewOptions = {}): { table: Table<ReviewRow>; info: ReviewInfo } {
  const {
    size = 4000,
    seed = 42,
    startDate = '2024-01-01',
    months = 12,
    labelNoise = 0.03,
    typoRate = 0.05,
    dipBrand = 'Lumio',
    dipMonths = [5, 7],
    dipPositiveRate = 0.3,
    newVocabularyRate = 0.5,
    dipAspect = 'battery',
  } = options;
  if (!Number.isInteger(size) || size < 1) throw new MlError('bad-argument', `generateReviews(): size must be a whole number ≥ 1, got ${size}.`);
  if (!Number.isInteger(months) || months < 1) throw new MlError('bad-argument', `generateReviews(): months must be a whole number ≥ 1, got ${months}.`);
  const start = parseDate(startDate, 'startDate');
  const driftFrom = options.newVocabularyFrom === undefined ? Infinity : parseDate(options.newVocabularyFrom, 'newVocabularyFrom');
  const rng = createRng(seed);
  const startDay = new Date(start);
  const monthStarts = Array.from({ length: months + 1 }, (_, m) => Date.UTC(startDay.getUTCFullYear(), startDay.getUTCMonth() + m, 1));
  // Holiday shopping: more reviews land in November and December.
  const monthWeights = monthStarts.slice(0, months).map((t) => (new Date(t).getUTCMonth() >= 10 ? 1.4 : 1));

  const raterRng = createRng(seed + RATER_SEED_OFFSET);
  const drafts: {
    time: number;
    row: Omit<ReviewRow, 'review_id'>;
    kind: ReviewKind;
    noisy: boolean;
    sentences: ReviewSentence[];
    raters: number[];
  }[] = [];
  for (let r = 0; r < size; r++) {
    const m = rng.weightedIndex(monthWeights);
    const time = monthStarts[m] + Math.floor(rng.next() * (monthStarts[m + 1] - monthStarts[m]));
    const brand = rng.pick(corpus.reviewBrands);
    const categoryName = rng.pick(brand.categories);
    const category = corpus.reviewCategories.find((c) => c.name === categoryName)!;
    const inDip = brand.name === dipBrand && m >= dipMonths[0] && m <= dipMonths[1];
    const positive = rng.bernoulli(inDip ? dipPositiveRate : brand.positiveRate);
    const a1 = rng.pick(category.aspects);
    const others = category.aspects.filter((a) => a !== a1);
    const slots: Slots = { rng, category, brand: brand.name, a1, a2: rng.pick(others), positive };
    const kind = time >= driftFrom && rng.bernoulli(newVocabularyRate) ? 'slang' : pickKind(rng, positive);
    const d = draftReview(slots, kind, inDip, dipAspect);
    let sentences = [...d.lead, ...d.core, ...d.tail];
    if (countWords(sentences) > MAX_WORDS) sentences = [...d.core, ...d.tail];
    if (countWords(sentences) > MAX_WORDS) sentences = d.core.slice();
    while (countWords(sentences) > MAX_WORDS && sentences.length > 1) sentences.pop();
    if (countWords(sentences) < MIN_WORDS) sentences.unshift({ text: fillTemplate(rng.pick(corpus.fillers), slots), aspects: [] });
    let text = sentences.map((x) => x.text).join(' ');
    if (rng.bernoulli(typoRate)) text = addTypo(text, rng);
    let rating = kind === 'lukewarm' ? 3 : positive ? (d.strong || rng.bernoulli(0.4) ? 5 : 4) : d.strong || rng.bernoulli(0.4) ? 1 : 2;
    let label = positive ? 1 : 0;
    const noisy = rng.bernoulli(labelNoise);
    if (noisy) {
      label = 1 - label;
      rating = 6 - rating;
    }
    const iso = new Date(time).toISOString();
    const truth = positive ? 1 : 0;
    const raters = RATER_CARE.map((care) => (raterRng.bernoulli(Math.min(0.5, RATER_SLIPS[kind] * care)) ? 1 - truth : truth));
    drafts.push({
      time,
      kind,
      noisy,
      sentences,
      raters,
      row: { timestamp: iso, month: iso.slice(0, 7), brand: brand.name, category: category.name, text, rating, label },
    });
  }
  drafts.sort((a, b) => a.time - b.time);
  const rows = drafts.map((d, i): ReviewRow => ({ review_id: i + 1, ...d.row }));
  const info: ReviewInfo = {
    size,
    positiveRate: rows.reduce((s, r) => s + r.label, 0) / size,
    kinds: drafts.map((d) => d.kind),
    flipped: rows.filter((_, i) => drafts[i].noisy).map((r) => r.review_id),
    brands: corpus.reviewBrands.map((b) => b.name),
    categories: corpus.reviewCategories.map((c) => c.name),
    sentences: drafts.map((d) => d.sentences),
    raters: drafts.map((d) => d.raters),
  };
  return { table: { columns: COLUMNS.slice(), rows }, info };
}
