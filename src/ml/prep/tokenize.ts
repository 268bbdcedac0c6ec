/**
 * Tokenising text: one tokeniser shared by training and serving, negation marking, n-grams.
 * Plain arrays in and out, no tensors.
 */
import { MlError } from '../core/errors';

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Lower-case the text first (default true). */
  lowercase?: boolean;
  /** Keep negators ("not", "never", "didn't") even when stop words are removed (default true). */
  keepNegation?: boolean;
  /** Drop common English function words: `true` for the built-in list, or your own list (default false). */
  stopWords?: boolean | readonly string[];
  /** Keep `. , ! ? ; :` as tokens of their own (default false). */
  punctuation?: boolean;
  /** Prefix words in the scope of a negator with `NOT_` (see {@link negationScope}; default false). */
  negation?: boolean;
}

const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[.!?,;:]/gu;

const PUNCTUATION = new Set(['.', '!', '?', ',', ';', ':']);

const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet']);

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'none',
  'nothing',
  'nobody',
  'nowhere',
  'neither',
  'nor',
  'without',
  'cannot',
  'hardly',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'cant',
  'wont',
  'couldnt',
]);

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'if',
  'then',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'as',
  'into',
  'about',
  'this',
  'that',
  'these',
  'those',
  'it',
  "it's",
  'its',
  'i',
  "i'm",
  "i've",
  'me',
  'my',
  'we',
  'our',
  'you',
  'your',
  'he',
  'she',
  'they',
  'them',
  'their',
  'his',
  'her',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'do',
  'does',
  'did',
  'have',
  'has',
  'had',
  'will',
  'would',
  'should',
  'can',
  'could',
  'there',
  'here',
  'so',
  'just',
  'also',
  'than',
  'too',
  'which',
  'who',
  'what',
  'when',
  'where',
  'all',
  'any',
  'some',
  'more',
  'after',
  'before',
  'up',
  'out',
  'over',
  'again',
  'one',
  'very',
  'not',
  'no',
  'never',
  'nor',
]);

/** Returns true for words that flip the meaning of what follows ("not", "never", any "…n't"). */
export function isNegator(token: string): boolean {
  const t = token.toLowerCase();
  return NEGATORS.has(t) || t.endsWith("n't");
}

/** Returns true for the punctuation tokens {@link tokenize} can keep. */
export function isPunctuation(token: string): boolean {
  return PUNCTUATION.has(token);
}

/**
 * Splits text into word tokens. Contractions stay whole ("didn't" is one token, not "did" + "n't"
 * as in the Penn Treebank) so a negation survives as one feature; curly apostrophes are
 * straightened; hyphens, quotes and other symbols separate words.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  if (typeof text !== 'string') {
    throw new MlError('wrong-type', `tokenize() needs a string, got ${typeof text}.`);
  }
  const { lowercase = true, keepNegation = true, stopWords = false, punctuation = false } = options;
  const normalised = (lowercase ? text.toLowerCase() : text).replace(/[\u2018\u2019\u02bc]/g, "'");
  let tokens: string[] = normalised.match(TOKEN_PATTERN) ?? [];
  if (options.negation) tokens = negationScope(tokens);
  if (stopWords !== false) {
    const stop = stopWords === true ? STOP_WORDS : new Set(stopWords);
    tokens = tokens.filter((t) => !stop.has(t.toLowerCase()) || (keepNegation && isNegator(t)));
  }
  return punctuation ? tokens : tokens.filter((t) => !PUNCTUATION.has(t));
}

/** Returns the n-grams of a token list, each joined with a space ("not good"). */
export function ngrams(tokens: readonly string[], n: number): string[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new MlError('bad-argument', `ngrams() needs a whole n of 1 or more, got ${n}.`);
  }
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/**
 * Marks the words after a negator with a `NOT_` prefix until the next punctuation mark or
 * contrast word ("but", "however"), so "not good" and "good" become different features
 * (Das & Chen 2001; Pang, Lee & Vaithyanathan 2002). Pass tokens that still hold punctuation
 * (`tokenize(text, { punctuation: true })`), or the scope runs to the end of the text.
 */
export function negationScope(tokens: readonly string[]): string[] {
  let inScope = false;
  return tokens.map((t) => {
    if (PUNCTUATION.has(t) || CONTRAST.has(t.toLowerCase())) {
      inScope = false;
      return t;
    }
    if (isNegator(t)) {
      inScope = true;
      return t;
    }
    return inScope ? `NOT_${t}` : t;
  });
}
