import { describe, expect, it } from 'vitest';
import { createOneHot } from '../../../../src/ml/prep/encode';
import { fitIndexEncoder, fitOneHot } from '../../../../src/ml/index';
import type { Row } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

const rows: Row[] = [
  { a: 1, b: 'x' },
  { a: null, b: null },
  { a: 3, b: 'x' },
  { a: 8, b: 'y' },
];

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
