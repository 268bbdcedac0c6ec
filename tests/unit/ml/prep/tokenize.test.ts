import { describe, expect, it } from 'vitest';
import { isNegator } from '../../../../src/ml/prep/tokenize';
import { negationScope, ngrams, tokenize } from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

describe('tokenize', () => {
  it('lower-cases, keeps contractions whole and drops punctuation', () => {
    expect(tokenize("I didn't like it... NOT good!")).toEqual(['i', "didn't", 'like', 'it', 'not', 'good']);
  });

  it('straightens curly apostrophes and splits on hyphens and symbols', () => {
    expect(tokenize('It’s noise-cancelling (mostly) & $99')).toEqual(["it's", 'noise', 'cancelling', 'mostly', '99']);
  });

  it('keeps punctuation marks as tokens when asked', () => {
    expect(tokenize('Fine, thanks!', { punctuation: true })).toEqual(['fine', ',', 'thanks', '!']);
  });

  it('keeps case when lowercase is false', () => {
    expect(tokenize('GREAT Phone', { lowercase: false })).toEqual(['GREAT', 'Phone']);
  });

  it('removes stop words but keeps negators by default', () => {
    expect(tokenize('The battery is not good', { stopWords: true })).toEqual(['battery', 'not', 'good']);
    expect(tokenize('The battery is not good', { stopWords: true, keepNegation: false })).toEqual(['battery', 'good']);
  });

  it('accepts a custom stop word list', () => {
    expect(tokenize('the red red phone', { stopWords: ['red'] })).toEqual(['the', 'phone']);
  });

  it('marks the scope of a negation up to the next punctuation or contrast word', () => {
    expect(tokenize("Didn't work well. Great, but not cheap", { negation: true })).toEqual([
      "didn't",
      'NOT_work',
      'NOT_well',
      'great',
      'but',
      'not',
      'NOT_cheap',
    ]);
  });

  it('throws a typed error for a non-string', () => {
    expect(() => tokenize(42 as unknown as string)).toThrowError(/needs a string/);
    expect(errorCode(() => tokenize(null as unknown as string))).toBe('wrong-type');
  });
});

describe('negationScope and isNegator', () => {
  it('prefixes words after a negator and stops at a comma', () => {
    expect(negationScope(['not', 'very', 'good', ',', 'nice'])).toEqual(['not', 'NOT_very', 'NOT_good', ',', 'nice']);
  });

  it("recognises negators including any n't contraction", () => {
    expect(['not', 'never', "won't", "isn't", 'without'].every(isNegator)).toBe(true);
    expect(isNegator('note')).toBe(false);
  });
});

describe('ngrams', () => {
  it('joins consecutive tokens with a space', () => {
    expect(ngrams(['not', 'very', 'good'], 2)).toEqual(['not very', 'very good']);
    expect(ngrams(['not', 'very', 'good'], 3)).toEqual(['not very good']);
  });

  it('returns nothing when the text is shorter than n', () => {
    expect(ngrams(['good'], 2)).toEqual([]);
  });

  it('rejects n below 1', () => {
    expect(() => ngrams(['a'], 0)).toThrowError(/whole n of 1 or more/);
    expect(errorCode(() => ngrams(['a'], 1.5))).toBe('bad-argument');
  });
});
