/**
 * Writing one review of the generated corpus (`reviews.ts`): the kind of review, its sentences
 * filled in from the templates and word lists of `review-corpus.ts` with the aspects each one
 * mentions, and the typo a fast typist leaves. `generateReviews()` decides the brand, month and
 * polarity; this file only turns those into text.
 */
import type { Rng } from '../core/random';
import * as corpus from './review-corpus';
import type { Aspect, ReviewCategory } from './review-corpus';

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

/** A review being written: its sentences, with the opening and the verdict kept apart so a long review can drop them. */
export interface Draft {
  kind: ReviewKind;
  positive: boolean;
  core: ReviewSentence[];
  /** Neutral opening and closing verdict: dropped first when a review runs long. */
  lead: ReviewSentence[];
  tail: ReviewSentence[];
  strong: boolean;
}

/** What a template's `{slot}` placeholders are filled from: the random stream, the product, brand, two aspects and the polarity. */
export interface Slots {
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
export function fillTemplate(template: string, s: Slots): string {
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

/** Draws the kind of a review that is not slang, with weights that depend on its polarity (sarcasm only in negative ones). */
export function pickKind(rng: Rng, positive: boolean): ReviewKind {
  const kinds: ReviewKind[] = ['plain', 'negated', 'contrast', 'sarcastic', 'lukewarm', 'short'];
  const weights = positive ? [0.54, 0.13, 0.16, 0, 0.09, 0.08] : [0.48, 0.13, 0.16, 0.08, 0.08, 0.07];
  return kinds[rng.weightedIndex(weights)];
}

/** Builds the sentences of one review of the given polarity. */
export function draftReview(s: Slots, kind: ReviewKind, update: boolean, dipAspect: string): Draft {
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

/** Words in the sentences, counted as runs between spaces. */
export function countWords(sentences: readonly ReviewSentence[]): number {
  return sentences.reduce((n, t) => n + t.text.split(/\s+/).filter(Boolean).length, 0);
}

/** Misspells one longer word: swapped, dropped or doubled letter, as fast typists do. */
export function addTypo(text: string, rng: Rng): string {
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
