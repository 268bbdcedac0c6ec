/**
 * Helpers shared by the sentiment notebook's end-to-end tests: waiting for a cell's output, and
 * reading every exercise panel's status.
 */
import type { Page } from 'playwright-core';
import { outputText } from './browser';

/** Waits until a cell's output text satisfies `test`, and returns it. */
export async function waitForOutput(page: Page, cellId: string, test: (text: string) => boolean, timeout = 60_000): Promise<string> {
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
  const panels = await page.locator('[data-exercise]').evaluateAll((els) =>
    els.map((e) => [(e as HTMLElement).dataset.exercise ?? '', (e as HTMLElement).dataset.exerciseStatus ?? ''] as const));
  return Object.fromEntries(panels);
}
