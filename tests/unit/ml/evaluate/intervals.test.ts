import { describe, expect, it } from 'vitest';
import { binomialInterval, bootstrap, bootstrapMetric, fisherExact, normalQuantile, pairedBootstrap } from '../../../../src/ml/evaluate/intervals';
import { createRng, rocAuc } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

const mean = (values: ArrayLike<number>, idx: Int32Array) => {
  let s = 0;
  for (const i of idx) s += values[i];
  return s / idx.length;
};

describe('binomialInterval', () => {
  // Reference: scipy.stats.binomtest(k, n).proportion_ci(method='exact' | 'wilson'), scipy 1.10.
  const cases: [number, number, [number, number], [number, number]][] = [
    [7, 2000, [0.0014083038325025186, 0.007197961714756038], [0.0016964316970424186, 0.007207196253241746]],
    [4, 1500, [0.0007270400447453692, 0.00681353173292647], [0.0010374882451031466, 0.006836652177904042]],
    [3, 10, [0.06673951117773447, 0.652452850060008], [0.10779126740630102, 0.6032218525388546]],
    [73, 5000, [0.011461064228373894, 0.018322742153977927], [0.011628443441836708, 0.018316841606424748]],
  ];
  it.each(cases)('gives scipy’s exact and Wilson intervals for %i of %i', (k, n, exact, wilson) => {
    const cp = binomialInterval(k, n);
    expect(cp.estimate).toBe(k / n);
    expect(cp.low).toBeCloseTo(exact[0], 10);
    expect(cp.high).toBeCloseTo(exact[1], 10);
    // Wilson rests on the normal quantile, computed to about 1e-9.
    const w = binomialInterval(k, n, { method: 'wilson' });
    expect(w.low).toBeCloseTo(wilson[0], 8);
    expect(w.high).toBeCloseTo(wilson[1], 8);
  });

  it('reaches 0 and 1 at the edges, as scipy does', () => {
    expect(binomialInterval(0, 50)).toMatchObject({ low: 0 });
    expect(binomialInterval(0, 50).high).toBeCloseTo(0.07112173646420458, 10);
    expect(binomialInterval(50, 50).low).toBeCloseTo(0.9288782635357954, 10);
    expect(binomialInterval(50, 50).high).toBe(1);
    expect(binomialInterval(1, 1).low).toBeCloseTo(0.025, 10);
  });

  it('is wider at 99% than at 95%', () => {
    const narrow = binomialInterval(20, 200);
    const wide = binomialInterval(20, 200, { level: 0.99 });
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it('refuses impossible counts', () => {
    expectMlError(() => binomialInterval(5, 4), 'bad-argument');
    expectMlError(() => binomialInterval(1.5, 4), 'bad-argument');
    expectMlError(() => binomialInterval(1, 4, { level: 95 }), 'bad-argument');
  });
});

describe('fisherExact', () => {
  // Reference: scipy.stats.fisher_exact([[a, b], [c, d]]), two-sided, scipy 1.10.
  const cases: [number, number, number, number, number, number][] = [
    [7, 1993, 4, 1496, 1.3135975915704967, 0.7670821220105666],
    [1, 9, 11, 3, 0.030303030303030304, 0.0027594561852200836],
    [8, 2, 1, 5, 20, 0.034965034965034975],
    [3, 1, 1, 3, 9, 0.48571428571428565],
    [20, 980, 5, 995, 4.061224489795919, 0.0038590206248560925],
  ];
  it.each(cases)('matches scipy for [[%i, %i], [%i, %i]]', (a, b, c, d, oddsRatio, pValue) => {
    const result = fisherExact(a, b, c, d);
    expect(result.oddsRatio).toBeCloseTo(oddsRatio, 10);
    expect(result.pValue).toBeCloseTo(pValue, 10);
  });

  it('gives p = 1 and an undefined odds ratio for an empty column', () => {
    const result = fisherExact(0, 10, 0, 5);
    expect(result.pValue).toBeCloseTo(1, 12);
    expect(result.oddsRatio).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
  });
});

describe('bootstrap', () => {
  it('agrees with scipy’s percentile bootstrap of a mean to Monte-Carlo precision', () => {
    // scipy.stats.bootstrap((x,), np.mean, method='percentile', n_resamples=20000): (6.1, 9.55).
    const x = Array.from({ length: 40 }, (_, i) => ((i + 1) * (i + 1)) % 17);
    const ci = bootstrap(x.length, (idx) => mean(x, idx), { resamples: 5000, seed: 3 });
    expect(ci.estimate).toBeCloseTo(7.8, 12);
    expect(ci.low).toBeCloseTo(6.1, 0);
    expect(ci.high).toBeCloseTo(9.55, 0);
    expect(Math.abs(ci.low - 6.1)).toBeLessThan(0.25);
    expect(Math.abs(ci.high - 9.55)).toBeLessThan(0.25);
  });

  it('matches the normal approximation for the mean of many values', () => {
    const rng = createRng(11);
    const x = Array.from({ length: 2000 }, () => rng.normal(5, 2));
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
    const half = (1.96 * sd) / Math.sqrt(x.length);
    const ci = bootstrap(x.length, (idx) => mean(x, idx), { resamples: 2000 });
    expect(ci.high - ci.low).toBeGreaterThan(2 * half * 0.9);
    expect(ci.high - ci.low).toBeLessThan(2 * half * 1.1);
    expect((ci.low + ci.high) / 2).toBeCloseTo(m, 1);
  });

  it('gives the same interval for the same seed and another for another seed', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const stat = (idx: Int32Array) => mean(x, idx);
    expect(bootstrap(x.length, stat, { seed: 1 })).toEqual(bootstrap(x.length, stat, { seed: 1 }));
    expect(bootstrap(x.length, stat, { seed: 1 })).not.toEqual(bootstrap(x.length, stat, { seed: 2 }));
  });

  it('keeps each stratum’s size in every resample', () => {
    const strata = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2];
    const seen = new Set<string>();
    bootstrap(
      strata.length,
      (idx) => {
        const counts = [0, 0, 0];
        for (const i of idx) counts[strata[i]]++;
        seen.add(counts.join(','));
        return 0;
      },
      { strata, resamples: 200 },
    );
    expect([...seen]).toEqual(['7,2,1']);
  });

  it('refuses a statistic that is rarely finite, and strata of the wrong length', () => {
    expectMlError(() => bootstrap(10, () => NaN), 'bad-argument');
    expectMlError(() => bootstrap(10, () => 1, { strata: [0, 1] }), 'shape-mismatch');
  });
});

