/**
 * Bring-your-own-data benchmark for the fraud notebook on real card data: builds the app if
 * needed, serves dist/, opens the fraud-detection notebook in Debian's Chromium, runs all, then
 * uploads the ULB credit-card sample (../shared/data/ulb_creditcard_sample.csv, never committed)
 * through the notebook's file picker and prints the ROC-AUC the notebook reports, with the Run-all
 * time. The sample has a Time column, so the notebook trains on the earliest 75% of rows and tests
 * on the latest 25% (a file without one gets 5 stratified folds). It measures; it asserts nothing.
 * Reference (scikit-learn, 5-fold CV): standardised features, log amount, logistic regression:
 * ROC-AUC 0.978.
 *
 *   node bench/fraud-byod.mjs [path/to/file.csv]
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { idle, openNotebook, outputOf, SHARED_DATA } from './app.mjs';

const CSV = resolve(process.argv[2] ?? join(SHARED_DATA, 'ulb_creditcard_sample.csv'));
const NOTEBOOK = 'fraud-detection';

if (!existsSync(CSV)) {
  console.error(`No data file at ${CSV}. Pass the path of a CSV with a label or Class column.`);
  process.exit(2);
}
const { page, backend, close } = await openNotebook(NOTEBOOK);
let exitCode = 0;
try {
  const started = Date.now();
  await page.getByRole('button', { name: 'Run all' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('fb-cell[data-status]')].some((e) => e.dataset.status === 'running'), undefined, {
    timeout: 10_000,
    polling: 20,
  });
  await page.waitForFunction(idle, undefined, { timeout: 300_000, polling: 100 });
  const runAllMs = Date.now() - started;
  const statuses = await page.locator('fb-cell[data-status]').evaluateAll((els) => els.map((e) => `${e.dataset.cellId}:${e.dataset.status}`));
  const notOk = statuses.filter((s) => !s.endsWith(':ok'));

  const uploaded = Date.now();
  await page
    .locator(`fb-cell[data-cell-id="byod-file"] input[type="file"]`)
    .setInputFiles({ name: basename(CSV), mimeType: 'text/csv', buffer: readFileSync(CSV) });
  await page.waitForFunction(
    () => /ROC-AUC \d\.\d{3}|needed|no column|no data rows/.test(document.querySelector('fb-cell[data-cell-id="byod-file"] .fb-outputs')?.textContent ?? ''),
    undefined,
    { timeout: 300_000, polling: 100 },
  );
  await page.waitForFunction(idle, undefined, { timeout: 60_000, polling: 100 });
  const byodMs = Date.now() - uploaded;
  const lines = (await outputOf(page, 'byod-file')).trim().split('\n');
  const parsed = lines.find((l) => / read [\d,]+ rows/.test(l)) ?? '(no read summary)';
  const report = lines.at(-1);
  const auc = /ROC-AUC (\d\.\d{3}) (?:± (\d\.\d{3})|\(95% interval (\d\.\d{3}) to (\d\.\d{3})\))/.exec(report);

  console.log(`backend           ${backend}`);
  console.log(`run all           ${(runAllMs / 1000).toFixed(1)} s${notOk.length ? `  (cells not ok: ${notOk.join(', ')})` : ', every cell ok'}`);
  console.log(`data              ${parsed}`);
  console.log(`bring-your-own    ${(byodMs / 1000).toFixed(1)} s from upload to metrics`);
  const spread = auc ? (auc[2] ? `± ${auc[2]} over 5 folds` : `95% interval ${auc[3]}–${auc[4]}, latest 25% of rows by time`) : '';
  console.log(`ROC-AUC           ${auc ? `${auc[1]} ${spread} (scikit-learn reference, 5-fold CV: 0.978)` : `not reported: ${report}`}`);
  console.log(
    JSON.stringify({
      notebook: NOTEBOOK,
      backend,
      runAllMs,
      notOk,
      byodMs,
      rocAuc: auc ? Number(auc[1]) : null,
      rocAucStd: auc?.[2] ? Number(auc[2]) : null,
      rocAucInterval: auc?.[3] ? [Number(auc[3]), Number(auc[4])] : null,
    }),
  );
  if (!auc || notOk.length) exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
