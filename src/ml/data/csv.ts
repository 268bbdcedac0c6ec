/**
 * Reading a learner's CSV into a typed `Table`, with a declared schema so that a bad row becomes
 * a clear entry in `errors` (file line, column, value, reason) instead of a NaN deep inside
 * training. `csv-records.ts` splits the text into records by file line; this module types them.
 */
import { MlError } from '../core/errors';
import { detectDelimiter, readCsvRecords, splitLines, type CsvRecord } from './csv-records';
import type { CellValue, Row, Table } from '../core/types';

/** How a column's text is read. */
export type CsvColumnType = 'number' | 'string' | 'category' | 'boolean' | 'label01' | 'timestamp';

/** One declared column. */
export interface CsvColumn {
  /** Header name in the file (matched exactly, else ignoring case). A repeated header name is read as `name.1`, `name.2`, … (as pandas does). */
  name: string;
  type: CsvColumnType;
  /** Whether the header must contain the column (default true). An absent optional column is left out of the table. */
  required?: boolean;
  /** Whether an empty cell is allowed (read as null) instead of making the row bad (default false). */
  allowEmpty?: boolean;
  /** Name of the column in the resulting table (default `name`). */
  as?: string;
  /** Decimal separator of a number column (default '.'); ',' reads 1,5 as 1.5. */
  decimal?: '.' | ',';
}

/** The columns a file must or may have. Other columns in the file are ignored. */
export interface CsvSchema {
  columns: CsvColumn[];
  /** What the schema's author noticed about the file (e.g. from `tabularSchema`); parseCsv passes them on. */
  warnings?: string[];
}

/** How to split the text. */
export interface CsvOptions {
  /** Default: guessed from the first 50 lines (the candidate that occurs equally often in most of them). */
  delimiter?: string;
  /** Default '"'; '' reads quotes literally (files such as the UCI sentences that never quote). */
  quoteChar?: string;
  /** Column names for a file without a header row (then every line is data). */
  header?: string[];
}

/** Why one row was skipped. `row` is the 1-based line of the file where the row starts (the header is line 1). */
export interface CsvRowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** The typed table, the skipped rows and a one-line summary for the learner. */
export interface CsvResult {
  table: Table;
  /** The file line each row of `table.rows` starts on, so later steps can name it. */
  lines: number[];
  errors: CsvRowError[];
  /** Things read, but maybe not as the author meant (duplicate header names, quotes read literally, …). */
  warnings: string[];
  rowsRead: number;
  rowsSkipped: number;
  /** The delimiter used (given or guessed). */
  delimiter: string;
  summary: string;
}

/** Cell texts read as missing in non-text columns. */
export const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
const TRUE_TOKENS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_TOKENS = new Set(['false', 'f', 'no', 'n', '0']);
const DECIMAL_COMMA = /^[+-]?\d*,?\d+([eE][+-]?\d+)?$/;

/** Marks a cell that cannot be read; `badReason` says why (one allocation per bad cell, not per cell). */
const BAD = Symbol('bad');
let badReason = '';
const bad = (reason: string): typeof BAD => {
  badReason = reason;
  return BAD;
};

/** Reads one cell: its value, or BAD with the reason in `badReason`. */
function coerce(raw: string, column: CsvColumn): CellValue | typeof BAD {
  // The common case first: a plain number, without trimming, lower-casing or token lookups.
  if (column.type === 'number' && column.decimal !== ',' && raw !== '' && raw.charCodeAt(0) > 32) {
    const quick = Number(raw);
    if (Number.isFinite(quick)) return quick;
  }
  const text = raw.trim();
  const lower = text.toLowerCase();
  const missing = column.type === 'string' || column.type === 'category' ? text === '' : MISSING_TOKENS.has(lower);
  if (missing) return column.allowEmpty ? null : bad('is empty but required');
  switch (column.type) {
    case 'string':
    case 'category':
      return text;
    case 'number': {
      const n = column.decimal === ',' && DECIMAL_COMMA.test(text) ? Number(text.replace(',', '.')) : Number(text);
      return Number.isFinite(n) ? n : bad(`'${raw}' is not a number`);
    }
    case 'boolean':
      if (TRUE_TOKENS.has(lower)) return true;
      if (FALSE_TOKENS.has(lower)) return false;
      return bad(`'${raw}' is not true/false`);
    case 'label01': {
      const n = Number(text);
      return n === 0 || n === 1 ? n : bad(`'${raw}' is not a 0/1 label`);
    }
    case 'timestamp': {
      const n = text !== '' && Number.isFinite(Number(text)) ? Number(text) : Date.parse(text);
      return Number.isFinite(n) ? n : bad(`'${raw}' is not a date or a number`);
    }
  }
}

