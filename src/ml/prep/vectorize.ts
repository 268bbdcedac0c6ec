/**
 * Turning tokens into features: vocabularies, bag-of-words and TF-IDF (scikit-learn's formulas,
 * so figures can be checked against it), as dense rows for a few documents or as sparse CSR
 * matrices for training sets.
 */
import { MlError } from '../core/errors';
import type { Matrix } from '../core/types';
import { CsrBuilder, type CsrMatrix } from '../core/sparse';

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
  /**
   * Turns tokenised documents into dense TF-IDF rows; unknown terms are ignored. A row has one
   * entry per vocabulary term, so keep this for few documents or a small `maxFeatures`, and use
   * {@link TfidfModel.transformSparse} for training data.
   */
  transform(docsTokens: readonly (readonly string[])[]): Matrix;
  /**
   * The same TF-IDF values as `transform`, as a CSR matrix that stores only the non-zero entries
   * (a few per sentence): what the linear models train on. Never builds a dense row.
   */
  transformSparse(docsTokens: readonly (readonly string[])[]): CsrMatrix;
  /** Everything needed to rebuild this vectoriser with {@link restoreTfidf} (JSON-safe, for saving beside a model). */
  toJSON(): TfidfState;
}

/** A fitted TF-IDF vectoriser as plain JSON (see {@link restoreTfidf}). */
export interface TfidfState {
  kind: 'tfidf';
  vocabulary: string[];
  idf: number[];
  ngramRange: [number, number];
  sublinearTf: boolean;
  norm: 'l2' | 'l1' | 'none';
}

function checkRange(range: [number, number], caller: string): void {
  const [lo, hi] = range;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) {
    throw new MlError('bad-argument', `${caller}: ngramRange must be [min, max] with 1 ≤ min ≤ max, got [${lo}, ${hi}].`);
  }
}

/** Throws an MlError unless `docsTokens` is an array of token arrays (texts must be tokenised first). */
export function checkDocs(docsTokens: readonly (readonly string[])[], caller: string): void {
  if (!Array.isArray(docsTokens) || docsTokens.some((d) => !Array.isArray(d))) {
    throw new MlError('wrong-type', `${caller} needs an array of token arrays; tokenize each text first.`);
  }
}

/** The terms of one document: its n-grams for every n in the range, words joined by one space. */
function extractTerms(tokens: readonly string[], [lo, hi]: [number, number]): readonly string[] {
  if (lo === 1 && hi === 1) return tokens;
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let term = tokens[i];
      for (let k = 1; k < n; k++) term += ' ' + tokens[i + k];
      out.push(term);
    }
  }
  return out;
}

