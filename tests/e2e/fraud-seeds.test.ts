/**
 * The fraud notebook's sentences are written by its cells; this checks they stay true for other
 * simulated worlds. For each seed the learner changes `SEED` and runs all, and the stakeholder
 * summary's claims are checked against the numbers the other cells computed: it never calls a
 * retrain an improvement when its money or false alarms say otherwise, never escalates a group gap
 * the test does not support, and reports the limits as they came out. No exercise passes untouched.
 */
import { describe, expect, it } from 'vitest';
import { outputText, statuses, useSession, waitForIdle } from './browser';
import { tableRows } from './cells';

const s = useSession('fraud-detection');
const LIMIT = 8;
const euros = (text: string) => Number(text.replace(/[€,]/g, '').replace('−', '-'));

/** Changes the seed in the simulate cell, as a learner would, and runs all. */
async function runWithSeed(seed: number): Promise<void> {
  const line = s.page.locator('fb-cell[data-cell-id="simulate"] .cm-line', { hasText: 'const SEED' });
  await line.click();
  await s.page.keyboard.press('Home');
  await s.page.keyboard.press('Shift+End');
  await s.page.keyboard.insertText(`const SEED = ${seed};`);
  await s.page.getByRole('button', { name: 'Run all' }).click();
  await waitForIdle(s.page, 170_000);
}

describe.each([7, 1234])('the fraud notebook with SEED = %i', (seed) => {
  it('runs every cell, passes no exercise, and writes a summary that agrees with the numbers', async () => {
    await runWithSeed(seed);
    expect((await statuses(s.page)).every((x) => x === 'ok')).toBe(true);
    expect(await outputText(s.page, 'simulate')).toMatch(/^[\s\S]*labelled payments/);
    const exerciseStates = await s.page.locator('[data-exercise]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.exerciseStatus));
    expect(exerciseStates.filter((x) => x !== 'pending' && x !== 'failed')).toEqual([]);
    const summary = await outputText(s.page, 'summary');

    // Test weeks: caught X of Y frauds, and false alarms against the limit, as the final-model table says.
    const caught = /caught (\d+) of (\d+) frauds \((\d+)%/.exec(summary)!;
    expect(Math.round((100 * Number(caught[1])) / Number(caught[2]))).toBe(Number(caught[3]));
    const [, modelRow] = await tableRows(s.page, 'final-model');
    expect(Number(modelRow[4])).toBeCloseTo(Number(caught[1]) / Number(caught[2]), 3);
    const alarms = /raised (\d+\.\d) false alarms per 1,000 payments — (within|over) your limit/.exec(summary)!;
    expect(Number(alarms[1])).toBe(Number(modelRow[5]));
    expect(alarms[2]).toBe(Number(alarms[1]) < LIMIT ? 'within' : 'over');

    // The launch threshold: the summary says the recall target was met only if the optimiser said so.
    const launch = await outputText(s.page, 'cost-optimal');
    expect(summary.includes('meets both of your targets')).toBe(launch.includes('It meets both limits.'));

    // The retraining decision agrees with the decision week's money and false alarms.
    const [current, candidate] = await tableRows(s.page, 'promotion');
    const [netNow, netNew, alarmsNow, alarmsNew] = [euros(current[6]), euros(candidate[6]), Number(current[5]), Number(candidate[5])];
    const shouldPromote = netNew > netNow && (alarmsNew < LIMIT || alarmsNew <= alarmsNow);
    expect(summary.includes('passed the promotion rule and replaces it')).toBe(shouldPromote);
    expect(summary.includes('did not pass the promotion rule')).toBe(!shouldPromote);
    if (/improv/i.test(summary)) expect(netNew).toBeGreaterThan(netNow);

    // Monitoring: the recall figures the summary quotes are the monitor cell's.
    const monitor = await outputText(s.page, 'monitor');
    const weeks = /Recall went from (\d\.\d\d) .* in week (\d+) \(before launch\) to (\d\.\d\d) .* in week (\d+)/.exec(monitor)!;
    const said = /recall went from (\d+)% in week (\d+) to (\d+)% in week (\d+)/.exec(summary)!;
    expect([Number(said[1]), Number(said[3])]).toEqual([Math.round(100 * Number(weeks[1])), Math.round(100 * Number(weeks[3]))]);
    expect([said[2], said[4]]).toEqual([weeks[2], weeks[4]]);

    // Fairness: a gap is escalated only when the corrected test supports it.
    const fairness = await outputText(s.page, 'fairness');
    const adjusted = /(\d\.\d{3}) after the correction/.exec(fairness);
    const supported = adjusted !== null && Number(adjusted[1]) < 0.05;
    expect(fairness.includes('escalate it.')).toBe(supported);
    expect(summary.includes('more than chance explains')).toBe(supported);
  });
});
