import { describe, expect, it } from 'vitest';
import { isMlError } from '../../../../src/ml/index';
import { lexiconWeights, scoreSentiment } from '../../../../src/ml/index';

/** VADER's normalisation, written out so the expected numbers below read as arithmetic. */
const compound = (sum: number): number => sum / Math.sqrt(sum * sum + 15);

describe('lexiconWeights', () => {
  it('holds a few hundred words with valences on the −4..4 scale', () => {
    const values = Object.values(lexiconWeights);
    expect(values.length).toBeGreaterThanOrEqual(250);
    expect(values.every((v) => v >= -4 && v <= 4 && v !== 0)).toBe(true);
    expect(lexiconWeights.great).toBeGreaterThan(lexiconWeights.good);
    expect(lexiconWeights.terrible).toBeLessThan(0);
  });
});

describe('scoreSentiment', () => {
  it('scores one opinion word with the normalised valence', () => {
    const r = scoreSentiment('Good.');
    expect(r.score).toBeCloseTo(compound(1.9), 6);
    expect(r.score).toBeCloseTo(0.440434, 5);
    expect(r.label).toBe(1);
    expect(r.contributions).toEqual([{ word: 'good', index: 0, weight: 1.9, modifiers: [] }]);
  });

  it('flips and dampens a negated word (×−0.74)', () => {
    const r = scoreSentiment('This is not good');
    expect(r.contributions[0].weight).toBeCloseTo(-1.406, 6);
    expect(r.contributions[0].modifiers).toEqual(['negated']);
    expect(r.label).toBe(0);
  });

  it('turns "not bad" positive', () => {
    expect(scoreSentiment('not bad at all').contributions[0].weight).toBeCloseTo(1.85, 6);
  });

  it('boosts a word after an intensifier by 0.293 and softens it after a dampener', () => {
    expect(scoreSentiment('very good').contributions[0].weight).toBeCloseTo(2.193, 6);
    expect(scoreSentiment('slightly annoying').contributions[0].weight).toBeCloseTo(-1.407, 6);
    expect(scoreSentiment('a bit slow').contributions[0].weight).toBeCloseTo(-0.707, 6);
  });

  it('applies negation after boosting: "not very good" is negative', () => {
    const [c] = scoreSentiment('not very good').contributions;
    expect(c.weight).toBeCloseTo(2.193 * -0.74, 6);
    expect(c.modifiers).toEqual(['boosted', 'negated']);
  });

  it('lets the clause after "but" dominate', () => {
    const r = scoreSentiment('The screen is great but the battery is bad.');
    expect(r.contributions.map((c) => c.weight)).toEqual([1.55, -3.75]);
    expect(r.score).toBeCloseTo(compound(-2.2), 6);
    expect(r.label).toBe(0);
  });

  it('keeps "but" inside its own sentence', () => {
    const r = scoreSentiment('Great phone. Cheap case but fine.');
    expect(r.contributions[0]).toMatchObject({ word: 'great', weight: 3.1 });
    expect(r.contributions[1].weight).toBeCloseTo(-0.25, 6);
    expect(r.contributions[2].weight).toBeCloseTo(1.2, 6);
  });

  it('emphasises an all-caps word in a text that is not all caps', () => {
    expect(scoreSentiment('GREAT phone').contributions[0].weight).toBeCloseTo(3.833, 6);
    expect(scoreSentiment('GREAT PHONE').contributions[0].weight).toBeCloseTo(3.1, 6);
  });

  it('adds 0.292 per exclamation mark, up to four', () => {
    expect(scoreSentiment('good!').score).toBeCloseTo(compound(1.9 + 0.292), 6);
    expect(scoreSentiment('good!!!!!!').score).toBeCloseTo(compound(1.9 + 4 * 0.292), 6);
  });

  it('gives 0 to a text with no opinion words and labels it positive at the default threshold', () => {
    const r = scoreSentiment('It arrived on Tuesday.');
    expect(r.score).toBe(0);
    expect(r.contributions).toEqual([]);
    expect(r.label).toBe(1);
    expect(scoreSentiment('It arrived on Tuesday.', { threshold: 0.05 }).label).toBe(0);
  });

  it('does not treat inherited object keys as words', () => {
    expect(scoreSentiment('constructor toString').contributions).toEqual([]);
  });

  it('rejects a non-string with a typed error', () => {
    let code = 'no error';
    try {
      scoreSentiment(5 as unknown as string);
    } catch (e) {
      code = isMlError(e) ? e.code : 'other error';
    }
    expect(code).toBe('wrong-type');
  });
});
