/**
 * A rule-based sentiment baseline in the spirit of VADER (Hutto & Gilbert, ICWSM 2014): a small
 * hand-written lexicon of general-purpose opinion words with valences from −4 to +4, adjusted by
 * negation, intensifiers, "but" and exclamation marks. It knows no product-specific vocabulary
 * ("drains", "rattles", "overheats"), which is exactly why a learned model beats it.
 */
import { MlError } from '../core/errors';
import { isNegator, isPunctuation, tokenize } from '../prep/tokenize';

/**
 * Valence of each word the baseline knows, on VADER's −4 (most negative) to +4 scale. "like" is
 * left out on purpose: in reviews it is mostly a comparison ("feels like a toy"), not a liking.
 */
export const lexiconWeights: Readonly<Record<string, number>> = Object.freeze({
  // positive
  good: 1.9,
  great: 3.1,
  excellent: 2.7,
  amazing: 2.8,
  awesome: 3.1,
  fantastic: 2.6,
  perfect: 2.7,
  perfectly: 2.4,
  wonderful: 2.7,
  superb: 3.1,
  outstanding: 3.0,
  brilliant: 2.8,
  terrific: 2.9,
  incredible: 2.5,
  exceptional: 2.6,
  stellar: 2.5,
  magnificent: 2.9,
  marvelous: 2.9,
  fabulous: 2.8,
  love: 3.2,
  loved: 2.9,
  loves: 2.7,
  loving: 2.9,
  lovely: 2.8,
  liked: 1.8,
  likes: 1.6,
  enjoy: 2.2,
  enjoyed: 2.3,
  enjoying: 2.2,
  happy: 2.7,
  happier: 2.4,
  pleased: 1.9,
  pleasant: 2.3,
  satisfied: 1.8,
  satisfying: 2.0,
  impressed: 2.1,
  impressive: 2.3,
  nice: 1.8,
  nicely: 1.9,
  decent: 1.0,
  fine: 0.8,
  okay: 0.9,
  ok: 0.9,
  solid: 1.5,
  reliable: 1.9,
  reliably: 1.7,
  sturdy: 1.5,
  durable: 1.6,
  comfortable: 1.6,
  comfy: 1.8,
  smooth: 1.4,
  smoothly: 1.4,
  fast: 1.0,
  quick: 1.0,
  quickly: 0.9,
  easy: 1.9,
  easily: 1.4,
  effortless: 1.9,
  clear: 1.2,
  clean: 1.4,
  bright: 1.4,
  beautiful: 2.9,
  beautifully: 2.7,
  gorgeous: 3.0,
  sleek: 1.5,
  stylish: 1.8,
  elegant: 2.1,
  recommend: 1.5,
  recommended: 1.6,
  worth: 0.9,
  worthwhile: 1.6,
  value: 1.2,
  best: 3.2,
  better: 1.9,
  favorite: 2.0,
  favourite: 2.0,
  fun: 2.3,
  glad: 2.0,
  thanks: 1.9,
  thank: 1.5,
  helpful: 1.8,
  useful: 1.9,
  handy: 1.6,
  flawless: 2.6,
  flawlessly: 2.5,
  wow: 2.3,
  cool: 1.3,
  win: 2.8,
  winner: 2.8,
  success: 2.7,
  successful: 2.8,
  recommendable: 1.6,
  delighted: 2.9,
  delight: 2.9,
  thrilled: 2.6,
  excited: 2.3,
  exciting: 2.2,
  charming: 2.0,
  cute: 2.0,
  neat: 1.9,
  superior: 2.3,
  premium: 1.3,
  quality: 0.9,
  powerful: 1.8,
  strong: 1.6,
  fresh: 1.3,
  safe: 1.9,
  secure: 1.4,
  accurate: 1.7,
  precise: 1.4,
  responsive: 1.6,
  intuitive: 1.7,
  convenient: 1.8,
  affordable: 1.5,
  bargain: 1.6,
  gem: 2.5,
  joy: 2.8,
  pleasure: 2.7,
  worked: 0.8,
  works: 0.8,
  fixed: 0.9,
  improved: 1.7,
  improvement: 1.6,
  upgrade: 1.0,
  genius: 2.7,
  ideal: 2.3,
  recommends: 1.5,
  appreciate: 1.8,
  appreciated: 1.9,
  trust: 2.3,
  trusted: 2.2,
  wonderfully: 2.8,
  rocks: 1.9,
  yay: 2.4,
  fave: 1.9,
  stunning: 2.9,
  elite: 1.8,
  // negative
  bad: -2.5,
  badly: -2.1,
  terrible: -2.9,
  terribly: -2.4,
  awful: -2.0,
  horrible: -2.5,
  horribly: -2.3,
  poor: -2.1,
  poorly: -1.8,
  worst: -3.1,
  worse: -2.1,
  hate: -2.7,
  hated: -3.2,
  hates: -2.4,
  disappointed: -1.9,
  disappointing: -2.2,
  disappointment: -2.3,
  useless: -1.8,
  cheap: -0.5,
  flimsy: -1.4,
  fragile: -1.0,
  weak: -1.9,
  slow: -1.0,
  broken: -1.6,
  broke: -1.8,
  breaks: -1.6,
  waste: -1.8,
  wasted: -2.2,
  junk: -1.9,
  garbage: -2.1,
  crap: -1.6,
  problem: -1.7,
  problems: -1.7,
  issue: -0.8,
  issues: -0.8,
  fail: -2.3,
  failed: -2.3,
  fails: -2.0,
  failure: -2.3,
  annoying: -1.7,
  annoyed: -1.6,
  annoys: -1.5,
  frustrating: -2.2,
  frustrated: -2.0,
  angry: -2.3,
  unhappy: -1.8,
  sad: -2.1,
  mediocre: -1.0,
  meh: -0.8,
  ugly: -2.3,
  uncomfortable: -1.6,
  noisy: -0.7,
  loud: -0.4,
  defective: -1.8,
  faulty: -1.8,
  unreliable: -1.6,
  avoid: -1.2,
  regret: -1.8,
  regrets: -1.6,
  dead: -3.3,
  died: -2.6,
  dies: -2.0,
  dying: -2.5,
  poorest: -2.6,
  complaint: -1.2,
  complaints: -1.2,
  complain: -1.5,
  wrong: -2.1,
  unusable: -2.0,
  inferior: -1.7,
  overpriced: -1.6,
  rubbish: -1.8,
  pathetic: -2.2,
  ridiculous: -1.5,
  nightmare: -2.5,
  disaster: -3.1,
  sucks: -1.5,
  suck: -1.9,
  sucked: -2.0,
  lousy: -2.5,
  dull: -1.7,
  hard: -0.4,
  difficult: -1.5,
  confusing: -1.3,
  complicated: -0.6,
  struggle: -1.5,
  struggles: -1.5,
  stuck: -1.0,
  mess: -1.5,
  messy: -1.5,
  trash: -2.0,
  worthless: -2.3,
  scam: -2.8,
  fake: -2.1,
  dangerous: -2.1,
  damaged: -1.9,
  damage: -2.2,
  hurt: -2.4,
  hurts: -2.3,
  pain: -2.3,
  painful: -2.5,
  hassle: -1.6,
  refund: -0.6,
  error: -1.4,
  errors: -1.4,
  bug: -1.1,
  bugs: -1.3,
  unfortunately: -1.5,
  sadly: -2.0,
  horrendous: -3.0,
  atrocious: -3.1,
  dreadful: -2.7,
  miserable: -2.6,
  upset: -1.6,
  bored: -1.1,
  boring: -1.3,
  cheaply: -1.2,
  clunky: -1.3,
  ruined: -2.4,
  ruin: -2.6,
  fault: -1.7,
  lacking: -1.3,
  lacks: -1.2,
  lack: -1.3,
  missing: -1.2,
  mistake: -1.6,
  unacceptable: -2.0,
  sloppy: -1.6,
  shoddy: -2.0,
  crappy: -2.3,
  lame: -1.8,
  hopeless: -2.0,
  ugh: -1.8,
  annoyance: -1.6,
  worry: -1.9,
  worried: -1.2,
  losing: -1.6,
  lost: -1.3,
  loses: -1.5,
  lose: -1.7,
  scratched: -1.0,
  leaking: -1.2,
  leaks: -1.3,
  cracked: -0.9,
  cracks: -0.9,
  garbled: -1.2,
  disgusting: -2.4,
  poorer: -1.6,
});

/** Words that strengthen the opinion word right after them ("very good"). */
const BOOSTERS = new Set([
  'very',
  'really',
  'extremely',
  'super',
  'incredibly',
  'so',
  'absolutely',
  'totally',
  'completely',
  'highly',
  'truly',
  'especially',
  'exceptionally',
  'remarkably',
  'utterly',
  'amazingly',
  'insanely',
  'ridiculously',
  'seriously',
  'most',
  'too',
  'quite',
]);
/** Words that soften it ("slightly annoying", "kinda slow"). */
const DAMPENERS = new Set(['pretty', 'slightly', 'somewhat', 'barely', 'marginally', 'kinda', 'sorta', 'fairly', 'partly', 'occasionally']);
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
