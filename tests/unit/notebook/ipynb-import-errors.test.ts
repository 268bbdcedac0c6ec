/**
 * The files .ipynb import refuses, each with its reason and a message that says what to do:
 * empty, broken JSON (with the line and column), not a notebook, an nbformat it cannot read, a
 * language other than TypeScript or JavaScript, and cells it cannot make sense of.
 */
import { describe, expect, it } from 'vitest';
import { NotebookImportError, ipynbToNotebook, type NotebookImportReason } from '../../../src/notebook/ipynb';
import { minimalIpynb, readFixture } from '../helpers/ipynb';

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
