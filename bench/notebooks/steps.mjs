/**
 * Part of bench/notebooks.mjs: the steps it takes in a notebook's page, as a learner would, each
 * returning what it measured: opening the notebook, clicking Run all, adding the cell that prints
 * the kernel's tensor count and reading that count; with the time limits, and the wrappers that
 * name the step a failure belongs to.
 */
import { addCell, outputOf, runFocusedCell } from '../app.mjs';
import { installRunProbe } from './probes.mjs';

/** How long one notebook may take, all steps together (and one Run all). */
export const NOTEBOOK_TIMEOUT_MS = 5 * 60_000;
/** How long opening a page may take until its kernel and first cell are there. */
export const LOAD_TIMEOUT_MS = 90_000;
/** The code of the cell added to read the kernel's live tensors. */
export const PROBE = 'tf.memory().numTensors';
/** How long after the page became interactive its opening work still counts (idle-time editors, highlighting). */
export const SETTLE_MS = 2000;

/** Rejects after `ms` with a message naming the step, unless `promise` settles first. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Awaits `promise`, prefixing a failure with the step it belongs to. */
export async function step(name, promise) {
  try {
    return await promise;
  } catch (e) {
    throw new Error(`${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, { cause: e });
  }
}

/**
 * Navigates and waits for the load probe to see kernel + first cell, then SETTLE_MS more; returns
 * the page's marks with the longest main-thread task from navigation until then.
 */
export async function load(page, url) {
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
export function readStatuses(page) {
  return page.locator('fb-cell[data-status]').evaluateAll((els) =>
    els.map((e) => ({
      id: e.dataset.cellId,
      status: e.dataset.status,
      norun: /not in Run all/.test(e.querySelector('.fb-badge')?.textContent ?? ''),
    })),
  );
}

/** Clicks Run all as a person would and waits until nothing is queued or running. */
export async function runAll(page, timeout) {
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
export async function readNumber(page, cellId) {
  const text = (await outputOf(page, cellId)).trim();
  const m = /-?\d[\d,_ ]*/.exec(text);
  if (!m) throw new Error(`the ${PROBE} cell printed no number: ${JSON.stringify(text.slice(0, 200))}`);
  return Number(m[0].replace(/[,_ ]/g, ''));
}

/** Adds a cell after the last one with its "Add cell" button, types the probe and runs it with Ctrl+Enter. */
export async function addProbeCell(page, timeout) {
  const id = await addCell(page, PROBE);
  const typed = (await page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`).innerText()).trim();
  if (typed !== PROBE) throw new Error(`the new cell's editor holds ${JSON.stringify(typed)}, not ${JSON.stringify(PROBE)}`);
  const status = await runFocusedCell(page, id, timeout);
  if (status !== 'ok') throw new Error(`the ${PROBE} cell ended ${status}: ${(await outputOf(page, id)).slice(0, 300)}`);
  return id;
}
