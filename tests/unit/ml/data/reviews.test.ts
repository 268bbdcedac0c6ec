import { beforeAll, describe, expect, it } from 'vitest';
import { generateReviews, type ReviewInfo, type ReviewRow } from '../../../../src/ml/index';
import { scoreSentiment, fleissKappa } from '../../../../src/ml/index';
import { fitTfidf, tokenize } from '../../../../src/ml/index';
import type { Table } from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

/**
 * Plain logistic regression by SGD on sparse rows: the toolkit's own models live elsewhere, and
 * this test only asks whether the corpus is learnable, and how far.
 */
function trainLogistic(X: number[][], y: number[], epochs = 15, rate = 0.5): (row: number[]) => number {
  const w = new Float64Array(X[0].length);
  let b = 0;
  const sparse = X.map((row) => row.flatMap((v, j) => (v === 0 ? [] : [[j, v] as const])));
  for (let e = 0; e < epochs; e++) {
    sparse.forEach((row, i) => {
      let z = b;
      for (const [j, v] of row) z += w[j] * v;
      const g = 1 / (1 + Math.exp(-z)) - y[i];
      for (const [j, v] of row) w[j] -= rate * (g * v + 1e-4 * w[j]);
      b -= rate * g;
    });
  }
  return (row) => row.reduce((z, v, j) => z + w[j] * v, b);
}

let table: Table<ReviewRow>;
let info: ReviewInfo;
beforeAll(() => {
  ({ table, info } = generateReviews({ seed: 42 }));
});