/**
 * Header names made unique the way pandas does: the second `amount` becomes `amount.1`.
 * Returns the names and a warning per repeated name.
 */
export function dedupeHeader(header: readonly string[]): { names: string[]; warnings: string[] } {
  const seen = new Map<string, number>();
  const names: string[] = [];
  const warnings: string[] = [];
  for (const [j, raw] of header.entries()) {
    const name = raw.trim();
    const times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    if (times === 0 || name === '') {
      names.push(name);
      continue;
    }
    let renamed = `${name}.${times}`;
    while (header.includes(renamed)) renamed += '_';
    names.push(renamed);
    warnings.push(`The header repeats the column name '${name}' (column ${j + 1}); that column is read as '${renamed}'.`);
  }
  return { names, warnings };
}

/** What `readRecords` found before any typing: the delimiter, the header and the data records. */
export interface CsvLayout {
  delimiter: string;
  header: string[];
  /** The file line of the header (1 unless blank lines come first; 0 when the header was given). */
  headerLine: number;
  records: CsvRecord[];
  warnings: string[];
}

/**
 * Streams the text (BOM removed): `onHeader` gets the header (names made unique), its file line
 * and the warnings about it, then `onData` every data record. Returns the delimiter used.
 */
function streamRecords(
  text: string,
  options: CsvOptions,
  onHeader: (header: string[], line: number, warnings: string[]) => void,
  onData: (record: CsvRecord) => void,
): string {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(clean);
  let sawHeader = false;
  const start = (fields: string[], line: number) => {
    const { names, warnings } = dedupeHeader(fields);
    if (line > 1) warnings.unshift(`The header is on line ${line}: the lines before it are blank.`);
    sawHeader = true;
    onHeader(names, line, warnings);
  };
  if (options.header) start(options.header, 0);
  readCsvRecords(
    clean,
    { delimiter, quoteChar: options.quoteChar },
    (record) => {
      if (!sawHeader) start(record.fields, record.line);
      else onData(record);
    },
    options.header?.length,
  );
  if (!sawHeader) throw new MlError('empty-data', 'The file is empty: it needs a header row and data rows.');
  return delimiter;
}

