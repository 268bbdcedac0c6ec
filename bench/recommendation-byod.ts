/// <reference types="node" />
/**
 * Bring-your-own-data benchmark for the recommendation notebook at MovieLens-100k scale: writes
 * simulated rating files in `u.data` format (943 users, 1,682 titles, ~100,000 ratings) for several
 * simulator settings, uploads each through the notebook's file picker in headless Chromium, and
 * prints the time from upload to the results table with the figures the table reports: whether
 * matrix factorisation beats the bias baseline on RMSE and whether the ranking model beats
 * popularity on NDCG@10, on the random 80/20 and on the global time split. It asserts nothing.
 *
 *   node bench/run-ts.mjs bench/recommendation-byod.ts [--only default] [path/to/u.data …]
 *
 * A path argument uploads that file instead (e.g. a MovieLens download, which is never committed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { openNotebook } from './app.mjs';
import { formatUData, generateRatings, type RatingOptions } from '../src/ml';

const args = process.argv.slice(3);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const paths = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');

const SCALE: RatingOptions = { users: 943, items: 1682, ratingsPerUser: 106, minRatingsPerUser: 20 };
/** Settings that move what the models can learn: taste strength, noise, popularity, selection. */
const SETTINGS: Record<string, RatingOptions> = {
  default: { seed: 1 },
  'taste-driven choice': { seed: 2, selectionBias: 2 },
  'weak tastes, more noise': { seed: 3, tasteStrength: 0.6, noise: 0.9 },
  'flat popularity': { seed: 4, popularityExponent: 0.8 },
  'steep popularity': { seed: 5, popularityExponent: 1.3, selectionBias: 1.5 },
};

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-rec-byod-'));
const files: { name: string; path: string }[] = paths.length
  ? paths.map((p) => ({ name: basename(p), path: resolve(p) }))
  : Object.entries(SETTINGS)
      .filter(([name]) => !only || name === only)
      .map(([name, options]) => {
        const path = join(dir, `${name.replace(/\W+/g, '-')}.data`);
        writeFileSync(path, formatUData(generateRatings({ ...SCALE, ...options }).table.rows));
        return { name, path };
      });

const { page, url, close } = await openNotebook('recommendation');
const results: unknown[] = [];
try {
  for (const file of files) {
    await page.goto(url);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.kernel === 'ready', undefined, { timeout: 90_000 });
    // Run the three cells once (they wait for a file); a new file then re-runs them. They need nothing else.
    await page.locator('fb-cell[data-cell-id="byod-run"]').getByRole('button', { name: 'Run cell' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('fb-cell[data-cell-id="byod-run"]')?.dataset.status === 'ok', undefined, {
      timeout: 60_000,
    });
    await page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').first().waitFor({ state: 'attached', timeout: 60_000 });
    const started = Date.now();
    await page
      .locator('fb-cell[data-cell-id="byod-file"] input[type="file"]')
      .first()
      .setInputFiles({ name: 'u.data', mimeType: 'text/plain', buffer: readFileSync(file.path) });
    await page.waitForFunction(
      () => /Done in|Stopped|needed/.test(document.querySelector('fb-cell[data-cell-id="byod-run"] .fb-outputs')?.textContent ?? ''),
      undefined,
      { timeout: 300_000, polling: 200 },
    );
    const seconds = (Date.now() - started) / 1000;
    const table = await page
      .locator('fb-cell[data-cell-id="byod-run"] table')
      .first()
      .evaluate((t) => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    const header = await page
      .locator('fb-cell[data-cell-id="byod-run"] table')
      .first()
      .evaluate((t) => [...t.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? ''));
    const col = (name: string) => header.indexOf(name);
    const value = (split: string, model: RegExp, column: string) =>
      Number(table.find((r) => r[col('split')] === split && model.test(r[col('model')]))?.[col(column)]);
    const summary: Record<string, unknown> = { file: file.name, seconds };
    for (const split of ['random 80/20', 'global time']) {
      const bias = value(split, /bias/, 'RMSE');
      const mf = value(split, /matrix/, 'RMSE');
      const pop = value(split, /^popularity/, 'NDCG@10');
      const ials = value(split, /iALS/, 'NDCG@10');
      summary[split] = { biasRmse: bias, mfRmse: mf, mfBeatsBias: mf < bias, popularityNdcg: pop, rankerNdcg: ials, rankerBeatsPopularity: ials > pop };
    }
    console.log(
      `${file.name.padEnd(26)} ${seconds.toFixed(1).padStart(5)} s  ` +
        ['random 80/20', 'global time']
          .map((s) => {
            const r = summary[s] as Record<string, number | boolean>;
            return `${s}: RMSE bias ${r.biasRmse} MF ${r.mfRmse}${r.mfBeatsBias ? ' ✓' : ' ✗'}, NDCG pop ${r.popularityNdcg} iALS ${r.rankerNdcg}${r.rankerBeatsPopularity ? ' ✓' : ' ✗'}`;
          })
          .join(' | '),
    );
    results.push(summary);
  }
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(results));
