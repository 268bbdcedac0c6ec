/**
 * Reading a learner's CSV into a typed `Table`, with a declared schema so that a bad row becomes
 * a clear entry in `errors` (file line, column, value, reason) instead of a NaN deep inside
 * training. papaparse does the splitting (quotes, CRLF, BOM); this module does the typing.
 */
import Papa from 'papaparse';
import { MlError } from '../core/errors';
import { inferColumnKind, type ColumnKind } from './quality';
import type { CellValue, Row, Table } from '../core/types';

/** How a column's text is read. */
export type CsvColumnType = 'number' | 'string' | 'category' | 'boolean' | 'label01' | 'timestamp';

/** One declared column. */
export interface CsvColumn {
  /** Header name in the file (matched exactly, else ignoring case). */
  name: string;
  type: CsvColumnType;
  /** Whether the header must contain the column (default true). An absent optional column is left out of the table. */
  required?: boolean;
  /** Whether an empty cell is allowed (read as null) instead of making the row bad (default false). */
  allowEmpty?: boolean;
  /** Name of the column in the resulting table (default `name`). */
  as?: string;
}

/** The columns a file must or may have. Other columns in the file are ignored. */
export interface CsvSchema {
  columns: CsvColumn[];
}

/** How to split the text. */
export interface CsvOptions {
  /** Default: whichever of , ; tab and | occurs most in the first line. */
  delimiter?: string;
  quoteChar?: string;
  /** Column names for a file without a header row (then every line is data). */
  header?: string[];
}

/** Why one row was skipped. `row` is the 1-based line in the file, the header being line 1. */
export interface CsvRowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** The typed table, the skipped rows and a one-line summary for the learner. */
export interface CsvResult {
  table: Table;
  errors: CsvRowError[];
  rowsRead: number;
  rowsSkipped: number;
  summary: string;
}

const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
const TRUE_TOKENS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_TOKENS = new Set(['false', 'f', 'no', 'n', '0']);

/** Reads one cell; returns the value or a reason why it cannot be read. */
function coerce(raw: string, column: CsvColumn): { value: CellValue } | { reason: string } {
  const text = raw.trim();
  const lower = text.toLowerCase();
  const missing = column.type === 'string' || column.type === 'category' ? text === '' : MISSING_TOKENS.has(lower);
  if (missing) return column.allowEmpty ? { value: null } : { reason: 'is empty but required' };
  switch (column.type) {
    case 'string':
    case 'category':
      return { value: text };
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? { value: n } : { reason: `'${raw}' is not a number` };
    }
    case 'boolean':
      if (TRUE_TOKENS.has(lower)) return { value: true };
      if (FALSE_TOKENS.has(lower)) return { value: false };
      return { reason: `'${raw}' is not true/false` };
    case 'label01': {
      const n = Number(text);
      return n === 0 || n === 1 ? { value: n } : { reason: `'${raw}' is not a 0/1 label` };
    }
    case 'timestamp': {
      const n = text !== '' && Number.isFinite(Number(text)) ? Number(text) : Date.parse(text);
      return Number.isFinite(n) ? { value: n } : { reason: `'${raw}' is not a date or a number` };
    }
  }
}

/**
 * Picks the delimiter that occurs most often in the first line (quoted parts ignored). papaparse's
 * own guess gives up on short files with a trailing newline, and the header line is what matters.
 */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0].replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** Splits text into records, each with the 1-based line it starts on. */
function splitRecords(text: string, options: CsvOptions): { fields: string[]; line: number; broken?: string }[] {
  const records: { fields: string[]; line: number; broken?: string }[] = [];
  let line = 1;
  let counted = 0;
  const countLines = (upTo: number) => {
    const chunk = text.slice(counted, upTo);
    line += (chunk.match(/\r\n|\r|\n/g) ?? []).length;
    counted = upTo;
  };
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? detectDelimiter(text),
    quoteChar: options.quoteChar ?? '"',
    skipEmptyLines: false,
    step: (result) => {
      const start = line;
      countLines(result.meta.cursor);
      const broken = result.errors.find((e) => e.type === 'Quotes');
      records.push({ fields: result.data, line: start, broken: broken ? 'has an unterminated quote' : undefined });
    },
  });
  // Blank and whitespace-only lines carry no data.
  return records.filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
}

