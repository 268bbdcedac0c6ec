import { describe, expect, it } from 'vitest';
import { MlError, isMlError } from '../../../../src/ml/index';
import { interpretPsi, ksTest, metricsByWindow, oovRate, psi, psiDetails, countUnknownTokens } from '../../../../src/ml/index';
import { kolmogorovSurvival } from '../../../../src/ml/deploy/drift';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('psi', () => {
  it('matches a hand computation with quantile bins of the expected data', () => {
    // expected 1..10, 2 bins: edge at the median 5.5 -> 50% / 50%;
    // actual: 3 of 8 at or below 5.5 -> 37.5% / 62.5%
    const value = psi(
      range(10, (i) => i + 1),
      [1, 2, 3, 8, 9, 10, 11, 12],
      { bins: 2 },
    );
    const expected = (0.375 - 0.5) * Math.log(0.375 / 0.5) + (0.625 - 0.5) * Math.log(0.625 / 0.5);
    expect(value).toBeCloseTo(expected, 12);
    expect(value).toBeCloseTo(0.0638532, 6);
  });

  it('is 0 for identical distributions', () => {
    const xs = range(100, (i) => (i * 7) % 13);
    expect(psi(xs, xs.slice().reverse())).toBeCloseTo(0, 12);
  });

  it('replaces an empty bin by epsilon instead of returning Infinity', () => {
    const d = psiDetails([1, 2, 3, 4], [1, 1, 1, 1], { bins: 2, epsilon: 1e-4 });
    // bins (-inf, 2.5], (2.5, inf): expected 0.5/0.5, actual 1/0 -> 0 replaced by 1e-4
    const want = (1 - 0.5) * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    expect(d.psi).toBeCloseTo(want, 12);
    expect(d.bins.map((b) => b.label)).toEqual(['(-∞, 2.5]', '(2.5, ∞)']);
    expect(d.bins[1].actual).toBe(0);
  });

  it('compares categories one by one', () => {
    // expected a 50% b 50%; actual a 25% b 25% c 50% (c new: expected share -> 1e-4)
    const value = psi(['a', 'b', 'a', 'b'], ['a', 'b', 'c', 'c']);
    const want = 2 * (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
    expect(value).toBeCloseTo(want, 12);
  });

  it('merges repeated quantile edges of discrete data', () => {
    const d = psiDetails([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], [0, 1, 2, 2], { bins: 10 });
    // deciles of eight 0s, a 1 and a 2 (numpy linear): 0 ×7, 0.2, 1.1 -> edges 0, 0.2, 1.1
    expect(d.bins.map((b) => b.label)).toEqual(['(-∞, 0]', '(0, 0.2]', '(0.2, 1.1]', '(1.1, ∞)']);
    expect(d.bins.map((b) => b.actual)).toEqual([0.25, 0, 0.25, 0.5]);
  });

  it('reads PSI values with the usual thresholds', () => {
    expect([interpretPsi(0.05), interpretPsi(0.2), interpretPsi(0.4)]).toEqual(['stable', 'moderate shift', 'major shift']);
  });

  it('rejects mixing numbers and categories', () => {
    expect(() => psi([1, 2], ['a', 'b'])).toThrow(/both be numbers or both be categories/);
  });
});

describe('ksTest', () => {
  it('matches scipy ks_2samp statistic and the kstwobign p-value', () => {
    // scipy: ks_2samp(a, b).statistic = 0.5; kstwobign.sf(sqrt(30/11) * 0.5) = 0.502914033641129
    const r = ksTest([0.1, 0.5, 0.9, 1.3, 2.0], [0.4, 0.6, 1.5, 2.5, 3.0, 3.5]);
    expect(r.statistic).toBe(0.5);
    expect(r.pValue).toBeCloseTo(0.502914033641129, 9);
  });

  it('handles ties exactly', () => {
    // scipy: ks_2samp([1,2,2,3,3,3], [2,3,3,4]).statistic = 0.25; kstwobign.sf(sqrt(2.4) * 0.25) = 0.998265735385231
    const r = ksTest([1, 2, 2, 3, 3, 3], [2, 3, 3, 4]);
    expect(r.statistic).toBe(0.25);
    expect(r.pValue).toBeCloseTo(0.998265735385231, 9);
  });

  it('detects a shift between larger samples like scipy', () => {
    const x = range(300, (i) => Math.sin(i * 12.9898) * 3);
    const y = range(200, (j) => Math.cos(j * 78.233) * 3 + 0.5);
    const r = ksTest(x, y);
    // scipy: statistic 0.19, kstwobign p 0.00034538430980374566 (scipy's default exact-ish p is 0.000305)
    expect(r.statistic).toBeCloseTo(0.19, 12);
    expect(r.pValue).toBeCloseTo(0.00034538430980374566, 9);
  });

  it('computes the Kolmogorov survival function in both series', () => {
    // scipy.stats.kstwobign.sf
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.9639452436648751, 12);
    expect(kolmogorovSurvival(1.0)).toBeCloseTo(0.26999967167735456, 12);
    expect(kolmogorovSurvival(1.36)).toBeCloseTo(0.049485876755377876, 12);
    expect(kolmogorovSurvival(2.5)).toBeCloseTo(7.453306344157342e-6, 15);
    expect(kolmogorovSurvival(0)).toBe(1);
  });

  it('rejects NaN', () => {
    expect(() => ksTest([1, NaN], [1])).toThrow(MlError);
  });
});

