/**
 * The sentiment-analysis notebook end to end, driven like a learner: run everything, type in the
 * review box and watch the verdict follow, bring a UCI-format file and a broken CSV through the
 * file picker, reload the page to find the saved model with its vectoriser, and run it all offline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, statuses, typeInCell, useSession, waitForIdle, waitForKernel } from './browser';
import { exerciseStatuses, waitForOutput } from './cells';

const NOTEBOOK = 'sentiment-analysis';
const FIXTURES = join(__dirname, '../fixtures/sentiment');

const s = useSession(NOTEBOOK);

describe('the sentiment-analysis notebook', () => {
  it('runs every cell without error with Run all, and passes none of its exercises', async () => {
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 170_000);
    const all = await statuses(s.page);
    expect(all.length).toBeGreaterThan(60);
    expect(
      all.every((x) => x === 'ok'),
      `statuses: ${all.join(', ')}`,
    ).toBe(true);
    const exercises = await exerciseStatuses(s.page);
    expect(Object.keys(exercises).length).toBe(17);
    expect(Object.entries(exercises).filter(([, status]) => status === 'passed')).toEqual([]);
    expect(await outputText(s.page, 'fit-logistic')).toMatch(/^TF-IDF \(1–2-grams\) \+ logistic regression, C = 1: accuracy 0\.\d{3} ± 0\.\d{3}/m);
    expect(await outputText(s.page, 'summary')).toMatch(/On Lumio's own labelled mentions it is 0\.\d\d \(95% CI 0\.\d\d–0\.\d\d\) accurate/);
    await expect.poll(() => s.page.locator('fb-cell[data-cell-id="curves"] canvas').count()).toBe(3);
    expect(await s.page.locator('fb-cell[data-cell-id="aspect-heatmap"] table.fb-heatmap').count()).toBe(1);
  });

  it('passes an exercise done right: naming the strongest baseline', async () => {
    const strongest = /The strongest baseline is (majority|VADER|toolkit lexicon)/.exec(await outputText(s.page, 'baselines'))?.[1];
    const answer = strongest === 'VADER' ? 'vader' : strongest === 'majority' ? 'majority' : 'lexicon';
    await typeInCell(s.page, 'try-baseline', `const myStrongestBaseline = "${answer}";`);
    await s.page.getByRole('button', { name: 'Run stale' }).click();
    await waitForIdle(s.page);
    expect((await exerciseStatuses(s.page)).baseline).toBe('passed');
  });

  it('scores a review as it is typed, without pressing Enter, and keeps the focus in the box', async () => {
    const box = s.page.getByRole('textbox', { name: 'Type a review' });
    await box.fill('');
    await box.focus();
    await s.page.keyboard.type('Absolutely love it, works great', { delay: 20 });
    const first = await waitForOutput(s.page, 'review-score', (t) => t.includes('great') && /^positive — P\(positive\) 0\.\d{3}/m.test(t));
    expect(first).toMatch(/absolutely\s+love\s+it\s+works\s+great/);
    const probability = (text: string) => Number(/P\(positive\) (\d\.\d{3})/.exec(text)?.[1]);
    // Keep typing in the same box: the re-run gave the focus back, and a complaint lowers the score.
    await s.page.keyboard.type('. Then it broke, total junk, returning it', { delay: 20 });
    const second = await waitForOutput(s.page, 'review-score', (t) => t.includes('junk') && /P\(positive\) \d\.\d{3}/.test(t));
    expect(second).toContain('returning');
    expect(probability(second)).toBeLessThan(probability(first));
    expect(await box.inputValue()).toBe('Absolutely love it, works great. Then it broke, total junk, returning it');
    await waitForIdle(s.page);
  });

  it('runs the pipeline on a UCI-format file from another domain, beside VADER', async () => {
    await s.page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').setInputFiles({
      name: 'yelp-200.txt',
      mimeType: 'text/plain',
      buffer: readFileSync(join(FIXTURES, 'yelp-200.txt')),
    });
    const read = await waitForOutput(s.page, 'byod-read', (t) => t.startsWith('yelp-200.txt:'));
    expect(read).toBe('yelp-200.txt: 200 lines, read 200 (112 positive, 88 negative). Format: sentence<TAB>label; labels 0 → 0, 1 → 1.');
    const model = await waitForOutput(s.page, 'byod-model', (t) => /5-fold accuracy 0\.\d{3}/.test(t), 120_000);
    expect(model).toMatch(/5-fold accuracy 0\.\d{3} \(95% CI 0\.\d{3}–0\.\d{3}\) against 0\.\d{3} for VADER, on 200 sentences\./);
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="byod-model"]').getAttribute('data-status')).toBe('ok');
  });

  it('names every bad line of a broken CSV by its line number and trains on the rest', async () => {
    await s.page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').setInputFiles({
      name: 'broken-reviews.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(join(FIXTURES, 'broken-reviews.csv')),
    });
    const read = await waitForOutput(s.page, 'byod-read', (t) => t.includes('broken-reviews.csv:'));
    expect(read).toContain('broken-reviews.csv: 121 lines, read 116 (57 positive, 59 negative), skipped 4 (listed by line).');
    expect(read).toMatch(/10\s+Fine I guess,maybe\s+label 'maybe' is not 0 or 1/);
    expect(read).toMatch(/25\s+,1\s+empty text/);
    expect(read).toMatch(/40\s+"Never closes the quote,0\s+a quote opened on this line never closes/);
    expect(read).toMatch(/60\s+too,many,fields,here,1,2\s+label '2' is not 0 or 1/);
    const model = await waitForOutput(s.page, 'byod-model', (t) => t.includes('on 116 sentences'), 120_000);
    expect(model).toMatch(/5-fold accuracy [01]\.\d{3} \(95% CI/);
    await waitForIdle(s.page);
  });

  it('finds the saved model with its vectoriser after a reload, running only the load cell', async () => {
    expect(await outputText(s.page, 'save-model')).toMatch(/^Saved to indexeddb:\/\/fieldbook-sentiment-model: [\d.]+ KB of weights/);
    await s.page.reload();
    await waitForKernel(s.page);
    await s.page.locator('fb-cell[data-cell-id="load-model"]').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect(await s.page.locator('fb-cell[data-cell-id="load-model"]').getAttribute('data-status')).toBe('ok');
    expect(await outputText(s.page, 'load-model')).toMatch(/^Loaded from indexeddb:\/\/fieldbook-sentiment-model: \d+ terms, 1–[12]-grams/);
  });

  it('runs offline after one visit: the sentence files and VADER come from the service worker', async () => {
    await s.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
    await s.context.setOffline(true);
    try {
      await s.page.reload();
      await waitForKernel(s.page);
      await s.page.getByRole('button', { name: 'Run all' }).click();
      await waitForIdle(s.page, 170_000);
      const all = await statuses(s.page);
      expect(
        all.every((x) => x === 'ok'),
        `statuses: ${all.join(', ')}`,
      ).toBe(true);
      expect(await outputText(s.page, 'load-sentences')).toContain('amazon sentences: 1000 lines, read 1000');
      expect(await outputText(s.page, 'baselines')).toMatch(/VADER \(compound ≥ 0\.05 = positive\)\s+0\.\d{3}/);
    } finally {
      await s.context.setOffline(false);
    }
  });
});
