/**
 * Export and import of notebooks: the learner's current version as Fieldbook Markdown or Jupyter
 * `.ipynb` (outputs as text and PNG images of charts), and reading either format back from a file
 * with a clear message for anything that is not a notebook.
 */
import { detectNotebookFormat, ipynbToNotebook } from '../notebook/ipynb';
import type { NbOutput } from '../notebook/ipynb-outputs';
import { serializeIpynb } from '../notebook/ipynb';
import { parseNotebook } from '../notebook/parse';
import { serializeNotebook } from '../notebook/serialize';
import type { Cell, Notebook } from '../notebook/types';
import { MIME, type ExerciseData, type TableData } from '../kernel/protocol';
import { exercisePlainText } from './exercise-text';
import type { CellOutput } from '../session/cell-state';
import type { NotebookSession } from '../session/session';
import { errorMessage } from './report-error';

/** The notebook as the learner has it now (edits, added and deleted cells). */
export function currentNotebook(session: NotebookSession): Notebook {
  const cells: Cell[] = session
    .mergedCells()
    .map((c) =>
      c.kind === 'markdown' ? { kind: 'markdown', id: c.id, source: c.source } : { kind: 'code', id: c.id, source: c.source, flags: { ...c.flags } },
    );
  return { meta: { ...session.notebook.meta }, cells };
}

/** A file to download. */
export interface ExportFile {
  name: string;
  type: string;
  text: string;
}

/** Fieldbook Markdown of the learner's version. */
export function exportMarkdown(session: NotebookSession): ExportFile {
  return { name: `${session.notebook.meta.id}.md`, type: 'text/markdown', text: serializeNotebook(currentNotebook(session)) };
}

/**
 * Jupyter `.ipynb` of the learner's version with the outputs on screen. `chartImage(cellId, n)`
 * returns the n-th chart of a cell as base64 PNG (the page reads it from the canvas).
 */
export function exportIpynb(session: NotebookSession, chartImage: (cellId: string, n: number) => string | null): ExportFile {
  const outputs = new Map<string, NbOutput[]>();
  for (const cell of session.codeCells) {
    let charts = 0;
    const converted = cell.outputs.flatMap((o) => toNbOutput(o, () => chartImage(cell.id, charts++)));
    if (converted.length) outputs.set(cell.id, converted);
  }
  return { name: `${session.notebook.meta.id}.ipynb`, type: 'application/x-ipynb+json', text: serializeIpynb(currentNotebook(session), outputs) };
}

function toNbOutput(o: CellOutput, nextChart: () => string | null): NbOutput[] {
  switch (o.kind) {
    case 'stream':
      return [{ output_type: 'stream', name: o.name, text: o.text }];
    case 'note':
      return [{ output_type: 'stream', name: 'stdout', text: `${o.text}\n` }];
    case 'error':
      return [
        {
          output_type: 'error',
          ename: o.ename,
          evalue: o.evalue,
          traceback: [`${o.ename}: ${o.evalue}${o.line ? ` (line ${o.line}${o.column ? `:${o.column}` : ''})` : ''}`],
        },
      ];
    case 'display': {
      if (o.mime === MIME.chart || o.mime === MIME.training) {
        const png = nextChart();
        const title = (o.data as { title?: string }).title ?? (o.mime === MIME.training ? 'Training' : 'Chart');
        return [{ output_type: 'display_data', data: png ? { 'image/png': png, 'text/plain': title } : { 'text/plain': title }, metadata: {} }];
      }
      if (o.mime === MIME.table) return [{ output_type: 'display_data', data: { 'text/plain': tableText(o.data as TableData) }, metadata: {} }];
      if (o.mime === MIME.html) return [{ output_type: 'display_data', data: { 'text/html': String(o.data), 'text/plain': '[HTML output]' }, metadata: {} }];
      if (o.mime === MIME.png) return [{ output_type: 'display_data', data: { 'image/png': String(o.data), 'text/plain': '[image]' }, metadata: {} }];
      if (o.mime === MIME.text) return [{ output_type: 'display_data', data: { 'text/plain': String(o.data) }, metadata: {} }];
      if (o.mime === MIME.exercise) return [{ output_type: 'display_data', data: { 'text/plain': exercisePlainText(o.data as ExerciseData) }, metadata: {} }];
      return [];
    }
  }
}

/** A plain-text table, columns padded, for outputs that must be text. */
export function tableText(t: TableData): string {
  const rows = [t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? '' : String(v))))];
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((v, i) => String(v ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  if (t.totalRows > t.rows.length) lines.push(`… ${t.totalRows - t.rows.length} more rows`);
  return lines.join('\n');
}

/** What reading a file gave: a notebook (and its outputs) or an error message saying what to do. */
export type ImportResult = { ok: true; notebook: Notebook; outputs: Record<string, NbOutput[]>; warnings: string[] } | { ok: false; message: string };

/** Reads a `.md` or `.ipynb` file's text into a notebook; never throws. */
export function readNotebookFile(fileName: string, text: string): ImportResult {
  try {
    const format = detectNotebookFormat(fileName, text);
    if (format === 'ipynb') {
      const result = ipynbToNotebook(text, fileName);
      return { ok: true, notebook: result.notebook, outputs: Object.fromEntries(result.outputs), warnings: result.warnings };
    }
    if (format === 'markdown') return { ok: true, notebook: parseNotebook(text, fileName), outputs: {}, warnings: [] };
    return {
      ok: false,
      message: `${fileName} is not a notebook Fieldbook can open. Import a Fieldbook Markdown file (.md, starting with --- front matter) or a Jupyter notebook (.ipynb).`,
    };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  }
}

/** Starts a download of `file` in the browser. */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Outputs stored in an imported `.ipynb`, as the cell shows them. */
export function fromNbOutputs(outputs: readonly NbOutput[]): CellOutput[] {
  const text = (v: unknown) => (Array.isArray(v) ? v.join('') : String(v ?? ''));
  return outputs.flatMap((o, i): CellOutput[] => {
    if (o.output_type === 'stream') return [{ kind: 'stream', name: o.name, text: text(o.text) }];
    if (o.output_type === 'error') return [{ kind: 'error', ename: o.ename, evalue: o.evalue }];
    const data = o.data;
    const displayId = `imported-${i}`;
    if (typeof data['image/png'] === 'string') return [{ kind: 'display', displayId, mime: MIME.png, data: data['image/png'] }];
    if (data['text/html'] !== undefined) return [{ kind: 'display', displayId, mime: MIME.html, data: text(data['text/html']) }];
    if (data['text/plain'] !== undefined) return [{ kind: 'display', displayId, mime: MIME.text, data: text(data['text/plain']) }];
    return [];
  });
}
