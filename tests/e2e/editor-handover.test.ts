/**
 * The learner reaches a cell before its code editor's chunk has arrived: the statically drawn code
 * takes the typing, and the editor that replaces it keeps the text, the caret and a selection in
 * progress, so a keystroke after the handover lands where the learner meant it.
 */
import { describe, expect, it } from 'vitest';
import { useSession, waitForKernel } from './browser';

const s = useSession();

describe('typing before the code editor has loaded', () => {
  it('keeps a selection made in the static code when the editor takes over', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Hold the editor's chunk back until the learner has selected a line.
    await s.page.route(/\/assets\/editor-view-[^/]*\.js$/, async (route) => {
      await gate;
      await route.continue();
    });
    await s.page.goto(`${s.baseUrl}#/notebook/00-start-here`);
    await waitForKernel(s.page);
    const cell = s.page.locator('fb-cell[data-cell-id="make-data"]');
    await cell.locator('.cm-line', { hasText: 'const SEED' }).click();
    await s.page.keyboard.press('Home');
    await s.page.keyboard.press('Shift+End');
    // The stand-in has the selection; now the editor arrives and replaces it.
    release();
    await cell.locator('.cm-editor .cm-content[contenteditable="true"]').waitFor();
    await s.page.keyboard.insertText('const SEED = 7;');
    const lines = (await cell.locator('.cm-content').innerText()).split('\n');
    expect(lines.filter((l) => l.includes('SEED ='))).toEqual(['const SEED = 7;']);
  });
});

describe('errors', () => {
  it('logged none', () => {
    expect(s.errors).toEqual([]);
  });
});
