/**
 * Part of bench/notebooks.mjs: one notebook, measured in order in a fresh Chromium profile. The
 * cold visit (load marks, backend, the JavaScript and wasm the page and the kernel worker
 * fetched), the warm visit once the service worker is active, then Run all twice with the tensor
 * count after each. See bench/README.md for what each figure means.
 */
import { launchChromium } from '../app.mjs';
import { isJs, isWasm, isWorkerChunk } from './build-files.mjs';
import { installLoadProbe, startupMarks } from './probes.mjs';
import { LOAD_TIMEOUT_MS, NOTEBOOK_TIMEOUT_MS, PROBE, addProbeCell, load, readNumber, runAll, step, withTimeout } from './steps.mjs';

/**
 * Everything measured for one notebook, in a fresh profile, on the build served at `baseUrl`
 * whose files `files` reads (see build-files.mjs). Never throws: a failed step is the result's `error`.
 */
export async function benchNotebook(baseUrl, id, files) {
  const { sizeOf, pageModules } = files;
  const result = { id, ok: false, error: null };
  let browser = null;
  const errors = [];
  const work = async () => {
    browser = await launchChromium();
    const context = browser.context;
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
    await browser?.close().catch(() => {});
  }
  return result;
}
