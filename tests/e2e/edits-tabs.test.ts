/**
 * One notebook open in two tabs (issue 12, item 2): each tab learns of the other's saves and
 * merges them per cell, so edits to different cells both survive; a cell edited in both at once
 * keeps one version and the learner is told, never silently.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeInCell, useSession, waitForKernel } from './browser';

const NOTEBOOK = '00-start-here';
const s = useSession(NOTEBOOK);
let other: Page;

const editorText = (page: Page, id: string) => page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`).innerText();

async function open(page: Page): Promise<void> {
  await page.goto(`${s.baseUrl}#/notebook/${NOTEBOOK}`);
  await waitForKernel(page);
  await page.locator('fb-cell[data-status]').first().waitFor();
}

async function waitForText(page: Page, id: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([cellId, t]) => document.querySelector(`fb-cell[data-cell-id="${cellId}"] .cm-content`)?.textContent?.includes(t) === true,
    [id, text] as const,
    { polling: 100 },
  );
}

beforeAll(async () => {
  other = await s.context.newPage();
  await open(other);
});

afterAll(async () => {
  await other?.close();
});

describe('two tabs on one notebook', () => {
  it("brings each tab the other tab's edit of a different cell", async () => {
    await typeInCell(s.page, 'memory', '"edited in the first tab"');
    await typeInCell(other, 'report', '"edited in the second tab"');
    await waitForText(other, 'memory', 'edited in the first tab');
    await waitForText(s.page, 'report', 'edited in the second tab');
    expect(await editorText(s.page, 'memory')).toContain('edited in the first tab');
    expect(await editorText(other, 'report')).toContain('edited in the second tab');
  });

  it('has both edits after a reload of either tab', async () => {
    // Let the last merged save land before reloading.
    await s.page.waitForFunction(
      async () => {
        const open = indexedDB.open('fieldbook-edits');
        const db: IDBDatabase = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
        const get = db.transaction('notebooks').objectStore('notebooks').get('00-start-here');
        const saved = await new Promise<{ edited?: Record<string, unknown> } | undefined>((resolve) => (get.onsuccess = () => resolve(get.result)));
        db.close();
        return Boolean(saved?.edited?.memory && saved.edited.report);
      },
      undefined,
      { polling: 100 },
    );
    await open(s.page);
    expect(await editorText(s.page, 'memory')).toContain('edited in the first tab');
    expect(await editorText(s.page, 'report')).toContain('edited in the second tab');
  });

  it('says so when both tabs changed the same cell, and both end with the same text', async () => {
    await typeInCell(s.page, 'try-ridge', '"first tab wrote this"');
    await typeInCell(other, 'try-ridge', '"second tab wrote this"');
    const notice = (page: Page) => page.locator('.fb-notice[role="alert"]').filter({ hasText: 'both tabs changed' });
    await expect.poll(async () => (await notice(s.page).count()) + (await notice(other).count()), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => [await editorText(s.page, 'try-ridge'), await editorText(other, 'try-ridge')].map((t) => t.trim()).join(' | '), { timeout: 10_000 })
      .toMatch(/^"(first|second) tab wrote this" \| "\1 tab wrote this"$/);
    const told = (await notice(s.page).count()) ? s.page : other;
    expect(await notice(told).innerText()).toContain('try-ridge');
    // The text that was not kept is shown, so it is not lost.
    const kept = (await editorText(told, 'try-ridge')).trim();
    const dropped = kept.includes('first') ? '"second tab wrote this"' : '"first tab wrote this"';
    const details = notice(told).locator('details[data-conflict="try-ridge"]');
    await details.locator('summary').click();
    expect((await details.locator('pre').innerText()).trim()).toBe(dropped);
  });
});
