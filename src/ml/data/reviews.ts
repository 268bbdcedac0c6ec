/**
 * A generated product-review corpus for the sentiment (brand monitoring) notebook.
 *
 * Hidden structure a notebook can teach:
 * - Each review is built from sentence templates and word lists (`review-corpus.ts`): opinions
 *   about product aspects (battery, screen, fit…), neutral filler, and a closing verdict.
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
import { createRng, type Rng } from '../core/random';
import * as corpus from './review-corpus';
import type { Aspect, ReviewCategory } from './review-corpus';
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

/** An aspect a sentence talks about and how: 1 positive, 0 negative, null neither (lukewarm). */
export interface AspectMention {
  aspect: string;
  polarity: number | null;
}

/** One sentence of a review, before typos, with the aspects it mentions. */
export interface ReviewSentence {
  text: string;
  aspects: AspectMention[];
}

/** How a review was built (see the module comment). */
export type ReviewKind = 'plain' | 'negated' | 'contrast' | 'sarcastic' | 'lukewarm' | 'short' | 'slang';

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

interface Draft {
  kind: ReviewKind;
  positive: boolean;
  core: ReviewSentence[];
  /** Neutral opening and closing verdict: dropped first when a review runs long. */
  lead: ReviewSentence[];
  tail: ReviewSentence[];
  strong: boolean;
}

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

interface Slots {
  rng: Rng;
  category: ReviewCategory;
  brand: string;
  a1: Aspect;
  a2: Aspect;
  positive: boolean;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Fills `{slot}` placeholders; a capitalised slot name capitalises its value. */
function fillTemplate(template: string, s: Slots): string {
  const { rng } = s;
  const value = (slot: string): string => {
    switch (slot) {
      case 'aspect':
        return s.a1.name;
      case 'aspect2':
        return s.a2.name;
      case 'is':
        return s.a1.plural ? 'are' : 'is';
      case 'is2':
        return s.a2.plural ? 'are' : 'is';
      case 'it':
        return s.a1.plural ? 'they' : 'it';
      case 'pos':
        return rng.pick(corpus.positiveAdjectives);
      case 'neg':
        return rng.pick(corpus.negativeAdjectives);
      case 'posPhrase':
        return rng.pick(s.a1.pos);
      case 'negPhrase':
        return rng.pick(s.a1.neg);
      case 'int':
        return rng.pick(corpus.intensifiers);
      case 'product':
        return s.category.product;
      case 'brand':
        return s.brand;
      case 'n':
        return String(rng.int(2, 12));
      case 'period':
        return rng.pick(corpus.periods);
      case 'relative':
        return rng.pick(corpus.relatives);
      case 'color':
        return rng.pick(corpus.colors);
      case 'model':
        return rng.pick(corpus.driftModels);
      case 'firstPhrase':
        return rng.pick(s.positive ? s.a1.neg : s.a1.pos);
      case 'secondPhrase':
        return rng.pick(s.positive ? s.a2.pos : s.a2.neg);
      case 'firstAdj':
        return rng.pick(s.positive ? corpus.negativeAdjectives : corpus.positiveAdjectives);
      case 'secondAdj':
        return rng.pick(s.positive ? corpus.positiveAdjectives : corpus.negativeAdjectives);
      case 'drift':
        return rng.pick(s.positive ? corpus.driftPositive : corpus.driftNegative);
      default:
        throw new Error(`review template slot {${slot}} is unknown`);
    }
  };
  const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const lower = slot.charAt(0).toLowerCase() + slot.slice(1);
    return slot === lower ? value(slot) : capitalise(value(lower));
  });
  return capitalise(text);
}

function pickKind(rng: Rng, positive: boolean): ReviewKind {
  const kinds: ReviewKind[] = ['plain', 'negated', 'contrast', 'sarcastic', 'lukewarm', 'short'];
  const weights = positive ? [0.54, 0.13, 0.16, 0, 0.09, 0.08] : [0.48, 0.13, 0.16, 0.08, 0.08, 0.07];
  return kinds[rng.weightedIndex(weights)];
}