describe('bootstrapMetric and pairedBootstrap', () => {
  const rng = createRng(5);
  const y = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const good = y.map((t) => t * 0.6 + rng.uniform(0, 0.6));
  const noisy = y.map((t) => t * 0.15 + rng.uniform(0, 0.6));

  it('stratifies by the 0/1 label, so ROC-AUC is defined on every resample', () => {
    const ci = bootstrapMetric(rocAuc, y, noisy, { resamples: 300 });
    expect(ci.estimate).toBeCloseTo(rocAuc(y, noisy), 12);
    expect(ci.low).toBeLessThan(ci.estimate);
    expect(ci.high).toBeGreaterThan(ci.estimate);
  });

  it('says a clearly better model is better, with the difference’s interval above 0', () => {
    const result = pairedBootstrap(rocAuc, y, noisy, good, { resamples: 300 });
    expect(result.difference.estimate).toBeCloseTo(rocAuc(y, good) - rocAuc(y, noisy), 12);
    expect(result.difference.low).toBeGreaterThan(0);
    expect(result.probabilityBBetter).toBe(1);
  });

  it('gives a zero difference and an even chance for two identical models', () => {
    const result = pairedBootstrap(rocAuc, y, noisy, noisy, { resamples: 100 });
    expect(result.difference).toMatchObject({ estimate: 0, low: 0, high: 0 });
    expect(result.probabilityBBetter).toBe(0.5);
  });

  it('refuses scores of another length', () => {
    expectMlError(() => bootstrapMetric(rocAuc, y, noisy.slice(1)), 'shape-mismatch');
  });
});
