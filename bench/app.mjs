/**
 * The built app in Debian's Chromium, for the benchmarks that drive a notebook as a learner does:
 * builds dist/ when it is missing, serves it, opens a notebook in a fresh profile and waits for the
 * kernel. Shared by the bring-your-own-data benches.
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
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium floods this closed network.
const ARGS = [
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

/** Builds the app into dist/ unless it is there; exits the process when the build fails. */
export function ensureBuilt() {
  if (existsSync(join(ROOT, 'dist', 'index.html'))) return;
  console.error('dist/ is missing: building…');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * Serves dist/, opens `#/notebook/<id>` in a fresh Chromium profile and waits for the kernel.
 * Resolves with the page, the tfjs backend the kernel chose, and `close()`, which stops it all.
 */
export async function openNotebook(id) {
  ensureBuilt();
  const server = await preview({ root: ROOT, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const baseUrl = `http://127.0.0.1:${server.httpServer.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise((r) => server.httpServer.close(r));
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseUrl}#/notebook/${id}`);
    await page.waitForFunction(() => document.documentElement.dataset.kernel === 'ready', undefined, { timeout: 90_000 });
    const backend = await page.evaluate(() => document.documentElement.dataset.backend);
    return { page, backend, close };
  } catch (e) {
    await close();
    throw e;
  }
}
