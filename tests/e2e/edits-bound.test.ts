/**
 * A pending save belongs to the notebook it was typed in (issue 12, item 1): leaving a notebook
 * within the autosave's pause must neither put the text into the next notebook's cell of the same
 * id nor lose it from the first.
 */
import { describe, expect, it } from 'vitest';
import { openNotebook, typeInCell, useSession, waitForKernel } from './browser';

const s = useSession('00-start-here');
const cell = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"]`);
const MARK = '// typed in start-here';

async function go(hash: string): Promise<void> {
  await s.page.evaluate((h) => (location.hash = h), hash);
  await waitForKernel(s.page);
  await s.page.locator('fb-cell[data-status]').first().waitFor();
}

describe('an edit followed at once by another notebook', () => {
  it('stays in the notebook it was typed in, and the other notebook opens as it was', async () => {
    await typeInCell(s.page, 'features', `${MARK}\nfunction polynomialFeatures(xs: number[], degree: number) { return xs.map((x) => [x]); }`);
    // Straight away, well inside the autosave's pause.
    await go('#/notebook/fraud-detection');
    await s.page.waitForFunction(() => document.title.startsWith('Fraud'));
    await cell('features').waitFor();
    expect(await cell('features').locator('.cm-content').innerText()).not.toContain(MARK);
    expect(await cell('features').locator('[data-edited]').count()).toBe(0);
    expect(await cell('features').locator('[data-original-changed]').count()).toBe(0);

    await go('#/notebook/00-start-here');
    expect(await cell('features').locator('.cm-content').innerText()).toContain(MARK);
  });

  it('is still where it belongs after a reload of each notebook', async () => {
    await openNotebook(s, 'fraud-detection');
    expect(await cell('features').locator('.cm-content').innerText()).not.toContain(MARK);
    await openNotebook(s, '00-start-here');
    expect(await cell('features').locator('.cm-content').innerText()).toContain(MARK);
    expect(await cell('features').locator('[data-edited]').count()).toBe(1);
  });
});