/** Splits the text (BOM removed) into a header and up to `limit` data records, each with its file line. */
export function readRecords(text: string, options: CsvOptions = {}, limit = Infinity): CsvLayout {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const layout: CsvLayout = { delimiter: options.delimiter ?? detectDelimiter(clean), header: [], headerLine: 0, records: [], warnings: [] };
  const onHeader = (header: string[], line: number, warnings: string[]) => Object.assign(layout, { header, headerLine: line, warnings });
  try {
    streamRecords(clean, { ...options, delimiter: layout.delimiter }, onHeader, (record) => {
      layout.records.push(record);
      // Enough records for a sample: stop reading the rest of a big file.
      if (layout.records.length >= limit) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return layout;
}
const STOP = Symbol('stop');

function findColumn(header: string[], column: CsvColumn): number {
  const exact = header.indexOf(column.name);
  return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === column.name.toLowerCase());
}

function describeHeader(header: string[]): string {
  const shown = header.slice(0, 12).map((h) => h || '(unnamed)');
  const long = shown.some((h) => h.length > 60);
  if (long || header.length === 1) {
    return (
      `${header.length === 1 ? 'one column' : `${header.length} columns`}, starting '${header.join(',').slice(0, 60)}…'. ` +
      'If that is the whole first line, the separator or the line ends were not recognised'
    );
  }
  return shown.join(', ') + (header.length > 12 ? `, … (${header.length} columns)` : '');
}

/**
 * Parses CSV text against `schema`. A missing required column throws an `MlError`
 * ('csv-schema') listing what was found and what was expected, and a file with a header but no
 * data throws 'empty-data'; a row with a bad value is skipped and described in `errors` by its
 * file line. Example summary: "Read 1,720 rows; skipped 2 (row 14: column amount: 'abc' is not a number; …)".
 */
export function parseCsv(text: string, schema: CsvSchema, options: CsvOptions = {}): CsvResult {
  const rows: Row[] = [];
  const lines: number[] = [];
  const errors: CsvRowError[] = [];
  const literal: number[] = [];
  let skipped = 0;
  let header: string[] = [];
  let used: { column: CsvColumn; at: number; out: string }[] = [];
  let dataRecords = 0;
  const onHeader = (names: string[]) => {
    header = names;
    const positions = schema.columns.map((c) => findColumn(header, c));
    const absent = schema.columns.filter((c, i) => positions[i] < 0 && c.required !== false);
    if (absent.length > 0) {
      const expected = schema.columns.map((c) => (c.required === false ? `${c.name} (optional)` : c.name));
      throw new MlError(
        'csv-schema',
        `The file has no column ${absent.map((c) => c.name).join(', ')}. Found: ${describeHeader(header)}. ` +
          `Expected: ${expected.join(', ')}. Rename the header or pick the matching schema.`,
      );
    }
    used = schema.columns.map((c, i) => ({ column: c, at: positions[i], out: c.as ?? c.name })).filter((u) => u.at >= 0);
  };
  const onData = (record: CsvRecord) => {
    dataRecords++;
    const extra = record.fields.length > header.length && record.fields.slice(header.length).some((f) => f.trim() !== '');
    if ((record.problem && !record.literal) || record.fields.length < header.length || extra) {
      const reason = record.problem && !record.literal ? record.problem : `has ${record.fields.length} fields but the header has ${header.length}`;
      errors.push({ row: record.line, column: '', value: record.fields.join(delimiterUsed), reason });
      skipped++;
      return;
    }
    if (record.literal) literal.push(record.line);
    const row: Row = {};
    let broken = false;
    for (const u of used) {
      const value = coerce(record.fields[u.at], u.column);
      if (value === BAD) {
        errors.push({ row: record.line, column: u.column.name, value: record.fields[u.at], reason: badReason });
        broken = true;
      } else row[u.out] = value;
    }
    if (broken) skipped++;
    else {
      rows.push(row);
      lines.push(record.line);
    }
  };
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiterUsed = options.delimiter ?? detectDelimiter(clean);
  let headerLine = 0;
  let headerWarnings: string[] = [];
  streamRecords(
    clean,
    { ...options, delimiter: delimiterUsed },
    (names, line, warned) => {
      headerLine = line;
      headerWarnings = warned;
      onHeader(names);
    },
    onData,
  );
  if (dataRecords === 0 && !options.header) {
    throw new MlError('empty-data', `The file has a header row (line ${headerLine}: ${describeHeader(header)}) but no data rows.`);
  }
  const warnings = [...new Set([...(schema.warnings ?? []), ...headerWarnings])];
  if (literal.length > 0) {
    warnings.push(
      `${literal.length === 1 ? 'Line' : 'Lines'} ${listLines(literal)} ${literal.length === 1 ? 'has' : 'have'} a quote (") that is never closed: ` +
        'read with the quote as an ordinary character.',
    );
  }
  return {
    table: { columns: used.map((u) => u.out), rows },
    lines,
    errors,
    warnings,
    rowsRead: rows.length,
    rowsSkipped: skipped,
    delimiter: delimiterUsed,
    summary: summarize(rows.length, skipped, errors, warnings),
  };
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, 5).join(', ');
  return lines.length > 5 ? `${shown} and ${lines.length - 5} more` : shown;
}

function summarize(read: number, skipped: number, errors: CsvRowError[], warnings: string[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const warned = warnings.length === 0 ? '' : ` ${warnings.length === 1 ? 'Warning' : `${warnings.length} warnings`}: ${warnings.join(' ')}`;
  if (skipped === 0) return `Read ${n(read)} rows.${warned}`;
  const shown = errors.slice(0, 3).map((e) => `row ${e.row}: ${e.column ? `column ${e.column}: ` : ''}${e.reason}`);
  const more = errors.length > 3 ? `; and ${n(errors.length - 3)} more` : '';
  return `Read ${n(read)} rows; skipped ${n(skipped)} (${shown.join('; ')}${more})${warned ? `.${warned}` : ''}`;
}

/** The physical lines of a text (CRLF, LF or CR line ends), e.g. to show the line an error names. */
export { splitLines };
