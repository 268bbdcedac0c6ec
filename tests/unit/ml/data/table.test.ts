import { describe, expect, it } from 'vitest';
import { isMlError } from '../../../../src/ml/index';
import {
  getColumn,
  describe as describeTable,
  dropColumns,
  isMissing,
  getNumericColumn,
  quantile,
  selectColumns,
  summarizeNumbers,
  createTable,
  countValues,
} from '../../../../src/ml/index';
import { toNumberOrNull } from '../../../../src/ml/data/table';
import type { Table } from '../../../../src/ml/index';

const table: Table = {
  columns: ['id', 'amount', 'kind'],
  rows: [
    { id: 1, amount: 10, kind: 'a' },
    { id: 2, amount: null, kind: 'b' },
    { id: 3, amount: 30, kind: 'a' },
  ],
};

describe('column access', () => {
  it('selectColumns keeps the requested columns in order', () => {
    expect(selectColumns(table, ['kind', 'id'])).toEqual({
      columns: ['kind', 'id'],
      rows: [
        { kind: 'a', id: 1 },
        { kind: 'b', id: 2 },
        { kind: 'a', id: 3 },
      ],
    });
  });

  it('dropColumns removes columns', () => {
    expect(dropColumns(table, ['amount']).columns).toEqual(['id', 'kind']);
  });

  it('getColumn reads a column of a table or of plain rows', () => {
    expect(getColumn(table, 'amount')).toEqual([10, null, 30]);
    expect(getColumn(table.rows, 'kind')).toEqual(['a', 'b', 'a']);
  });

  it('names the available columns when one is unknown', () => {
    expect(() => getColumn(table, 'amout')).toThrow(/no column 'amout'. Columns: id, amount, kind/);
  });

  it('getNumericColumn refuses missing values, naming the row', () => {
    let caught: unknown;
    try {
      getNumericColumn(table, 'amount');
    } catch (e) {
      caught = e;
    }
    expect(isMlError(caught, 'not-finite')).toBe(true);
    expect((caught as Error).message).toMatch(/Row 1 of column 'amount'/);
  });

  it('getNumericColumn parses numeric strings and booleans', () => {
    expect(getNumericColumn([{ x: '2.5' }, { x: true }, { x: 4 }], 'x')).toEqual([2.5, 1, 4]);
  });

  it('createTable takes columns from the first row', () => {
    expect(createTable([{ b: 1, a: 2 }]).columns).toEqual(['b', 'a']);
  });
});

describe('missing values and counts', () => {
  it('treats null, undefined, NaN and blank strings as missing', () => {
    expect([null, undefined, NaN, '  ', 0, 'N/A', false].map(isMissing)).toEqual([true, true, true, true, false, false, false]);
  });

  it('toNumberOrNull distinguishes missing (null) from not-a-number (undefined)', () => {
    expect([toNumberOrNull(''), toNumberOrNull('abc'), toNumberOrNull(' 7 ')]).toEqual([null, undefined, 7]);
  });

  it('countValues sorts by count then value and skips missing', () => {
    expect(countValues(['b', 'a', 'b', null, 'c', 'a', 'b'])).toEqual([
      { value: 'b', count: 3 },
      { value: 'a', count: 2 },
      { value: 'c', count: 1 },
    ]);
  });
});

describe('statistics', () => {
  it('quantile interpolates linearly like numpy', () => {
    // numpy.percentile([1, 2, 3, 10], [25, 50, 90]) = 1.75, 2.5, 7.9
    expect(quantile([10, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([10, 1, 3, 2], 0.5)).toBeCloseTo(2.5, 12);
    expect(quantile([10, 1, 3, 2], 0.9)).toBeCloseTo(7.9, 12);
  });

  it('summarizeNumbers matches pandas (sample std, adjusted skewness)', () => {
    const s = summarizeNumbers([1, 2, 3, 10]);
    expect(s.mean).toBe(4);
    expect(s.std).toBeCloseTo(4.08248290463863, 12);
    expect(s.skewness).toBeCloseTo(1.763632614803888, 12);
    expect([s.min, s.q1, s.median, s.q3, s.max]).toEqual([1, 1.75, 2.5, 4.75, 10]);
  });

  it('describe gives numeric stats or top values per column', () => {
    const rows = describeTable(table);
    expect(rows[1]).toMatchObject({ column: 'amount', count: 2, missing: 1, mean: 20, min: 10, max: 30, '50%': 20 });
    expect(rows[2]).toMatchObject({ column: 'kind', count: 3, distinct: 2, top: 'a', freq: 2 });
  });
});