/** Orders terms by count (highest first), ties alphabetically, so results never depend on input order. */
function rankByCount(counts: ReadonlyMap<string, number>): string[] {
  const entries = [...counts];
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return entries.map((e) => e[0]);
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

/**
 * Bag-of-words counts of many documents as one CSR matrix (one row per document, one column per
 * vocabulary index, `<unk>` counting the terms outside the vocabulary): the sparse twin of
 * {@link bagOfWords}, with the same values and no dense row.
 */
export function bagOfWordsSparse(docsTokens: readonly (readonly string[])[], vocab: Vocabulary, options: { binary?: boolean } = {}): CsrMatrix {
  checkDocs(docsTokens, 'bagOfWordsSparse()');
  const builder = new CsrBuilder(vocab.tokens.length);
  for (const doc of docsTokens) {
    const counts = new Map<number, number>();
    for (const term of extractTerms(doc, vocab.ngramRange)) {
      const i = vocab.index.get(term) ?? 1;
      counts.set(i, options.binary ? 1 : (counts.get(i) ?? 0) + 1);
    }
    builder.addRow([...counts.keys()], [...counts.values()]);
  }
  return builder.finish();
}

/**
 * Learns a TF-IDF vocabulary and idf weights from tokenised documents with scikit-learn's
 * `TfidfVectorizer` formulas: tf is the raw count (or 1 + ln tf), idf = ln((1+n)/(1+df)) + 1 with
 * smoothing, rows scaled to unit length. `transformSparse` gives the rows as a CSR matrix (what
 * the linear models train on); `transform` gives dense rows, for a few documents at a time.
 */
export function fitTfidf(docsTokens: readonly (readonly string[])[], options: TfidfOptions = {}): TfidfModel {
  checkDocs(docsTokens, 'fitTfidf()');
  if (docsTokens.length === 0) throw new MlError('empty-data', 'fitTfidf() needs at least one document.');
  const { maxFeatures = Infinity, ngramRange = [1, 1], minDf = 1, sublinearTf = false, norm = 'l2', smoothIdf = true } = options;
  checkRange(ngramRange, 'fitTfidf()');
  // One map lookup per term: its slot in the count arrays (document frequency counted once per
  // document through the last document that had the term).
  const slot = new Map<string, number>();
  const total: number[] = [];
  const df: number[] = [];
  const lastDoc: number[] = [];
  docsTokens.forEach((doc, d) => {
    for (const term of extractTerms(doc, ngramRange)) {
      let k = slot.get(term);
      if (k === undefined) {
        k = total.length;
        slot.set(term, k);
        total.push(0);
        df.push(0);
        lastDoc.push(-1);
      }
      total[k]++;
      if (lastDoc[k] !== d) {
        lastDoc[k] = d;
        df[k]++;
      }
    }
  });
  const eligible = [...slot.keys()].filter((t) => df[slot.get(t)!] >= minDf);
  if (eligible.length === 0) throw new MlError('empty-data', 'fitTfidf(): no term is left; the documents are empty or minDf is too high.');
  // Ranking by count only matters when maxFeatures cuts the list.
  const kept = eligible.length > maxFeatures ? rankByCount(new Map(eligible.map((t) => [t, total[slot.get(t)!]]))).slice(0, maxFeatures) : eligible;
  const vocabulary = kept.sort();
  const n = docsTokens.length;
  const idf = vocabulary.map((t) => {
    const d = df[slot.get(t)!];
    return smoothIdf ? Math.log((1 + n) / (1 + d)) + 1 : Math.log(n / d) + 1;
  });
  return restoreTfidf({ kind: 'tfidf', vocabulary, idf, ngramRange: [ngramRange[0], ngramRange[1]], sublinearTf, norm });
}

/** Rebuilds a TF-IDF vectoriser from `model.toJSON()` (e.g. after loading it beside a saved model). */
export function restoreTfidf(state: TfidfState): TfidfModel {
  if (state?.kind !== 'tfidf' || !Array.isArray(state.vocabulary) || state.vocabulary.length !== state.idf?.length) {
    throw new MlError('wrong-type', "restoreTfidf() needs the object a TF-IDF model's toJSON() returned (vocabulary and idf of equal length).");
  }
  const vocabulary = state.vocabulary.slice();
  const idf = state.idf.slice();
  const range: [number, number] = [state.ngramRange[0], state.ngramRange[1]];
  checkRange(range, 'restoreTfidf()');
  const { sublinearTf, norm } = state;
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  /** The non-zero columns of one document (increasing) and their TF-IDF values. */
  const rowEntries = (doc: readonly string[]): { columns: number[]; values: number[] } => {
    const counts = new Map<number, number>();
    for (const t of extractTerms(doc, range)) {
      const j = index.get(t);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const columns = [...counts.keys()].sort((a, b) => a - b);
    const values = columns.map((j) => {
      const tf = counts.get(j)!;
      return (sublinearTf ? 1 + Math.log(tf) : tf) * idf[j];
    });
    normalise(values, norm);
    return { columns, values };
  };
  return {
    vocabulary,
    index,
    idf,
    ngramRange: range,
    transform(docs) {
      checkDocs(docs, 'transform()');
      return docs.map((doc) => {
        const row = new Array<number>(vocabulary.length).fill(0);
        const { columns, values } = rowEntries(doc);
        columns.forEach((j, k) => (row[j] = values[k]));
        return row;
      });
    },
    transformSparse(docs) {
      checkDocs(docs, 'transformSparse()');
      const indptr = new Int32Array(docs.length + 1);
      const indices: number[] = [];
      const values: number[] = [];
      docs.forEach((doc, i) => {
        const entries = rowEntries(doc);
        indices.push(...entries.columns);
        values.push(...entries.values);
        indptr[i + 1] = indices.length;
      });
      return { format: 'csr', shape: [docs.length, vocabulary.length], indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
    },
    toJSON: () => ({ kind: 'tfidf', vocabulary: vocabulary.slice(), idf: idf.slice(), ngramRange: [range[0], range[1]], sublinearTf, norm }),
  };
}

/** Scales the non-zero values of one row to unit l2 or l1 length (zeros add nothing to either). */
function normalise(values: number[], norm: 'l2' | 'l1' | 'none'): void {
  if (norm === 'none') return;
  let size = 0;
  for (const v of values) size += norm === 'l2' ? v * v : Math.abs(v);
  if (norm === 'l2') size = Math.sqrt(size);
  if (size > 0) for (let k = 0; k < values.length; k++) values[k] /= size;
}
