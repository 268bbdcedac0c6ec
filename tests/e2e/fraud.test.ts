/**
 * The fraud-detection notebook end to end, driven like a learner: run everything, move the
 * threshold slider and watch the money change, reload the page and load the saved model, and
 * bring a CSV with broken rows through the file picker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, statuses, useSession, waitForIdle, waitForKernel } from './browser';

const NOTEBOOK = 'fraud-detection';
const FIXTURE = join(__dirname, '../fixtures/fraud/byod-transactions.csv');

const s = useSession(NOTEBOOK);

/** Waits until a cell's output text satisfies `test`. */
async function waitForOutput(cellId: string, test: (text: string) => boolean, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await outputText(s.page, cellId).catch(() => '');
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`cell ${cellId} never showed the expected output; it shows: ${text.slice(0, 500)}`);
    await s.page.waitForTimeout(100);
  }
}

describe('the fraud-detection notebook', () => {
  it('runs every cell without error with Run all', async () => {
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 170_000);
    const all = await statuses(s.page);
    expect(all.length).toBeGreaterThan(40);
    expect(all.every((x) => x === 'ok'), `statuses: ${all.join(', ')}`).toBe(true);
    // The exercises say "not yet" rather than failing when nobody has tried them.
    expect(await outputText(s.page, 'check-threshold')).toMatch(/^Not yet|No threshold/);
    expect(await outputText(s.page, 'check-drop')).toMatch(/^Not yet/);
    expect(await outputText(s.page, 'check-blocking')).toMatch(/^Not yet|blocks no such payment/);
    // The model is compared with the rule on the test weeks, and the summary is written from results.
    expect(await outputText(s.page, 'final-model')).toMatch(/average precision is 0\.\d{3} against 0\.\d{3} for the rule/);
    expect(await outputText(s.page, 'summary')).toMatch(/the model caught \d+ of \d+ frauds/);
    expect(await s.page.locator('fb-cell[data-cell-id="curves"] canvas').count()).toBe(2);
  });

  it('moves the decision threshold and updates the confusion matrix and the money', async () => {
    const before = await outputText(s.page, 'threshold-effect');
    expect(before).toContain('threshold 0.50');
    const slider = s.page.getByRole('slider', { name: 'Decision threshold' });
    await slider.focus();
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('ArrowLeft');
    await s.page.waitForFunction(() => document.querySelector('fb-cell[data-cell-id="threshold-effect"] .fb-outputs')?.textContent?.includes('threshold 0.47'));
    await waitForIdle(s.page);
    const after = await outputText(s.page, 'threshold-effect');
    expect(after).toContain('net saving');
    expect(after).not.toBe(before);
    expect(await s.page.locator('fb-cell[data-cell-id="threshold-effect"]').getAttribute('data-status')).toBe('ok');
    expect(await outputText(s.page, 'check-threshold')).toContain('threshold 0.47');
  });

  it('tells the learner when an exercise is done: dropping the most important input', async () => {
    const top = /^Most important: (\w+) \(/.exec(await outputText(s.page, 'importance'))?.[1];
    expect(top).toBeTruthy();
    await s.page.locator('fb-cell[data-cell-id="try-drop"] .cm-line').first().click();
    await s.page.keyboard.press('Home');
    await s.page.keyboard.press('Shift+End');
    await s.page.keyboard.insertText(`const featureToDrop = "${top}";`);
    expect(await s.page.locator('fb-cell[data-cell-id="check-drop"]').getAttribute('data-status')).toBe('stale');
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    expect(await outputText(s.page, 'try-drop')).toMatch(new RegExp(`^Without ${top}: validation AP 0\\.\\d{3}`));
    await s.page.locator('fb-cell[data-cell-id="check-drop"]').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect(await outputText(s.page, 'check-drop')).toMatch(/^✅/);
  });

  it('reports the bad rows of an uploaded CSV by row and column, then trains and scores on the rest', async () => {
    await s.page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').setInputFiles({
      name: 'byod-transactions.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(FIXTURE),
    });
    const parsed = await waitForOutput('byod-parse', (t) => t.includes('byod-transactions.csv:'));
    expect(parsed).toContain('skipped 3');
    expect(parsed).toMatch(/21\s+amount\s+abc\s+'abc' is not a number/);
    expect(parsed).toMatch(/61\s+label\s+2\s+'2' is not a 0\/1 label/);
    expect(parsed).toMatch(/101\s+.*has 3 fields but the header has 6/);
    const model = await waitForOutput('byod-model', (t) => /ROC-AUC \d\.\d{3}/.test(t), 120_000);
    expect(model).toMatch(/ROC-AUC 0\.\d{3} ± 0\.\d{3} over 5 folds/);
    expect(model).toContain('log-transformed');
    expect(await s.page.locator('fb-cell[data-cell-id="byod-model"] canvas').count()).toBe(2);
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="byod-model"]').getAttribute('data-status')).toBe('ok');
  });

  it('finds the saved model after a page reload, running only the load cell', async () => {
    expect(await outputText(s.page, 'save-model')).toContain('Saved');
    await s.page.reload();
    await waitForKernel(s.page);
    await s.page.locator('fb-cell[data-cell-id="load-model"]').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="load-model"]').getAttribute('data-status')).toBe('ok');
    expect(await outputText(s.page, 'load-model')).toMatch(/^Loaded .+ from indexeddb:\/\/fieldbook-fraud-model: \d+ inputs, threshold 0\.\d\d/);
  });
});
