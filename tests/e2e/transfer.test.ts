/**
 * Export and import: the learner's version leaves as Fieldbook Markdown and as a valid nbformat 4.5
 * notebook, comes back the same, and imported files are untrusted — nothing in them runs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellIds, statuses, typeInCell, useSession, waitForIdle, waitForKernel } from './browser';
import { importText } from './cells';

const s = useSession('00-start-here');
let markdown = '';
let ipynb = '';
let exportedIds: string[] = [];

async function download(button: string): Promise<string> {
  const [file] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: button }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

function validateWithNbformat(text: string): { status: number | null; stderr: string } {
  const result = spawnSync('/usr/bin/python3', ['-c', 'import nbformat,sys; nbformat.validate(nbformat.reads(sys.stdin.read(), as_version=4))'], {
    input: text,
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

describe('export', () => {
  it("downloads the learner's version as Markdown and as .ipynb with outputs and chart images", async () => {
    await typeInCell(
      s.page,
      'try-ridge',
      'const myRidge = 0.5;\nconst ridgeModel = fitPolynomial(train.xs, train.ys, 10, myRidge);\nconst ridgeValidationMSE = mse(validation.ys, predictPolynomial(ridgeModel, validation.xs));\nridgeValidationMSE',
    );
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page);
    exportedIds = await cellIds(s.page);
    markdown = await download('Export .md');
    expect(markdown).toMatch(/^---\nid: 00-start-here\n/);
    expect(markdown).toContain('const myRidge = 0.5;');
    ipynb = await download('Export .ipynb');
    const nb = JSON.parse(ipynb);
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBe(5);
    const sweep = nb.cells.find(
      (c: { metadata?: { fieldbook?: { id?: string } } }) => c.metadata?.fieldbook?.id === 'sweep' || (c as { id?: string }).id === 'sweep',
    );
    expect(sweep.outputs.some((o: { data?: Record<string, string> }) => typeof o.data?.['image/png'] === 'string' && o.data['image/png'].length > 1000)).toBe(
      true,
    );
    expect(sweep.outputs.some((o: { data?: Record<string, string> }) => String(o.data?.['text/plain'] ?? '').includes('validationMSE'))).toBe(true);
  });

  it('writes .ipynb files that the official nbformat schema accepts', () => {
    const ok = validateWithNbformat(ipynb);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    // The check can fail: a notebook without cells is rejected.
    const broken = JSON.parse(ipynb);
    delete broken.cells;
    expect(validateWithNbformat(JSON.stringify(broken)).status).not.toBe(0);
  });
});

describe('import', () => {
  it('re-imports the exported Markdown with the same cells, untrusted so nothing runs', async () => {
    await importText(s.page, '00-start-here.md', markdown);
    await s.page.waitForURL(/#\/imported\/00-start-here$/);
    await waitForKernel(s.page);
    await s.page.locator('fb-cell[data-cell-id]').first().waitFor();
    expect(await cellIds(s.page)).toEqual(exportedIds);
    expect(await s.page.locator('fb-cell[data-cell-id="try-ridge"] .cm-content').innerText()).toContain('const myRidge = 0.5;');
    expect(await s.page.getByRole('region', { name: 'Untrusted notebook' }).count()).toBe(1);
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await s.page.waitForTimeout(300);
    expect((await statuses(s.page)).every((x) => x === 'idle')).toBe(true);
    expect(await s.page.locator('.fb-notice').first().innerText()).toContain('trust');
  });

  it('re-imports the exported .ipynb with the same cells and its saved outputs', async () => {
    await importText(s.page, '00-start-here.ipynb', ipynb);
    await s.page.getByRole('dialog', { name: 'Replace the imported notebook?' }).getByRole('button', { name: 'Replace' }).click();
    await s.page.waitForFunction(() => document.querySelectorAll('fb-cell img.fb-image').length > 0);
    expect(await cellIds(s.page)).toEqual(exportedIds);
    expect(await s.page.locator('fb-cell[data-cell-id="try-ridge"] .cm-content').innerText()).toContain('const myRidge = 0.5;');
  });

  it('runs an imported notebook once the learner trusts it', async () => {
    await s.page.getByRole('button', { name: 'Trust this notebook' }).click();
    await s.page.getByRole('dialog').getByRole('button', { name: 'Trust this notebook' }).click();
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page);
    const all = await statuses(s.page);
    expect(
      all.every((x) => x === 'ok'),
      all.join(', '),
    ).toBe(true);
  });

  it('reports a corrupt file and changes nothing', async () => {
    const url = s.page.url();
    const before = await cellIds(s.page);
    await importText(s.page, 'broken.ipynb', '{"nbformat": 4, "cells": [ {"cell_type": "code", ');
    const problem = await s.page.locator('.fb-import-problem').innerText();
    expect(problem).toContain('broken.ipynb');
    expect(s.page.url()).toBe(url);
    expect(await cellIds(s.page)).toEqual(before);
    await importText(s.page, 'photo.png', '\u0089PNG\r\n\u001a\n binary');
    expect(await s.page.locator('.fb-import-problem').innerText()).toContain('not a notebook');
  });

  it("never executes a script in an imported notebook's Markdown or outputs", async () => {
    const hostile = [
      '---',
      'id: hostile',
      'title: Hostile',
      '---',
      '# Hello',
      '<script>window.pwned = "script"</script>',
      '<img src="x" onerror="window.pwned = \'img\'">',
      '',
      '```ts id=a',
      '1 + 1',
      '```',
      '',
    ].join('\n');
    await importText(s.page, 'hostile.md', hostile);
    await s.page.waitForURL(/#\/imported\/hostile$/);
    await s.page.locator('fb-cell[data-cell-id="a"]').waitFor();
    await s.page.waitForTimeout(300);
    expect(await s.page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    expect(await s.page.locator('.fb-prose script').count()).toBe(0);

    const withHtmlOutput = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'fieldbook-typescript', display_name: 'TypeScript (Fieldbook)', language: 'typescript' } },
      cells: [
        {
          cell_type: 'code',
          id: 'x',
          metadata: {},
          execution_count: 1,
          source: ['1'],
          outputs: [
            {
              output_type: 'display_data',
              metadata: {},
              data: { 'text/html': ['<b id="bold">hi</b><img src=x onerror="window.pwned=\'output\'">'], 'text/plain': ['hi'] },
            },
          ],
        },
      ],
    });
    await importText(s.page, 'html-output.ipynb', withHtmlOutput);
    await s.page.locator('fb-cell[data-cell-id="x"] .fb-outputs').waitFor();
    expect(await s.page.locator('#bold').count()).toBe(0);
    expect(await s.page.locator('fb-cell[data-cell-id="x"] .fb-outputs').innerText()).toContain('not rendered until you trust');
    expect(await s.page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
  });

  it('lists imported notebooks on the home page', async () => {
    await s.page.goto(s.baseUrl);
    const list = s.page.getByRole('list', { name: 'Imported notebooks' });
    await list.waitFor();
    expect(await list.getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining(['Hostile']));
  });
});
