/**
 * The small subset of YAML a notebook's front matter needs: `key: value` lines whose values are
 * plain or quoted strings, numbers, inline lists `[a, b]` or block lists of `- item` lines.
 * A full YAML library would accept far more than the format allows and report errors far from
 * the line an author must fix, so anything outside the subset is an error naming its line.
 */
import { NotebookParseError } from './errors';

/** A front matter value. */
export type FrontMatterValue = string | number | Array<string | number>;

/** One `key: value` entry, with the 1-based position of its value for later validation errors. */
export interface FrontMatterEntry {
  key: string;
  value: FrontMatterValue;
  line: number;
  column: number;
}

const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)(.*)$/;
const LIST_ITEM = /^([ \t]*)-(?:[ \t]+(.*)|[ \t]*)$/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const KEYWORDS = /^(?:true|false|yes|no|on|off|null|~)$/i;
const FORBIDDEN_START = /^[{|>&*!%@`]/;

/**
 * Parses front matter `lines` (without the `---` fences); `firstLine` is the 1-based file line of
 * `lines[0]`. Throws `NotebookParseError` at the offending line for anything outside the subset.
 */
export function parseFrontMatter(lines: string[], firstLine: number, fileName: string): FrontMatterEntry[] {
  const entries: FrontMatterEntry[] = [];
  const fail = (index: number, column: number, reason: string): never => {
    throw new NotebookParseError(fileName, firstLine + index, column, reason);
  };
  let i = 0;
  while (i < lines.length) {
    const text = lines[i] ?? '';
    if (isBlankOrComment(text)) {
      i += 1;
      continue;
    }
    const match = KEY_LINE.exec(text);
    if (!match) {
      const column = text.length - text.trimStart().length + 1;
      fail(i, column, `Bad front matter line \`${text.trim()}\`. Write one \`key: value\` per line, starting at column 1`);
    }
    const key = match![1]!;
    const rest = match![2] ?? '';
    const valueColumn = text.length - rest.length + 1;
    if (entries.some((e) => e.key === key)) {
      fail(i, 1, `Duplicate front matter key \`${key}\`. Keep only one \`${key}:\` line`);
    }
    if (stripComment(rest).trim() === '') {
      const items: Array<string | number> = [];
      let j = i + 1;
      for (; j < lines.length; j += 1) {
        const itemText = lines[j] ?? '';
        if (isBlankOrComment(itemText)) continue;
        const item = LIST_ITEM.exec(itemText);
        if (!item) break;
        const raw = item[2] ?? '';
        const column = itemText.length - raw.length + 1;
        items.push(normalizeListItem(parseScalar(raw, (c, r) => fail(j, column + c, r))));
      }
      entries.push({ key, value: items.length > 0 ? items : '', line: firstLine + i, column: valueColumn });
      i = j;
      continue;
    }
    const onError = (c: number, r: string): never => fail(i, valueColumn + c, r);
    const value = rest.trimStart().startsWith('[') ? parseInlineList(rest, onError) : parseScalar(rest, onError);
    entries.push({ key, value, line: firstLine + i, column: valueColumn });
    i += 1;
  }
  return entries;
}

/** Formats entries as front matter lines (without the `---` fences), quoting only where needed. */
export function formatFrontMatter(entries: ReadonlyArray<readonly [string, FrontMatterValue]>): string[] {
  return entries.map(([key, value]) => {
    if (Array.isArray(value)) {
      return `${key}: [${value.map((v) => formatScalar(v, true)).join(', ')}]`;
    }
    return `${key}: ${formatScalar(value, false)}`;
  });
}

type OnError = (column: number, reason: string) => never;

function isBlankOrComment(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/** Removes a ` # comment` from a plain scalar; YAML only starts a comment after whitespace. */
function stripComment(text: string): string {
  const match = /(^|[ \t])#/.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/** Parses one scalar; `column` passed to `onError` is 0-based within `raw`. */
function parseScalar(raw: string, onError: OnError): string | number {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trimStart();
  if (text.startsWith('"') || text.startsWith("'")) {
    const { value, end } = readQuoted(text, 0, (c, r) => onError(lead + c, r));
    const after = text.slice(end);
    if (stripComment(after).trim() !== '') {
      onError(lead + end, `Unexpected text after the closing quote. Put the whole value inside the quotes`);
    }
    return value;
  }
  const plain = stripComment(text).trim();
  if (FORBIDDEN_START.test(plain)) {
    onError(lead, `Unsupported YAML value \`${plain}\`. Put the value in double quotes`);
  }
  return NUMBER.test(plain) ? Number(plain) : plain;
}

/** Reads a quoted string starting at `start`; returns its value and the index after the quote. */
function readQuoted(text: string, start: number, onError: OnError): { value: string; end: number } {
  const quote = text[start];
  if (quote === "'") {
    let value = '';
    for (let k = start + 1; k < text.length; k += 1) {
      if (text[k] !== "'") {
        value += text[k];
      } else if (text[k + 1] === "'") {
        value += "'";
        k += 1;
      } else {
        return { value, end: k + 1 };
      }
    }
    return onError(start, `Unclosed single quote. End the value with '`);
  }
  const match = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(start));
  if (!match) return onError(start, `Unclosed double quote. End the value with "`);
  try {
    return { value: JSON.parse(`"${match[1]!}"`) as string, end: start + match[0].length };
  } catch {
    return onError(start, `Bad escape in a quoted value. Use only \\" \\\\ \\n \\t or \\uXXXX`);
  }
}

function parseInlineList(raw: string, onError: OnError): Array<string | number> {
  const items: Array<string | number> = [];
  let k = raw.indexOf('[') + 1;
  for (;;) {
    while (raw[k] === ' ' || raw[k] === '\t') k += 1;
    if (k >= raw.length) return onError(raw.length, `Unclosed list. End it with ]`);
    if (raw[k] === ']' && items.length === 0) break;
    let item: string | number;
    if (raw[k] === '"' || raw[k] === "'") {
      const quoted = readQuoted(raw, k, onError);
      item = quoted.value;
      k = quoted.end;
    } else {
      const end = raw.slice(k).search(/[,\]]/);
      if (end < 0) return onError(raw.length, `Unclosed list. End it with ]`);
      item = normalizeListItem(parseScalar(raw.slice(k, k + end), (c, r) => onError(k + c, r)));
      if (item === '') onError(k, `Empty list item. Remove the extra comma`);
      k += end;
    }
    items.push(item);
    while (raw[k] === ' ' || raw[k] === '\t') k += 1;
    if (raw[k] === ',') {
      k += 1;
      continue;
    }
    if (raw[k] === ']') break;
    return onError(k, `Expected , or ] in the list. Separate items with commas`);
  }
  if (stripComment(raw.slice(k + 1)).trim() !== '') {
    onError(k + 1, `Unexpected text after the list. End the line after ]`);
  }
  return items;
}

function normalizeListItem(value: string | number): string | number {
  return typeof value === 'number' ? value : value.trim();
}

/** Plain (unquoted) output is only used when reading it back yields the same string. */
function formatScalar(value: string | number, inList: boolean): string {
  if (typeof value === 'number') return String(value);
  const plainSafe =
    value !== '' &&
    value === value.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what needs quoting
    !/: |:$| #|[\u0000-\u001f\u007f]/.test(value) &&
    !NUMBER.test(value) &&
    !KEYWORDS.test(value) &&
    !(inList && /[,[\]{}]/.test(value));
  return plainSafe ? value : JSON.stringify(value);
}