/** Builds the sentences of one review of the given polarity. */
function draftReview(s: Slots, kind: ReviewKind, update: boolean, dipAspect: string): Draft {
  const { rng, positive } = s;
  const d: Draft = { kind, positive, core: [], lead: [], tail: [], strong: false };
  const say = (templates: readonly string[], polarity: number | null = positive ? 1 : 0): ReviewSentence => {
    const template = rng.pick(templates);
    const aspects: AspectMention[] = [];
    const a1 = s.a1.name;
    const a2 = s.a2.name;
    const text = fillTemplate(template, s);
    const contrast = /\{(first|second)/i.test(template);
    if (/\{aspect\}/i.test(template)) aspects.push({ aspect: a1, polarity: contrast && polarity !== null ? 1 - polarity : polarity });
    if (/\{aspect2\}/i.test(template)) aspects.push({ aspect: a2, polarity });
    return { text, aspects };
  };
  const opinion = (): ReviewSentence => {
    if (update && !positive && rng.bernoulli(0.5)) {
      // The firmware update broke one aspect: most complaints of the dip are about it.
      s.a1 = s.category.aspects.find((a) => a.name === dipAspect) ?? s.a1;
      return say(corpus.updateComplaints);
    }
    if (rng.bernoulli(0.15)) return say(positive ? corpus.negatedPositiveTemplates : corpus.negatedNegativeTemplates);
    return say(positive ? corpus.positiveTemplates : corpus.negativeTemplates);
  };
  const closing = (p: number): void => {
    if (rng.bernoulli(p)) {
      // Some reviewers give the verdict first.
      (rng.bernoulli(0.2) ? d.lead : d.tail).push(say(positive ? corpus.positiveClosings : corpus.negativeClosings));
      d.strong = true;
    }
  };
  if (kind !== 'short' && rng.bernoulli(0.35)) d.lead.push(say(corpus.fillers, null));
  switch (kind) {
    case 'short':
      d.core.push(say(positive ? corpus.shortPositive : corpus.shortNegative));
      d.strong = rng.bernoulli(0.6);
      break;
    case 'plain': {
      const n = rng.int(1, 3);
      for (let i = 0; i < n; i++) {
        s.a1 = rng.pick(s.category.aspects);
        d.core.push(opinion());
      }
      closing(0.45);
      break;
    }
    case 'negated':
      d.core.push(say(positive ? corpus.negatedPositiveTemplates : corpus.negatedNegativeTemplates));
      if (rng.bernoulli(0.4)) d.core.push(say(positive ? corpus.negatedPositiveTemplates : corpus.negatedNegativeTemplates));
      closing(0.3);
      break;
    case 'contrast':
      d.core.push(rng.bernoulli(0.85) ? say(corpus.contrastTemplates) : say(positive ? corpus.contrastToPositiveExtras : corpus.contrastToNegativeExtras));
      closing(0.3);
      break;
    case 'sarcastic':
      d.core.push(say(corpus.sarcasticTemplates));
      if (rng.bernoulli(0.25)) d.tail.push(say(corpus.negativeClosings));
      break;
    case 'lukewarm':
      d.core.push(say(corpus.lukewarmTemplates, null));
      if (rng.bernoulli(0.4)) d.core.push(say(corpus.lukewarmTemplates, null));
      if (rng.bernoulli(0.5)) d.core.push(say(positive ? corpus.lukewarmPositiveLean : corpus.lukewarmNegativeLean));
      break;
    case 'slang': {
      const n = rng.int(1, 2);
      for (let i = 0; i < n; i++) {
        s.a1 = rng.pick(s.category.aspects);
        d.core.push(say(corpus.driftTemplates));
      }
      closing(0.3);
      break;
    }
  }
  return d;
}

function countWords(sentences: readonly ReviewSentence[]): number {
  return sentences.reduce((n, t) => n + t.text.split(/\s+/).filter(Boolean).length, 0);
}

/** Misspells one longer word: swapped, dropped or doubled letter, as fast typists do. */
function addTypo(text: string, rng: Rng): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => (/^[a-z]{5,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const i = rng.pick(candidates);
  const w = words[i];
  const j = rng.int(1, w.length - 2);
  const how = rng.int(0, 2);
  words[i] = how === 0 ? w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2) : how === 1 ? w.slice(0, j) + w.slice(j + 1) : w.slice(0, j) + w[j] + w.slice(j);
  return words.join(' ');
}

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
