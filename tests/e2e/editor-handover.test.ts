/**
 * The learner reaches a cell before its code editor's chunk has arrived: the statically drawn code
 * takes the typing, and the editor that replaces it keeps the text, the caret and a selection in
 * progress, so a keystroke after the handover lands where the learner meant it.
 */
import { describe, expect, it } from 'vitest';
import { useSession, waitForKernel } from './browser';

const s = useSession();
// A second browser profile, so the editor chunk is fetched (and held back) again.
const t = useSession();
const u = useSession();
const v = useSession();

/** Holds the editor's chunk back until the returned function is called. */
async function holdEditorChunk(session: typeof s): Promise<() => void> {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await session.page.route(/\/assets\/editor-view-[^/]*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

describe('typing before the code editor has loaded', () => {
  it('keeps a selection made in the static code when the editor takes over', async () => {
    const release = await holdEditorChunk(s);
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

  it('replaces the whole code selected with Ctrl+A before the editor took over', async () => {
    const release = await holdEditorChunk(t);
    await t.page.goto(`${t.baseUrl}#/notebook/00-start-here`);
    await waitForKernel(t.page);
    const cell = t.page.locator('fb-cell[data-cell-id="split"]');
    await cell.locator('.cm-line').first().click();
    await t.page.keyboard.press('ControlOrMeta+a');
    release();
    await cell.locator('.cm-editor .cm-content[contenteditable="true"]').waitFor();
    await t.page.keyboard.insertText('const replaced = 1;');
    expect(await cell.locator('.cm-content').innerText()).toBe('const replaced = 1;');
  });

  it('keeps what was typed in the static code across a reload before the editor ever arrived', async () => {
    await holdEditorChunk(u);
    await u.page.goto(`${u.baseUrl}#/notebook/00-start-here`);
    await waitForKernel(u.page);
    const cell = () => u.page.locator('fb-cell[data-cell-id="memory"]');
    await cell().locator('.cm-line').first().click();
    await u.page.keyboard.press('ControlOrMeta+a');
    await u.page.keyboard.insertText('"typed before the editor"');
    await u.page.reload();
    await waitForKernel(u.page);
    await expect.poll(() => cell().locator('.cm-content').innerText()).toBe('"typed before the editor"');
  });
});

describe('Esc before the code editor has loaded', () => {
  it('first collapses a selection in the static code, as the editor does, then leaves it', async () => {
    const release = await holdEditorChunk(v);
    await v.page.goto(`${v.baseUrl}#/notebook/00-start-here`);
    await waitForKernel(v.page);
    const cell = v.page.locator('fb-cell[data-cell-id="split"]');
    await cell.locator('.cm-line').first().click();
    await v.page.keyboard.press('Home');
    await v.page.keyboard.press('Shift+ArrowRight');
    await v.page.keyboard.press('Shift+ArrowRight');
    await v.page.keyboard.press('Escape');
    const where = () =>
      v.page.evaluate(() => ({
        inCode: Boolean(document.activeElement?.closest('fb-cell[data-cell-id="split"] .cm-content')),
        selected: getSelection()?.toString() ?? '',
        commandMode: document.activeElement?.localName === 'fb-cell',
      }));
    expect(await where()).toEqual({ inCode: true, selected: '', commandMode: false });
    await v.page.keyboard.press('Escape');
    expect(await where()).toMatchObject({ inCode: false, commandMode: true });
    release();
  });
});

describe('errors', () => {
  it('logged none', () => {
    expect(s.errors).toEqual([]);
    expect(t.errors).toEqual([]);
    expect(u.errors).toEqual([]);
    expect(v.errors).toEqual([]);
  });
});
