/**
 * The recommendation notebook end to end, driven like a learner: run everything (no exercise
 * passes untouched), rate a title in the "For you" widget and watch the row change, and bring a
 * MovieLens-format file (a generated `u.data` fixture) and a broken CSV through the file picker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, statuses, typeInCell, useSession, waitForIdle } from './browser';
import { waitForOutput } from './cells';

const FIXTURES = join(__dirname, '../fixtures/recommendation');
const s = useSession('recommendation');

/** Runs the bring-your-own-data cells once if nothing ran them yet (they wait for a file and need nothing else). */
async function showFilePicker(): Promise<void> {
  if ((await s.page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').count()) > 0) return;
  await s.page.locator('fb-cell[data-cell-id="byod-run"]').getByRole('button', { name: 'Run cell' }).click();
  await waitForIdle(s.page);
}

describe('the recommendation notebook', () => {
  it('runs every cell without error with Run all, and passes no exercise untouched', async () => {
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 240_000);
    const all = await statuses(s.page);
    expect(all.length).toBeGreaterThan(50);
    expect(
      all.every((x) => x === 'ok'),
      `statuses: ${all.join(', ')}`,
    ).toBe(true);
    const exerciseStatuses = await s.page.locator('[data-exercise]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.exerciseStatus));
    expect(exerciseStatuses.length).toBeGreaterThanOrEqual(10);
    expect(
      exerciseStatuses.every((x) => x === 'pending' || x === 'failed'),
      exerciseStatuses.join(', '),
    ).toBe(true);
    expect(await outputText(s.page, 'surprise')).toMatch(/Ranked by predicted stars, NDCG@10 is 0\.\d{3} against popularity's 0\.\d{3}/);
    expect(await outputText(s.page, 'final-test')).toMatch(/the paired difference is -?0\.\d{3} \(95% interval/);
    expect(await outputText(s.page, 'save-model')).toMatch(/Reloaded, it gives the same top 10/);
    expect(await outputText(s.page, 'summary')).toMatch(/^In a simulated A\/B test on \d+ users, the personal row earned \d+\.\d\d plays per user/);
    await expect.poll(() => s.page.locator('fb-cell[data-cell-id="long-tail"] canvas').count()).toBe(2);
    // The matrix factorisation view draws RMSE and nothing else: one chart, training and validation.
    const mfCharts = s.page.locator('fb-cell[data-cell-id="mf-train"] .fb-training canvas');
    await expect.poll(() => mfCharts.count()).toBe(1);
    expect(await mfCharts.getAttribute('aria-label')).toBe('RMSE (line chart of training RMSE, validation RMSE)');
  });

  /** Types each answer into an exercise cell (its notebook source with one line changed), runs it, and expects each status. */
  async function tryAnswers(cellId: string, exerciseId: string, line: string, answers: readonly (readonly [string, string])[]): Promise<void> {
    const notebook = readFileSync(join(__dirname, '../../notebooks/recommendation.md'), 'utf8');
    const source = new RegExp('```ts id=' + cellId + '\\n([\\s\\S]*?)```').exec(notebook)?.[1] ?? '';
    expect(source).toContain(line);
    const panel = s.page.locator(`[data-exercise="${exerciseId}"]`);
    expect(await panel.getAttribute('data-exercise-status')).toBe('pending');
    for (const [answer, status] of answers) {
      await typeInCell(s.page, cellId, source.replace(line, answer).trimEnd());
      await s.page.keyboard.press('Control+Enter');
      await waitForIdle(s.page);
      expect(await panel.getAttribute('data-exercise-status'), answer).toBe(status);
    }
  }

  it('passes an exercise done right, after failing it: the split that does not leak', async () => {
    await tryAnswers('try-split', 'split-choice', 'const mySplit: string = "";', [
      ['const mySplit: string = "random";', 'failed'],
      ['const mySplit: string = "global";', 'passed'],
    ]);
  });

  it('fails too much damping and passes a few virtual ratings', async () => {
    await tryAnswers('try-damping', 'bias-damping', 'const myDamping = 0;', [
      ['const myDamping = 500;', 'failed'],
      ['const myDamping = 5;', 'passed'],
    ]);
  });

  it('fails too small and too large an L2 penalty for 160 factors, and passes one that lets the factors beat the offsets', async () => {
    await tryAnswers('try-l2', 'tame-overfitting', 'const myL2 = 0;', [
      ['const myL2 = 0.001;', 'failed'],
      ['const myL2 = 1;', 'failed'],
      ['const myL2 = 0.1;', 'passed'],
    ]);
  });

  it('updates the "For you" row when the learner rates a title', async () => {
    const before = await outputText(s.page, 'for-you');
    expect(before).toMatch(/folded in from 2 liked titles/);
    // One step at a time, as a person pressing the arrow key and watching the row change.
    for (let i = 0; i < 4; i++) {
      await s.page.getByRole('slider', { name: 'Your rating of the first title' }).focus();
      await s.page.keyboard.press('ArrowLeft');
      await s.page.waitForTimeout(150);
      await waitForIdle(s.page);
    }
    const after = await waitForOutput(s.page, 'for-you', (t) => t.includes('folded in from 1 liked title'));
    expect(after).not.toBe(before);
    expect(await s.page.getByRole('slider', { name: 'Your rating of the first title' }).inputValue()).toBe('1');
    expect(await s.page.locator('fb-cell[data-cell-id="for-you"]').getAttribute('data-status')).toBe('ok');
  });

  it('reads a u.data file and reports ratings and ranking metrics for both splits', async () => {
    await showFilePicker();
    await s.page
      .locator('fb-cell[data-cell-id="byod-file"] input[type="file"]')
      .first()
      .setInputFiles({
        name: 'u.data',
        mimeType: 'text/plain',
        buffer: readFileSync(join(FIXTURES, 'u.data')),
      });
    const parsed = await waitForOutput(s.page, 'byod-parse', (t) => t.startsWith('u.data:'));
    expect(parsed).toContain('u.data: 3,764 ratings by 150 users of 120 items (u.data format); skipped 0 bad lines.');
    const run = await waitForOutput(s.page, 'byod-run', (t) => /Done in \d+\.\d s/.test(t));
    for (const split of ['random 80/20', 'global time']) {
      expect(run).toMatch(new RegExp(`${split}\\s+user \\+ item bias\\s+\\d\\.\\d{4}\\s+\\d\\.\\d{4}`));
      expect(run).toMatch(new RegExp(`${split}\\s+matrix factorisation\\s+\\d\\.\\d{4}\\s+\\d\\.\\d{4}\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s+0\\.\\d{3}`));
      expect(run).toMatch(new RegExp(`${split}\\s+popularity\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s+0\\.\\d{3}`));
      expect(run).toMatch(new RegExp(`${split}\\s+iALS \\(penalty \\d+, popularity weight [\\d.]+\\)\\s+0\\.\\d{3}\\s+0\\.\\d{3}\\s+0\\.\\d{3}`));
    }
    await waitForIdle(s.page);
  });

  it('names the bad lines of a broken CSV by line number and runs on the rest, with titles', async () => {
    await showFilePicker();
    await s.page
      .locator('fb-cell[data-cell-id="byod-file"] input[type="file"]')
      .nth(1)
      .setInputFiles({
        name: 'u.item',
        mimeType: 'text/plain',
        buffer: readFileSync(join(FIXTURES, 'u.item')),
      });
    await waitForIdle(s.page);
    await s.page
      .locator('fb-cell[data-cell-id="byod-file"] input[type="file"]')
      .first()
      .setInputFiles({
        name: 'broken-ratings.csv',
        mimeType: 'text/csv',
        buffer: readFileSync(join(FIXTURES, 'broken-ratings.csv')),
      });
    const parsed = await waitForOutput(s.page, 'byod-parse', (t) => t.includes('broken-ratings.csv:'));
    expect(parsed).toContain('400 ratings');
    expect(parsed).toContain('(CSV with a header); skipped 4 bad lines. Titles: 120 read from u.item.');
    expect(parsed).toMatch(/10\s+rating 'four' is not a number/);
    expect(parsed).toMatch(/30\s+has 3 fields, expected 4 \(as the header\)/);
    expect(parsed).toMatch(/50\s+repeats user \d+'s rating of item \d+ \(the first one is kept\)/);
    expect(parsed).toMatch(/100\s+timestamp 'yesterday' is not a whole number of seconds/);
    const run = await waitForOutput(s.page, 'byod-run', (t) => /Done in \d+\.\d s/.test(t));
    expect(run).toMatch(/The ranking model's top 5 for user \d+/);
    expect(run).not.toContain('(no titles file)');
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="byod-run"]').getAttribute('data-status')).toBe('ok');
  });
});
