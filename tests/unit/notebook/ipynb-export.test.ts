/**
 * Writing notebooks as .ipynb: the nbformat 4.5 document and its JSON text, the round trip back
 * to the same notebook, and the official nbformat schema's verdict on what is written.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ipynbToNotebook, notebookToIpynb, serializeIpynb } from '../../../src/notebook/ipynb';
import type { NbOutput } from '../../../src/notebook/ipynb-outputs';
import { parseNotebook } from '../../../src/notebook/parse';
import type { Notebook } from '../../../src/notebook/types';
import { ALL_OUTPUTS, MARKDOWN_FIXTURES, NOTEBOOKS, PNG_1X1, code, notebook, readFixture, withoutLines } from '../helpers/ipynb';

/** Cells of the exported object, typed loosely for assertions on the JSON shape. */
function exportedCells(nb: Notebook, outputs?: ReadonlyMap<string, NbOutput[]>): Array<Record<string, unknown>> {
  return (notebookToIpynb(nb, outputs) as { cells: Array<Record<string, unknown>> }).cells;
}

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
