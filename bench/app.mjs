/**
 * The built app in Debian's Chromium, for the benchmarks that drive a notebook as a learner does:
 * builds dist/ when it is missing, serves it, launches Chromium in a fresh profile, opens a
 * notebook and waits for the kernel, and adds and runs a cell of code. Shared by bench/notebooks.mjs
 * and the bring-your-own-data and speed benches (bench/app.d.mts types it for the .ts ones).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The shared data samples: ../shared/data beside a clone, two levels up from a worktree in wt/<name>. */
export const SHARED_DATA =
  [join(ROOT, '..', 'shared', 'data'), join(ROOT, '..', '..', 'shared', 'data')].find((d) => existsSync(d)) ?? join(ROOT, '..', 'shared', 'data');
/** The Chromium the benches drive: Debian's, or $CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Exactly the flags of tests/e2e/browser.ts, so the figures describe the browser the tests use.
 * Without the background-networking ones Chromium floods this closed network.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True in the page when no cell is queued or running (pass to `page.waitForFunction`). */
export const idle = () => [...document.querySelectorAll('fb-cell[data-status]')].every((e) => e.dataset.status !== 'queued' && e.dataset.status !== 'running');

/** A cell's output text. */
export const outputOf = (page, id) => page.locator(`fb-cell[data-cell-id="${id}"] .fb-outputs`).innerText();

/**
 * Builds the app into dist/ unless it is there; exits the process when the build fails. The
 * build's log goes to stderr, so a bench's stdout holds only its figures.
 */
export function ensureBuilt() {
  if (existsSync(join(ROOT, 'dist', 'index.html'))) return;
  console.error('dist/ is missing: running `npx vite build`…');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) {
    console.error('vite build failed');
    process.exit(build.status ?? 1);
  }
}

/**
 * Serves a build (dist/, or the copy of it in `outDir`) with Vite's `preview()` on a free
 * loopback port. Resolves with its base URL and `close()`.
 */
export async function serveBuild(outDir) {
  const server = await preview({
    root: ROOT,
    ...(outDir ? { build: { outDir } } : {}),
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('The preview server did not report a port.');
  return {
    baseUrl: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((done) => server.httpServer.close(() => done())),
  };
}

/**
 * Launches headless Chromium in a fresh profile (a new temporary user-data-dir; Playwright refuses
 * one in `args`) with a 1280×900 viewport. Resolves with the context and `close()`, which also
 * deletes the profile.
 */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    const close = async () => {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    };
    return { context, close };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Serves dist/ (built if missing), opens `#/notebook/<id>` in a fresh Chromium profile and waits
 * for the kernel. Resolves with the page, its URL, the tfjs backend the kernel chose, and
 * `close()`, which stops it all.
 */
export async function openNotebook(id) {
  ensureBuilt();
  const server = await serveBuild();
  let browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.close();
    throw e;
  }
  const close = async () => {
    try {
      await browser.close();
    } finally {
      await server.close();
    }
  };
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const url = `${server.baseUrl}#/notebook/${id}`;
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.kernel === 'ready', undefined, { timeout: 90_000 });
    const backend = await page.evaluate(() => document.documentElement.dataset.backend);
    return { page, url, backend, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * Adds a cell after the last one with that cell's "Add cell" button, as a learner would, and
 * types `code` into its editor, which keeps the focus. Resolves with the new cell's id.
 */
export async function addCell(page, code) {
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
  await page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`).click();
  await page.keyboard.insertText(code);
  return id;
}

/**
 * Runs the cell whose editor has the focus with Ctrl+Enter and waits until cell `id` ends `ok` or
 * `error`, polling every `polling` ms. Resolves with that status.
 */
export async function runFocusedCell(page, id, timeout, polling = 100) {
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(
    (cid) => {
      const s = document.querySelector(`fb-cell[data-cell-id="${cid}"]`)?.dataset.status;
      return s === 'ok' || s === 'error';
    },
    id,
    { timeout, polling },
  );
  return page.locator(`fb-cell[data-cell-id="${id}"]`).getAttribute('data-status');
}
