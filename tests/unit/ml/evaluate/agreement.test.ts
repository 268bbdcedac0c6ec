import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, interpretKappa, majorityVote, softLabels, unanimousShare } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

// Reference values from scikit-learn 1.2 (cohen_kappa_score) and statsmodels 0.13
// (fleiss_kappa over aggregate_raters), computed with Debian's python3 on the same inputs.
describe('cohenKappa', () => {
  it('matches scikit-learn on two binary raters', () => {
    const a = [1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0];
    const b = [1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1];
    expect(cohenKappa(a, b)).toBeCloseTo(0.3142857142857143, 12);
  });

  it('matches scikit-learn on three named categories', () => {
    const x = ['pos', 'neg', 'neu', 'pos', 'pos', 'neg', 'neu', 'neu', 'pos', 'neg'];
    const y = ['pos', 'neg', 'pos', 'pos', 'neu', 'neg', 'neu', 'neg', 'pos', 'neg'];
    expect(cohenKappa(x, y)).toBeCloseTo(0.5454545454545454, 12);
  });

  it('is 1 for identical raters, NaN when nothing varies, and checks its input', () => {
    expect(cohenKappa([0, 1, 1], [0, 1, 1])).toBe(1);
    expect(cohenKappa([1, 1], [1, 1])).toBeNaN();
    expectMlError(() => cohenKappa([1, 0], [1]), 'shape-mismatch');
    expectMlError(() => cohenKappa([], []), 'empty-data');
  });
});

describe('fleissKappa', () => {
  it("reproduces Fleiss' worked example (10 subjects, 14 raters, 5 categories): 0.2099", () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const ratings = table.map((counts) => counts.flatMap((c, category) => new Array<number>(c).fill(category + 1)));
    expect(fleissKappa(ratings)).toBeCloseTo(0.20993070442195522, 12);
  });

  it('matches statsmodels on three binary raters', () => {
    const r = [
      [1, 1, 1],
      [1, 0, 1],
      [0, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
      [1, 1, 1],
      [0, 0, 0],
      [0, 1, 0],
    ];
    expect(fleissKappa(r)).toBeCloseTo(1 / 3, 12);
  });

  it('needs the same number of raters for every item', () => {
    expectMlError(() => fleissKappa([[1, 0], [1]]), 'shape-mismatch');
    expectMlError(() => fleissKappa([[1]]), 'bad-argument');
  });
});

describe('majority and soft labels', () => {
  it('votes, breaks ties as told, and gives the share of raters saying 1', () => {
    const r = [
      [1, 1, 0],
      [0, 0, 1],
      [1, 0],
      [1, 1, 1],
    ];
    expect(majorityVote(r)).toEqual([1, 0, 1, 1]);
    expect(majorityVote(r, { tie: 0 })).toEqual([1, 0, 0, 1]);
    expect(softLabels(r)).toEqual([2 / 3, 1 / 3, 0.5, 1]);
    expect(unanimousShare(r)).toBe(0.25);
    expectMlError(() => majorityVote([[2]]), 'bad-argument');
  });

  it("names κ with Landis & Koch's bands", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(interpretKappa)).toEqual(['worse than chance', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect']);
  });
});
