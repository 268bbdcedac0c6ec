/**
 * No cell output can freeze the page: printed floods, thousands of displays, a million-row table and
 * one enormous line each put a bounded amount on the page, say how much more there is, and offer
 * the rest (show more, next page, download) while Stop stays usable.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addCodeCell, outputText, runInPlace, useSession, waitForKernel } from './browser';

const s = useSession('00-start-here');

const cell = (id: string) => s.page.locator(`fb-cell[data-cell-id="${id}"]`);

async function downloadFrom(id: string): Promise<string> {
  const [file] = await Promise.all([s.page.waitForEvent('download'), cell(id).getByRole('button', { name: 'Download output' }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

describe('printed output', () => {
  it('shows the first thousand of 20,000 printed lines, says how many more, and offers them', async () => {
    const id = await addCodeCell(s.page, 'for (let i = 0; i < 20000; i++) console.log(`line ${i}`);');
    expect(await runInPlace(s.page, id)).toBe('ok');
    const stream = cell(id).locator('.fb-stream');
    const shown = await stream.textContent();
    expect(shown).toContain('line 0\n');
    expect(shown).toContain('line 999\n');
    expect(shown).not.toContain('line 1000\n');
    expect(await cell(id).locator('.fb-output-more').innerText()).toContain('19,000 more lines');

    await cell(id).getByRole('button', { name: 'Show more lines' }).click();
    expect(await stream.textContent()).toContain('line 1999\n');
    expect(await stream.textContent()).not.toContain('line 2000\n');
    expect(await cell(id).locator('.fb-output-more').innerText()).toContain('18,000 more lines');

    const all = (await downloadFrom(id)).split('\n').filter(Boolean);
    expect(all.length).toBe(20000);
    expect(all.at(-1)).toBe('line 19999');
  });

  it('folds one ten-million-character line and keeps what was sent for download', async () => {
    const id = await addCodeCell(s.page, 'console.log("x".repeat(10_000_000))');
    expect(await runInPlace(s.page, id)).toBe('ok');
    const shown = (await cell(id).locator('.fb-stream').first().textContent()) ?? '';
    expect(shown.length).toBeLessThan(100_000);
    expect(shown).toMatch(/[\d,]+ more characters/);
    // The kernel stopped sending long before ten million characters, and says so.
    expect(await outputText(s.page, id)).toMatch(/stopped showing this run's printed output after [\d,]+ characters/);
    const saved = await downloadFrom(id);
    expect(saved.length).toBeGreaterThan(1_000_000);
    expect(saved.slice(0, 1000)).toBe('x'.repeat(1000));
  });

  it('lets the learner press Stop while a cell prints without end', async () => {
    const id = await addCodeCell(
      s.page,
      'let n = 0;\nwhile (true) {\n  console.log(`tick ${n++}`);\n  if (n % 200 === 0) await new Promise((r) => setTimeout(r, 0));\n}',
    );
    await cell(id).getByRole('button', { name: 'Run cell' }).click();
    await s.page.waitForFunction((cid) => document.querySelector(`fb-cell[data-cell-id="${cid}"] .fb-stream`)?.textContent?.includes('tick 500'), id, {
      timeout: 30_000,
    });
    await s.page.getByRole('button', { name: 'Stop' }).click({ timeout: 30_000 });
    await s.page.waitForFunction(
      (cid) => {
        const status = document.querySelector<HTMLElement>(`fb-cell[data-cell-id="${cid}"]`)?.dataset.status;
        return status !== 'running' && status !== 'queued';
      },
      id,
      { timeout: 30_000 },
    );
    await waitForKernel(s.page);
    // The page still answers: another cell runs.
    const next = await addCodeCell(s.page, '6 * 7');
    expect(await runInPlace(s.page, next)).toBe('ok');
  });
});

describe('many outputs', () => {
  it('shows the first hundred of 5,000 displays and the rest on request', async () => {
    const id = await addCodeCell(s.page, 'for (let i = 0; i < 5000; i++) display(`item ${i}`);');
    expect(await runInPlace(s.page, id)).toBe('ok');
    expect(await cell(id).locator('fb-output').count()).toBe(100);
    expect(await cell(id).locator('.fb-outputs-more').innerText()).toContain('4,900 more outputs');
    await cell(id).getByRole('button', { name: 'Show more outputs' }).click();
    expect(await cell(id).locator('fb-output').count()).toBe(200);
    expect(await cell(id).locator('fb-output').last().innerText()).toContain('item 199');
  });
});

describe('tables', () => {
  it('pages a 50,000-row table shown with limit 1e6 instead of drawing every row', async () => {
    const id = await addCodeCell(
      s.page,
      'const rows = Array.from({ length: 50000 }, (_, i) => ({ i, square: i * i, label: `row ${i}` }));\ndisplay.table(rows, { limit: 1e6, maxRows: 1e6 });',
    );
    expect(await runInPlace(s.page, id)).toBe('ok');
    const table = cell(id).locator('.fb-table');
    expect(await table.locator('tbody tr').count()).toBe(200);
    expect(await cell(id).locator('.fb-table-foot').innerText()).toContain('50,000 rows, showing 1–200');
    await cell(id).getByRole('button', { name: 'Next page' }).click();
    expect(await table.locator('tbody tr').first().locator('td').first().innerText()).toBe('200');
    expect(await table.locator('tbody tr').count()).toBe(200);
    expect(await cell(id).locator('.fb-table-foot').innerText()).toContain('showing 201–400');
    await cell(id).getByRole('button', { name: 'Previous page' }).click();
    expect(await table.locator('tbody tr').first().locator('td').first().innerText()).toBe('0');
  });
});

describe('errors', () => {
  it('logged none while cells flooded the page', () => {
    expect(s.errors).toEqual([]);
  });
});
