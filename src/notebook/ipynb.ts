/**
 * Jupyter `.ipynb` export and import (DESIGN §3.1). Export writes nbformat 4.5 as Jupyter does
 * (sorted keys, one-space indent, sources as lines); import reads any nbformat 4 notebook whose
 * language is TypeScript or JavaScript into the same model `parseNotebook` gives, already in the
 * shape the Markdown format can hold, so saving it as Markdown and reading it back changes nothing.
 * Importing never runs anything: code, HTML and `<script>` stay text.
 */
import {
  findExecutionCount,
  findJsonErrorOffset,
  isJsonObject,
  isMultilineText,
  joinMultilineText,
  readOutputs,
  splitSourceLines,
  writeOutputs,
  type NbOutput,
} from './ipynb-outputs';
import { ID_PATTERN, findFence, trimBlankLines } from './parse';
import { protectProse } from './serialize';
import type { Cell, CellFlags, CodeCell, Notebook, NotebookMeta } from './types';

/** Why an `.ipynb` file could not be imported. */
export type NotebookImportReason = 'empty' | 'not-json' | 'not-a-notebook' | 'old-nbformat' | 'newer-nbformat' | 'wrong-language' | 'bad-cell';

/** An `.ipynb` file that cannot be imported; the message says what is wrong and what to do. */
export class NotebookImportError extends Error {
  override name = 'NotebookImportError';
  constructor(
    readonly reason: NotebookImportReason,
    /** The file as given to `ipynbToNotebook` (or `<notebook>`). */
    readonly fileName: string,
    detail: string,
    /** 1-based position of a JSON syntax error, when there is one. */
    readonly position?: { line: number; column: number },
    options?: { cause?: unknown },
  ) {
    super(`${fileName}${position ? `:${position.line}:${position.column}` : ''}: ${detail}`, options);
  }
}

/** Returns true when `e` is an error importing an `.ipynb` file. */
export function isNotebookImportError(e: unknown): e is NotebookImportError {
  return e instanceof NotebookImportError;
}

/** What `ipynbToNotebook` gives back. */
export interface IpynbImport {
  notebook: Notebook;
  /** Outputs saved in the file, by Fieldbook code cell id; cells without outputs have no entry. */
  outputs: Map<string, NbOutput[]>;
  /** Things the import changed or left out (renamed duplicate ids, malformed outputs, attachments). */
  warnings: string[];
}

const KERNELSPEC = { name: 'fieldbook-typescript', display_name: 'TypeScript (Fieldbook)', language: 'typescript' };
const LANGUAGE_INFO = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' };
/** nbformat 4.5 cell ids: `^[a-zA-Z0-9-_]+$`, 1 to 64 characters. */
const JUPYTER_ID_MAX = 64;
const RUNNABLE_LANGUAGES = new Set(['typescript', 'ts', 'javascript', 'js']);
const LANGUAGE_NAMES: Record<string, string> = { python: 'Python', r: 'R', julia: 'Julia', scala: 'Scala' };

/**
 * Converts `nb` to an nbformat 4.5 notebook object. `outputs`, by Fieldbook code cell id, become
 * the cells' outputs. Cell ids are mapped to the characters nbformat allows and made unique; the
 * original id is kept in the cell's `metadata.fieldbook.id`.
 */
