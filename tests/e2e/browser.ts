/**
 * Drives Debian's Chromium through playwright-core, as a person would: fresh profile per test
 * file, headless, with the flags that keep it quiet on a closed network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile and one page, plus everything the page logged. */
export interface Session {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Uncaught page errors and console errors, for assertions and failure messages. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user-data-dir (Playwright refuses it in `args`). */
export async function openSession(): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    baseUrl: inject('baseUrl'),
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a notebook by id and waits until the kernel is ready. */
export async function openNotebook(s: Session, id: string): Promise<void> {
  await s.page.goto(`${s.baseUrl}#/notebook/${id}`);
  await waitForKernel(s.page);
  await s.page.locator('fb-cell[data-status]').first().waitFor();
}

/** Waits for `document.documentElement.dataset.kernel === 'ready'`. */
export async function waitForKernel(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.kernel === 'ready', undefined, { timeout });
}

/** The `data-status` of every code cell, in order. */
export async function statuses(page: Page): Promise<string[]> {
  return page.locator('fb-cell[data-status]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status ?? ''));
}

/** Waits until no cell is queued or running. */
export async function waitForIdle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLElement>('fb-cell[data-status]')].every((e) => e.dataset.status !== 'queued' && e.dataset.status !== 'running'),
    undefined,
    { timeout, polling: 100 },
  );
}

/** Replaces a cell's code by typing into its editor, as a person would. */
export async function typeInCell(page: Page, cellId: string, code: string): Promise<void> {
  const content = page.locator(`fb-cell[data-cell-id="${cellId}"] .cm-content`);
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** The text of a cell's outputs. */
export async function outputText(page: Page, cellId: string): Promise<string> {
  return (await page.locator(`fb-cell[data-cell-id="${cellId}"] .fb-outputs`).innerText()).trim();
}

/** The ids of the code cells, in order. */
export async function cellIds(page: Page): Promise<string[]> {
  return page.locator('fb-cell[data-cell-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId!));
}

/** Adds a code cell after the last one with its "Add cell" button, types `code`, and returns its id. */
export async function addCodeCell(page: Page, code: string): Promise<string> {
  const before = await cellIds(page);
  await page.locator('fb-cell').last().getByRole('button', { name: 'Add cell' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('fb-cell[data-cell-id]').length === n + 1, before.length);
  const id = (await cellIds(page)).find((x) => !before.includes(x));
  if (!id) throw new Error('Add cell did not add a cell');
  await typeInCell(page, id, code);
  return id;
}

/** Runs a cell with Ctrl+Enter in its editor, waits for it, and returns its status. */
export async function runInPlace(page: Page, id: string): Promise<string> {
  await page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`).click();
  await page.keyboard.press('Control+Enter');
  await waitForIdle(page);
  return (await page.locator(`fb-cell[data-cell-id="${id}"]`).getAttribute('data-status')) ?? '';
}

/** Adds a code cell after the last one, types `code`, runs it, and returns its id. */
export async function addAndRunCell(page: Page, code: string): Promise<string> {
  const id = await addCodeCell(page, code);
  await runInPlace(page, id);
  return id;
}

/**
 * One browser for the test file: opened (at `notebookId`, when given) before its tests, closed
 * after. The returned object is filled in by the time the tests run.
 */
export function useSession(notebookId?: string): Session {
  const holder = {} as Session;
  beforeAll(async () => {
    Object.assign(holder, await openSession());
    if (notebookId) await openNotebook(holder, notebookId);
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}
