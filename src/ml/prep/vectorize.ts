/**
 * Turning tokens into features: vocabularies, bag-of-words and TF-IDF (scikit-learn's formulas,
 * so figures can be checked against it).
 */
import { MlError } from '../core/errors';
import type { Matrix } from '../core/types';
import { ngrams } from './tokenize';

/** A token-to-index map for sequences and bag-of-words; index 0 is `<pad>` and 1 is `<unk>`. */
export interface Vocabulary {
  index: Map<string, number>;
  /** Entry i is the token with index i. */
  tokens: string[];
  /** Occurrences in the documents the vocabulary was built from (for `<unk>`: the dropped ones). */
  counts: number[];
  /** Smallest and largest n-gram length the vocabulary holds. */
  ngramRange: [number, number];
}

/** Options of {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** Largest vocabulary size, the two reserved entries included (Keras' `num_words`). */
  maxSize?: number;
  /** Drop tokens seen fewer times than this (default 1). */
  minCount?: number;
  /** N-gram lengths to include, e.g. [1, 2] for words and word pairs (default [1, 1]). */
  ngramRange?: [number, number];
}

/** Options of {@link fitTfidf}; the defaults are scikit-learn's `TfidfVectorizer`'s. */
export interface TfidfOptions {
  /** Keep only the terms with the highest total count across the corpus. */
  maxFeatures?: number;
  /** N-gram lengths to include (default [1, 1]). */
  ngramRange?: [number, number];
  /** Drop terms found in fewer documents than this (default 1). */
  minDf?: number;
  /** Use 1 + ln(tf) instead of the raw count (default false). */
  sublinearTf?: boolean;
  /** Row normalisation (default 'l2'). */
  norm?: 'l2' | 'l1' | 'none';
  /** idf = ln((1 + n) / (1 + df)) + 1 when true (default), ln(n / df) + 1 when false. */
  smoothIdf?: boolean;
}

/** A fitted TF-IDF vectoriser. */
export interface TfidfModel {
  /** Feature names in column order (sorted alphabetically, as scikit-learn does). */
  vocabulary: string[];
  index: Map<string, number>;
  /** Inverse document frequency of each column. */
  idf: number[];
  ngramRange: [number, number];
  /** Turns tokenised documents into TF-IDF rows; unknown terms are ignored. */
  transform(docsTokens: readonly (readonly string[])[]): Matrix;
}

function checkRange(range: [number, number], caller: string): void {
  const [lo, hi] = range;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) {
    throw new MlError('bad-argument', `${caller}: ngramRange must be [min, max] with 1 ≤ min ≤ max, got [${lo}, ${hi}].`);
  }
}

export function checkDocs(docsTokens: readonly (readonly string[])[], caller: string): void {
  if (!Array.isArray(docsTokens) || docsTokens.some((d) => !Array.isArray(d))) {
    throw new MlError('wrong-type', `${caller} needs an array of token arrays; tokenize each text first.`);
  }
}

function extractTerms(tokens: readonly string[], [lo, hi]: [number, number]): string[] {
  if (lo === 1 && hi === 1) return tokens.slice();
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) out.push(...ngrams(tokens, n));
  return out;
}

