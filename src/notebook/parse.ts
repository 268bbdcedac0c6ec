/**
 * Reads a Fieldbook notebook file (DESIGN §3.1): YAML front matter, then Markdown in which every
 * unindented ```` ```ts ```` / ```` ```typescript ```` fence is a code cell and everything between
 * code cells is one Markdown cell. Fences of other languages, and indented ones, stay in the prose
 * (that is how an author shows code that should not run).
 */
import { NotebookParseError } from './errors';
import { parseFrontMatter, type FrontMatterEntry } from './front-matter';
import type { Cell, CellFlags, CodeCell, Notebook, NotebookMeta } from './types';

/** Ids of notebooks and cells: they end up in URLs, `data-cell-id` and stack traces. */
export const ID_PATTERN = /^[A-Za-z0-9][\w.-]*$/;

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CODE_LANGUAGES = new Set(['ts', 'typescript']);
const META_KEYS = ['id', 'title', 'summary', 'order', 'tags'] as const;

/** A fence found in the text: where it opens and closes (0-based line indexes) and its info string. */
interface Fence {
  open: number;
  close: number;
  indent: number;
  marker: string;
  info: string;
}

/**
 * Parses notebook `text`. `fileName` names the file in error messages and gives the default id
 * (its base name without extension). Throws `NotebookParseError` with a 1-based line:column.
 */
export function parseNotebook(text: string, fileName?: string): Notebook {
  const name = fileName ?? '<notebook>';
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { entries, bodyStart } = readFrontMatter(lines, name);
  const meta = buildMeta(entries, name, fileName);
  return { meta, cells: readCells(lines, bodyStart, name) };
}

/**
 * Finds the fence opening at `lines[index]`, if any, and its closing line. Shared with the
 * serializer, which must recognise fences exactly as the parser does. `close` is -1 when the fence
 * is never closed.
 */
export function findFence(lines: readonly string[], index: number): Fence | null {
  const match = FENCE_OPEN.exec(lines[index] ?? '');
  if (!match) return null;
  const indent = match[1]!.length;
  const marker = match[2]!;
  const info = match[3]!;
  // CommonMark: a backtick fence's info string may not contain backticks (that is inline code).
  if (marker.startsWith('`') && info.includes('`')) return null;
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
  for (let k = index + 1; k < lines.length; k += 1) {
    if (closing.test(lines[k]!)) return { open: index, close: k, indent, marker, info };
  }
  return { open: index, close: -1, indent, marker, info };
}

/** Returns true when a fence's info string makes it a code cell (language `ts` or `typescript`). */
export function isCodeFence(fence: Pick<Fence, 'indent' | 'info'>): boolean {
  const language = fence.info.trim().split(/\s+/)[0] ?? '';
  return fence.indent === 0 && CODE_LANGUAGES.has(language.toLowerCase());
}

function readFrontMatter(lines: string[], name: string): { entries: FrontMatterEntry[]; bodyStart: number } {
  if (lines[0]?.trimEnd() !== '---') {
    throw new NotebookParseError(name, 1, 1, 'Missing front matter with a title. Start the file with a line ---, then `title: <a title>`, then ---');
  }
  const end = lines.findIndex((line, k) => k > 0 && line.trimEnd() === '---');
  if (end < 0) {
    throw new NotebookParseError(name, 1, 1, 'Unclosed front matter. Add a line --- after the last `key: value` line');
  }
  return { entries: parseFrontMatter(lines.slice(1, end), 2, name), bodyStart: end + 1 };
}

function buildMeta(entries: FrontMatterEntry[], name: string, fileName: string | undefined): NotebookMeta {
  const fail = (entry: FrontMatterEntry, reason: string): never => {
    throw new NotebookParseError(name, entry.line, entry.column, reason);
  };
  const meta: NotebookMeta = { id: '', title: '', summary: '', order: 0, tags: [] };
  for (const entry of entries) {
    const { key, value } = entry;
    if (!(META_KEYS as readonly string[]).includes(key)) {
      throw new NotebookParseError(name, entry.line, 1, `Unknown front matter key \`${key}\`. Use only ${META_KEYS.join(', ')}`);
    }
    if (key === 'order') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail(entry, `Bad order \`${String(value)}\`. Use a number, e.g. \`order: 3\``);
      }
      meta.order = value as number;
    } else if (key === 'tags') {
      const list = Array.isArray(value) ? value : value === '' ? [] : [value];
      meta.tags = list.map(String);
    } else {
      if (Array.isArray(value)) fail(entry, `\`${key}\` must be a single value, not a list. Remove the brackets or dashes`);
      meta[key as 'id' | 'title' | 'summary'] = String(value);
    }
  }
  if (meta.title.trim() === '') {
    const entry = entries.find((e) => e.key === 'title');
    throw new NotebookParseError(name, entry?.line ?? 1, entry?.column ?? 1, 'Missing title. Add `title: <a title>` to the front matter');
  }
  const idEntry = entries.find((e) => e.key === 'id');
  if (idEntry) {
    if (!ID_PATTERN.test(meta.id)) {
      fail(idEntry, `Bad notebook id \`${meta.id}\`. Use letters, digits, - _ and . only`);
    }
  } else {
    meta.id = deriveIdFromFileName(fileName);
    if (meta.id === '') {
      throw new NotebookParseError(name, 1, 1, 'Missing id. Add `id: <name>` to the front matter');
    }
  }
  return meta;
}