export function notebookToIpynb(nb: Notebook, outputs?: ReadonlyMap<string, NbOutput[]>): Record<string, unknown> {
  const used = new Set<string>();
  const cells = nb.cells.map((cell): Record<string, unknown> => {
    const id = claimJupyterId(cell.id, used);
    const source = splitSourceLines(cell.source);
    if (cell.kind === 'markdown') return { cell_type: 'markdown', id, metadata: {}, source };
    const cellOutputs = outputs?.get(cell.id) ?? [];
    return {
      cell_type: 'code',
      execution_count: findExecutionCount(cellOutputs),
      id,
      metadata: writeCellMetadata(cell),
      outputs: writeOutputs(cellOutputs),
      source,
    };
  });
  const { id, title, summary, order, tags } = nb.meta;
  return {
    cells,
    metadata: {
      fieldbook: { id, title, summary, order, tags: [...tags] },
      kernelspec: { ...KERNELSPEC },
      language_info: { ...LANGUAGE_INFO },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Serialises `nb` as `.ipynb` text the way Jupyter writes it: sorted keys, 1-space indent, final newline. */
export function serializeIpynb(nb: Notebook, outputs?: ReadonlyMap<string, NbOutput[]>): string {
  return `${JSON.stringify(sortKeys(notebookToIpynb(nb, outputs)), null, 1)}\n`;
}

function writeCellMetadata(cell: CodeCell): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (cell.flags.readonly === true) metadata['editable'] = false;
  metadata['fieldbook'] = cell.flags.norun === true ? { id: cell.id, norun: true } : { id: cell.id };
  if (cell.flags.hidden === true) metadata['jupyter'] = { source_hidden: true };
  return metadata;
}

/** Maps `id` to nbformat's id alphabet character by character (so the mapping is predictable) and claims it. */
function claimJupyterId(id: string, used: Set<string>): string {
  const base = id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, JUPYTER_ID_MAX) || 'cell';
  let candidate = base;
  for (let n = 2; used.has(candidate); n += 1) {
    const suffix = `-${n}`;
    candidate = base.slice(0, JUPYTER_ID_MAX - suffix.length) + suffix;
  }
  used.add(candidate);
  return candidate;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

/** A cell read from the file, before Markdown runs are merged and ids are made unique. */
type Draft = { kind: 'prose'; text: string } | { kind: 'code'; number: number; id: string; source: string; flags: CellFlags; outputs: unknown };

/**
 * Reads `.ipynb` `text` into a notebook. Consecutive Markdown and raw cells merge into one Markdown
 * cell (raw text as a ```` ```text ```` block), as the Markdown format holds prose between code
 * cells; Markdown cells get positional ids `md-<n>`. A code cell keeps `metadata.fieldbook.id`,
 * else its Jupyter id, else `cell-<n>`, cleaned to `ID_PATTERN`; an id another cell already has is
 * renamed `<id>-2`, `<id>-3`… and reported in `warnings` rather than failing the import.
 * Throws `NotebookImportError` for anything that is not an nbformat 4 TypeScript/JavaScript notebook.
 */
export function ipynbToNotebook(text: string, fileName?: string): IpynbImport {
  const name = fileName ?? '<notebook>';
  const root = readRoot(parseJson(text, name), name);
  checkLanguage(root.metadata, name);
  const warnings: string[] = [];
  const drafts = root.cells.map((raw, k) => readDraft(raw, k + 1, name, warnings));
  const cells: Cell[] = [];
  const codeDrafts: Array<{ cell: CodeCell; draft: Extract<Draft, { kind: 'code' }> }> = [];
  let prose: string[] = [];
  let markdownCount = 0;
  let codeCount = 0;
  const flushProse = (): void => {
    const source = prose.join('\n\n');
    prose = [];
    if (source === '') return;
    markdownCount += 1;
    cells.push({ kind: 'markdown', id: `md-${markdownCount}`, source });
  };
  for (const draft of drafts) {
    if (draft.kind === 'prose') {
      if (draft.text !== '') prose.push(draft.text);
      continue;
    }
    flushProse();
    codeCount += 1;
    // Without an id, a cell is named by its place among code cells, as parseNotebook names it.
    if (draft.id === '') draft.id = `cell-${codeCount}`;
    const cell: CodeCell = { kind: 'code', id: draft.id, source: draft.source, flags: draft.flags };
    cells.push(cell);
    codeDrafts.push({ cell, draft });
  }
  flushProse();
  const used = new Set(cells.filter((c) => c.kind === 'markdown').map((c) => c.id));
  const outputs = new Map<string, NbOutput[]>();
  for (const { cell, draft } of codeDrafts) {
    let id = draft.id;
    for (let n = 2; used.has(id); n += 1) id = `${draft.id}-${n}`;
    if (id !== draft.id) {
      warnings.push(`Renamed the id of cell ${draft.number} from \`${draft.id}\` to \`${id}\`: another cell already has that id.`);
    }
    used.add(id);
    cell.id = id;
    const cellOutputs = readOutputs(draft.outputs, `cell ${draft.number} (id ${id})`, warnings);
    if (cellOutputs.length > 0) outputs.set(id, cellOutputs);
  }
  return { notebook: { meta: buildMeta(root.metadata, cells, fileName), cells }, outputs, warnings };
}

function parseJson(text: string, name: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    throw new NotebookImportError('empty', name, 'The file is empty. Choose an .ipynb file saved by Jupyter, or export it again');
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (cause) {
    const offset = findJsonErrorOffset(body);
    const before = body.slice(0, Math.max(0, offset));
    const position = offset < 0 ? undefined : { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    throw new NotebookImportError(
      'not-json',
      name,
      `The file is not valid JSON${where}, so it is damaged or not a notebook. Save it again from Jupyter, or repair it in a text editor`,
      position,
      { cause },
    );
  }
}

function readRoot(value: unknown, name: string): { cells: unknown[]; metadata: Record<string, unknown> } {
  const notANotebook = (what: string): NotebookImportError =>
    new NotebookImportError('not-a-notebook', name, `This JSON is not a Jupyter notebook: ${what}. Choose an .ipynb file saved by Jupyter`);
  if (!isJsonObject(value)) throw notANotebook('it is not a JSON object');
  const major = value['nbformat'];
  if (typeof major !== 'number' || !Number.isInteger(major)) throw notANotebook('it has no nbformat version');
  if (major < 4) {
    throw new NotebookImportError(
      'old-nbformat',
      name,
      `The notebook is in the old nbformat ${major}; Fieldbook reads nbformat 4. ` +
        'Convert it with jupyter nbconvert --to notebook --nbformat 4, then import the result',
    );
  }
  if (major > 4) {
    throw new NotebookImportError(
      'newer-nbformat',
      name,
      `The notebook is in nbformat ${major}, newer than the nbformat 4 Fieldbook reads. ` +
        'Save it as nbformat 4 (jupyter nbconvert --to notebook --nbformat 4), then import the result',
    );
  }
  const cells = value['cells'];
  if (!Array.isArray(cells)) throw notANotebook('it has no cells list');
  return { cells, metadata: isJsonObject(value['metadata']) ? value['metadata'] : {} };
}

/** Rejects a notebook whose kernel runs another language: its code would only fail here. */
function checkLanguage(metadata: Record<string, unknown>, name: string): void {
  const kernelspec = isJsonObject(metadata['kernelspec']) ? metadata['kernelspec'] : {};
  const languageInfo = isJsonObject(metadata['language_info']) ? metadata['language_info'] : {};
  const declared: Array<[unknown, string]> = [
    [kernelspec['language'], 'kernelspec.language'],
    [languageInfo['name'], 'language_info.name'],
    [guessKernelLanguage(kernelspec['name']), 'kernelspec.name'],
  ];
  for (const [language, field] of declared) {
    if (typeof language !== 'string' || language.trim() === '') continue;
    const key = language.trim().toLowerCase();
    if (RUNNABLE_LANGUAGES.has(key)) continue;
    const pretty = LANGUAGE_NAMES[key] ?? language.trim();
    throw new NotebookImportError(
      'wrong-language',
      name,
      `Fieldbook runs TypeScript; this notebook is ${pretty} (its ${field} says so). ` +
        `Open it in Jupyter with a ${pretty} kernel, or import a TypeScript notebook`,
    );
  }
}

/** Old notebooks name only the kernel (`python3`, `ir`), not its language. */
function guessKernelLanguage(kernelName: unknown): string | undefined {
  if (typeof kernelName !== 'string') return undefined;
  if (/^(python|pypy)/i.test(kernelName)) return 'python';
  if (/^ir$/i.test(kernelName)) return 'r';
  if (/^julia/i.test(kernelName)) return 'julia';
  return undefined;
}

function readDraft(raw: unknown, number: number, name: string, warnings: string[]): Draft {
  const bad = (what: string): NotebookImportError =>
    new NotebookImportError('bad-cell', name, `Cell ${number} ${what}. Fix or delete that cell in Jupyter, save, and import again`);
  if (!isJsonObject(raw)) throw bad('is not a JSON object');
  const type = raw['cell_type'];
  if (type !== 'markdown' && type !== 'code' && type !== 'raw') {
    throw bad(`has the unknown cell_type \`${String(type)}\` (expected markdown, code or raw)`);
  }
  const rawSource = raw['source'];
  if (!isMultilineText(rawSource)) {
    throw bad(`has a source that is not text (${rawSource === undefined ? 'missing' : JSON.stringify(rawSource).slice(0, 40)})`);
  }
  const source = joinMultilineText(rawSource).replace(/\r\n?/g, '\n');
  const metadata = isJsonObject(raw['metadata']) ? raw['metadata'] : {};
  if (type !== 'code') {
    if (isJsonObject(raw['attachments']) && Object.keys(raw['attachments']).length > 0) {
      warnings.push(`Left out the attachments (pasted images) of cell ${number}: Fieldbook notebooks do not store them.`);
    }
    return { kind: 'prose', text: type === 'raw' ? formatRawText(source) : formatProse(source) };
  }
  const fieldbook = isJsonObject(metadata['fieldbook']) ? metadata['fieldbook'] : {};
  const jupyter = isJsonObject(metadata['jupyter']) ? metadata['jupyter'] : {};
  const flags: CellFlags = {};
  if (jupyter['source_hidden'] === true) flags.hidden = true;
  if (metadata['editable'] === false) flags.readonly = true;
  if (fieldbook['norun'] === true) flags.norun = true;
  const id = [fieldbook['id'], raw['id']].map((v) => (typeof v === 'string' ? sanitizeId(v) : '')).find((v) => v !== '') ?? '';
  return { kind: 'code', number, id, source, flags, outputs: raw['outputs'] };
}

/** Prose as the Markdown parser would read it back: closed fences, no bare ```` ```ts ````, no blank ends. */
function formatProse(source: string): string {
  return trimBlankLines(protectProse(source));
}

function formatRawText(source: string): string {
  if (source.trim() === '') return '';
  const longestRun = Math.max(0, ...(source.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${source}\n${fence}`;
}

function buildMeta(metadata: Record<string, unknown>, cells: Cell[], fileName: string | undefined): NotebookMeta {
  const fieldbook = isJsonObject(metadata['fieldbook']) ? metadata['fieldbook'] : {};
  const nonBlank = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const stem =
    fileName === undefined
      ? undefined
      : fileName
          .split(/[\\/]/)
          .pop()!
          .replace(/\.[^.]*$/, '');
  const title = nonBlank(fieldbook['title']) ?? nonBlank(metadata['title']) ?? findFirstHeading(cells) ?? nonBlank(stem) ?? 'Untitled notebook';
  const id = [fieldbook['id'], stem, title.toLowerCase()].map((v) => (typeof v === 'string' ? sanitizeId(v) : '')).find((v) => v !== '') ?? 'notebook';
  const summary = typeof fieldbook['summary'] === 'string' ? fieldbook['summary'] : '';
  const order = typeof fieldbook['order'] === 'number' && Number.isFinite(fieldbook['order']) ? fieldbook['order'] : 0;
  const rawTags = Array.isArray(fieldbook['tags']) ? (fieldbook['tags'] as unknown[]) : [];
  const tags = rawTags.filter((t) => typeof t === 'string' || typeof t === 'number').map(String);
  return { id, title, summary, order, tags };
}

/** The text of the first `# ` heading outside code fences, if any. */
function findFirstHeading(cells: Cell[]): string | undefined {
  for (const cell of cells) {
    if (cell.kind !== 'markdown') continue;
    const lines = cell.source.split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const fence = findFence(lines, i);
      if (fence) {
        i = fence.close < 0 ? lines.length : fence.close;
        continue;
      }
      const heading = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(lines[i]!);
      if (heading && heading[1]!.trim() !== '') return heading[1]!.trim();
    }
  }
  return undefined;
}

/**
 * Says which notebook format `text` is in: by the file name's extension, else by its first
 * characters (`{` and an `"nbformat"` key for Jupyter, a `---` front matter line for Markdown).
 */
export function detectNotebookFormat(fileName: string, text: string): 'markdown' | 'ipynb' | 'unknown' {
  const extension = /\.([^.\\/]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'ipynb') return 'ipynb';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') && body.includes('"nbformat"')) return 'ipynb';
  if (/^---[ \t]*(\r\n|\r|\n)/.test(body)) return 'markdown';
  return 'unknown';
}

/** Cleans `text` into an id `parseNotebook` accepts (its `ID_PATTERN`), as it derives ids from file names. */
function sanitizeId(text: string): string {
  const id = text.replace(/[^\w.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return ID_PATTERN.test(id) ? id : '';
}