/** Orders terms by count (highest first), ties alphabetically, so results never depend on input order. */
function rankByCount(counts: Map<string, number>): string[] {
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Builds a vocabulary from tokenised documents, most frequent terms first, with `<pad>` = 0 and
 * `<unk>` = 1 reserved so the same indices serve {@link textsToSequences} and embedding layers.
 */
export function buildVocabulary(docsTokens: readonly (readonly string[])[], options: VocabularyOptions = {}): Vocabulary {
  checkDocs(docsTokens, 'buildVocabulary()');
  const { maxSize = Infinity, minCount = 1, ngramRange = [1, 1] } = options;
  checkRange(ngramRange, 'buildVocabulary()');
  if (!(maxSize >= 3)) {
    throw new MlError('bad-argument', `buildVocabulary(): maxSize counts <pad> and <unk>, so it must be at least 3 (got ${maxSize}).`);
  }
  const counts = new Map<string, number>();
  for (const doc of docsTokens) {
    for (const term of extractTerms(doc, ngramRange)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const ranked = rankByCount(counts).filter((t) => counts.get(t)! >= minCount);
  const kept = ranked.slice(0, maxSize - 2);
  const keptSet = new Set(kept);
  let dropped = 0;
  for (const [term, c] of counts) if (!keptSet.has(term)) dropped += c;
  const tokens = ['<pad>', '<unk>', ...kept];
  return {
    index: new Map(tokens.map((t, i) => [t, i])),
    tokens,
    counts: [0, dropped, ...kept.map((t) => counts.get(t)!)],
    ngramRange: [ngramRange[0], ngramRange[1]],
  };
}

/**
 * Counts each vocabulary term in one document (one entry per vocabulary index). Terms outside the
 * vocabulary are counted under `<unk>` (index 1), which tells a model how much it could not read.
 */
export function bagOfWords(tokens: readonly string[], vocab: Vocabulary, options: { binary?: boolean } = {}): number[] {
  const row = new Array<number>(vocab.tokens.length).fill(0);
  for (const term of extractTerms(tokens, vocab.ngramRange)) {
    const i = vocab.index.get(term) ?? 1;
    row[i] = options.binary ? 1 : row[i] + 1;
  }
  return row;
}

function normaliseRow(row: number[], norm: 'l2' | 'l1' | 'none'): void {
  if (norm === 'none') return;
  let size = 0;
  for (const v of row) size += norm === 'l2' ? v * v : Math.abs(v);
  if (norm === 'l2') size = Math.sqrt(size);
  if (size > 0) for (let j = 0; j < row.length; j++) row[j] /= size;
}

/**
 * Learns a TF-IDF vocabulary and idf weights from tokenised documents with scikit-learn's
 * `TfidfVectorizer` formulas: tf is the raw count (or 1 + ln tf), idf = ln((1+n)/(1+df)) + 1 with
 * smoothing, rows scaled to unit length. `transform` returns dense rows, so cap `maxFeatures`
 * (1–5 thousand) on large corpora.
 */
export function fitTfidf(docsTokens: readonly (readonly string[])[], options: TfidfOptions = {}): TfidfModel {
  checkDocs(docsTokens, 'fitTfidf()');
  if (docsTokens.length === 0) throw new MlError('empty-data', 'fitTfidf() needs at least one document.');
  const { maxFeatures = Infinity, ngramRange = [1, 1], minDf = 1, sublinearTf = false, norm = 'l2', smoothIdf = true } = options;
  checkRange(ngramRange, 'fitTfidf()');
  const total = new Map<string, number>();
  const df = new Map<string, number>();
  for (const doc of docsTokens) {
    const terms = extractTerms(doc, ngramRange);
    for (const t of terms) total.set(t, (total.get(t) ?? 0) + 1);
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const eligible = rankByCount(total).filter((t) => df.get(t)! >= minDf);
  if (eligible.length === 0) throw new MlError('empty-data', 'fitTfidf(): no term is left; the documents are empty or minDf is too high.');
  const vocabulary = eligible.slice(0, maxFeatures).sort();
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const n = docsTokens.length;
  const idf = vocabulary.map((t) => {
    const d = df.get(t)!;
    return smoothIdf ? Math.log((1 + n) / (1 + d)) + 1 : Math.log(n / d) + 1;
  });
  const range: [number, number] = [ngramRange[0], ngramRange[1]];
  const transform = (docs: readonly (readonly string[])[]): Matrix => {
    checkDocs(docs, 'transform()');
    return docs.map((doc) => {
      const row = new Array<number>(vocabulary.length).fill(0);
      for (const t of extractTerms(doc, range)) {
        const j = index.get(t);
        if (j !== undefined) row[j] += 1;
      }
      for (let j = 0; j < row.length; j++) {
        if (row[j] > 0) row[j] = (sublinearTf ? 1 + Math.log(row[j]) : row[j]) * idf[j];
      }
      normaliseRow(row, norm);
      return row;
    });
  };
  return { vocabulary, index, idf, ngramRange: range, transform };
}
