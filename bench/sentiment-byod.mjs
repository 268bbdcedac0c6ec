/**
 * Bring-your-own-data benchmark for the sentiment notebook: serves the built app, opens the
 * sentiment-analysis notebook in Debian's Chromium, pushes labelled-sentence files through its
 * file picker one after another, and prints the 5-fold accuracy the notebook reports beside
 * scikit-learn's TfidfVectorizer(ngram_range=(1, 2)) + LogisticRegression(C=1) on the same
 * sentences and folds (Debian's python3 with python3-sklearn). It measures; it asserts nothing, and
 * exits 1 only when a figure could not be obtained.
 *
 *   node bench/sentiment-byod.mjs [file …]     (default: ../shared/data/amazon_cells_labelled.txt and yelp_labelled.txt)
 *
 * Files may be in the UCI format (sentence<TAB>label) or a text,label CSV, as the notebook reads them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';
import { idle, openNotebook, outputOf, ROOT, SHARED_DATA } from './app.mjs';

const FILES =
  process.argv.length > 2 ? process.argv.slice(2).map((f) => resolve(f)) : ['amazon_cells_labelled.txt', 'yelp_labelled.txt'].map((f) => join(SHARED_DATA, f));
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const NOTEBOOK = 'sentiment-analysis';

/**
 * scikit-learn on the same sentences and the same five folds as the notebook (PredefinedSplit), so
 * the gap measures the pipelines, not which sentences landed in which fold (that alone moves a
 * 5-fold score on 1,000 sentences by about a point); and, for reference, with its own shuffled folds.
 */
const SKLEARN = String.raw`
import json, sys, time
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
data = json.load(open(sys.argv[1]))
pipe = lambda: make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=1))
start = time.time()
same = cross_val_score(pipe(), data['texts'], data['labels'], cv=PredefinedSplit(data['fold']), scoring='accuracy')
seconds = time.time() - start
own = cross_val_score(pipe(), data['texts'], data['labels'], cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring='accuracy')
print(f'{same.mean():.4f} {same.std():.4f} {own.mean():.4f} {seconds:.2f}')
`;

/** The notebook's own reader and folds, loaded from the toolkit through Vite (as bench/run-ts.mjs does). */
const toolkit = await runnerImport(pathToFileURL(join(ROOT, 'src', 'ml', 'index.ts')).href);

function sklearn(file) {
  const read = toolkit.module.readLabelledTexts(readFileSync(file, 'utf8'), { name: basename(file) });
  const labels = read.rows.map((r) => r.label);
  const fold = new Array(labels.length).fill(-1);
  // The notebook's byod-model cell uses stratifiedKFold(labels, 5, 0).
  toolkit.module.stratifiedKFold(labels, 5, 0).forEach((f, k) => f.test.forEach((i) => (fold[i] = k)));
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-sklearn-'));
  try {
    const input = join(dir, 'data.json');
    writeFileSync(input, JSON.stringify({ texts: read.rows.map((r) => r.text), labels, fold }));
    const run = spawnSync(PYTHON, ['-c', SKLEARN, input], { encoding: 'utf8' });
    if (run.status !== 0) return { error: (run.stderr || run.stdout).trim().split('\n').pop() };
    const [mean, std, ownFolds, seconds] = run.stdout.trim().split(' ').map(Number);
    return { mean, std, ownFolds, n: labels.length, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const f of FILES) {
  if (!existsSync(f)) {
    console.error(`No file at ${f}. Pass the paths of labelled-sentence files.`);
    process.exit(2);
  }
}
const { page, backend, close } = await openNotebook(NOTEBOOK);
const results = [];
let exitCode = 0;
try {
  // The bring-your-own-data cells need nothing else: run them, so the file picker exists.
  for (const id of ['byod-file', 'byod-read', 'byod-cv', 'byod-model']) {
    await page.locator(`fb-cell[data-cell-id="${id}"]`).getByRole('button', { name: 'Run cell' }).click();
    await page.waitForFunction(idle, undefined, { timeout: 60_000, polling: 100 });
  }
  console.log(`Fieldbook sentiment bring-your-own-data bench: Chromium headless, tfjs backend ${backend}; scikit-learn via ${PYTHON}`);
  for (const file of FILES) {
    const name = basename(file);
    const uploaded = Date.now();
    await page.locator('fb-cell[data-cell-id="byod-file"] input[type="file"]').setInputFiles({ name, mimeType: 'text/plain', buffer: readFileSync(file) });
    await page.waitForFunction(
      (n) => {
        const read = document.querySelector('fb-cell[data-cell-id="byod-read"] .fb-outputs')?.textContent ?? '';
        const model = document.querySelector('fb-cell[data-cell-id="byod-model"] .fb-outputs')?.textContent ?? '';
        return read.includes(`${n}:`) && /5-fold accuracy \d\.\d{3}|needed|Stopped/.test(model) && model.includes('sentences');
      },
      name,
      { timeout: 300_000, polling: 100 },
    );
    await page.waitForFunction(idle, undefined, { timeout: 60_000, polling: 100 });
    const seconds = (Date.now() - uploaded) / 1000;
    const read = (await outputOf(page, 'byod-read')).trim().split('\n').pop();
    const report = (await outputOf(page, 'byod-model')).trim().split('\n').pop();
    const m = /5-fold accuracy (\d\.\d{3}) \(95% CI (\d\.\d{3})–(\d\.\d{3})\) against (\d\.\d{3}) for VADER, on (\d+) sentences/.exec(report);
    const reference = sklearn(file);
    const row = {
      file: name,
      sentences: m ? Number(m[5]) : null,
      notebook: m ? Number(m[1]) : null,
      ci: m ? [Number(m[2]), Number(m[3])] : null,
      vader: m ? Number(m[4]) : null,
      sklearn: reference.mean ?? null,
      sklearnStd: reference.std ?? null,
      sklearnSentences: reference.n ?? null,
      sklearnOwnFolds: reference.ownFolds ?? null,
      gapPoints: m && reference.mean !== undefined ? +(100 * (Number(m[1]) - reference.mean)).toFixed(1) : null,
      notebookSeconds: +seconds.toFixed(1),
      sklearnSeconds: reference.seconds ?? null,
    };
    results.push(row);
    console.log(`\n${name}`);
    console.log(`  read           ${read}`);
    if (!m) {
      console.log(`  notebook       not reported: ${report}`);
      exitCode = 1;
      continue;
    }
    console.log(
      `  notebook       5-fold accuracy ${row.notebook.toFixed(3)} (95% CI ${row.ci[0].toFixed(3)}–${row.ci[1].toFixed(3)}), ${row.sentences} sentences, ${row.notebookSeconds} s from upload to result`,
    );
    console.log(`  VADER          ${row.vader.toFixed(3)} on the same sentences`);
    if (reference.error) {
      console.log(`  scikit-learn   failed: ${reference.error}`);
      exitCode = 1;
    } else {
      console.log(
        `  scikit-learn   5-fold accuracy ${reference.mean.toFixed(3)} ± ${reference.std.toFixed(3)} on the notebook's folds, ${reference.n} sentences, ${reference.seconds.toFixed(2)} s ` +
          `(${reference.ownFolds.toFixed(3)} with its own shuffled folds)`,
      );
      console.log(`  gap            ${row.gapPoints >= 0 ? '+' : ''}${row.gapPoints} points (${Math.abs(row.gapPoints) <= 1 ? 'within' : 'OUTSIDE'} 1 point)`);
    }
  }
  console.log(JSON.stringify({ notebook: NOTEBOOK, backend, results }));
} finally {
  await close();
}
process.exit(exitCode);
