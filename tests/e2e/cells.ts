/**
 * Reading and driving a notebook's cells as a learner would, shared by the notebooks' end-to-end
 * tests: waiting for a cell's output, the exercise panels' states, a table's rows, importing a file.
 */
import type { Page } from 'playwright-core';
import { outputText } from './browser';

/** Waits until a cell's output text satisfies `test`, and returns it. */
export async function waitForOutput(page: Page, cellId: string, test: (text: string) => boolean, timeout = 120_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await outputText(page, cellId).catch(() => '');
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`cell ${cellId} never showed the expected output; it shows: ${text.slice(0, 500)}`);
    await page.waitForTimeout(100);
  }
}

/** Every exercise's status by id, from the panels' `data-exercise` and `data-exercise-status`. */
export async function exerciseStatuses(page: Page): Promise<Record<string, string>> {
  const panels = await page
    .locator('[data-exercise]')
    .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.exercise ?? '', (e as HTMLElement).dataset.exerciseStatus ?? ''] as const));
  return Object.fromEntries(panels);
}

/** The rows of the first table in a cell's output, as arrays of cell texts. */
export async function tableRows(page: Page, cellId: string): Promise<string[][]> {
  return page
    .locator(`fb-cell[data-cell-id="${cellId}"] table`)
    .first()
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
}

/** Imports a notebook file through the "Import notebook" button's file chooser. */
export async function importText(page: Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import notebook' }).click()]);
  await chooser.setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}
