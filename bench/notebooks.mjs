/**
 * Engine benchmark: opens every notebook in Debian's Chromium, as a learner would, and prints
 * load, bytes, Run-all, main-thread and tensor-leak figures. It measures; it asserts nothing about
 * time. Exit code 1 when a notebook could not be run or a cell did not end `ok`.
 *
 *   node bench/notebooks.mjs [notebook-id …]      (npm run bench -- [ids])
 *
 * The table goes to stdout and ends with one JSON line; progress goes to stderr.
 * See bench/README.md for what each figure means.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { benchGenerated } from './generated-notebooks.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Exactly the flags of tests/e2e/browser.ts, so the figures describe the browser the tests use. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const NOTEBOOK_TIMEOUT_MS = 5 * 60_000;
const LOAD_TIMEOUT_MS = 90_000;
const PROBE = 'tf.memory().numTensors';
/** The copy of dist/ that is served and measured, set in main(). */
let served = DIST;

/**
 * Runs in every page before its own scripts: records, on the page's clock (0 = navigation start),
 * when the kernel became ready and when that and the first code cell were both there.
 */
function installLoadProbe() {
  if (!location.hash.startsWith('#/notebook/')) return;
  const marks = { kernelReadyAt: null, cellsAt: null, interactiveAt: null, longTasks: [] };
  window.__fbBench = marks;
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) marks.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    marks.longTasks = null; // this browser has no Long Tasks API
  }
  const check = () => {
    const now = performance.now();
    const ready = document.documentElement.dataset.kernel === 'ready';
    if (ready && marks.kernelReadyAt === null) marks.kernelReadyAt = now;
    if (marks.cellsAt === null && document.querySelector('fb-cell[data-status]')) marks.cellsAt = now;
    if (ready && marks.interactiveAt === null && document.querySelector('fb-cell[data-status]')) {
      marks.interactiveAt = now;
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-kernel', 'data-status'] });
}

/**
 * Runs in the page before Run all is clicked: times the run from the click event to the moment no
 * cell is queued or running, remembers which cells ran, and collects long tasks (buffered, so
 * none is lost to the observer starting late; only those starting during the run count).
 */
function installRunProbe() {
  const run = { clickAt: null, endAt: null, busySeen: false, ran: [], longTasks: [] };
  window.__fbRun = run;
  const busy = (s) => s === 'queued' || s === 'running';
  document.addEventListener('click', () => (run.clickAt ??= performance.now()), { capture: true, once: true });
  const statusObserver = new MutationObserver((records) => {
    if (run.clickAt === null || run.endAt !== null) return;
    for (const r of records) {
      const el = r.target;
      if (busy(r.oldValue) || busy(el.dataset.status)) run.busySeen = true;
      if (el.dataset.status === 'running' && !run.ran.includes(el.dataset.cellId)) run.ran.push(el.dataset.cellId);
    }
    const cells = [...document.querySelectorAll('fb-cell[data-status]')];
    if (run.busySeen && cells.every((c) => !busy(c.dataset.status))) {
      run.endAt = performance.now();
      statusObserver.disconnect();
    }
  });
  statusObserver.observe(document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-status'] });
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) run.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    run.longTasks = null; // this browser has no Long Tasks API
  }
}

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

