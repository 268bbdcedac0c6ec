import { describe, expect, it } from 'vitest';
import { loadVader } from '../../../../src/ml/index';

// Reference compound scores: the examples in VADER's README (Hutto & Gilbert's Python package),
// which the JavaScript port reproduces.
describe('loadVader', () => {
  it("reproduces the README's compound scores", async () => {
    const vader = await loadVader();
    const examples: [string, number][] = [
      ['VADER is smart, handsome, and funny.', 0.8316],
      ['VADER is smart, handsome, and funny!', 0.8439],
      ['VADER is very smart, handsome, and funny.', 0.8545],
      ['VADER is VERY SMART, handsome, and FUNNY.', 0.9227],
      ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.9342],
      ['The book was good.', 0.4404],
      ['The book was kind of good.', 0.3832],
      ["At least it isn't a horrible book.", 0.431],
      ['Today SUX!', -0.5461],
      ['Make sure you :) or :D today!', 0.8633],
    ];
    expect(vader.compound(examples.map(([t]) => t))).toEqual(examples.map(([, c]) => c));
    expect(vader.scores('VADER is smart, handsome, and funny.')).toEqual({ neg: 0, neu: 0.254, pos: 0.746, compound: 0.8316 });
  });

  it('labels at the 0.05 cut-off, so neutral texts count as negative, and maps compound to [0, 1]', async () => {
    const vader = await loadVader();
    expect(vader.predict(['The book was good.', 'Today SUX!', 'It arrived on Tuesday.'])).toEqual([1, 0, 0]);
    expect(vader.predict(['It arrived on Tuesday.'], 0)).toEqual([1]);
    expect(vader.predictProba(['The book was good.', ''])).toEqual([(0.4404 + 1) / 2, 0.5]);
  });

  it('returns the same analyser on every load and rejects non-strings', async () => {
    const [a, b] = await Promise.all([loadVader(), loadVader()]);
    expect(a.compound(['good'])).toEqual(b.compound(['good']));
    expect(() => a.compound([3 as unknown as string])).toThrow(expect.objectContaining({ code: 'wrong-type' }));
  });
});
