import { describe, expect, it } from 'vitest';
import { fitImputer } from '../../../../src/ml/index';
import type { Row } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

const rows: Row[] = [
  { a: 1, b: 'x' },
  { a: null, b: null },
  { a: 3, b: 'x' },
  { a: 8, b: 'y' },
];

describe('fitImputer', () => {
  it('fills with the training mean', () => {
    const imp = fitImputer(rows, ['a'], 'mean');
    expect(imp.statistics).toEqual({ a: 4 });
    expect(imp.transform([{ a: null }, { a: 2 }])).toEqual([{ a: 4 }, { a: 2 }]);
  });

  it('fills with the training median', () => {
    expect(fitImputer(rows, ['a'], 'median').statistics.a).toBe(3);
  });

  it('fills with the most frequent value', () => {
    expect(fitImputer(rows, ['b'], 'mode').transform([{ b: null }])).toEqual([{ b: 'x' }]);
  });

  it('fills a constant and adds a missing indicator', () => {
    const imp = fitImputer(rows, ['b'], 'constant', { value: 'unknown', addIndicator: true });
    expect(imp.transform(rows.slice(0, 2))).toEqual([
      { a: 1, b: 'x', b_missing: 0 },
      { a: null, b: 'unknown', b_missing: 1 },
    ]);
  });

  it('does not change the rows it is given', () => {
    const input = [{ a: null }];
    fitImputer(rows, ['a'], 'mean').transform(input);
    expect(input).toEqual([{ a: null }]);
  });

  it('asks for a value with the constant strategy', () => {
    expectMlError(() => fitImputer(rows, ['a'], 'constant'), 'bad-argument', /value/);
  });

  it('refuses a mean of a text column', () => {
    expectMlError(() => fitImputer(rows, ['b'], 'mean'), 'wrong-type', /'b'/);
  });
});