describe('generateReviews', () => {
  it('returns 4000 rows with the documented columns by default', () => {
    expect(table.rows.length).toBe(4000);
    expect(table.columns).toEqual(['review_id', 'timestamp', 'month', 'brand', 'category', 'text', 'rating', 'label']);
    expect(Object.keys(table.rows[0])).toEqual(table.columns);
    expect(info.kinds.length).toBe(4000);
  });

  it('is deterministic by seed', () => {
    expect(generateReviews({ seed: 42, size: 300 })).toEqual(generateReviews({ seed: 42, size: 300 }));
    const other = generateReviews({ seed: 43, size: 300 }).table.rows;
    expect(other.map((r) => r.text)).not.toEqual(generateReviews({ seed: 42, size: 300 }).table.rows.map((r) => r.text));
  });

  it('keeps ratings consistent with labels: 4–5 positive, 1–2 negative, 3 lukewarm', () => {
    table.rows.forEach((r, i) => {
      if (info.kinds[i] === 'lukewarm') expect(r.rating).toBe(3);
      else expect(r.label === 1 ? r.rating >= 4 : r.rating <= 2).toBe(true);
    });
  });

  it('writes reviews of 3 to 40 words with a vocabulary of several hundred words', () => {
    const lengths = table.rows.map((r) => tokenize(r.text).length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(40);
    const vocabulary = new Set(table.rows.flatMap((r) => tokenize(r.text)));
    expect(vocabulary.size).toBeGreaterThan(400);
  });

  it('mixes positive and negative reviews and the planned kinds', () => {
    expect(info.positiveRate).toBeGreaterThan(0.5);
    expect(info.positiveRate).toBeLessThan(0.65);
    const share = (k: string): number => info.kinds.filter((x) => x === k).length / 4000;
    expect(share('contrast')).toBeGreaterThan(0.1);
    expect(share('negated')).toBeGreaterThan(0.08);
    expect(share('sarcastic')).toBeGreaterThan(0.02);
    expect(share('slang')).toBe(0);
  });

  it('contains negations, intensifiers and contrast words', () => {
    const share = (re: RegExp): number => table.rows.filter((r) => re.test(r.text.toLowerCase())).length / 4000;
    expect(share(/\b(not|never|no)\b|n't/)).toBeGreaterThan(0.1);
    expect(share(/\b(very|really|extremely|incredibly)\b/)).toBeGreaterThan(0.1);
    expect(share(/\b(but|however|although)\b/)).toBeGreaterThan(0.1);
  });

  it('flips about 3% of labels on purpose', () => {
    expect(info.flipped.length / 4000).toBeGreaterThan(0.015);
    expect(info.flipped.length / 4000).toBeLessThan(0.045);
  });

  it('spreads reviews over 12 months in time order', () => {
    const months = new Set(table.rows.map((r) => r.month));
    expect([...months].sort()).toEqual(Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`));
    expect(table.rows.every((r, i) => i === 0 || r.timestamp >= table.rows[i - 1].timestamp)).toBe(true);
  });

  it("dips Lumio's sentiment in June to August", () => {
    const rate = (inDip: boolean): number => {
      const rows = table.rows.filter((r) => r.brand === 'Lumio' && (r.month >= '2024-06' && r.month <= '2024-08') === inDip);
      return rows.reduce((s, r) => s + r.label, 0) / rows.length;
    };
    expect(rate(false) - rate(true)).toBeGreaterThan(0.2);
  });

  it('is learnable by TF-IDF + logistic regression but not perfectly, and beats the lexicon', () => {
    const tokens = table.rows.map((r) => tokenize(r.text));
    const train = tokens.filter((_, i) => i % 4 !== 0);
    const test = tokens.filter((_, i) => i % 4 === 0);
    const yTrain = table.rows.filter((_, i) => i % 4 !== 0).map((r) => r.label);
    const yTest = table.rows.filter((_, i) => i % 4 === 0).map((r) => r.label);
    const tfidf = fitTfidf(train, { ngramRange: [1, 2], maxFeatures: 1500 });
    const predict = trainLogistic(tfidf.transform(train), yTrain);
    const X = tfidf.transform(test);
    const accuracy = yTest.filter((y, i) => (predict(X[i]) >= 0 ? 1 : 0) === y).length / yTest.length;
    const lexicon = table.rows.filter((r) => scoreSentiment(r.text).label === r.label).length / 4000;
    expect(accuracy).toBeGreaterThan(0.85);
    expect(accuracy).toBeLessThan(0.95);
    expect(lexicon).toBeGreaterThan(0.68);
    expect(lexicon).toBeLessThan(0.82);
    expect(accuracy - lexicon).toBeGreaterThan(0.08);
  });

  it('introduces unseen slang after newVocabularyFrom', () => {
    const { table: drifted, info: driftInfo } = generateReviews({ seed: 3, size: 2000, newVocabularyFrom: '2024-07-01' });
    const before = drifted.rows.filter((r) => r.timestamp < '2024-07-01');
    const after = drifted.rows.filter((r) => r.timestamp >= '2024-07-01');
    expect(driftInfo.kinds.slice(0, before.length).includes('slang')).toBe(false);
    const known = new Set(before.flatMap((r) => tokenize(r.text)));
    const unknownShare = (rows: ReviewRow[]): number => {
      const words = rows.flatMap((r) => tokenize(r.text));
      return words.filter((w) => !known.has(w)).length / words.length;
    };
    expect(unknownShare(after)).toBeGreaterThan(0.05);
  });

  it('labels each sentence with the aspects it mentions and their polarity', () => {
    expect(info.sentences.length).toBe(4000);
    // The sentences make up the text; a typo (5% of reviews) changes letters, never the words' count.
    const joined = info.sentences.map((list) => list.map((x) => x.text).join(' '));
    expect(joined.every((t, i) => t.split(' ').length === table.rows[i].text.split(' ').length)).toBe(true);
    const same = joined.filter((t, i) => t === table.rows[i].text).length / 4000;
    expect(same).toBeGreaterThan(0.93);
    expect(same).toBeLessThan(1);
    const mentions = info.sentences.flat().flatMap((x) => x.aspects);
    expect(mentions.length).toBeGreaterThan(3000);
    // A contrast sentence mentions two aspects with opposite polarities.
    const contrasts = info.sentences.flat().filter((x) => x.aspects.length === 2 && x.aspects.every((a) => a.polarity !== null));
    expect(contrasts.length).toBeGreaterThan(200);
    expect(contrasts.every((x) => x.aspects[0].polarity !== x.aspects[1].polarity)).toBe(true);
    // Every sentence of a review that is not flipped or lukewarm agrees with the label where it names an aspect, contrast first clauses aside.
    const plainMentions = table.rows.flatMap((r, i) =>
      info.kinds[i] === 'plain' && !info.flipped.includes(r.review_id) ? info.sentences[i].flatMap((x) => x.aspects).map((a) => a.polarity === r.label) : [],
    );
    expect(plainMentions.every(Boolean)).toBe(true);
  });

  it("concentrates the dip brand's firmware complaints on the battery", () => {
    const dip = table.rows.map((r, i) => ({ r, i })).filter(({ r }) => r.brand === 'Lumio' && r.month >= '2024-06' && r.month <= '2024-08' && r.label === 0);
    const aspects = dip.flatMap(({ i }) => info.sentences[i].filter((x) => /update/i.test(x.text)).flatMap((x) => x.aspects.map((a) => a.aspect)));
    expect(aspects.length).toBeGreaterThan(20);
    expect(aspects.filter((a) => a === 'battery').length / aspects.length).toBeGreaterThan(0.9);
  });

  it('has three raters who agree well overall but disagree most on sarcastic and lukewarm reviews', () => {
    expect(info.raters.length).toBe(4000);
    expect(info.raters.every((r) => r.length === 3 && r.every((v) => v === 0 || v === 1))).toBe(true);
    const split = (kind: string): number => {
      const rows = info.raters.filter((_, i) => info.kinds[i] === kind);
      return rows.filter((r) => !r.every((v) => v === r[0])).length / rows.length;
    };
    expect(split('sarcastic')).toBeGreaterThan(2 * split('plain'));
    expect(split('lukewarm')).toBeGreaterThan(2 * split('plain'));
    const kappa = fleissKappa(info.raters);
    expect(kappa).toBeGreaterThan(0.6);
    expect(kappa).toBeLessThan(0.9);
  });

  it('rejects bad options with typed errors', () => {
    expect(errorCode(() => generateReviews({ size: 0 }))).toBe('bad-argument');
    expect(errorCode(() => generateReviews({ startDate: 'soon' }))).toBe('bad-argument');
  });
});
