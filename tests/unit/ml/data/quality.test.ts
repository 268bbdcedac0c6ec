import { describe, expect, it } from 'vitest';
import { inferColumnKind, qualityReport } from '../../../../src/ml/index';
import type { Row, Table } from '../../../../src/ml/index';

function makeTable(): Table {
  const rows: Row[] = [];
  for (let i = 0; i < 40; i++) {
    rows.push({
      transaction_id: `t${i}`,
      amount: i === 3 ? -12.5 : i === 7 ? 5000 : 10 + (i % 10),
      merchant: i % 10 === 0 ? null : i % 3 === 0 ? 'online' : 'grocery',
      country: 'FR',
      age: i === 5 ? -999 : 20 + (i % 30),
      when: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      label: i < 4 ? 1 : 0,
    });
  }
  rows.push({ ...rows[39] });
  return { columns: Object.keys(rows[0]), rows };
}

const report = qualityReport(makeTable(), { label: 'label' });
const col = (name: string) => report.columns.find((c) => c.column === name)!;

describe('qualityReport', () => {
  it('counts rows, columns and exact duplicates', () => {
    expect(report.rowCount).toBe(41);
    expect(report.columnCount).toBe(7);
    expect(report.duplicateRows).toBe(1);
  });

  it('infers the kind of each column', () => {
    expect(report.columns.map((c) => c.kind)).toEqual(['categorical', 'numeric', 'categorical', 'categorical', 'numeric', 'datetime', 'numeric']);
  });

  it('counts missing values and their rate', () => {
    expect(col('merchant').missing).toBe(4);
    expect(col('merchant').missingRate).toBeCloseTo(4 / 41, 12);
    expect(col('merchant').topValues?.[0]).toEqual({ value: 'grocery', count: 24 });
  });

  it('flags a negative amount in a positive column and an outlier', () => {
    const amount = col('amount');
    expect(amount.issues.some((i) => /1 negative value.*-12.5/.test(i))).toBe(true);
    // IQR of the amounts is 12..17 (about), so -12.5 and 5000 are outliers
    expect(amount.outliers).toBe(2);
  });

  it('flags -999 as a missing-value code', () => {
    expect(col('age').issues.some((i) => /placeholder-like.*-999/.test(i))).toBe(true);
  });

  it('flags constant and id-like columns', () => {
    expect(col('country').issues).toContain('constant column: it cannot help a model');
    const ids = qualityReport({ columns: ['customer_id'], rows: Array.from({ length: 12 }, (_, i) => ({ customer_id: i })) });
    expect(ids.columns[0].issues.some((i) => i.startsWith('id-like'))).toBe(true);
  });

  it('reports class balance of the label and warns when it is imbalanced', () => {
    expect(report.label?.classes).toEqual([
      { value: 0, count: 37, rate: 37 / 41 },
      { value: 1, count: 4, rate: 4 / 41 },
    ]);
    expect(report.label?.imbalanceRatio).toBeCloseTo(9.25, 12);
    const skewed = qualityReport({ columns: ['y'], rows: Array.from({ length: 50 }, (_, i) => ({ y: i < 2 ? 1 : 0 })) }, { label: 'y' });
    expect(skewed.warnings.some((w) => /imbalanced classes \(24:1\)/.test(w))).toBe(true);
  });

  it('gives a flat summary row per column for display.table', () => {
    expect(report.summary[1]).toMatchObject({ column: 'amount', kind: 'numeric', missing: 0, min: -12.5, max: 5000 });
    expect(typeof report.summary[1].issues).toBe('string');
  });

  it('flags placeholder strings such as N/A', () => {
    const r = qualityReport({ columns: ['c'], rows: [{ c: 'x' }, { c: 'N/A' }, { c: 'y' }] });
    expect(r.columns[0].issues.some((i) => /placeholder string.*N\/A/.test(i))).toBe(true);
  });

  it('gives the label no numeric advice (no log transform of a 0/1 column) and reports it as the label', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ amount: 1 + (i % 7), label: i < 3 ? 1 : 0 }));
    const r = qualityReport({ columns: ['amount', 'label'], rows }, { label: 'label' });
    const label = r.columns[1];
    expect(label.role).toBe('label');
    expect(label.stats).toBeUndefined();
    expect(label.issues).toEqual([]);
    expect(r.summary[1]).toMatchObject({ column: 'label', kind: 'label', mean: null });
    // Without the label option the same column is an ordinary, very skewed number.
    expect(qualityReport({ columns: ['amount', 'label'], rows }).columns[1].issues.some((i) => /log transform/.test(i))).toBe(true);
  });

  it('treats repeated integer ids named like ids as ids: no mean, no outliers, advice to leave them out', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ customer_id: i % 4 === 0 ? 1000 : i % 5 }));
    const r = qualityReport({ columns: ['customer_id'], rows });
    expect(r.columns[0]).toMatchObject({ role: 'id', distinct: 6 });
    expect(r.columns[0].stats).toBeUndefined();
    expect(r.columns[0].outliers).toBeUndefined();
    expect(r.columns[0].issues).toEqual(["id-like: 6 distinct ids; it names who or what, not how much — keep it out of the model's inputs"]);
    expect(r.summary[0]).toMatchObject({ kind: 'id', min: null, mean: null, max: null });
  });

  it('throws when the label column does not exist', () => {
    expect(() => qualityReport(makeTable(), { label: 'Class' })).toThrow(/'Class' is not in the table/);
  });
});

describe('inferColumnKind', () => {
  it('recognises booleans, numbers in strings, dates, free text and empties', () => {
    expect(inferColumnKind([true, false, null])).toBe('boolean');
    expect(inferColumnKind(['yes', 'no'])).toBe('boolean');
    expect(inferColumnKind(['1.5', '2', ''])).toBe('numeric');
    expect(inferColumnKind(['2024-03-01T10:00:00Z', '2024-03-02'])).toBe('datetime');
    expect(inferColumnKind(['the battery died after two days of use', 'great screen and a very fast charger'])).toBe('text');
    expect(inferColumnKind([null, ''])).toBe('empty');
  });
});
