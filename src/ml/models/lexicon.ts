/**
 * A rule-based sentiment baseline in the spirit of VADER (Hutto & Gilbert, ICWSM 2014): a small
 * hand-written lexicon of general-purpose opinion words with valences from −4 to +4, adjusted by
 * negation, intensifiers, "but" and exclamation marks. It knows no product-specific vocabulary
 * ("drains", "rattles", "overheats"), which is exactly why a learned model beats it. The words and
 * their valences are in `lexicon-words.ts`; this file holds the rules.
 */
import { MlError } from '../core/errors';
import { isNegator, isPunctuation, tokenize } from '../prep/tokenize';
import { BOOSTERS, DAMPENERS, lexiconWeights } from './lexicon-words';

const CLAUSE_SHIFTERS = new Set(['but', 'however']);
const SENTENCE_END = new Set(['.', '!', '?']);

/** VADER's constants: booster step, negation scalar, and the normalisation alpha. */
const BOOST = 0.293;
const NEGATION = -0.74;
const ALPHA = 15;

/** One scored word and how the rules changed its valence. */
export interface Contribution {
  word: string;
  /** Position among the text's word and punctuation tokens. */
  index: number;
  /** Valence after negation, intensifiers and "but" (before normalisation). */
  weight: number;
  /** What changed it: 'negated', 'boosted', 'dampened', 'emphasised', 'before but', 'after but'. */
  modifiers: string[];
}

/** The baseline's verdict on one text. */
export interface SentimentScore {
  /** Normalised compound score in (−1, 1): sum / √(sum² + 15), as VADER's compound. */
  score: number;
  /** 1 positive, 0 negative. */
  label: 0 | 1;
  contributions: Contribution[];
}

function lookUpValence(word: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(lexiconWeights, word) ? lexiconWeights[word] : undefined;
}

/** Returns the booster (+) or dampener (−) step of the token before `i` at distance `back`, if any. */
function measureModifier(words: string[], i: number, back: number): number {
  const j = i - back;
  if (j < 0) return 0;
  const w = words[j];
  const decay = back === 1 ? 1 : back === 2 ? 0.95 : 0.9;
  if (BOOSTERS.has(w)) return BOOST * decay;
  if (DAMPENERS.has(w)) return -BOOST * decay;
  // Two-word softeners: "a bit", "a little", "kind of", "sort of".
  if ((w === 'bit' || w === 'little') && words[j - 1] === 'a') return -BOOST * decay;
  if (w === 'of' && (words[j - 1] === 'kind' || words[j - 1] === 'sort')) return -BOOST * decay;
  return 0;
}

/**
 * Scores the sentiment of a text with {@link lexiconWeights}: a negator within the three words
 * before an opinion word flips and dampens it (×−0.74), an intensifier adds ±0.293, an all-caps
 * word is emphasised, words before "but" in a sentence count half and words after it 1.5 times,
 * and exclamation marks add emphasis. `label` is 1 when `score >= threshold` (default 0, so a text
 * with no opinion words counts as positive, the majority of reviews).
 */
export function scoreSentiment(text: string, options: { threshold?: number } = {}): SentimentScore {
  if (typeof text !== 'string') {
    throw new MlError('wrong-type', `scoreSentiment() needs a string, got ${typeof text}.`);
  }
  const { threshold = 0 } = options;
  const raw = tokenize(text, { lowercase: false, punctuation: true });
  const words = raw.map((t) => t.toLowerCase());
  // Capitals only stand out in a text that also has lower case.
  const mixedCase = raw.some((t) => /\p{Ll}/u.test(t));
  const contributions: Contribution[] = [];
  let sentenceStart = 0;
  let exclamations = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !SENTENCE_END.has(words[i])) continue;
    if (words[i] === '!') exclamations++;
    const shift = words.slice(sentenceStart, i).findIndex((w) => CLAUSE_SHIFTERS.has(w));
    const shiftAt = shift < 0 ? -1 : sentenceStart + shift;
    for (let k = sentenceStart; k < i; k++) {
      let v = lookUpValence(words[k]);
      if (v === undefined) continue;
      const modifiers: string[] = [];
      let step = 0;
      for (let back = 1; back <= 3 && k - back >= sentenceStart; back++) {
        if (isPunctuation(words[k - back]) || CLAUSE_SHIFTERS.has(words[k - back])) break;
        step += measureModifier(words, k, back);
      }
      if (step !== 0) {
        v += Math.sign(v) * step;
        modifiers.push(step > 0 ? 'boosted' : 'dampened');
      }
      if (mixedCase && raw[k].length > 1 && raw[k] === raw[k].toUpperCase()) {
        v += Math.sign(v) * 0.733;
        modifiers.push('emphasised');
      }
      for (let back = 1; back <= 3 && k - back >= sentenceStart; back++) {
        const w = words[k - back];
        if (isPunctuation(w) || CLAUSE_SHIFTERS.has(w)) break;
        if (isNegator(w)) {
          v *= NEGATION;
          modifiers.push('negated');
          break;
        }
      }
      if (shiftAt >= 0) {
        v *= k < shiftAt ? 0.5 : 1.5;
        modifiers.push(k < shiftAt ? 'before but' : 'after but');
      }
      contributions.push({ word: words[k], index: k, weight: v, modifiers });
    }
    sentenceStart = i + 1;
  }
  let sum = contributions.reduce((s, c) => s + c.weight, 0);
  if (sum !== 0) sum += Math.sign(sum) * 0.292 * Math.min(exclamations, 4);
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  return { score, label: score >= threshold ? 1 : 0, contributions };
}