function findColumn(header: string[], column: CsvColumn): number {
  const exact = header.indexOf(column.name);
  return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === column.name.toLowerCase());
}

/**
 * Parses CSV text against `schema`. A missing required column throws an `MlError`
 * ('csv-schema') listing what was found and what was expected; a row with a bad value is
 * skipped and described in `errors`. Example summary:
 * "Read 1,720 rows; skipped 2 (row 14: column amount: 'abc' is not a number; …)".
 */
export function parseCsv(text: string, schema: CsvSchema, options: CsvOptions = {}): CsvResult {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = splitRecords(clean, options);
  if (records.length === 0 && !options.header) throw new MlError('empty-data', 'The file is empty: it needs a header row and data rows.');
  const header = (options.header ?? records.shift()?.fields ?? []).map((h) => h.trim());
  const positions = schema.columns.map((c) => findColumn(header, c));
  const absent = schema.columns.filter((c, i) => positions[i] < 0 && c.required !== false);
  if (absent.length > 0) {
    const expected = schema.columns.map((c) => (c.required === false ? `${c.name} (optional)` : c.name));
    throw new MlError(
      'csv-schema',
      `The file has no column ${absent.map((c) => c.name).join(', ')}. Found: ${header.map((h) => h || '(unnamed)').join(', ')}. ` +
        `Expected: ${expected.join(', ')}. Rename the header or pick the matching schema.`,
    );
  }
  const used = schema.columns.map((c, i) => ({ column: c, at: positions[i], out: c.as ?? c.name })).filter((u) => u.at >= 0);
  const rows: Row[] = [];
  const errors: CsvRowError[] = [];
  const badLines = new Set<number>();
  for (const record of records) {
    const extra = record.fields.slice(header.length).some((f) => f.trim() !== '');
    if (record.broken || record.fields.length < header.length || extra) {
      const reason = record.broken ?? `has ${record.fields.length} fields but the header has ${header.length}`;
      errors.push({ row: record.line, column: '', value: record.fields.join(options.delimiter ?? ','), reason });
      badLines.add(record.line);
      continue;
    }
    const row: Row = {};
    for (const u of used) {
      const result = coerce(record.fields[u.at], u.column);
      if ('reason' in result) {
        errors.push({ row: record.line, column: u.column.name, value: record.fields[u.at], reason: result.reason });
        badLines.add(record.line);
      } else row[u.out] = result.value;
    }
    if (!badLines.has(record.line)) rows.push(row);
  }
  return {
    table: { columns: used.map((u) => u.out), rows },
    errors,
    rowsRead: rows.length,
    rowsSkipped: badLines.size,
    summary: summarize(rows.length, badLines.size, errors),
  };
}

function summarize(read: number, skipped: number, errors: CsvRowError[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (skipped === 0) return `Read ${n(read)} rows.`;
  const shown = errors.slice(0, 3).map((e) => `row ${e.row}: ${e.column ? `column ${e.column}: ` : ''}${e.reason}`);
  const more = errors.length > 3 ? `; and ${n(errors.length - 3)} more` : '';
  return `Read ${n(read)} rows; skipped ${n(skipped)} (${shown.join('; ')}${more})`;
}

/** Ready-made schemas for the flagship notebooks' "bring your own data" cells. */
export const SCHEMAS = {
  /** One review a row: `text`, `label` (1 positive, 0 negative). */
  sentiment: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'label01' }] },
  /** One rating a row: `user`, `item`, `rating`, and optionally `timestamp`. */
  ratings: {
    columns: [
      { name: 'user', type: 'category' },
      { name: 'item', type: 'category' },
      { name: 'rating', type: 'number' },
      { name: 'timestamp', type: 'timestamp', required: false, allowEmpty: true },
    ],
  },
} satisfies Record<string, CsvSchema>;

