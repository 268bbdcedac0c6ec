/**
 * The learner's work is safe: edits survive reloads and offline use, resets ask first, a changed
 * original is reported rather than overwritten, stale cells are marked and re-run, and storage
 * failures are reported while the page keeps working.
 */
import { describe, expect, it } from 'vitest';
import { outputText, statuses, typeInCell, useSession, waitForIdle, waitForKernel } from './browser';

const NOTEBOOK = '00-start-here';
const s = useSession(NOTEBOOK);

const cell = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"]`);
const editorText = (id: string) => cell(id).locator('.cm-content').innerText();

async function reload(): Promise<void> {
  await s.page.reload();
  await waitForKernel(s.page);
  await s.page.locator('fb-cell[data-status]').first().waitFor();
}

/** Waits until the debounced autosave has written the notebook's edits. */
async function waitForSave(): Promise<void> {
  await s.page.waitForTimeout(700);
}

describe('edits persist', () => {
  it('keeps an edited cell across a reload and marks it edited', async () => {
    await typeInCell(
      s.page,
      'try-ridge',
      'const myRidge = 0.25;\nconst ridgeModel = fitPolynomial(train.xs, train.ys, 10, myRidge);\nconst ridgeValidationMSE = mse(validation.ys, predictPolynomial(ridgeModel, validation.xs));\nridgeValidationMSE',
    );
    await waitForSave();
    await reload();
    expect(await editorText('try-ridge')).toContain('const myRidge = 0.25;');
    expect(await cell('try-ridge').locator('[data-edited]').count()).toBe(1);
  });

  it('keeps an added cell in its place across a reload', async () => {
    const ids = () => s.page.locator('fb-cell[data-cell-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId!));
    const before = await ids();
    await cell('memory').getByRole('button', { name: 'Add cell' }).click();
    await s.page.waitForFunction((n) => document.querySelectorAll('fb-cell[data-cell-id]').length === n + 1, before.length);
    const id = (await ids()).find((x) => !before.includes(x))!;
    await typeInCell(s.page, id, '"an added cell"');
    await waitForSave();
    await reload();
    const after = await ids();
    expect(after[after.indexOf('memory') + 1]).toBe(id);
    expect(await editorText(id)).toContain('an added cell');
  });

  it('finds the edit offline after a reload and runs the notebook', async () => {
    await s.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
    await s.context.setOffline(true);
    try {
      await reload();
      expect(await editorText('try-ridge')).toContain('const myRidge = 0.25;');
      await s.page.getByRole('button', { name: 'Run all' }).click();
      await waitForIdle(s.page);
      const all = await statuses(s.page);
      expect(
        all.every((x) => x === 'ok'),
        all.join(', '),
      ).toBe(true);
      expect(Number(await outputText(s.page, 'try-ridge'))).toBeGreaterThan(0);
    } finally {
      await s.context.setOffline(false);
    }
  });

  it('resets a cell to the original only after the learner confirms', async () => {
    await cell('try-ridge').getByRole('button', { name: 'Reset cell' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Reset this cell?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await editorText('try-ridge')).toContain('const myRidge = 0.25;');
    await cell('try-ridge').getByRole('button', { name: 'Reset cell' }).click();
    await s.page.getByRole('dialog').getByRole('button', { name: 'Reset cell' }).click();
    expect(await editorText('try-ridge')).toContain('const myRidge = 0;');
    expect(await cell('try-ridge').locator('[data-edited]').count()).toBe(0);
    await waitForSave();
    await reload();
    expect(await editorText('try-ridge')).toContain('const myRidge = 0;');
  });
});

describe('stale cells', () => {
  it('marks the readers of an edited cell stale and re-runs them with Run stale', async () => {
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page);
    await typeInCell(
      s.page,
      'baseline',
      'const trainMean = 0;\nconst baselinePredictions = validation.ys.map(() => trainMean);\nconst baseline = { model: "predict zero", validationMSE: mse(validation.ys, baselinePredictions), validationRMSE: rmse(validation.ys, baselinePredictions) };\ndisplay.table([baseline]);',
    );
    await s.page.waitForTimeout(500);
    expect(await cell('baseline').getAttribute('data-status')).toBe('stale');
    for (const reader of ['evaluate-cubic', 'report']) expect(await cell(reader).getAttribute('data-status')).toBe('stale');
    expect(await cell('sweep').getAttribute('data-status')).toBe('ok');
    await s.page.getByRole('button', { name: 'Run stale' }).click();
    await waitForIdle(s.page);
    const all = await statuses(s.page);
    expect(
      all.every((x) => x === 'ok'),
      all.join(', '),
    ).toBe(true);
    expect(await outputText(s.page, 'evaluate-cubic')).toContain('predict zero');
  });

  it('runs the stale cells a cell depends on before running it', async () => {
    await typeInCell(
      s.page,
      'features',
      'function polynomialFeatures(xs: number[], degree: number): number[][] {\n  return xs.map((x) => Array.from({ length: degree }, (_, power) => (x / 3) ** (power + 1)));\n}\npolynomialFeatures([1.5], 2)',
    );
    await s.page.waitForTimeout(500);
    expect(await cell('features').getAttribute('data-status')).toBe('stale');
    await cell('coefficients').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect(await cell('features').getAttribute('data-status')).toBe('ok');
    expect(await outputText(s.page, 'features')).toBe('[[0.5, 0.25]]');
    expect(await cell('coefficients').getAttribute('data-status')).toBe('ok');
  });

  it('marks every cell that had run stale after Restart', async () => {
    await s.page.getByRole('button', { name: 'Restart' }).click();
    await waitForKernel(s.page);
    await s.page.waitForFunction(() => document.querySelector('fb-cell[data-cell-id="make-data"]')?.getAttribute('data-status') === 'stale');
  });
});

describe('a new release of a notebook', () => {
  it("keeps the learner's edit when the original changed, and offers a side-by-side choice", async () => {
    // Simulate an edit saved against an older version of the cell.
    await s.page.evaluate(async (id) => {
      const open = indexedDB.open('fieldbook-edits');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('notebooks', 'readwrite');
      tx.objectStore('notebooks').put(
        { version: 1, notebookId: id, savedAt: 0, edited: { memory: { source: '"my own memory cell"', base: '"the old original"' } }, added: [], deleted: [] },
        id,
      );
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, NOTEBOOK);
    await reload();
    expect(await editorText('memory')).toContain('my own memory cell');
    await cell('memory').locator('[data-original-changed]').click();
    const dialog = s.page.getByRole('dialog', { name: 'Compare with the new original' });
    expect(await dialog.locator('.fb-diff').innerText()).toContain('Tensors alive');
    await dialog.getByRole('button', { name: 'Keep my version' }).click();
    expect(await cell('memory').locator('[data-original-changed]').count()).toBe(0);
    expect(await editorText('memory')).toContain('my own memory cell');
    await cell('memory').getByRole('button', { name: 'Reset cell' }).click();
    await s.page.getByRole('dialog').getByRole('button', { name: 'Reset cell' }).click();
    expect(await editorText('memory')).toContain('Tensors alive');
  });
});

describe('storage failures', () => {
  it('reports damaged saved edits and opens the notebook as shipped', async () => {
    await s.page.evaluate(async (id) => {
      const open = indexedDB.open('fieldbook-edits');
      const db: IDBDatabase = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
      const tx = db.transaction('notebooks', 'readwrite');
      tx.objectStore('notebooks').put({ version: 1, garbage: true }, id);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, NOTEBOOK);
    await reload();
    expect(await s.page.locator('.fb-storage-problem').innerText()).toContain('could not be read');
    expect(await editorText('memory')).toContain('Tensors alive');
  });

  it('says what to do when storage is full, and keeps working from memory', async () => {
    await s.page.evaluate(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await typeInCell(s.page, 'memory', '"still works"');
    await waitForSave();
    const banner = await s.page.locator('.fb-storage-problem').innerText();
    expect(banner).toContain('full');
    expect(banner).toContain('export');
    await cell('memory').getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page);
    expect(await outputText(s.page, 'memory')).toBe('still works');
  });
});
