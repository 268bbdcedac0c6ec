/**
 * `d d` is undoable (issue 12, item 4): `z` in command mode, or the Undo button the page offers,
 * brings the deleted cell back where it was, with the learner's edit, and the undo is saved.
 */
import { describe, expect, it } from 'vitest';
import { cellIds, typeInCell, useSession, waitForKernel } from './browser';

const s = useSession('00-start-here');
const cell = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"]`);

async function deleteWithKeys(id: string): Promise<void> {
  await cell(id).locator('.cm-content').click();
  // The first Esc may only close CodeMirror's completion list; the next leaves the editor.
  const inCommandMode = () => s.page.evaluate((cellId) => (document.activeElement as HTMLElement | null)?.dataset.cellId === cellId, id);
  for (let i = 0; i < 3 && !(await inCommandMode()); i++) await s.page.keyboard.press('Escape');
  expect(await inCommandMode()).toBe(true);
  await s.page.keyboard.press('d');
  await s.page.keyboard.press('d');
  await s.page.waitForFunction((cellId) => !document.querySelector(`fb-cell[data-cell-id="${cellId}"]`), id);
  // The selection moves to a neighbour, still in command mode, as a person sees before pressing z.
  await s.page.waitForFunction(() => document.activeElement?.localName === 'fb-cell' && document.activeElement.hasAttribute('data-selected'));
}

describe('undoing a deletion', () => {
  it('brings an edited shipped cell back in its place with z', async () => {
    const before = await cellIds(s.page);
    await typeInCell(s.page, 'choose', '"my edited choice"');
    await deleteWithKeys('choose');
    expect(await cellIds(s.page)).not.toContain('choose');
    await s.page.keyboard.press('z');
    await cell('choose').waitFor();
    expect(await cellIds(s.page)).toEqual(before);
    expect(await cell('choose').locator('.cm-content').innerText()).toContain('my edited choice');
    expect(await cell('choose').locator('[data-edited]').count()).toBe(1);
  });

  it('offers an Undo button after a deletion, which brings the cell back', async () => {
    const before = await cellIds(s.page);
    await deleteWithKeys('report');
    const bar = s.page.locator('.fb-undo');
    expect(await bar.innerText()).toContain('report');
    await bar.getByRole('button', { name: 'Undo' }).click();
    await cell('report').waitFor();
    expect(await cellIds(s.page)).toEqual(before);
    expect(await bar.count()).toBe(0);
  });

  it('keeps the undone cell after a reload', async () => {
    const before = await cellIds(s.page);
    await deleteWithKeys('memory');
    await s.page.keyboard.press('z');
    await cell('memory').waitFor();
    await s.page.reload();
    await waitForKernel(s.page);
    await cell('memory').waitFor();
    expect(await cellIds(s.page)).toEqual(before);
    expect(await cell('choose').locator('.cm-content').innerText()).toContain('my edited choice');
  });
});
