/**
 * The fraud-detection notebook end to end, driven like a learner: run everything (no exercise is
 * passed by an untouched run), move the threshold slider with the keyboard and watch the money
 * change, do an exercise right, reload the page and load the saved model, and bring a CSV with
 * broken rows through the file picker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, statuses, useSession, waitForIdle, waitForKernel } from './browser';
import { exerciseStatuses, waitForOutput } from './cells';

const NOTEBOOK = 'fraud-detection';
const FIXTURE = join(__dirname, '../fixtures/fraud/byod-transactions.csv');

const s = useSession(NOTEBOOK);

/** Replaces line `line` (1-based) of a cell's editor with `text`, typing as a person would. */
async function replaceLine(cellId: string, line: number, text: string): Promise<void> {
  await s.page
    .locator(`fb-cell[data-cell-id="${cellId}"] .cm-line`)
    .nth(line - 1)
    .click();
  await s.page.keyboard.press('Home');
  await s.page.keyboard.press('Shift+End');
  await s.page.keyboard.insertText(text);
}

describe('the fraud-detection notebook', () => {
  it('runs every cell without error with Run all, and passes none of its exercises untouched', async () => {
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 170_000);
    const all = await statuses(s.page);
    expect(all.length).toBeGreaterThan(50);
    expect(
      all.every((x) => x === 'ok'),
      `statuses: ${all.join(', ')}`,
    ).toBe(true);
    const exercises = await exerciseStatuses(s.page);
    expect(Object.keys(exercises).length).toBeGreaterThanOrEqual(10);
    expect(
      Object.entries(exercises).filter(([, v]) => v !== 'pending' && v !== 'failed'),
      JSON.stringify(exercises),
    ).toEqual([]);
    // The model is compared with the rule on the test weeks, and the summary is written from results.
    expect(await outputText(s.page, 'final-model')).toMatch(
      /average precision is 0\.\d{3} \(95% interval 0\.\d{3} to 0\.\d{3}\) against 0\.\d{3} for the rule/,
    );
    expect(await outputText(s.page, 'summary')).toMatch(/the model caught \d+ of \d+ frauds/);
    await expect.poll(() => s.page.locator('fb-cell[data-cell-id="curves"] canvas').count()).toBe(2);
  });

  it('moves the decision threshold with the keyboard, keeping focus, and updates the matrix, the money and the check', async () => {
    const slider = s.page.getByRole('slider', { name: 'Decision threshold' });
    const start = Number(await slider.inputValue());
    const step = Number(await slider.getAttribute('step'));
    const before = await outputText(s.page, 'threshold-effect');
    // The slider starts at its top, the highest half-percent of scores.
    expect(Number(await slider.getAttribute('max'))).toBe(start);
    expect(before).toContain(`threshold ${start.toFixed(4)}`);
    await slider.focus();
    for (let i = 0; i < 3; i++) {
      await s.page.keyboard.press('ArrowLeft');
      await waitForIdle(s.page);
    }
    const moved = `threshold ${(start - 3 * step).toFixed(4)}`;
    await waitForOutput(s.page, 'threshold-effect', (t) => t.includes(moved));
    expect(await slider.evaluate((e) => e === document.activeElement)).toBe(true);
    const after = await outputText(s.page, 'threshold-effect');
    expect(after).toContain('net saving');
    expect(after).not.toBe(before);
    expect(await s.page.locator('fb-cell[data-cell-id="threshold-effect"]').getAttribute('data-status')).toBe('ok');
    expect(await s.page.locator('[data-exercise="threshold"] .fb-exercise-message').innerText()).toContain(moved);
  });

  it('passes an exercise done right: dropping the most important input, then judging its effect', async () => {
    const top = /^Most important: (\w+) \(/.exec(await outputText(s.page, 'importance'))?.[1];
    expect(top).toBeTruthy();
    const withIt = Number(/validation average precision (0\.\d{3})/.exec(await outputText(s.page, 'train-logistic'))?.[1]);
    await replaceLine('try-drop', 1, `const featureToDrop = "${top}";`);
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    const panel = s.page.locator('[data-exercise="drop-feature"]');
    expect(await panel.getAttribute('data-exercise-status')).toBe('pending');
    const without = Number(/validation AP is (0\.\d{3})/.exec(await panel.locator('.fb-exercise-message').innerText())?.[1]);
    expect(without).toBeGreaterThan(0);
    // First the wrong judgement: the panel says not yet, without giving the answer away.
    const fell = without < withIt - 0.01;
    await replaceLine('try-drop', 2, `const apFell: boolean | null = ${!fell};`);
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    expect(await panel.getAttribute('data-exercise-status')).toBe('failed');
    expect(await panel.locator('.fb-exercise-message').innerText()).toMatch(/^Not yet/);
    await replaceLine('try-drop', 2, `const apFell: boolean | null = ${fell};`);
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    expect(await panel.getAttribute('data-exercise-status')).toBe('passed');
  });

  it('reports the bad lines of an uploaded CSV by file line and column, then trains and scores on the rest', async () => {
    await s.page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').setInputFiles({
      name: 'byod-transactions.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(FIXTURE),
    });
    const text = await waitForOutput(s.page, 'byod-file', (t) => /ROC-AUC \d\.\d{3}/.test(t), 120_000);
    expect(text).toContain('read 300 rows; skipped 3');
    expect(text).toMatch(/21\s+amount\s+abc\s+'abc' is not a number/);
    expect(text).toMatch(/61\s+label\s+2\s+'2' is not a 0\/1 label/);
    expect(text).toMatch(/101\s+.*has 3 fields but the header has 6/);
    expect(text).toMatch(/ROC-AUC 0\.\d{3} ± 0\.\d{3} over 5 folds/);
    expect(text).toMatch(/average precision 0\.\d{3} \(95% interval .*\) against 0\.210 for a random ranking/);
    expect(text).toContain('amount log-transformed');
    // Charts are drawn one per frame, so the second may come a frame after the text.
    await expect.poll(() => s.page.locator('fb-cell[data-cell-id="byod-file"] canvas').count()).toBe(2);
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="byod-file"]').getAttribute('data-status')).toBe('ok');
  });

  it('finds the saved model after a page reload, running only the load cell', async () => {
    expect(await outputText(s.page, 'save-model')).toContain('Saved');
    await s.page.reload();
    await waitForKernel(s.page);
    await s.page.locator('fb-cell[data-cell-id="load-model"]').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="load-model"]').getAttribute('data-status')).toBe('ok');
    expect(await outputText(s.page, 'load-model')).toMatch(/^Loaded .+ from indexeddb:\/\/fieldbook-fraud-model: \d+ inputs, threshold 0\.\d{3}/);
  });
});
