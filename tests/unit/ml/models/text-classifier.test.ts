import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { fitTextClassifier, loadTextClassifier, removeModel, saveTextClassifier, tokenize } from '../../../../src/ml/index';

const TEXTS = [
  'great phone, love it',
  'the battery is great',
  'not good at all',
  'terrible battery, returning it',
  'love the screen',
  'the screen is terrible',
  'great value',
  'not worth it, terrible',
  'really love this',
  'awful, not good',
  'good sound and great screen',
  'bad sound, bad battery',
];
const LABELS = [1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0];
const logit = (p: number) => Math.log(p / (1 - p));

expectNoTensorLeaks();

describe('fitTextClassifier', () => {
  it('learns which words are positive and scores new texts', async () => {
    const clf = await fitTextClassifier(TEXTS, LABELS, { C: 10 });
    const [pos, neg] = clf.predictProba(['love the great battery', 'terrible, not good']);
    const top = clf.topTerms(3);
    clf.dispose();
    expect(pos).toBeGreaterThan(0.7);
    expect(neg).toBeLessThan(0.3);
    expect(top.positive.map((t) => t.term)).toContain('great');
    expect(top.negative.map((t) => t.term)).toContain('terrible');
  });

  it('splits a text’s log-odds exactly among its tokens, plus the bias', async () => {
    const clf = await fitTextClassifier(TEXTS, LABELS);
    const text = 'Not good, the battery is great';
    const { tokens, bias, logOdds } = clf.explain(text);
    const p = clf.predictProba([text])[0];
    clf.dispose();
    expect(tokens.map((t) => t.token)).toEqual(tokenize(text));
    expect(bias + tokens.reduce((s, t) => s + t.attribution, 0)).toBeCloseTo(logOdds, 10);
    expect(logOdds).toBeCloseTo(logit(p), 4);
  });

  it('keeps its tokeniser options: with negation marking, "not good" is not "good"', async () => {
    const clf = await fitTextClassifier(TEXTS, LABELS, { tokenizer: { negation: true } });
    expect(clf.tokenize('not good, great')).toEqual(['not', 'NOT_good', 'great']);
    expect(clf.vectorizer.vocabulary).toContain('NOT_good');
    expect(clf.unknownShare('not good, fabulous')).toBeCloseTo(1 / 3, 12);
    clf.dispose();
  });

  it('rejects mismatched texts and labels', async () => {
    await expect(fitTextClassifier(['a'], [1, 0])).rejects.toMatchObject({ code: 'shape-mismatch' });
    await expect(fitTextClassifier(['a', 3 as unknown as string], [1, 0])).rejects.toMatchObject({ code: 'wrong-type' });
  });
});

describe('saving a text classifier with its vectoriser', () => {
  it('reloads the same tokeniser, vocabulary and weights: identical tokens and scores (train/serve parity)', async () => {
    const clf = await fitTextClassifier(TEXTS, LABELS, { tokenizer: { negation: true }, minDf: 1 });
    const probe = ['I don’t love it', 'NOT good!!! Terrible.', 'great   screen', 'unknown words only', ''];
    const before = Array.from(clf.predictProba(probe));
    const tokensBefore = probe.map((t) => clf.tokenize(t));
    const saved = await saveTextClassifier(clf, 'memory://text-classifier-test', { threshold: 0.4 });
    clf.dispose();
    const loaded = await loadTextClassifier('memory://text-classifier-test');
    try {
      expect(saved.weightBytes).toBe(4 * (loaded.vectorizer.vocabulary.length + 1));
      expect(probe.map((t) => loaded.tokenize(t))).toEqual(tokensBefore);
      expect(Array.from(loaded.predictProba(probe))).toEqual(before);
      expect(loaded.metadata.threshold).toBe(0.4);
      expect(loaded.options.tokenizer).toEqual({ negation: true });
    } finally {
      loaded.dispose();
      await removeModel('memory://text-classifier-test');
    }
  });

  it('refuses a model that was not saved with a vectoriser', async () => {
    await expect(loadTextClassifier('memory://nothing-here')).rejects.toMatchObject({ code: 'bad-argument' });
  });
});
