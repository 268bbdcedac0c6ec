/**
 * Jupyter-style keyboard use, end to end: Esc leaves a cell's editor for command mode, single keys
 * move, add, delete and run cells, Enter goes back to typing, and ? shows the shortcuts.
 */
import { describe, expect, it } from 'vitest';
import { useSession, waitForIdle, cellIds } from './browser';

const s = useSession('00-start-here');

/** The selected cell's id, or null; throws if more than one cell is marked. */
async function selectedId(): Promise<string | null> {
  const marked = await s.page
    .locator('fb-cell[data-selected]')
    .evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.cellId}|${e.getAttribute('aria-current')}`));
  if (marked.length > 1) throw new Error(`several cells are selected: ${marked.join(', ')}`);
  if (!marked.length) return null;
  const [id, current] = marked[0].split('|');
  expect(current).toBe('true');
  return id;
}

/** Where focus is: 'cell:<id>' on a cell, 'editor:<id>' in a cell's code, else the tag name. */
async function focus(): Promise<string> {
  return s.page.evaluate(() => {
    const active = document.activeElement;
    const cell = active?.closest<HTMLElement>('fb-cell');
    if (active?.localName === 'fb-cell') return `cell:${cell?.dataset.cellId}`;
    if (cell && active?.closest('.cm-content')) return `editor:${cell.dataset.cellId}`;
    return active?.closest('dialog') ? 'dialog' : (active?.localName ?? 'none');
  });
}

/** Waits for the selection to settle on a cell in command mode and returns its id. */
async function commandModeCell(): Promise<string> {
  await s.page.waitForFunction(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.localName === 'fb-cell' && active.hasAttribute('data-selected');
  });
  const id = await selectedId();
  expect(await focus()).toBe(`cell:${id}`);
  return id!;
}

/** Clicks into a cell's code, then leaves the editor with Esc. */
async function selectWithEscape(id: string): Promise<void> {
  await s.page.locator(`fb-cell[data-cell-id="${id}"] .cm-content`).click();
  await s.page.keyboard.press('Escape');
  expect(await commandModeCell()).toBe(id);
}

describe('command mode', () => {
  it('is entered with Esc from a cell editor, which selects and focuses that cell', async () => {
    await s.page.locator('fb-cell[data-cell-id="split"] .cm-content').click();
    expect(await focus()).toBe('editor:split');
    await s.page.keyboard.press('Escape');
    expect(await commandModeCell()).toBe('split');
  });

  it('lets CodeMirror use Esc first: a selection collapses, the next Esc leaves the editor', async () => {
    await s.page.locator('fb-cell[data-cell-id="baseline"] .cm-content').click();
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.page.keyboard.press('Shift+ArrowRight');
    await s.page.keyboard.press('Escape');
    expect(await focus()).toBe('editor:baseline');
    await s.page.keyboard.press('Escape');
    expect(await commandModeCell()).toBe('baseline');
  });

  it('moves the selection with j/k and the arrow keys', async () => {
    const ids = await cellIds(s.page);
    const at = ids.indexOf('split');
    await selectWithEscape('split');
    await s.page.keyboard.press('j');
    expect(await commandModeCell()).toBe(ids[at + 1]);
    await s.page.keyboard.press('ArrowDown');
    expect(await commandModeCell()).toBe(ids[at + 2]);
    await s.page.keyboard.press('k');
    expect(await commandModeCell()).toBe(ids[at + 1]);
    await s.page.keyboard.press('ArrowUp');
    expect(await commandModeCell()).toBe('split');
  });

  it('stops at the first cell', async () => {
    const [first] = await cellIds(s.page);
    await selectWithEscape(first);
    await s.page.keyboard.press('k');
    expect(await commandModeCell()).toBe(first);
  });

  it('selects a cell when the learner clicks beside its code', async () => {
    await s.page.locator('fb-cell[data-cell-id="features"] .fb-cell-label').click();
    expect(await commandModeCell()).toBe('features');
  });

  it('adds a cell below with b and selects it, then deletes it with d d', async () => {
    const before = await cellIds(s.page);
    await selectWithEscape('split');
    await s.page.keyboard.press('b');
    const added = await commandModeCell();
    const after = await cellIds(s.page);
    expect(after.length).toBe(before.length + 1);
    expect(after.indexOf(added)).toBe(after.indexOf('split') + 1);
    expect(before).not.toContain(added);

    await s.page.keyboard.press('d');
    await s.page.keyboard.press('d');
    await s.page.waitForFunction((n) => document.querySelectorAll('fb-cell').length === n, before.length);
    expect(await cellIds(s.page)).toEqual(before);
    // The cell after the deleted one is selected, as in Jupyter.
    expect(await commandModeCell()).toBe(before[before.indexOf('split') + 1]);
  });

  it('adds a cell above with a', async () => {
    const before = await cellIds(s.page);
    await selectWithEscape('baseline');
    await s.page.keyboard.press('a');
    const added = await commandModeCell();
    const after = await cellIds(s.page);
    expect(after.length).toBe(before.length + 1);
    expect(after.indexOf(added)).toBe(after.indexOf('baseline') - 1);
    await s.page.keyboard.press('d');
    await s.page.keyboard.press('d');
    await s.page.waitForFunction((n) => document.querySelectorAll('fb-cell').length === n, before.length);
    expect(await commandModeCell()).toBe('baseline');
  });

  it('does not delete on two d presses with another key between them', async () => {
    const before = await cellIds(s.page);
    await selectWithEscape('features');
    for (const key of ['d', 'j', 'k', 'd']) await s.page.keyboard.press(key);
    expect(await cellIds(s.page)).toEqual(before);
    expect(await commandModeCell()).toBe('features');
  });

  it('goes back to the editor on Enter, where typing edits the code and Esc closes completions first', async () => {
    await selectWithEscape('split');
    await s.page.keyboard.press('b');
    const added = await commandModeCell();
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction((id) => document.activeElement?.closest(`fb-cell[data-cell-id="${id}"] .cm-content`) !== null, added);
    await s.page.keyboard.type('const typedHere = 1;');
    expect(await s.page.locator(`fb-cell[data-cell-id="${added}"] .cm-content`).innerText()).toBe('const typedHere = 1;');
    // Typing a name opens CodeMirror's completions: the first Esc closes them, the second leaves.
    await s.page.keyboard.press('Enter');
    await s.page.keyboard.type('typed');
    const completions = s.page.locator(`fb-cell[data-cell-id="${added}"] .cm-tooltip-autocomplete`);
    await completions.waitFor();
    await s.page.keyboard.press('Escape');
    await completions.waitFor({ state: 'detached' });
    expect(await focus()).toBe(`editor:${added}`);
    await s.page.keyboard.press('Escape');
    expect(await commandModeCell()).toBe(added);
    await s.page.keyboard.press('d');
    await s.page.keyboard.press('d');
    await s.page.waitForFunction((id) => !document.querySelector(`fb-cell[data-cell-id="${id}"]`), added);
  });

  it('runs the cell and selects the next one on Shift+Enter, staying in command mode', async () => {
    const ids = await cellIds(s.page);
    await selectWithEscape(ids[0]);
    await s.page.keyboard.press('Shift+Enter');
    expect(await commandModeCell()).toBe(ids[1]);
    await waitForIdle(s.page);
    expect(await s.page.locator(`fb-cell[data-cell-id="${ids[0]}"]`).getAttribute('data-status')).toBe('ok');
  });

  it('runs the cell in place on Ctrl+Enter', async () => {
    const ids = await cellIds(s.page);
    await selectWithEscape(ids[1]);
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    expect(await s.page.locator(`fb-cell[data-cell-id="${ids[1]}"]`).getAttribute('data-status')).toBe('ok');
    expect(await commandModeCell()).toBe(ids[1]);
  });

  it('saves on Ctrl+S in both modes, keeping the key from the browser', async () => {
    await s.page.evaluate(() => {
      (window as unknown as { saves: boolean[] }).saves = [];
      window.addEventListener('keydown', (e) => {
        if (e.key === 's' && e.ctrlKey) (window as unknown as { saves: boolean[] }).saves.push(e.defaultPrevented);
      });
    });
    await selectWithEscape('split');
    // Saving offers the learner's version as a download.
    const [fromCommand] = await Promise.all([s.page.waitForEvent('download'), s.page.keyboard.press('Control+s')]);
    expect(fromCommand.suggestedFilename()).toMatch(/\.md$/);
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction(() => document.activeElement?.closest('.cm-content') !== null);
    const [fromEditor] = await Promise.all([s.page.waitForEvent('download'), s.page.keyboard.press('Control+s')]);
    expect(fromEditor.suggestedFilename()).toMatch(/\.md$/);
    expect(await s.page.evaluate(() => (window as unknown as { saves: boolean[] }).saves)).toEqual([true, true]);
    await s.page.keyboard.press('Escape');
  });

  it('leaves keys typed in other inputs alone', async () => {
    await selectWithEscape('split');
    await s.page.keyboard.press('b');
    const added = await commandModeCell();
    await s.page.keyboard.press('Enter');
    await s.page.keyboard.insertText('const note = display.textbox({ label: "Your note" });');
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    const before = await cellIds(s.page);
    const box = s.page.getByRole('textbox', { name: 'Your note' });
    await box.click();
    await s.page.keyboard.type('abddjk?');
    await s.page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('abddjk?');
    expect(await cellIds(s.page)).toEqual(before);
    expect(await s.page.getByRole('dialog').count()).toBe(0);
    await s.page.locator(`fb-cell[data-cell-id="${added}"] .fb-cell-label`).click();
    await s.page.keyboard.press('d');
    await s.page.keyboard.press('d');
    await s.page.waitForFunction((id) => !document.querySelector(`fb-cell[data-cell-id="${id}"]`), added);
  });
});

describe('the shortcuts panel', () => {
  it('opens on ? as a modal dialog listing the shortcuts, and Esc closes it and returns focus', async () => {
    await selectWithEscape('features');
    await s.page.keyboard.press('?');
    const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
    expect(await dialog.locator('dt').count()).toBeGreaterThan(12);
    const text = await dialog.innerText();
    for (const line of ['Add a code cell below', 'Delete the cell', 'Run the cell and select the next one', 'Leave the editor and select the cell'])
      expect(text).toContain(line);
    expect(await focus()).toBe('dialog');
    // Command keys do nothing while the panel is open.
    const before = await cellIds(s.page);
    await s.page.keyboard.press('b');
    expect(await cellIds(s.page)).toEqual(before);

    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await commandModeCell()).toBe('features');
  });

  it('opens on h too and closes with its Close button', async () => {
    await selectWithEscape('split');
    await s.page.keyboard.press('h');
    const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await commandModeCell()).toBe('split');
  });
});

describe('errors', () => {
  it('logged none while the keyboard drove the notebook', () => {
    expect(s.errors).toEqual([]);
  });
});
