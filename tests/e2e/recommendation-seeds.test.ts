/**
 * The recommendation notebook's sentences agree with its numbers for other simulation seeds: the
 * seed cell is edited as a learner would, everything re-runs, and each claim of the stakeholder
 * summary is checked against the figures of the cell that computed them.
 */
import { describe, expect, it } from 'vitest';
import { outputText, statuses, typeInCell, useSession, waitForIdle } from './browser';

const s = useSession('recommendation');
const number = (text: string, pattern: RegExp): number => {
  const m = pattern.exec(text);
  if (!m) throw new Error(`no match for ${pattern} in: ${text.slice(0, 400)}`);
  return Number(m[1]);
};
const interval = (text: string, pattern: RegExp) => {
  const m = pattern.exec(text);
  if (!m) throw new Error(`no interval for ${pattern} in: ${text.slice(0, 400)}`);
  return { estimate: Number(m[1]), low: Number(m[2]), high: Number(m[3]) };
};

describe.each([3, 11])('the recommendation notebook with SEED = %i', (seed) => {
  it('runs every cell, and the summary says what the cells measured', async () => {
    await typeInCell(s.page, 'seed', `const SEED = ${seed};`);
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 240_000);
    const all = await statuses(s.page);
    expect(
      all.every((x) => x === 'ok'),
      `statuses: ${all.join(', ')}`,
    ).toBe(true);

    const summary = await outputText(s.page, 'summary');
    const ab = await outputText(s.page, 'ab-test');
    const finalTest = await outputText(s.page, 'final-test');
    // Plays per user in the summary are the A/B table's.
    const treatment = number(summary, /earned (\d+\.\d\d) plays per user/);
    const control = number(summary, /against (\d+\.\d\d) for today's most-popular row/);
    // (The table drops trailing zeros: 6.40 shows as 6.4.)
    expect(number(ab, /treatment \(iALS\)\s+\d+\s+(\d+(?:\.\d+)?)/)).toBe(treatment);
    expect(number(ab, /control \(popularity\)\s+\d+\s+(\d+(?:\.\d+)?)/)).toBe(control);
    // "better than / worse than / about as well as" follows the paired interval of the test NDCG.
    const lift = interval(finalTest, /paired difference is (-?\d\.\d{3}) \(95% interval (-?\d\.\d{3})–(-?\d\.\d{3})\)/);
    const said = /it ranked the titles people went on to watch (better than|worse than|about as well as) the popularity row/.exec(summary)?.[1];
    expect(said).toBe(lift.low > 0 ? 'better than' : lift.high < 0 ? 'worse than' : 'about as well as');
    // The recommendation follows the A/B rule the ab-test cell applied.
    const rule = /Rule \(plays interval above 0, guardrail worse by under 2 points\): (ship|hold)/.exec(ab)?.[1];
    expect(summary.includes('Recommendation: roll the personal row out')).toBe(rule === 'ship');
    const plays = interval(ab, /Plays per user: (-?\d+\.\d\d) \(95% interval (-?\d+\.\d\d)–(-?\d+\.\d\d)\)/);
    const guardrail = interval(ab, /rows with no play: (-?\d\.\d{3}) \(95% interval (-?\d\.\d{3})–(-?\d\.\d{3})\)/);
    expect(rule).toBe(plays.low > 0 && guardrail.high < 0.02 ? 'ship' : 'hold');
    // The light/heavy sentence matches the user-gap cell's verdict.
    const gap = await outputText(s.page, 'user-gap');
    expect(summary.includes('served about equally well')).toBe(gap.includes('the intervals overlap'));
    // The matrix-factorisation sentence matches its numbers.
    const mf = await outputText(s.page, 'mf-train');
    const mfRmse = number(mf, /Best validation RMSE (\d\.\d{4})/);
    const biasRmse = number(mf, /the offsets baseline had (\d\.\d{4})/);
    expect(mf.includes('the factors add almost nothing')).toBe(!(mfRmse < biasRmse - 0.002));
    // The simulated world holds taste the latent factors find: a clear gain over the offsets, interval above zero, and the sentence says so.
    const intervals = await outputText(s.page, 'rating-intervals');
    const gain = interval(intervals, /RMSE on the same users: (-?\d\.\d{4}) \(95% interval (-?\d\.\d{4})–(-?\d\.\d{4})\) stars/);
    expect(gain.estimate).toBeCloseTo(biasRmse - mfRmse, 3);
    expect(gain.estimate).toBeGreaterThanOrEqual(0.02);
    expect(gain.low).toBeGreaterThan(0);
    expect(intervals).toContain('the interval excludes zero: the latent factors predict stars better');
    // The factors sweep calls overfitting and underfitting only when its numbers show them.
    const sweep = await outputText(s.page, 'factors-sweep');
    const worse = /validation ends at (\d\.\d{3}), worse than the (\d+)-factor model's (\d\.\d{3}): overfitting/.exec(sweep);
    expect(worse, sweep).not.toBeNull();
    expect(Number(worse?.[1])).toBeGreaterThan(Number(worse?.[3]));
    const under = /With 1 factor both stay high \((\d\.\d{3}) and (\d\.\d{3})\): underfitting/.exec(sweep);
    expect(under, sweep).not.toBeNull();
    expect(Number(under?.[2])).toBeGreaterThan(Number(worse?.[3]));
    // The iALS/popularity verdict on validation matches the interval.
    const metrics = await outputText(s.page, 'ranking-metrics');
    const validationLift = interval(metrics, /NDCG@10 on the same users: (-?\d\.\d{3}) \(95% interval (-?\d\.\d{3})–(-?\d\.\d{3})\)/);
    expect(metrics.includes('iALS ranks better')).toBe(validationLift.low > 0);
  });
});
