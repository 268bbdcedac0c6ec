import { describe, expect, it } from 'vitest';
import { padSequences } from '../../../../src/ml/index';

describe('padSequences', () => {
  it('pads and truncates at the start by default, as Keras does', () => {
    expect(padSequences([[1, 2, 3], [4]], 2)).toEqual([
      [2, 3],
      [0, 4],
    ]);
  });

  it('pads and truncates at the end when asked', () => {
    expect(padSequences([[1, 2, 3], [4]], 2, { padding: 'post', truncating: 'post' })).toEqual([
      [1, 2],
      [4, 0],
    ]);
  });

  it('uses the longest sequence when no length is given, with a custom pad value', () => {
    expect(padSequences([[1, 2, 3], [4]], undefined, { value: 9 })).toEqual([
      [1, 2, 3],
      [9, 9, 4],
    ]);
  });
});
