/**
 * Bring your own data straight after opening the fraud notebook (issue 12, item 18): running the
 * file picker's cell runs the two cells it needs first; picking a file then reads, trains and
 * reports without another click, showing a progress bar that the Stop button can interrupt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, useSession, waitForIdle } from './browser';

const FIXTURE = join(__dirname, '../fixtures/fraud/byod-transactions.csv');
const s = useSession('fraud-detection');

const cell = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"]`);
const statusOf = (id: string) => cell(id).getAttribute('data-status');

/** A valid transactions file big enough that training takes a while: `rows` rows, 1 in 10 fraud. */
function bigFile(rows: number): Buffer {
  const lines = ['amount,hour,merchant,label'];
  for (let i = 0; i < rows; i++) {
    const fraud = i % 10 === 0 ? 1 : 0;
    lines.push(`${(fraud ? 200 : 20) + (i % 37)},${i % 24},${['grocery', 'online', 'fuel'][i % 3]},${fraud}`);
  }
  return Buffer.from(lines.join('\n'));
}

describe('bring your own data, first thing after opening the notebook', () => {
  it('runs the reading and training cells with the picker, then everything on picking a file', async () => {
    expect(await statusOf('byod-read')).toBe('idle');
    await cell('byod-file').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect([await statusOf('byod-read'), await statusOf('byod-train'), await statusOf('byod-file')]).toEqual(['ok', 'ok', 'ok']);
    expect(await statusOf('simulate')).toBe('idle');
    expect(await outputText(s.page, 'byod-file')).toContain('No file yet');

    await cell('byod-file')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'byod-transactions.csv', mimeType: 'text/csv', buffer: readFileSync(FIXTURE) });
    await s.page.waitForFunction(
      () => /ROC-AUC \d\.\d{3}/.test(document.querySelector('fb-cell[data-cell-id="byod-file"] .fb-outputs')?.textContent ?? ''),
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    await waitForIdle(s.page);
    expect(await statusOf('byod-file')).toBe('ok');
    expect(await outputText(s.page, 'byod-file')).toMatch(/skipped 3[\s\S]*ROC-AUC 0\.\d{3} ± 0\.\d{3} over 5 folds/);
  });

  it('shows training progress on a big file and stops when the learner presses Stop', async () => {
    await cell('byod-file')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: bigFile(400_000) });
    // The previous file's finished bar stays until this run's first output: wait for this file's own progress.
    await s.page.waitForFunction(
      () => {
        const outputs = document.querySelector('fb-cell[data-cell-id="byod-file"] .fb-outputs');
        const bar = outputs?.querySelector<HTMLProgressElement>('.fb-progress progress');
        return Boolean(outputs?.textContent?.includes('big.csv: read 400,000 rows') && bar && bar.value > 0 && bar.value < 1);
      },
      undefined,
      { timeout: 90_000, polling: 100 },
    );
    expect(await cell('byod-file').locator('.fb-progress').innerText()).toMatch(/fold 1 of 5/);
    expect(await statusOf('byod-file')).toBe('running');
    await s.page.getByRole('button', { name: 'Stop' }).click();
    await waitForIdle(s.page, 30_000);
    expect(await statusOf('byod-file')).not.toBe('ok');
    expect(await outputText(s.page, 'byod-file')).not.toMatch(/ROC-AUC \d/);
  });
});
