/**
 * An edit survives a reload or a closed tab right after typing (issue 12, item 3): the text goes
 * to a synchronous journal at once and is replayed on the next load.
 */
import { describe, expect, it } from 'vitest';
import { typeInCell, useSession, waitForKernel } from './browser';

const NOTEBOOK = '00-start-here';
const s = useSession(NOTEBOOK);
const editorText = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`).innerText();

async function settle(): Promise<void> {
  await waitForKernel(s.page);
  await s.page.locator('fb-cell[data-status]').first().waitFor();
}

describe('typing, then leaving at once', () => {
  it('keeps the edit across a reload with no pause after the last key', async () => {
    await typeInCell(s.page, 'memory', '"reloaded at once"');
    await s.page.reload();
    await settle();
    expect(await editorText('memory')).toContain('reloaded at once');
    expect(await s.page.locator('fb-cell[data-cell-id="memory"] [data-edited]').count()).toBe(1);
  });

  it('keeps the edit when the tab is closed right after typing', async () => {
    await typeInCell(s.page, 'report', '"closed at once"');
    await s.page.close();
    s.page = await s.context.newPage();
    await s.page.goto(`${s.baseUrl}#/notebook/${NOTEBOOK}`);
    await settle();
    expect(await editorText('report')).toContain('closed at once');
    // The earlier edit is still there too.
    expect(await editorText('memory')).toContain('reloaded at once');
  });

  it('writes the replayed edit back to IndexedDB, so it no longer depends on the journal', async () => {
    await s.page.waitForFunction(
      async () => {
        const open = indexedDB.open('fieldbook-edits');
        const db: IDBDatabase = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
        const get = db.transaction('notebooks').objectStore('notebooks').get('00-start-here');
        const saved = await new Promise<{ edited?: Record<string, { source: string }> } | undefined>((resolve) => (get.onsuccess = () => resolve(get.result)));
        db.close();
        return saved?.edited?.report?.source.includes('closed at once') === true && Object.keys(localStorage).every((k) => !k.startsWith('fieldbook.unsaved:'));
      },
      undefined,
      { polling: 100 },
    );
  });
});