function deriveIdFromFileName(fileName: string | undefined): string {
  if (fileName === undefined) return '';
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return stem.replace(/[^\w.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
}

function readCells(lines: string[], start: number, name: string): Cell[] {
  const cells: Cell[] = [];
  const idLines = new Map<string, number>();
  let prose: string[] = [];
  let markdownCount = 0;
  let codeCount = 0;
  const flushProse = (): void => {
    const source = trimBlankLines(prose);
    prose = [];
    if (source !== '') {
      markdownCount += 1;
      cells.push({ kind: 'markdown', id: `md-${markdownCount}`, source });
    }
  };
  for (let i = start; i < lines.length;) {
    const fence = findFence(lines, i);
    if (!fence) {
      prose.push(lines[i]!);
      i += 1;
      continue;
    }
    if (fence.close < 0) {
      throw new NotebookParseError(name, i + 1, fence.indent + 1, `Unclosed code fence ${fence.marker}. Add a line ${fence.marker} where the code ends`);
    }
    if (!isCodeFence(fence)) {
      prose.push(...lines.slice(i, fence.close + 1));
      i = fence.close + 1;
      continue;
    }
    flushProse();
    codeCount += 1;
    const { id, flags, idColumn } = readInfo(fence, codeCount, name, i + 1);
    const firstUse = idLines.get(id);
    if (firstUse !== undefined) {
      throw new NotebookParseError(
        name,
        i + 1,
        idColumn,
        `Duplicate cell id \`${id}\` (also used by the cell on line ${firstUse}). Give this cell its own id=<name>` + ' (cells without id= are named cell-<n>)',
      );
    }
    idLines.set(id, i + 1);
    const cell: CodeCell = { kind: 'code', id, source: lines.slice(i + 1, fence.close).join('\n'), flags, line: i + 2 };
    cells.push(cell);
    i = fence.close + 1;
  }
  flushProse();
  const clash = cells.find((c) => c.kind === 'markdown' && idLines.has(c.id));
  if (clash) {
    const line = idLines.get(clash.id)!;
    throw new NotebookParseError(
      name,
      line,
      1,
      `Cell id \`${clash.id}\` is also the id of a Markdown cell (md-<n>). Choose an id that does not start with md-`,
    );
  }
  return cells;
}

/** Reads `id=` and flags from a code fence's info string. */
function readInfo(fence: Fence, ordinal: number, name: string, lineNumber: number): { id: string; flags: CellFlags; idColumn: number } {
  const flags: CellFlags = {};
  let id = `cell-${ordinal}`;
  let idColumn = 1;
  const infoStart = fence.indent + fence.marker.length;
  const tokens = [...fence.info.matchAll(/\S+/g)].slice(1);
  for (const token of tokens) {
    const word = token[0];
    const column = infoStart + (token.index ?? 0) + 1;
    if (word === 'hidden' || word === 'readonly' || word === 'norun') {
      flags[word] = true;
    } else if (word.startsWith('id=')) {
      id = word.slice(3);
      idColumn = column;
      if (!ID_PATTERN.test(id)) {
        throw new NotebookParseError(name, lineNumber, column, `Bad cell id \`${id}\`. Use letters, digits, - _ and . only, e.g. id=train-model`);
      }
    } else {
      throw new NotebookParseError(name, lineNumber, column, `Unknown flag \`${word}\` on the code fence. Use id=<name>, hidden, readonly or norun`);
    }
  }
  return { id, flags, idColumn };
}

/** Joins lines, dropping blank lines at both ends. */
export function trimBlankLines(lines: string[]): string {
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first]!.trim() === '') first += 1;
  while (last > first && lines[last - 1]!.trim() === '') last -= 1;
  return lines.slice(first, last).join('\n');
}
