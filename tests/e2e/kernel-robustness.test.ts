/**
 * The kernel against hostile cells, driven like a person (issue 12, items 7–9): a timer that throws
 * later, a cell that closes the worker, and cells that allocate without bound.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addAndRunCell, addCodeCell, outputText, runInPlace, statuses, useSession, waitForIdle, waitForKernel } from './browser';

const s = useSession('00-start-here');

const cellStatus = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"]`).getAttribute('data-status');

beforeAll(async () => {
  await s.page.getByRole('button', { name: 'Run all' }).click();
  await waitForIdle(s.page);
  expect((await statuses(s.page)).every((x) => x === 'ok')).toBe(true);
});

describe('a cell’s timer that throws later', () => {
  it('shows the error in the cell that scheduled it, with its line, and restarts nothing', async () => {
    const id = await addAndRunCell(s.page, 'const scheduled = 1;\nsetTimeout(() => { throw new Error("late failure"); }, 100);');
    await s.page.waitForFunction((cid) => document.querySelector(`fb-cell[data-cell-id="${cid}"] .fb-outputs`)?.textContent?.includes('late failure'), id);
    expect(await outputText(s.page, id)).toMatch(/at line 2:\d+[\s\S]*late failure/);
    expect(await cellStatus(id)).toBe('ok');
    expect(await cellStatus('make-data')).toBe('ok');
    expect(await s.page.locator('.fb-notice').count()).toBe(0);
    expect(await s.page.getByText('Something went wrong').count()).toBe(0);
    // The scope survived: a later cell still reads an earlier cell's names.
    expect(await outputText(s.page, await addAndRunCell(s.page, 'scheduled + 1'))).toBe('2');
  });
});

describe('a cell that closes the worker', () => {
  it('restarts the kernel with the usual notice, and the next cell does not stay queued', async () => {
    const closer = await addAndRunCell(s.page, 'self.close();\n"closed"');
    expect(await outputText(s.page, closer)).toBe('closed');
    const next = await addCodeCell(s.page, '6 * 7');
    await s.page.locator(`fb-cell[data-cell-id="${next}"]`).getByRole('button', { name: 'Run cell' }).click();
    await waitForIdle(s.page, 20_000);
    const notice = await s.page.locator('.fb-notice').innerText();
    expect(notice).toContain('stopped answering');
    expect(notice).toContain('make-data');
    expect(await cellStatus('make-data')).toBe('stale');
    await waitForKernel(s.page);
    expect(await runInPlace(s.page, next)).toBe('ok');
    expect(await outputText(s.page, next)).toBe('42');
  });
});

describe('cells that allocate without bound', () => {
  it('stops a loop piling up tensors with a clear error, then restarts the kernel to free them', async () => {
    const id = await addCodeCell(s.page, 'const kept = [];\nfor (;;) kept.push(tf.ones([1024, 1024]));');
    await runInPlace(s.page, id);
    const text = await outputText(s.page, id);
    expect(text).toContain('MemoryLimitError');
    expect(text).toMatch(/at line 2:\d+/);
    expect(text).toMatch(/tensors take [\d,]+ MB, over the kernel's limit of 1,024 MB/);
    expect(await s.page.locator('.fb-notice').innerText()).toContain('free the memory');
    await waitForKernel(s.page);
    const probe = await addAndRunCell(s.page, 'tf.memory().numBytes < 1e6');
    expect(await outputText(s.page, probe)).toBe('true');
  });

  it('stops a loop growing a plain array before the tab runs out of memory, and the kernel keeps its state', async () => {
    const setup = await addAndRunCell(s.page, 'const keptAcross = "still here";');
    const id = await addCodeCell(s.page, 'const hog = [];\nfor (;;) hog.push(new Array(1e6).fill(1));');
    expect(await runInPlace(s.page, id)).toBe('error');
    const text = await outputText(s.page, id);
    expect(text).toContain('MemoryLimitError');
    expect(text).toContain('the arrays and objects it builds hold about');
    expect(await cellStatus(setup)).toBe('ok');
    expect(await outputText(s.page, await addAndRunCell(s.page, 'keptAcross'))).toBe('still here');
  });
});
