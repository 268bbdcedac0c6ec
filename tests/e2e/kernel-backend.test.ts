/**
 * The tfjs backend choice, as a learner meets it in the header: measured once per browser and app
 * version, kept across visits, measured again on request, and a backend the learner picks is kept.
 */
import { describe, expect, it } from 'vitest';
import { openNotebook, useSession, waitForKernel } from './browser';

const s = useSession();

const menu = () => s.page.getByRole('combobox', { name: /tfjs backend/ });
const options = () => menu().locator('option').allInnerTexts();

/** Waits until the kernel is ready and the menu lists the measured backends. */
async function settled(): Promise<void> {
  await waitForKernel(s.page);
  await s.page.waitForFunction(() => document.querySelector('select option[value="measure"]') !== null);
}

describe('the backend menu', () => {
  it('measures on the first visit, then starts later visits with that choice without measuring again', async () => {
    await openNotebook(s, '00-start-here');
    await settled();
    const first = await options();
    // Each candidate with its probe time, then the entry that measures again.
    expect(first.at(-1)).toBe('measure again');
    expect(
      first.slice(0, -1).every((text) => /^(cpu|wasm|webgl) \(\d+(\.\d)? ms\)$/.test(text)),
      first.join(', '),
    ).toBe(true);
    const chosen = await menu().inputValue();
    await s.page.reload();
    await settled();
    // A new measurement would give new times; the cached one gives the same, to the 0.1 ms.
    expect(await options()).toEqual(first);
    expect(await menu().inputValue()).toBe(chosen);
  });

  it('measures again when the learner asks', async () => {
    const before = await options();
    await menu().selectOption('measure');
    await s.page.waitForFunction(() => document.documentElement.dataset.kernel === 'starting' || document.documentElement.dataset.kernel === 'ready');
    await settled();
    await s.page.waitForFunction((old) => {
      const now = [...document.querySelectorAll('select option')].map((o) => o.textContent?.trim());
      return now.length > 1 && JSON.stringify(now) !== old;
    }, JSON.stringify(before));
    expect((await options()).slice(0, -1).every((text) => /\(\d+(\.\d)? ms\)$/.test(text))).toBe(true);
  });

  it('keeps a backend the learner picked across a reload', async () => {
    const other = (await menu().inputValue()) === 'cpu' ? 'wasm' : 'cpu';
    await menu().selectOption(other);
    await s.page.waitForFunction((b) => document.documentElement.dataset.backend === b, other);
    await s.page.reload();
    await settled();
    expect(await s.page.evaluate(() => document.documentElement.dataset.backend)).toBe(other);
    expect(await menu().inputValue()).toBe(other);
  });
});
