/**
 * Start here with other seeds: a learner changes `SEED` and runs all; every sentence the cells
 * write must agree with the tables they show, and no exercise is passed by the untouched cells.
 */
import { describe, expect, it } from 'vitest';
import { outputText, statuses, useSession, waitForIdle } from './browser';
import { tableRows } from './cells';

const s = useSession('00-start-here');

describe.each([7, 3, 2024])('start here with SEED = %i', (seed) => {
  it('runs, passes no exercise, and says what its tables show', async () => {
    const line = s.page.locator('fb-cell[data-cell-id="make-data"] .cm-line', { hasText: 'const SEED' });
    await line.click();
    await s.page.keyboard.press('Home');
    await s.page.keyboard.press('Shift+End');
    await s.page.keyboard.insertText(`const SEED = ${seed};`);
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 120_000);
    expect((await statuses(s.page)).every((x) => x === 'ok')).toBe(true);
    const exerciseStates = await s.page.locator('[data-exercise]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.exerciseStatus));
    expect(exerciseStates.length).toBeGreaterThanOrEqual(4);
    expect(exerciseStates.filter((x) => x !== 'pending' && x !== 'failed')).toEqual([]);

    // The sweep's sentence names the degree with the lowest validation MSE in its table.
    const sweep = (await tableRows(s.page, 'sweep')).map((r) => ({ degree: Number(r[0]), train: Number(r[1]), validation: Number(r[2]) }));
    const lowest = sweep.reduce((a, b) => (b.validation < a.validation ? b : a));
    expect(await outputText(s.page, 'sweep')).toContain(`Lowest validation MSE at degree ${lowest.degree} `);
    // The prose says degree 1 underfits (both errors above the noise floor) and degree 12 fits its training points below it.
    expect(sweep[0].train).toBeGreaterThan(1);
    expect(sweep[0].validation).toBeGreaterThan(1);
    expect(sweep[11].train).toBeLessThan(1);
    expect(sweep[11].validation).toBeGreaterThan(lowest.validation);

    // More data: the averaged errors shrink, as the sentence says.
    const [few, many] = await tableRows(s.page, 'more-data');
    expect(Number(many[1])).toBeLessThan(Number(few[1]));
    expect(Number(many[2])).toBeLessThan(Number(few[2]));

    // The chosen model is the finalist with the lower validation MSE, and the report is on it.
    const finalists = (await tableRows(s.page, 'choose')).map((r) => ({ model: r[0], validation: Number(r[1]) }));
    const chosen = finalists.reduce((a, b) => (b.validation < a.validation ? b : a));
    expect(await outputText(s.page, 'choose')).toContain(`Validation picks ${chosen.model} `);
    expect((await tableRows(s.page, 'report'))[0][0]).toBe(chosen.model);
  });
});