describe('out-of-vocabulary rate', () => {
  const docs = [
    ['great', 'phone'],
    ['rizz', 'phone', 'rizz'],
  ];

  it('counts unknown tokens, repeats included', () => {
    expect(oovRate(docs, new Set(['great', 'phone']))).toBeCloseTo(2 / 5, 12);
  });

  it('accepts a token array, a map, or an object with an index map', () => {
    expect(oovRate(docs, ['great'])).toBeCloseTo(4 / 5, 12);
    expect(oovRate(docs, new Map([['phone', 3]]))).toBeCloseTo(3 / 5, 12);
    expect(oovRate(docs, { index: new Map([['rizz', 2]]) })).toBeCloseTo(3 / 5, 12);
  });

  it('lists the unknown tokens, most frequent first', () => {
    expect(countUnknownTokens(docs, ['phone'])).toEqual([
      { token: 'rizz', count: 2 },
      { token: 'great', count: 1 },
    ]);
  });

  it('refuses an empty corpus', () => {
    expect(() => oovRate([[]], ['a'])).toThrow(/at least one token/);
  });
});

describe('metricsByWindow', () => {
  const rows = [
    { t: 1, ok: 1 },
    { t: 5, ok: 0 },
    { t: 12, ok: 1 },
    { t: 35, ok: 1 },
  ];
  const mean = (rs: { ok: number }[]) => rs.reduce((s, r) => s + r.ok, 0) / rs.length;

  it('computes the metric per aligned window, leaving empty windows out', () => {
    expect(metricsByWindow(rows, { time: (r) => r.t, windowSize: 10, metric: mean })).toEqual([
      { start: 0, end: 10, count: 2, value: 0.5 },
      { start: 10, end: 20, count: 1, value: 1 },
      { start: 30, end: 40, count: 1, value: 1 },
    ]);
  });

  it('gives null and a note where the metric is undefined', () => {
    const failing = (rs: unknown[]) => {
      if (rs.length < 2) throw new MlError('single-class', 'needs both classes');
      return 1;
    };
    const w = metricsByWindow(rows, { time: (r) => r.t, windowSize: 10, metric: failing });
    expect(w[0].value).toBe(1);
    expect(w[1]).toEqual({ start: 10, end: 20, count: 1, value: null, note: 'needs both classes' });
  });

  it('skips windows below minCount', () => {
    const w = metricsByWindow(rows, { time: (r) => r.t, windowSize: 10, metric: mean, minCount: 2 });
    expect(w.map((x) => x.value)).toEqual([0.5, null, null]);
  });

  it('lets programming errors through', () => {
    expect(() =>
      metricsByWindow(rows, {
        time: (r) => r.t,
        windowSize: 10,
        metric: () => {
          throw new TypeError('bug');
        },
      }),
    ).toThrow(TypeError);
  });

  it('rejects a non-positive window', () => {
    let caught: unknown;
    try {
      metricsByWindow(rows, { time: (r) => r.t, windowSize: 0, metric: mean });
    } catch (e) {
      caught = e;
    }
    expect(isMlError(caught, 'bad-argument')).toBe(true);
  });
});
