import { describe, expect, it } from 'vitest';
import {
  createOneHot,
  fitImputer,
  fitIndexEncoder,
  fitMinMaxScaler,
  fitOneHot,
  fitStandardScaler,
  logTransform,
} from '../../../src/ml/preprocess';
import type { Row } from '../../../src/ml/types';
import { expectMlError } from '../helpers/errors';

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

describe('fitOneHot', () => {
  it('makes one sorted 0/1 column per category, missing included', () => {
    const enc = fitOneHot(rows, 'b');
    expect(enc.names).toEqual(['b=(missing)', 'b=x', 'b=y']);
    expect(enc.transform([{ b: 'y' }, { b: null }])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('maps an unseen category to all zeros by default', () => {
    expect(fitOneHot(rows, 'b').transform([{ b: 'z' }])).toEqual([[0, 0, 0]]);
  });

  it("throws on an unseen category with handleUnknown 'error'", () => {
    expectMlError(() => fitOneHot(rows, 'b', { handleUnknown: 'error' }).transform([{ b: 'z' }]), 'bad-argument', /'z'|"z"/);
  });

  it('groups rare categories into other with maxCategories', () => {
    const enc = fitOneHot(rows, 'b', { maxCategories: 2 });
    expect(enc.names).toEqual(['b=x', 'b=other']);
    expect(enc.transform([{ b: 'y' }, { b: 'new' }, { b: 'x' }])).toEqual([
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
  });

  it('rebuilds from its saved state', () => {
    const enc = fitOneHot(rows, 'b');
    const copy = createOneHot(JSON.parse(JSON.stringify(enc.state)));
    expect(copy.transform(rows)).toEqual(enc.transform(rows));
  });
});

describe('fitIndexEncoder', () => {
  it('numbers numeric ids in numeric order and keeps the last index for unknowns', () => {
    const enc = fitIndexEncoder([{ u: 10 }, { u: 2 }, { u: '10' }, { u: 33 }], 'u');
    expect(enc.categories).toEqual(['2', '10', '33']);
    expect(enc.size).toBe(4);
    expect(enc.transform([{ u: 33 }, { u: '2' }, { u: 99 }, { u: null }])).toEqual([2, 0, 3, 3]);
  });

  it('sorts text ids alphabetically', () => {
    expect(fitIndexEncoder([{ k: 'b' }, { k: 'a' }], 'k').indexOf('b')).toBe(1);
  });
});

describe('scalers', () => {
  const X = [
    [1, 10],
    [3, 10],
  ];

  it('standardises with the population sd and leaves a constant column at 0', () => {
    const s = fitStandardScaler(X);
    expect(s.state.offset).toEqual([2, 10]);
    expect(s.state.scale).toEqual([1, 1]);
    expect(s.transform(X)).toEqual([
      [-1, 0],
      [1, 0],
    ]);
  });

  it('applies the training statistics to new data', () => {
    expect(fitStandardScaler(X).transform([[5, 12]])).toEqual([[3, 2]]);
  });

  it('min-max scales to [0, 1]', () => {
    const s = fitMinMaxScaler([[2], [4], [10]]);
    expect(s.transform([[2], [4], [10], [12]])).toEqual([[0], [0.25], [1], [1.25]]);
  });

  it('fits on rows and columns and inverts', () => {
    const s = fitStandardScaler([{ v: 2 }, { v: 4 }, { v: 9 }], ['v']);
    const Z = s.transform([{ v: 4 }]);
    expect(s.inverseTransform(Z)[0][0]).toBeCloseTo(4, 12);
    expect(s.state.columns).toEqual(['v']);
  });

  it('refuses missing values, asking to impute first', () => {
    expectMlError(() => fitStandardScaler(rows, ['a']), 'not-finite', /impute/);
  });

  it('refuses a matrix of the wrong width', () => {
    expectMlError(() => fitStandardScaler(X).transform([[1, 2, 3]]), 'shape-mismatch');
  });
});

describe('logTransform', () => {
  it('computes log1p', () => {
    expect(logTransform([0, Math.E - 1])).toEqual([0, 1]);
  });

  it('refuses values at or below -1', () => {
    expectMlError(() => logTransform([1, -1]), 'bad-argument', /values\[1\]/);
  });
});
