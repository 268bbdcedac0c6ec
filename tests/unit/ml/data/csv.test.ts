import { describe, expect, it } from 'vitest';
import { isMlError } from '../../../../src/ml/index';
import { parseCsv, SCHEMAS, getSchemaFeatures, tabularSchema, findTimeColumn, findIdColumns, type CsvSchema } from '../../../../src/ml/index';

const txSchema: CsvSchema = {
  columns: [
    { name: 'amount', type: 'number' },
    { name: 'merchant', type: 'category', allowEmpty: true },
    { name: 'online', type: 'boolean' },
    { name: 'when', type: 'timestamp' },
    { name: 'label', type: 'label01' },
  ],
};

describe('parseCsv', () => {
  it('types each column by the schema', () => {
    const r = parseCsv('amount,merchant,online,when,label\n12.5,fuel,yes,2024-01-02T00:00:00Z,1\n', txSchema);
    expect(r.table).toEqual({
      columns: ['amount', 'merchant', 'online', 'when', 'label'],
      rows: [{ amount: 12.5, merchant: 'fuel', online: true, when: Date.UTC(2024, 0, 2), label: 1 }],
    });
    expect(r.summary).toBe('Read 1 rows.');
  });

  it('handles a BOM, CRLF line ends, blank lines and quoted fields with commas, quotes and newlines', () => {
    const text = '\ufefftext,label\r\n"Great, really ""great""",1\r\n\r\n"two\r\nlines",0\r\n   \r\nplain,1\r\n';
    const r = parseCsv(text, SCHEMAS.sentiment);
    expect(r.errors).toEqual([]);
    expect(r.table.rows).toEqual([
      { text: 'Great, really "great"', label: 1 },
      { text: 'two\r\nlines', label: 0 },
      { text: 'plain', label: 1 },
    ]);
  });

  it('skips bad rows and reports their file line, column, value and reason', () => {
    const text = [
      'amount,merchant,online,when,label', // line 1
      '10,fuel,no,5,0',
      'abc,fuel,no,5,0', // line 3
      '',
      '"multi',
      'line",fuel,no,5,0', // quoted amount spanning lines 5-6 is not a number
      '7,,maybe,5,2', // line 7: two bad values
      '8,grocery,true,1700000000,1',
    ].join('\n');
    const r = parseCsv(text, txSchema);
    expect(r.table.rows).toEqual([
      { amount: 10, merchant: 'fuel', online: false, when: 5, label: 0 },
      { amount: 8, merchant: 'grocery', online: true, when: 1700000000, label: 1 },
    ]);
    expect(r.errors).toEqual([
      { row: 3, column: 'amount', value: 'abc', reason: "'abc' is not a number" },
      { row: 5, column: 'amount', value: 'multi\nline', reason: "'multi\nline' is not a number" },
      { row: 7, column: 'online', value: 'maybe', reason: "'maybe' is not true/false" },
      { row: 7, column: 'label', value: '2', reason: "'2' is not a 0/1 label" },
    ]);
    expect(r.rowsSkipped).toBe(3);
    expect(r.summary).toBe(
      "Read 2 rows; skipped 3 (row 3: column amount: 'abc' is not a number; row 5: column amount: 'multi\nline' is not a number; " +
        "row 7: column online: 'maybe' is not true/false; and 1 more)",
    );
  });

  it('formats large counts with thousands separators', () => {
    const lines = ['text,label', ...Array.from({ length: 1500 }, (_, i) => `r${i},${i % 2}`), 'bad,x'];
    expect(parseCsv(lines.join('\n'), SCHEMAS.sentiment).summary).toBe("Read 1,500 rows; skipped 1 (row 1502: column label: 'x' is not a 0/1 label)");
  });

  it('reports rows with the wrong number of fields', () => {
    const r = parseCsv('text,label\nonly-one-field\nok,1\n', SCHEMAS.sentiment);
    expect(r.errors).toEqual([{ row: 2, column: '', value: 'only-one-field', reason: 'has 1 fields but the header has 2' }]);
    expect(r.table.rows).toEqual([{ text: 'ok', label: 1 }]);
  });

  it('reads empty cells as null where allowed and as an error where not', () => {
    const r = parseCsv('amount,merchant,online,when,label\n,,,1,0\n5,,1,1,0\n', txSchema);
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'amount', 'is empty but required'],
      [2, 'online', 'is empty but required'],
    ]);
    expect(r.table.rows).toEqual([{ amount: 5, merchant: null, online: true, when: 1, label: 0 }]);
  });

  it('throws a csv-schema error listing found and expected columns when a required one is missing', () => {
    let caught: unknown;
    try {
      parseCsv('review,score\nok,1\n', SCHEMAS.sentiment);
    } catch (e) {
      caught = e;
    }
    expect(isMlError(caught, 'csv-schema')).toBe(true);
    expect((caught as Error).message).toBe(
      'The file has no column text, label. Found: review, score. Expected: text, label. Rename the header or pick the matching schema.',
    );
  });

  it('matches header names ignoring case and leaves out absent optional columns', () => {
    const r = parseCsv('User,Item,Rating,extra\nu1,i9,4,zzz\n', SCHEMAS.ratings);
    expect(r.table).toEqual({ columns: ['user', 'item', 'rating'], rows: [{ user: 'u1', item: 'i9', rating: 4 }] });
  });

  it('reads a headerless tab-separated file given column names', () => {
    const r = parseCsv('So good.\t1\nNot "great" at all.\t0\n', SCHEMAS.sentiment, { header: ['text', 'label'], delimiter: '\t' });
    expect(r.table.rows).toEqual([
      { text: 'So good.', label: 1 },
      { text: 'Not "great" at all.', label: 0 },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('detects a semicolon delimiter', () => {
    expect(parseCsv('text;label\nhello;1\n', SCHEMAS.sentiment).table.rows).toEqual([{ text: 'hello', label: 1 }]);
  });

  it('rejects an empty file', () => {
    expect(() => parseCsv('', SCHEMAS.sentiment)).toThrow(/empty/);
  });
});

describe('tabularSchema', () => {
  const ulbLike = ',Time,V1,Amount,Kind,Class\n0,0.0,-1.2,149.62,a,0\n1,0.5,2.5,2.69,b,1\n2,1.0,NaN,,a,0\n';

  it('infers numeric and categorical columns, skips the unnamed index and renames the label', () => {
    const schema = tabularSchema(ulbLike, 'Class');
    expect(schema.columns).toEqual([
      { name: 'Time', type: 'number', allowEmpty: true },
      { name: 'V1', type: 'number', allowEmpty: true },
      { name: 'Amount', type: 'number', allowEmpty: true },
      { name: 'Kind', type: 'category', allowEmpty: true },
      { name: 'Class', type: 'label01', as: 'label' },
    ]);
    const r = parseCsv(ulbLike, schema);
    expect(r.table.columns).toEqual(['Time', 'V1', 'Amount', 'Kind', 'label']);
    expect(r.table.rows[2]).toEqual({ Time: 1, V1: null, Amount: null, Kind: 'a', label: 0 });
  });

  it('splits the schema into pipeline columns', () => {
    expect(getSchemaFeatures(tabularSchema(ulbLike, { labelColumn: 'Class' }))).toEqual({
      numeric: ['Time', 'V1', 'Amount'],
      categorical: ['Kind'],
      label: 'label',
    });
  });

  it('suggests the label column when the default is absent', () => {
    expect(() => tabularSchema(ulbLike)).toThrow(/no label column 'label'.*Try \{ labelColumn: 'Class' \}/);
  });

  it('leaves out excluded columns and can keep the label name', () => {
    const schema = tabularSchema(ulbLike, { labelColumn: 'Class', exclude: ['Time'], keepLabelName: true });
    expect(schema.columns.map((c) => c.as ?? c.name)).toEqual(['V1', 'Amount', 'Kind', 'Class']);
  });
});

describe('parseCsv on damaged real-world files', () => {
  it('names the file line of each row, counting blank lines and quoted line breaks', () => {
    const text = 'text,label\n\n\n"a\nb",1\nbad,7\n';
    const r = parseCsv(text, SCHEMAS.sentiment);
    expect(r.table.rows).toEqual([{ text: 'a\nb', label: 1 }]);
    expect(r.lines).toEqual([4]);
    expect(r.errors).toEqual([{ row: 6, column: 'label', value: '7', reason: "'7' is not a 0/1 label" }]);
  });

  it('reads a file with CR-only line ends', () => {
    const r = parseCsv('text,label\rgood,1\rbad,0\r', SCHEMAS.sentiment);
    expect(r.table.rows).toEqual([
      { text: 'good', label: 1 },
      { text: 'bad', label: 0 },
    ]);
    expect(r.lines).toEqual([2, 3]);
  });

  it('says that a header-only file has no data rows, naming its columns', () => {
    expect(() => parseCsv('text,label\n', SCHEMAS.sentiment)).toThrow('The file has a header row (line 1: text, label) but no data rows.');
    expect(() => tabularSchema('amount,Class\n', 'Class')).toThrow(/header row \(line 1\) but no data rows/);
  });

  it('says when the header is one long column, so a separator or line end was not recognised', () => {
    expect(() => parseCsv('text:label\ngood:1\n', SCHEMAS.sentiment)).toThrow(
      /Found: one column, starting 'text:label…'\. If that is the whole first line, the separator or the line ends were not recognised/,
    );
  });

  it('reads a repeated header name as name.1 and warns instead of silently dropping the column', () => {
    const text = 'amount,amount,Class\n1,10,0\n2,20,1\n';
    const schema = tabularSchema(text, 'Class');
    expect(schema.columns.map((c) => c.name)).toEqual(['amount', 'amount.1', 'Class']);
    const r = parseCsv(text, schema);
    expect(r.table.rows).toEqual([
      { amount: 1, 'amount.1': 10, label: 0 },
      { amount: 2, 'amount.1': 20, label: 1 },
    ]);
    expect(r.warnings).toContain("The header repeats the column name 'amount' (column 2); that column is read as 'amount.1'.");
    expect(r.summary).toMatch(/^Read 2 rows\. Warning: The header repeats the column name 'amount'/);
  });

  it('reads decimal commas in a semicolon-separated file as numbers and says so', () => {
    const text = 'amount;v1;Class\n1,5;-0,25;0\n2;3,5;1\n12,75;1e3;0\n';
    const schema = tabularSchema(text, 'Class');
    expect(schema.columns).toEqual([
      { name: 'amount', type: 'number', allowEmpty: true, decimal: ',' },
      { name: 'v1', type: 'number', allowEmpty: true, decimal: ',' },
      { name: 'Class', type: 'label01', as: 'label' },
    ]);
    expect(schema.warnings?.[0]).toBe("Column 'amount' writes decimals with a comma (e.g. '1,5'): read as numbers (1,5 = 1.5).");
    expect(parseCsv(text, schema).table.rows).toEqual([
      { amount: 1.5, v1: -0.25, label: 0 },
      { amount: 2, v1: 3.5, label: 1 },
      { amount: 12.75, v1: 1000, label: 0 },
    ]);
  });

  it('warns about a number column whose values are mostly not numbers, rather than one-hot encoding it silently', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 3 === 0 ? i : `n${i}`},${i % 2}`);
    const schema = tabularSchema(['amount,Class', ...rows].join('\n'), 'Class');
    expect(schema.columns[0]).toEqual({ name: 'amount', type: 'category', allowEmpty: true });
    expect(schema.warnings).toEqual([
      "Column 'amount' is only 35% numbers (the rest look like 'n1'): it is read as a category. If it should be a number, clean the other values first.",
    ]);
  });

  it('warns about numbers written with a currency sign', () => {
    const schema = tabularSchema('amount,Class\n€12.50,0\n€3.00,1\n€1,250.00,0\n', 'Class');
    expect(schema.warnings?.[0]).toMatch(/^Column 'amount' holds numbers written with other characters \(e\.g\. '€12\.50'\)/);
  });

  it('reads every line of a 1,000-line tab file with an unbalanced quote, and reports that line by number', () => {
    const lines = ['text\tlabel', ...Array.from({ length: 999 }, (_, i) => (i === 9 ? '"Unbalanced start\t1' : `sentence ${i}, with a comma\t${i % 2}`))];
    const r = parseCsv(lines.join('\n'), SCHEMAS.sentiment);
    expect(r.delimiter).toBe('\t');
    expect(r.rowsRead).toBe(999);
    expect(r.table.rows[9]).toEqual({ text: '"Unbalanced start', label: 1 });
    expect(r.warnings).toEqual(['Line 11 has a quote (") that is never closed: read with the quote as an ordinary character.']);
  });

  it('finds the time column and id-like columns of a schema', () => {
    const schema = tabularSchema(',Time,customer_id,V1,Class\n0,1.0,5,0.3,0\n1,2.0,6,0.1,1\n', 'Class');
    expect(findTimeColumn(schema)).toBe('Time');
    expect(findIdColumns(schema)).toEqual(['customer_id']);
    expect(findTimeColumn(tabularSchema('V1,Class\n1,0\n', 'Class'))).toBeNull();
  });
});