const KIND_TO_TYPE: Record<ColumnKind, CsvColumnType> = {
  numeric: 'number',
  boolean: 'boolean',
  datetime: 'timestamp',
  text: 'string',
  categorical: 'category',
  empty: 'category',
};

/** Options of `tabularSchema`. */
export interface TabularSchemaOptions {
  /** The 0/1 target column in the file, e.g. 'Class'. Default 'label'. */
  labelColumn?: string;
  /** Keep the label's own name instead of renaming it to `label` in the table. */
  keepLabelName?: boolean;
  /** Columns to leave out (ids, free text). Unnamed columns (a saved row index) are always left out. */
  exclude?: string[];
  /** Rows inspected to infer the types (default 1000). */
  sampleSize?: number;
  delimiter?: string;
}

/**
 * Builds a schema for a tabular file by looking at its first rows: numeric columns become
 * `number`, true/false columns `boolean`, dates `timestamp`, the rest `category` (all allowing
 * empty cells), and the label column `label01`. The label is renamed to `label` so a notebook's
 * pipeline runs unchanged on the learner's file. For the ULB card data: `tabularSchema(text, 'Class')`.
 */
export function tabularSchema(csvText: string, labelOrOptions: string | TabularSchemaOptions = {}): CsvSchema {
  const options = typeof labelOrOptions === 'string' ? { labelColumn: labelOrOptions } : labelOrOptions;
  const label = options.labelColumn ?? 'label';
  const clean = csvText.charCodeAt(0) === 0xfeff ? csvText.slice(1) : csvText;
  const sample = splitRecords(clean, { delimiter: options.delimiter }).slice(0, (options.sampleSize ?? 1000) + 1);
  if (sample.length === 0) throw new MlError('empty-data', 'The file is empty: it needs a header row and data rows.');
  const header = sample[0].fields.map((h) => h.trim());
  if (findColumn(header, { name: label, type: 'label01' }) < 0) {
    const guesses = header.filter((h) => /^(class|label|target|y|is_?fraud|fraud)$/i.test(h));
    throw new MlError(
      'csv-schema',
      `The file has no label column '${label}'. Found: ${header.map((h) => h || '(unnamed)').join(', ')}.` +
        (guesses.length > 0 ? ` Try { labelColumn: '${guesses[0]}' }.` : ' Pass the name of the 0/1 column as labelColumn.'),
    );
  }
  const columns: CsvColumn[] = [];
  header.forEach((name, j) => {
    if (name === '' || options.exclude?.includes(name)) return;
    if (name.toLowerCase() === label.toLowerCase()) {
      columns.push({ name, type: 'label01', as: options.keepLabelName ? name : 'label' });
      return;
    }
    const values = sample.slice(1).map((r) => r.fields[j] ?? '');
    const kind = inferColumnKind(values.filter((v) => !MISSING_TOKENS.has(v.trim().toLowerCase())));
    columns.push({ name, type: KIND_TO_TYPE[kind], allowEmpty: true });
  });
  return { columns };
}

/** Splits a schema's output columns into what `fitPipeline` needs: numeric, categorical and the label. */
export function getSchemaFeatures(schema: CsvSchema): { numeric: string[]; categorical: string[]; label: string | null } {
  const out = { numeric: [] as string[], categorical: [] as string[], label: null as string | null };
  for (const c of schema.columns) {
    const name = c.as ?? c.name;
    if (c.type === 'label01') out.label = name;
    else if (c.type === 'number' || c.type === 'boolean' || c.type === 'timestamp') out.numeric.push(name);
    else if (c.type === 'category') out.categorical.push(name);
  }
  return out;
}
