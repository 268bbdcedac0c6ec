/**
 * Run all pressed twice quickly (issue 12, item 11): the second press queues every cell again,
 * and no cell may claim to be done or stale while a newer run of it is still queued, so the cells
 * end up run and the toolbar's counts agree with them throughout.
 */
import { describe, expect, it } from 'vitest';
import { statuses, useSession, waitForIdle } from './browser';

const s = useSession('00-start-here');

describe('Run all, twice in a row', () => {
  it('never shows a stale cell, and ends with every cell run and the toolbar agreeing', async () => {
    // Record every status each cell shows, and every toolbar text, from before the first press.
    await s.page.evaluate(() => {
      const seen: Record<string, string[]> = Object.create(null);
      const toolbar: string[] = [];
      (window as unknown as { statusLog: unknown }).statusLog = { seen, toolbar };
      const record = () => {
        for (const el of document.querySelectorAll<HTMLElement>('fb-cell[data-cell-id]')) {
          const id = el.dataset.cellId!;
          const list = (seen[id] ??= []);
          if (list.at(-1) !== el.dataset.status) list.push(el.dataset.status ?? '');
        }
        const text = document.querySelector('.fb-toolbar-status')?.textContent ?? '';
        if (toolbar.at(-1) !== text) toolbar.push(text);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        attributes: true,
        characterData: true,
        childList: true,
        attributeFilter: ['data-status'],
      });
      record();
    });
    const runAll = s.page.getByRole('button', { name: 'Run all' });
    await runAll.click();
    await runAll.click();
    await waitForIdle(s.page);
    await s.page.waitForFunction(() => document.documentElement.dataset.kernelBusy === 'false');
    await waitForIdle(s.page);

    const all = await statuses(s.page);
    expect(
      all.every((x) => x === 'ok'),
      all.join(', '),
    ).toBe(true);
    expect(await s.page.locator('.fb-toolbar-status').innerText()).toBe(`${all.length} of ${all.length} cells run`);
    const log = await s.page.evaluate(() => (window as unknown as { statusLog: { seen: Record<string, string[]>; toolbar: string[] } }).statusLog);
    const wentStale = Object.entries(log.seen)
      .filter(([, seen]) => seen.includes('stale'))
      .map(([id, seen]) => `${id}: ${seen.join(' → ')}`);
    expect(wentStale).toEqual([]);
    expect(log.toolbar.filter((t) => t.includes('stale'))).toEqual([]);
  });
});
