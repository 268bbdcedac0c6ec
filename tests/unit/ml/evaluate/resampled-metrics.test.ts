import { describe, expect, it } from 'vitest';
import { averagePrecision, bootstrap, bootstrapMetric, createRng, resampledAveragePrecision } from '../../../../src/ml/index';

describe('resampledAveragePrecision', () => {
  it('is averagePrecision of the drawn rows, repeats and tied scores included', () => {
    const rng = createRng(3);
    const n = 400;
    const y = Array.from({ length: n }, () => (rng.next() < 0.1 ? 1 : 0));
    const s = y.map((v) => Math.round(((v ? 0.4 : 0) + rng.next()) * 20) / 20);
    const statistic = resampledAveragePrecision(y, s);
    for (let r = 0; r < 20; r++) {
      const idx = Int32Array.from({ length: n }, () => rng.int(0, n - 1));
      expect(statistic(idx)).toBeCloseTo(
        averagePrecision(
          Array.from(idx, (i) => y[i]),
          Array.from(idx, (i) => s[i]),
        ),
        12,
      );
    }
  });

  it('matches a hand-worked case: scores 0.9 (fraud), 0.8 (genuine), 0.7 (fraud) give AP (1 + 2/3) / 2', () => {
    const statistic = resampledAveragePrecision([1, 0, 1], [0.9, 0.8, 0.7]);
    expect(statistic(Int32Array.from([0, 1, 2]))).toBeCloseTo(5 / 6, 12);
    // Drawing the first fraud twice and the genuine payment once: precision 1 at recall 2/3, then 3/4 at 1.
    expect(statistic(Int32Array.from([0, 0, 1, 2]))).toBeCloseTo((2 / 3) * 1 + (1 / 3) * (3 / 4), 12);
    expect(statistic(Int32Array.from([1, 1]))).toBeNaN();
  });

  it('gives bootstrap the same interval as bootstrapMetric(averagePrecision, …)', () => {
    const rng = createRng(5);
    const y = Array.from({ length: 300 }, (_, i) => (i % 9 === 0 ? 1 : 0));
    const s = y.map((v) => (v ? 0.3 : 0) + rng.next());
    const fast = bootstrap(y.length, resampledAveragePrecision(y, s), { resamples: 200, seed: 1, strata: y });
    const slow = bootstrapMetric(averagePrecision, y, s, { resamples: 200, seed: 1 });
    expect(fast.low).toBeCloseTo(slow.low, 12);
    expect(fast.high).toBeCloseTo(slow.high, 12);
    expect(fast.estimate).toBeCloseTo(averagePrecision(y, s), 12);
  });
});
