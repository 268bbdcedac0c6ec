/**
 * What the ipynb tests share (tests/unit/notebook/ipynb-*.test.ts): where the fixtures are, small
 * notebooks and cells built in code, a minimal nbformat 4.5 file, and one output of every kind
 * Fieldbook reads and writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NbOutput } from '../../../src/notebook/ipynb-outputs';
import type { Cell, CellFlags, Notebook } from '../../../src/notebook/types';

/** The .ipynb fixtures (Jupyter-written, damaged and hostile files). */
export const FIXTURES = join(__dirname, '../../fixtures/ipynb');
/** The Markdown notebooks of the parser's golden tests. */
export const MARKDOWN_FIXTURES = join(__dirname, '../../fixtures/notebooks/input');
/** The shipped notebooks. */
export const NOTEBOOKS = join(__dirname, '../../../notebooks');
/** A 1×1 PNG, base64, as Jupyter stores an image output. */
export const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The text of an .ipynb fixture. */
export function readFixture(fileName: string): string {
  return readFileSync(join(FIXTURES, fileName), 'utf8');
}

/** `line` is where a cell sat in a Markdown file, not part of its content. */
export function withoutLines(cells: Cell[]): Cell[] {
  return cells.map((c): Cell => (c.kind === 'code' ? { kind: 'code', id: c.id, source: c.source, flags: c.flags } : c));
}

/** A notebook with id `nb` and title "A notebook" unless `meta` says otherwise. */
export function notebook(cells: Cell[], meta: Partial<Notebook['meta']> = {}): Notebook {
  return { meta: { id: 'nb', title: 'A notebook', summary: '', order: 0, tags: [], ...meta }, cells };
}

/** A code cell. */
export function code(id: string, source: string, flags: CellFlags = {}): Cell {
  return { kind: 'code', id, source, flags };
}

/** An nbformat 4.5 file's text with these cells and metadata. */
export function minimalIpynb(cells: unknown[], metadata: Record<string, unknown> = {}): string {
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 });
}

/** One output of each kind: both streams, an image with its text, HTML, a result with its count, an error. */
export const ALL_OUTPUTS: NbOutput[] = [
  { output_type: 'stream', name: 'stdout', text: 'epoch 1 loss 0.69\nepoch 2 loss 0.41\n' },
  { output_type: 'stream', name: 'stderr', text: 'slow backend\n' },
  { output_type: 'display_data', data: { 'image/png': PNG_1X1, 'text/plain': '<chart: loss>' }, metadata: {} },
  { output_type: 'display_data', data: { 'text/html': '<table>\n<tr><td>1</td></tr>\n</table>' }, metadata: {} },
  { output_type: 'execute_result', data: { 'text/plain': '0.875' }, metadata: {}, execution_count: 7 },
  { output_type: 'error', ename: 'RangeError', evalue: 'epochs must be ≥ 1', traceback: ['RangeError: epochs must be ≥ 1', '    at cell (2:3)'] },
];
