/**
 * Engine benchmark: opens every notebook in Debian's Chromium, as a learner would, and prints
 * load, bytes, Run-all, main-thread and tensor-leak figures. It measures; it asserts nothing about
 * time. Exit code 1 when a notebook could not be run or a cell did not end `ok`.
 *
 *   node bench/notebooks.mjs [notebook-id …]      (npm run bench -- [ids])
 *
 * The table goes to stdout and ends with one JSON line; progress goes to stderr.
 * See bench/README.md for what each figure means. This file chooses the notebooks, serves a
 * snapshot of dist/ and runs them in turn; bench/notebooks/ holds the parts: the in-page probes,
 * the build's files and sizes, the steps in a page, one notebook's measurements, the generated
 * notebooks and the printed report.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ensureBuilt, ROOT, serveBuild } from './app.mjs';
import { createBuildFiles } from './notebooks/build-files.mjs';
import { benchGenerated } from './notebooks/generated.mjs';
import { benchNotebook } from './notebooks/measure.mjs';
import { printGenerated, printReport } from './notebooks/report.mjs';
import { LOAD_TIMEOUT_MS, NOTEBOOK_TIMEOUT_MS, SETTLE_MS } from './notebooks/steps.mjs';

const DIST = join(ROOT, 'dist');

/** Reads the notebook ids from the front matter of notebooks/*.md, in file order (the glossary is a page, not a notebook). */
function listNotebooks() {
  const dir = join(ROOT, 'notebooks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'glossary.md')
    .sort()
    .map((f) => {
      const m = /^---\r?\n[\s\S]*?^id:\s*(\S+)\s*$/m.exec(readFileSync(join(dir, f), 'utf8'));
      return m ? m[1].replace(/^['"]|['"]$/g, '') : basename(f, '.md');
    });
}

/** Serves a snapshot of dist/, benchmarks each notebook in turn, prints the report, sets the exit code. */
async function main() {
  process.chdir(ROOT);
  ensureBuilt();
  const all = listNotebooks();
  const wanted = process.argv.slice(2);
  const ids = wanted.length ? wanted.filter((id) => id !== 'generated') : all;
  const generated = !wanted.length || wanted.includes('generated');

  // A snapshot, so that a rebuild of dist/ during the run (the e2e tests rebuild it) changes
  // neither what is served nor the files whose sizes are reported.
  const snapshot = mkdtempSync(join(tmpdir(), 'fieldbook-bench-dist-'));
  cpSync(DIST, snapshot, { recursive: true });
  const html = readFileSync(join(snapshot, 'index.html'), 'utf8');
  const missing = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]).filter((f) => !existsSync(join(snapshot, f)));
  if (missing.length || !existsSync(join(snapshot, 'sw.js'))) {
    console.error(`dist/ changed while it was copied (missing: ${missing.join(', ') || 'sw.js'}); run again once the build is done.`);
    process.exit(1);
  }
  const files = createBuildFiles(snapshot);
  const server = await serveBuild(snapshot);

  const results = [];
  let opened = [];
  try {
    for (const id of ids) {
      if (!all.includes(id)) {
        results.push({ id, ok: false, error: `no notebook with id "${id}" in notebooks/*.md` });
        continue;
      }
      console.error(`bench: ${id}…`);
      const r = await benchNotebook(server.baseUrl, id, files);
      console.error(`bench: ${id} ${r.ok ? 'ok' : `FAILED — ${r.error}`}`);
      results.push(r);
    }
    if (generated) opened = await benchGenerated(server.baseUrl, { settleMs: SETTLE_MS, loadTimeoutMs: LOAD_TIMEOUT_MS, timeoutMs: NOTEBOOK_TIMEOUT_MS });
  } finally {
    await server.close();
    rmSync(snapshot, { recursive: true, force: true });
  }

  const chromiumVersion = results.find((r) => r.chromium)?.chromium ?? 'unknown';
  printReport(results, chromiumVersion);
  if (opened.length) printGenerated(opened);
  const json = {
    chromium: chromiumVersion,
    notebooks: results.map(({ chromium: _, ...r }) => r),
    generated: opened,
  };
  console.log(JSON.stringify(json));
  process.exit(results.every((r) => r.ok) && opened.every((r) => r.ok) ? 0 : 1);
}

await main();
