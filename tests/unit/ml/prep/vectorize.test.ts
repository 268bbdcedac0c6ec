import { describe, expect, it } from 'vitest';
import { bagOfWords, bagOfWordsSparse, buildVocabulary, csrToDense, fitTfidf, restoreTfidf, textsToSequences } from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

describe('buildVocabulary', () => {
  const docs = [
    ['cat', 'dog', 'cat'],
    ['dog', 'eel'],
  ];

  it('reserves <pad> and <unk> and orders by count, ties alphabetically', () => {
    const v = buildVocabulary(docs);
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'cat', 'dog', 'eel']);
    expect(v.counts).toEqual([0, 0, 2, 2, 1]);
    expect(v.index.get('dog')).toBe(3);
  });

  it('caps the size (reserved entries included) and counts what it dropped under <unk>', () => {
    const v = buildVocabulary(docs, { maxSize: 4 });
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'cat', 'dog']);
    expect(v.counts[1]).toBe(1);
  });

  it('drops rare tokens below minCount', () => {
    expect(buildVocabulary(docs, { minCount: 2 }).tokens).toEqual(['<pad>', '<unk>', 'cat', 'dog']);
  });

  it('adds n-grams in the requested range', () => {
    const v = buildVocabulary(docs, { ngramRange: [1, 2] });
    expect(v.tokens).toContain('cat dog');
    expect(v.tokens).toContain('dog eel');
    expect(v.tokens.length).toBe(2 + 3 + 3);
  });

  it('rejects a maxSize that leaves no room for words', () => {
    expect(() => buildVocabulary(docs, { maxSize: 2 })).toThrowError(/at least 3/);
  });
});

describe('bagOfWords and textsToSequences', () => {
  const v = buildVocabulary([
    ['cat', 'dog', 'cat'],
    ['dog', 'eel'],
  ]);

  it('counts words per vocabulary index, unknown ones under <unk>', () => {
    expect(bagOfWords(['cat', 'cat', 'yak'], v)).toEqual([0, 1, 2, 0, 0]);
  });

  it('marks presence only when binary', () => {
    expect(bagOfWords(['cat', 'cat', 'yak'], v, { binary: true })).toEqual([0, 1, 1, 0, 0]);
  });

  it('gives the same counts as a CSR matrix with one row per document', () => {
    const docs = [['cat', 'cat', 'yak'], [], ['eel', 'dog']];
    const m = bagOfWordsSparse(docs, v);
    expect(m.shape).toEqual([3, 5]);
    expect(Array.from(m.indptr)).toEqual([0, 2, 2, 4]);
    expect(csrToDense(m)).toEqual(docs.map((d) => bagOfWords(d, v)));
    expect(csrToDense(bagOfWordsSparse(docs, v, { binary: true }))).toEqual(docs.map((d) => bagOfWords(d, v, { binary: true })));
  });

  it('maps words to indices with 1 for unknown words', () => {
    expect(textsToSequences([['eel', 'cat', 'yak'], []], v)).toEqual([[4, 2, 1], []]);
  });
});

describe('fitTfidf', () => {
  // scikit-learn's TfidfVectorizer on ["the cat", "the dog", "the cat cat"]; df: cat 2, dog 1, the 3.
  const docs = [
    ['the', 'cat'],
    ['the', 'dog'],
    ['the', 'cat', 'cat'],
  ];

  it('sorts the vocabulary and computes smoothed idf = ln((1+n)/(1+df)) + 1', () => {
    const m = fitTfidf(docs);
    expect(m.vocabulary).toEqual(['cat', 'dog', 'the']);
    expect(m.idf[0]).toBeCloseTo(1.287682, 6);
    expect(m.idf[1]).toBeCloseTo(1.693147, 6);
    expect(m.idf[2]).toBeCloseTo(1, 6);
  });

  it('produces l2-normalised tf × idf rows', () => {
    const X = fitTfidf(docs).transform(docs);
    const expected = [
      [0.789807, 0, 0.613356],
      [0, 0.861037, 0.508542],
      [0.932192, 0, 0.361965],
    ];
    X.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
  });

  it('uses ln(n/df) + 1 without smoothing', () => {
    const m = fitTfidf(docs, { smoothIdf: false });
    expect(m.idf[0]).toBeCloseTo(1.405465, 6);
    const [cat, , the] = m.transform([docs[2]])[0];
    expect(cat).toBeCloseTo(0.942156, 5);
    expect(the).toBeCloseTo(0.335176, 5);
  });

  it('dampens repeated words with sublinear tf = 1 + ln(tf)', () => {
    const [cat, , the] = fitTfidf(docs, { sublinearTf: true }).transform([docs[2]])[0];
    expect(cat).toBeCloseTo(0.90895, 5);
    expect(the).toBeCloseTo(0.416905, 5);
  });

  it('keeps the most frequent terms under maxFeatures and skips norm when asked', () => {
    const m = fitTfidf(docs, { maxFeatures: 2, norm: 'none' });
    expect(m.vocabulary).toEqual(['cat', 'the']);
    expect(m.transform([['cat', 'cat', 'zebra']])[0][0]).toBeCloseTo(2 * 1.287682, 5);
  });

  it('includes bigrams and leaves unknown documents as zero rows', () => {
    const m = fitTfidf(docs, { ngramRange: [1, 2] });
    expect(m.vocabulary).toEqual(['cat', 'cat cat', 'dog', 'the', 'the cat', 'the dog']);
    expect(m.transform([['zebra']])[0].every((v) => v === 0)).toBe(true);
  });

  it('gives exactly the dense values as a CSR matrix of the non-zeros', () => {
    const queries = [...docs, ['zebra'], ['cat', 'the', 'cat', 'dog']];
    for (const options of [{ ngramRange: [1, 2] as [number, number] }, { sublinearTf: true }, { norm: 'l1' as const }, { norm: 'none' as const }]) {
      const m = fitTfidf(docs, options);
      const sparse = m.transformSparse(queries);
      expect(sparse.shape).toEqual([queries.length, m.vocabulary.length]);
      expect(csrToDense(sparse)).toEqual(m.transform(queries));
    }
    // "the cat": columns cat (0) and the (2) only; "zebra" stores nothing.
    const sparse = fitTfidf(docs).transformSparse([docs[0], ['zebra']]);
    expect(Array.from(sparse.indptr)).toEqual([0, 2, 2]);
    expect(Array.from(sparse.indices)).toEqual([0, 2]);
    expect(sparse.values[0]).toBeCloseTo(0.789807, 5);
  });

  it('survives a JSON round trip with toJSON and restoreTfidf', () => {
    const m = fitTfidf(docs, { ngramRange: [1, 2], sublinearTf: true, norm: 'l1' });
    const restored = restoreTfidf(JSON.parse(JSON.stringify(m)));
    expect(restored.vocabulary).toEqual(m.vocabulary);
    expect(restored.transform(docs)).toEqual(m.transform(docs));
    expect(errorCode(() => restoreTfidf({ kind: 'tfidf', vocabulary: ['a'], idf: [] } as never))).toBe('wrong-type');
  });

  it('rejects an empty corpus', () => {
    expect(errorCode(() => fitTfidf([]))).toBe('empty-data');
    expect(errorCode(() => fitTfidf(['a b'] as unknown as string[][]))).toBe('wrong-type');
  });
});
