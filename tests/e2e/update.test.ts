/**
 * A new release never reloads under the learner: the page says a new version is ready and waits
 * for the learner to accept. The release is simulated by changing the service worker a copy of the
 * built app serves.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, typeInCell, waitForKernel, type Session } from './browser';

let s: Session;
let server: PreviewServer;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-release-'));
  cpSync('dist', dir, { recursive: true });
  server = await preview({ build: { outDir: dir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}/`;
  s = await openSession();
});

afterAll(async () => {
  await s?.close();
  await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('app updates', () => {
  it("offers a new version with a prompt and keeps the page (and the learner's typing) until accepted", async () => {
    await s.page.goto(`${url}#/notebook/00-start-here`);
    await waitForKernel(s.page);
    await s.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
    await typeInCell(s.page, 'memory', '"typed before the update"');
    await s.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    // A new release: the service worker file changes.
    appendFileSync(join(dir, 'sw.js'), '\n// release 2\n');
    await s.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const prompt = s.page.getByRole('alert').filter({ hasText: 'A new version of Fieldbook is ready' });
    await prompt.waitFor({ timeout: 60_000 });
    // Nothing reloaded: the page's own state and the editor text are still there.
    expect(await s.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await s.page.locator('fb-cell[data-cell-id="memory"] .cm-content').innerText()).toContain('typed before the update');

    await Promise.all([s.page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload to update' }).click()]);
    await waitForKernel(s.page);
    expect(await s.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    // The edit was saved before the reload and is still there after it.
    expect(await s.page.locator('fb-cell[data-cell-id="memory"] .cm-content').innerText()).toContain('typed before the update');
  });
});
