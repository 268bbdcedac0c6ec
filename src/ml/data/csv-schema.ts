/**
 * Schemas for CSV files: ready-made ones for the flagship notebooks, and `tabularSchema`, which
 * looks at a learner's file and says what it will do with each column — and what looks wrong
 * (decimal commas, numbers with units, columns that are mostly text, ids) before a model is
 * trained on a silent mistake.
 */
import { MlError } from '../core/errors';
import { inferColumnKind, type ColumnKind } from './quality';
import { MISSING_TOKENS, readRecords, type CsvColumn, type CsvColumnType, type CsvSchema } from './csv';

/** Ready-made schemas for the flagship notebooks' "bring your own data" cells. */
export const SCHEMAS = {
  /** One review a row: `text`, `label` (1 positive, 0 negative). */
  sentiment: {
    columns: [
      { name: 'text', type: 'string' },
      { name: 'label', type: 'label01' },
    ],
  },
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

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?\d*,?\d+([eE][+-]?\d+)?$/;
// A number wrapped in a currency sign, a unit or thousands separators: '€12.50', '12.50 EUR', '1,234'.
const DECORATED_NUMBER = /^([€$£¥]|[A-Z]{3} )?\s?[+-]?\d{1,3}([,.' ]?\d{3})*([.,]\d+)?\s?([€$£¥%]|[A-Za-z]{1,5})?$/;
const ID_NAME = /(^id$|_id$|^id_|Id$|^index$)/i;
const TIME_NAME = /^(time|timestamp|date|datetime|tx_?datetime|tx_?time(_seconds)?|event_?time|created(_at)?)$/i;

const share = (values: string[], test: (v: string) => boolean) => values.filter(test).length / Math.max(1, values.length);
const example = (values: string[], test: (v: string) => boolean) => values.find(test) ?? '';

/**
 * How one column should be read, and anything worth telling the learner about it. Decimal
 * commas ('1,5' in a file separated by ';') make a number column; numbers with a currency sign
 * or unit, columns that are partly numbers, and columns with very many distinct values stay
 * categories — one-hot encoding them silently would give a model nothing to learn from — and
 * are reported.
 */
function inspectColumn(name: string, values: string[], delimiter: string): { column: CsvColumn; warnings: string[] } {
  const kind = inferColumnKind(values);
  const warnings: string[] = [];
  if (kind === 'numeric' || kind !== 'categorical') {
    if (kind === 'numeric' && ID_NAME.test(name)) {
      warnings.push(`Column '${name}' looks like an id (its name): it identifies rows rather than describing them; exclude it from the inputs.`);
    }
    return { column: { name, type: KIND_TO_TYPE[kind], allowEmpty: true }, warnings };
  }
  const commas = share(values, (v) => COMMA_NUMBER.test(v.trim()));
  if (delimiter !== ',' && commas >= 0.9 && values.some((v) => v.includes(','))) {
    warnings.push(`Column '${name}' writes decimals with a comma (e.g. '${example(values, (v) => v.includes(','))}'): read as numbers (1,5 = 1.5).`);
    return { column: { name, type: 'number', allowEmpty: true, decimal: ',' }, warnings };
  }
  const numeric = share(values, (v) => PLAIN_NUMBER.test(v.trim()));
  const decorated = share(values, (v) => DECORATED_NUMBER.test(v.trim()));
  const distinct = new Set(values).size;
  if (decorated >= 0.9 && numeric < 0.9) {
    warnings.push(
      `Column '${name}' holds numbers written with other characters (e.g. '${example(values, (v) => !PLAIN_NUMBER.test(v.trim()))}'): ` +
        'it is read as a category, which a model can hardly use. Remove the symbols or separators, or exclude the column.',
    );
  } else if (numeric >= 0.3) {
    warnings.push(
      `Column '${name}' is only ${Math.round(100 * numeric)}% numbers (the rest look like '${example(values, (v) => !PLAIN_NUMBER.test(v.trim()))}'): ` +
        'it is read as a category. If it should be a number, clean the other values first.',
    );
  } else if (distinct > 50 && distinct / values.length > 0.5) {
    warnings.push(
      `Column '${name}' has ${distinct} different values in ${values.length} rows: one-hot encoding keeps only the most frequent ones. ` +
        'Is it an id or free text? Exclude it if so.',
    );
  }
  return { column: { name, type: 'category', allowEmpty: true }, warnings };
}

/**
 * Builds a schema for a tabular file by looking at its first rows: numeric columns become
 * `number` (decimal commas included), true/false columns `boolean`, dates `timestamp`, the rest
 * `category` (all allowing empty cells), and the label column `label01`. The label is renamed
 * to `label` so a notebook's pipeline runs unchanged on the learner's file. What looks wrong
 * goes in the schema's `warnings`. For the ULB card data: `tabularSchema(text, 'Class')`.
 */
export function tabularSchema(csvText: string, labelOrOptions: string | TabularSchemaOptions = {}): CsvSchema {
  const options = typeof labelOrOptions === 'string' ? { labelColumn: labelOrOptions } : labelOrOptions;
  const label = options.labelColumn ?? 'label';
  const layout = readRecords(csvText, { delimiter: options.delimiter }, options.sampleSize ?? 1000);
  const { header, records, delimiter } = layout;
  const labelAt = header.findIndex((h) => h.toLowerCase() === label.toLowerCase());
  if (labelAt < 0) {
    const guesses = header.filter((h) => /^(class|label|target|y|is_?fraud|fraud)$/i.test(h));
    throw new MlError(
      'csv-schema',
      `The file has no label column '${label}'. Found: ${header
        .slice(0, 40)
        .map((h) => h || '(unnamed)')
        .join(', ')
        .slice(0, 400)}.` + (guesses.length > 0 ? ` Try { labelColumn: '${guesses[0]}' }.` : ' Pass the name of the 0/1 column as labelColumn.'),
    );
  }
  if (records.length === 0) throw new MlError('empty-data', `The file has a header row (line ${layout.headerLine}) but no data rows.`);
  const columns: CsvColumn[] = [];
  const warnings = [...layout.warnings];
  header.forEach((name, j) => {
    if (name === '' || options.exclude?.includes(name)) return;
    if (j === labelAt) {
      columns.push({ name, type: 'label01', as: options.keepLabelName ? name : 'label' });
      return;
    }
    const values = records.map((r) => (r.fields[j] ?? '').trim()).filter((v) => !MISSING_TOKENS.has(v.toLowerCase()));
    const inspected = inspectColumn(name, values, delimiter);
    columns.push(inspected.column);
    warnings.push(...inspected.warnings);
  });
  return warnings.length > 0 ? { columns, warnings } : { columns };
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

/**
 * The column that orders the rows in time, if the schema has one: a `timestamp` column, else a
 * number column named like a time (`Time`, `timestamp`, `tx_datetime`, …); null otherwise. A
 * model should be validated on rows later than those it learned from, and the time itself is
 * rarely a fair input (the future has other dates).
 */
export function findTimeColumn(schema: CsvSchema): string | null {
  const stamp = schema.columns.find((c) => c.type === 'timestamp');
  const named = schema.columns.find((c) => c.type === 'number' && TIME_NAME.test(c.name));
  const column = stamp ?? named;
  return column ? (column.as ?? column.name) : null;
}

/** Number columns whose name says they identify rows (`id`, `customer_id`, …): inputs a model should not get. */
export function findIdColumns(schema: CsvSchema): string[] {
  return schema.columns.filter((c) => c.type === 'number' && ID_NAME.test(c.name)).map((c) => c.as ?? c.name);
}
