import { describe, expect, it } from 'vitest';
import { fitIdEncoder, globalTimeSplit, heldOutItems } from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

const rows = [
  { user: 10, item: 'b', rating: 4, timestamp: 300 },
  { user: 2, item: 'a', rating: 5, timestamp: 100 },
  { user: 10, item: 'a', rating: 3, timestamp: 200 },
  { user: 7, item: 'c', rating: 1, timestamp: 500 },
  { user: 2, item: 'c', rating: 2, timestamp: 400 },
];

describe('fitIdEncoder', () => {
  it('numbers users and items 0…n−1 in id order, sized exactly', () => {
    const enc = fitIdEncoder(rows);
    expect([enc.numUsers, enc.numItems]).toEqual([3, 3]);
    expect(enc.userIds).toEqual([2, 7, 10]);
    expect(enc.itemIds).toEqual(['a', 'b', 'c']);
    expect([enc.userIndex(10), enc.userIndex('10'), enc.itemIndex('c')]).toEqual([2, 2, 2]);
  });

  it('reports unknown ids as −1 and leaves their rows out of encode(), counted', () => {
    const enc = fitIdEncoder(rows.slice(0, 3), { items: ['z'] });
    expect(enc.itemIndex('z')).toBe(2);
    expect(enc.userIndex(99)).toBe(-1);
    const { rows: out, unknownUsers, unknownItems } = enc.encode(rows);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({ user: 1, item: 1, rating: 4, timestamp: 300 });
    expect([unknownUsers, unknownItems]).toEqual([1, 2]);
  });
});

describe('globalTimeSplit', () => {
  it('cuts every user at the same dates', () => {
    const s = globalTimeSplit(rows, { validationFrom: 200, testFrom: 400 });
    expect(s.train.map((r) => r.timestamp)).toEqual([100]);
    expect(s.validation.map((r) => r.timestamp)).toEqual([300, 200]);
    expect(s.test.map((r) => r.timestamp)).toEqual([500, 400]);
  });

  it('puts the newest shares of rows in validation and test, never older than training', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ user: i % 7, item: i % 5, timestamp: 1000 - i }));
    const s = globalTimeSplit(many, { validationFraction: 0.1, testFraction: 0.2 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([70, 10, 20]);
    const newestTrain = Math.max(...s.train.map((r) => r.timestamp));
    expect(Math.min(...s.validation.map((r) => r.timestamp))).toBeGreaterThan(newestTrain);
    expect(Math.min(...s.test.map((r) => r.timestamp))).toBeGreaterThan(Math.max(...s.validation.map((r) => r.timestamp)));
  });

  it('rejects rows without timestamps and impossible shares', () => {
    expect(errorCode(() => globalTimeSplit([{ timestamp: 1 }, {}]))).toBe('csv-schema');
    expect(errorCode(() => globalTimeSplit(rows, { testFraction: 0.6, validationFraction: 0.5 }))).toBe('bad-argument');
  });
});

describe('heldOutItems', () => {
  it('keeps held-out items the user had not seen in training, at or above minRating', () => {
    const seen = (u: number) => new Set(u === 0 ? [1] : []);
    const test = [
      { user: 0, item: 1, rating: 5 },
      { user: 0, item: 2, rating: 4 },
      { user: 1, item: 3, rating: 2 },
      { user: 5, item: 0, rating: 5 },
    ];
    const rel = heldOutItems(test, seen, { minRating: 4, numUsers: 2 });
    expect([...rel.entries()].map(([u, s]) => [u, [...s]])).toEqual([[0, [2]]]);
    expect(heldOutItems(test, seen).get(1)).toEqual(new Set([3]));
  });
});