const gzipCache = new Map();
/** Raw and gzip (level 9) size of the dist/ file a URL of the preview server points at. */
function sizeOf(url) {
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '');
  const file = join(served, path);
  if (!gzipCache.has(file)) {
    if (!existsSync(file)) gzipCache.set(file, { file: path, raw: null, gzip: null });
    else {
      const bytes = readFileSync(file);
      gzipCache.set(file, { file: path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    }
  }
  return gzipCache.get(file);
}

/**
 * The page's own JavaScript in the served build: index.html's entry and every chunk it can load
 * (static imports, dynamic imports, Vite's preload lists), found by the "./chunk.js" strings in
 * the chunks. The worker and the chunks only it imports are not in it, although the page's
 * Resource Timing lists their fetches too (a module worker's imports appear there).
 */
function pageModules() {
  const html = readFileSync(join(served, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift();
    if (!existsSync(join(served, file))) continue;
    for (const m of readFileSync(join(served, file), 'utf8').matchAll(/["'`]\.\/([\w.-]+\.js)["'`]/g)) {
      const next = `assets/${m[1]}`;
      if (!seen.has(next) && !/^assets\/worker-/.test(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const isJs = (url) => /\.m?js$/.test(new URL(url).pathname);
const isWorkerChunk = (url) => /\/assets\/worker-[^/]*\.js$/.test(new URL(url).pathname);
const isWasm = (url) => new URL(url).pathname.endsWith('.wasm');

/** Rejects after `ms` with a message naming the step, unless `promise` settles first. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Awaits `promise`, prefixing a failure with the step it belongs to. */
async function step(name, promise) {
  try {
    return await promise;
  } catch (e) {
    throw new Error(`${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, { cause: e });
  }
}

/**
 * The kernel's start-up marks, on the page's clock (0 = navigation start): `worker` when the page
 * called `new Worker` (a page mark), then the worker's own marks, shifted by the difference of the
 * two clocks' origins: `boot` its script had run (the wasm download and the kernel chunk's import
 * start there), `script` the kernel chunk had been evaluated (tfjs included), `init` the start was
 * taken (from the worker's name), `ready` tfjs had its backend (the worker posted `ready`),
 * `measured` a first visit's idle-time backend measurement was done.
 */
async function startupMarks(page, worker) {
  const [onPage, inWorker] = await Promise.all([
    page.evaluate(() => ({ origin: performance.timeOrigin, worker: performance.getEntriesByName('kernel-worker', 'mark').at(-1)?.startTime ?? null })),
    worker.evaluate(() => ({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) })),
  ]);
  const shift = inWorker.origin - onPage.origin;
  const marks = { worker: onPage.worker };
  for (const [name, at] of inWorker.marks) if (name.startsWith('kernel-')) marks[name.slice('kernel-'.length)] = at + shift;
  return marks;
}

/** How long after the page became interactive its opening work still counts (idle-time editors, highlighting). */
const SETTLE_MS = 2000;

/**
 * Navigates and waits for the load probe to see kernel + first cell, then SETTLE_MS more; returns
 * the page's marks with the longest main-thread task from navigation until then.
 */
async function load(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__fbBench?.interactiveAt != null, undefined, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
  await page.waitForTimeout(SETTLE_MS);
  const marks = await page.evaluate(() => ({ ...window.__fbBench }));
  const opening = marks.longTasks?.filter((t) => t.start < marks.interactiveAt + SETTLE_MS) ?? null;
  return {
    ...marks,
    longestTaskMs: opening ? Math.max(0, ...opening.map((t) => t.duration)) : null,
    tasksOver100: opening ? opening.filter((t) => t.duration > 100).length : null,
  };
}

/** The `data-status` of every code cell, keyed by cell id, in order. */
function readStatuses(page) {
  return page.locator('fb-cell[data-status]').evaluateAll((els) =>
    els.map((e) => ({
      id: e.dataset.cellId,
      status: e.dataset.status,
      norun: /not in Run all/.test(e.querySelector('.fb-badge')?.textContent ?? ''),
    })),
  );
}

/** Clicks Run all as a person would and waits until nothing is queued or running. */
async function runAll(page, timeout) {
  await page.evaluate(installRunProbe);
  await page.getByRole('button', { name: 'Run all' }).click();
  await page.waitForFunction(() => window.__fbRun.endAt !== null, undefined, { timeout, polling: 100 });
  const run = await page.evaluate(() => window.__fbRun);
  const during = run.longTasks?.filter((t) => t.start >= run.clickAt && t.start < run.endAt) ?? null;
  const cells = await readStatuses(page);
  return {
    ms: run.endAt - run.clickAt,
    ran: run.ran,
    cells,
    longestTaskMs: during ? Math.max(0, ...during.map((t) => t.duration)) : null,
    tasksOver50: during ? during.filter((t) => t.duration > 50).length : null,
    tasksOver100: during ? during.filter((t) => t.duration > 100).length : null,
  };
}

/** Reads the integer a probe cell printed. */
async function readNumber(page, cellId) {
  const text = (await page.locator(`fb-cell[data-cell-id="${cellId}"] .fb-outputs`).innerText()).trim();
  const m = /-?\d[\d,_ ]*/.exec(text);
  if (!m) throw new Error(`the ${PROBE} cell printed no number: ${JSON.stringify(text.slice(0, 200))}`);
  return Number(m[0].replace(/[,_ ]/g, ''));
}

/** Adds a cell after the last one with its "Add cell" button, types the probe and runs it with Ctrl+Enter. */
async function addProbeCell(page, timeout) {
  const ids = () => page.locator('fb-cell[data-cell-id]').evaluateAll((els) => els.map((e) => e.dataset.cellId));
  const before = await ids();
  await page.locator('fb-cell').last().getByRole('button', { name: 'Add cell' }).click();
  await page
    .waitForFunction((n) => document.querySelectorAll('fb-cell[data-cell-id]').length > n, before.length, { timeout: 10_000 })
    .catch(async () => {
      const now = await ids();
      throw new Error(
        `"Add cell" added no cell in 10 s (cells before: ${before.length}, after: ${now.length}; ${JSON.stringify(await page.evaluate(() => document.documentElement.dataset))})`,
      );
    });
  const id = (await ids()).find((x) => !before.includes(x));
  if (!id) throw new Error('"Add cell" did not add a cell');
  const content = page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`);
  await content.click();
  await page.keyboard.insertText(PROBE);
  const typed = (await content.innerText()).trim();
  if (typed !== PROBE) throw new Error(`the new cell's editor holds ${JSON.stringify(typed)}, not ${JSON.stringify(PROBE)}`);
  await page.keyboard.press('Control+Enter');
  const cell = page.locator(`fb-cell[data-cell-id="${id}"]`);
  await page.waitForFunction(
    (cid) => {
      const s = document.querySelector(`fb-cell[data-cell-id="${cid}"]`)?.dataset.status;
      return s === 'ok' || s === 'error';
    },
    id,
    { timeout, polling: 100 },
  );
  const status = await cell.getAttribute('data-status');
  if (status !== 'ok') throw new Error(`the ${PROBE} cell ended ${status}: ${(await cell.locator('.fb-outputs').innerText()).slice(0, 300)}`);
  return id;
}

/** Everything measured for one notebook, in a fresh profile. */
async function benchNotebook(baseUrl, id) {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
  const result = { id, ok: false, error: null };
  let context = null;
  const errors = [];
  const work = async () => {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript(installLoadProbe);
    const watch = (page) => {
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
    };
    const url = `${baseUrl}#/notebook/${id}`;

    // 1a. Cold: fresh profile, no service worker, empty HTTP cache.
    let page = context.pages()[0] ?? (await context.newPage());
    watch(page);
    const kernelWorker = page.waitForEvent('worker', { predicate: (w) => isWorkerChunk(w.url()), timeout: LOAD_TIMEOUT_MS });
    kernelWorker.catch(() => {}); // reported below, if it matters
    const cold = await step('cold load', load(page, url));
    result.coldMs = cold.interactiveAt;
    result.coldKernelReadyMs = cold.kernelReadyAt;
    result.coldCellsMs = cold.cellsAt;
    result.openLongestTaskMs = cold.longestTaskMs;
    result.openTasksOver100 = cold.tasksOver100;
    result.backend = await page.evaluate(() => document.documentElement.dataset.backend ?? null);
    // A first visit is ready before its backend measurement ends; the menu lists the backends after it.
    await page
      .waitForFunction(() => document.querySelector('select option[value="measure"]') !== null, undefined, { timeout: LOAD_TIMEOUT_MS })
      .catch(() => {});
    result.backendProbe = await page
      .locator('select option')
      .evaluateAll((els) => els.map((o) => o.textContent.trim()))
      .catch(() => []);
    result.chromium = context.browser()?.version() ?? /Chrome\/([\d.]+)/.exec(await page.evaluate(() => navigator.userAgent))?.[1] ?? null;

    // 2. JavaScript the main thread fetched before the kernel was ready (its own timeline holds no
    // worker fetches, and the worker chunk is left out by name should it appear).
    const mainEntries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: e.startTime })));
    const pageJs = pageModules();
    const ownJs = (url) => isJs(url) && !isWorkerChunk(url) && pageJs.has(decodeURIComponent(new URL(url).pathname).replace(/^\/+/, ''));
    const mainJs = mainEntries.filter((e) => ownJs(e.url) && e.start < cold.kernelReadyAt);
    result.mainJs = [...new Map(mainJs.map((e) => [e.url, sizeOf(e.url)])).values()];
    result.mainJsGzip = result.mainJs.reduce((s, f) => s + (f.gzip ?? 0), 0);
    // Chunks the page loaded once it was usable (editor, charts, …), for the details.
    const lateJs = mainEntries.filter((e) => ownJs(e.url) && e.start >= cold.kernelReadyAt);
    result.lateJs = [...new Map(lateJs.map((e) => [e.url, sizeOf(e.url)])).values()];
    // The worker's own timeline: the chunk's imports and the wasm it fetched.
    const worker = await step('kernel worker', kernelWorker);
    result.coldStartup = await step('cold start-up marks', startupMarks(page, worker));
    result.workerChunk = sizeOf(worker.url());
    const workerEntries = await worker.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    result.workerImports = [...new Set(workerEntries.filter(isJs))].map(sizeOf);
    // The worker's script is a few KB; the kernel (tfjs, the cell compiler) is the chunk it imports.
    // No cell has run yet, so every chunk it fetched so far belongs to its start.
    result.workerStartGzip = [result.workerChunk, ...result.workerImports].reduce((sum, f) => sum + (f.gzip ?? 0), 0);
    result.workerWasm = [...new Set(workerEntries.filter(isWasm))].map(sizeOf);

    // 1b. Warm: once the service worker is active (precache done), a new page in the same profile.
    await step(
      'service worker install',
      withTimeout(
        page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined)),
        LOAD_TIMEOUT_MS,
        'becoming ready',
      ),
    );
    const warmPage = await context.newPage();
    watch(warmPage);
    await page.close();
    page = warmPage;
    const warmWorker = page.waitForEvent('worker', { predicate: (w) => isWorkerChunk(w.url()), timeout: LOAD_TIMEOUT_MS });
    warmWorker.catch(() => {}); // reported below, if it matters
    const warm = await step('warm load', load(page, url));
    result.warmStartup = await step(
      'warm start-up marks',
      warmWorker.then((w) => startupMarks(warmPage, w)),
    );
    result.warmMs = warm.interactiveAt;
    result.warmKernelReadyMs = warm.kernelReadyAt;
    result.warmCellsMs = warm.cellsAt;
    result.warmOpenLongestTaskMs = warm.longestTaskMs;
    result.warmControlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);

    // 3 + 4. Run all, with long tasks.
    const first = await step('first Run all', runAll(page, NOTEBOOK_TIMEOUT_MS));
    result.runAllMs = first.ms;
    result.longestTaskMs = first.longestTaskMs;
    result.tasksOver50 = first.tasksOver50;
    result.tasksOver100 = first.tasksOver100;
    result.skipped = first.cells.filter((c) => c.norun).map((c) => c.id);
    result.notOk = first.cells.filter((c) => !c.norun && c.status !== 'ok').map((c) => `${c.id}:${c.status}`);
    result.cells = first.cells.length;

    // 5. Tensors alive after the first and the second Run all.
    const probeId = await step('tensor probe cell', addProbeCell(page, 60_000));
    result.tensorsAfterRun1 = await readNumber(page, probeId);
    const second = await step('second Run all', runAll(page, NOTEBOOK_TIMEOUT_MS));
    if (!second.ran.includes(probeId)) throw new Error(`the second Run all did not run the ${PROBE} cell (ran: ${second.ran.join(', ')})`);
    const probeStatus = second.cells.find((c) => c.id === probeId)?.status;
    if (probeStatus !== 'ok') throw new Error(`the ${PROBE} cell ended ${probeStatus} in the second Run all`);
    result.tensorsAfterRun2 = await readNumber(page, probeId);
    result.tensorGrowth = result.tensorsAfterRun2 - result.tensorsAfterRun1;
    result.run2Ms = second.ms;
    result.notOkRun2 = second.cells.filter((c) => !c.norun && c.status !== 'ok').map((c) => `${c.id}:${c.status}`);

    result.ok = result.notOk.length === 0 && result.notOkRun2.length === 0;
    if (!result.ok) result.error = `cells not ok: ${[...new Set([...result.notOk, ...result.notOkRun2])].join(', ')}`;
  };
  try {
    await withTimeout(work(), NOTEBOOK_TIMEOUT_MS, `notebook ${id}`);
  } catch (e) {
    result.ok = false;
    result.error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  } finally {
    result.pageErrors = errors.slice(0, 5);
    await context?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

const ms = (x) => (typeof x === 'number' ? `${Math.round(x)}` : '—');
const kb = (x) => (typeof x === 'number' ? `${(x / 1024).toFixed(1)}` : '—');

/** Prints a plain-text table with right-aligned numbers. */
function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Prints the summary table, then each notebook's details (files, failures, page errors). */
function printReport(results, chromiumVersion) {
  console.log(`Chromium ${chromiumVersion}  (${CHROMIUM}, headless)`);
  console.log('');
  printTable(
    [
      'notebook',
      'backend',
      'cold ms',
      'warm ms',
      'main JS gz KB',
      'open task ms',
      'worker gz KB',
      'wasm gz KB',
      'run all ms',
      'cells ok',
      'longest task ms',
      'tasks>50ms',
      'tasks>100ms',
      'tensors 1',
      'tensors 2',
      'growth',
    ],
    results.map((r) => [
      r.id,
      r.backend ?? '—',
      ms(r.coldMs),
      ms(r.warmMs),
      kb(r.mainJsGzip),
      ms(r.openLongestTaskMs),
      kb(r.workerStartGzip),
      kb(r.workerWasm?.reduce((s, f) => s + (f.gzip ?? 0), 0)),
      ms(r.runAllMs),
      r.cells === undefined ? '—' : `${r.cells - r.notOk.length - r.skipped.length}/${r.cells - r.skipped.length}`,
      ms(r.longestTaskMs),
      r.tasksOver50 ?? '—',
      r.tasksOver100 ?? '—',
      r.tensorsAfterRun1 ?? '—',
      r.tensorsAfterRun2 ?? '—',
      r.tensorGrowth === undefined ? '—' : r.tensorGrowth > 0 ? `+${r.tensorGrowth}` : String(r.tensorGrowth),
    ]),
  );
  for (const r of results) {
    console.log('');
    console.log(`${r.id}: ${r.ok ? 'ok' : `FAILED — ${r.error}`}`);
    if (r.backendProbe?.length) console.log(`  backend choices: ${r.backendProbe.join(', ')}`);
    if (r.coldKernelReadyMs !== undefined)
      console.log(
        `  cold: kernel ready at ${ms(r.coldKernelReadyMs)} ms, cells shown at ${ms(r.coldCellsMs)} ms, both at ${ms(r.coldMs)} ms; warm (service worker controls: ${r.warmControlled}): kernel ${ms(r.warmKernelReadyMs)} ms, cells ${ms(r.warmCellsMs)} ms, both ${ms(r.warmMs)} ms`,
      );
    for (const [visit, m] of [
      ['cold', r.coldStartup],
      ['warm', r.warmStartup],
    ]) {
      if (!m) continue;
      const measured = m.measured === undefined ? '' : `, backends measured ${ms(m.measured)}`;
      console.log(
        `  kernel start-up, ${visit} (ms on the page's clock): new Worker ${ms(m.worker)}, boot ${ms(m.boot)}, script ${ms(m.script)}, init ${ms(m.init)}, ready ${ms(m.ready)}${measured}`,
      );
    }
    if (r.openLongestTaskMs !== undefined)
      console.log(
        `  longest main-thread task while opening (until ${SETTLE_MS} ms after interactive): cold ${ms(r.openLongestTaskMs)} ms (${r.openTasksOver100 ?? '—'} over 100 ms), warm ${ms(r.warmOpenLongestTaskMs)} ms`,
      );
    const files = [
      ['main JS', r.mainJs],
      ['later JS', r.lateJs],
      ['worker', r.workerChunk ? [r.workerChunk] : []],
      ['worker JS', r.workerImports],
      ['wasm', r.workerWasm],
    ];
    for (const [label, list] of files) {
      for (const f of list ?? []) console.log(`  ${label.padEnd(9)} ${f.file.padEnd(48)} ${kb(f.raw).padStart(8)} KB raw ${kb(f.gzip).padStart(8)} KB gz`);
    }
    if (r.skipped?.length) console.log(`  not in Run all: ${r.skipped.join(', ')}`);
    if (r.notOk?.length) console.log(`  not ok after Run all: ${r.notOk.join(', ')}`);
    if (r.notOkRun2?.length) console.log(`  not ok after the second Run all: ${r.notOkRun2.join(', ')}`);
    if (r.run2Ms !== undefined) console.log(`  second Run all: ${ms(r.run2Ms)} ms`);
    for (const e of r.pageErrors ?? []) console.log(`  page: ${e.slice(0, 300)}`);
  }
  console.log('');
}

/** Serves a snapshot of dist/, benchmarks each notebook in turn, prints the report, sets the exit code. */
async function main() {
  process.chdir(ROOT);
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('dist/ is missing: running `npx vite build`…');
    const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) {
      console.error('vite build failed');
      process.exit(1);
    }
  }
  const all = listNotebooks();
  const wanted = process.argv.slice(2);
  const ids = wanted.length ? wanted.filter((id) => id !== 'generated') : all;
  const generated = !wanted.length || wanted.includes('generated');

  // A snapshot, so that a rebuild of dist/ during the run (the e2e tests rebuild it) changes
  // neither what is served nor the files whose sizes are reported.
  const snapshot = mkdtempSync(join(tmpdir(), 'fieldbook-bench-dist-'));
  cpSync(DIST, snapshot, { recursive: true });
  served = snapshot;
  const html = readFileSync(join(snapshot, 'index.html'), 'utf8');
  const missing = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]).filter((f) => !existsSync(join(snapshot, f)));
  if (missing.length || !existsSync(join(snapshot, 'sw.js'))) {
    console.error(`dist/ changed while it was copied (missing: ${missing.join(', ') || 'sw.js'}); run again once the build is done.`);
    process.exit(1);
  }
  const server = await preview({
    root: ROOT,
    build: { outDir: snapshot },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('The preview server did not report a port.');
  const baseUrl = `http://127.0.0.1:${address.port}/`;

  const results = [];
  let opened = [];
  try {
    for (const id of ids) {
      if (!all.includes(id)) {
        results.push({ id, ok: false, error: `no notebook with id "${id}" in notebooks/*.md` });
        continue;
      }
      console.error(`bench: ${id}…`);
      const r = await benchNotebook(baseUrl, id);
      console.error(`bench: ${id} ${r.ok ? 'ok' : `FAILED — ${r.error}`}`);
      results.push(r);
    }
    if (generated)
      opened = await benchGenerated(baseUrl, {
        executablePath: CHROMIUM,
        args: ARGS,
        settleMs: SETTLE_MS,
        loadTimeoutMs: LOAD_TIMEOUT_MS,
        timeoutMs: NOTEBOOK_TIMEOUT_MS,
      });
  } finally {
    await new Promise((done) => server.httpServer.close(() => done()));
    rmSync(snapshot, { recursive: true, force: true });
  }

  const chromiumVersion = results.find((r) => r.chromium)?.chromium ?? 'unknown';
  printReport(results, chromiumVersion);
  if (opened.length) {
    console.log('Generated notebooks, imported (untrusted) on one page:');
    console.log('');
    printTable(
      ['cells', 'open ms', 'all cells ms', 'longest task ms', 'tasks>100ms', 'editors built'],
      opened.map((r) => [r.cells, ms(r.openMs), ms(r.allMs), ms(r.longestTaskMs), r.tasksOver100 ?? '—', r.editors ?? '—']),
    );
    for (const r of opened.filter((o) => !o.ok)) console.log(`  ${r.cells} cells: FAILED — ${r.error}`);
    console.log('');
  }
  const json = {
    chromium: chromiumVersion,
    notebooks: results.map(({ chromium: _, ...r }) => r),
    generated: opened,
  };
  console.log(JSON.stringify(json));
  process.exit(results.every((r) => r.ok) && opened.every((r) => r.ok) ? 0 : 1);
}

await main();
