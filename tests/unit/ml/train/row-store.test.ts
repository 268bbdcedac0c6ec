import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import * as tf from '@tensorflow/tfjs';
import { labelsOf, rowsTensor, selectRows, storeFromMatrix, storeFromTargets, storeFromTensor } from '../../../../src/ml/train/row-store';

expectNoTensorLeaks();

describe('row stores', () => {
  it('cut batches by copying rows in the requested order', () => {
    const store = storeFromMatrix([[1, 2], [3, 4], [5, 6]]);
    const t = rowsTensor(store, [2, 0]);
    expect(t.arraySync()).toEqual([[5, 6], [1, 2]]);
    t.dispose();
    expect(selectRows(store, [1]).values).toEqual(Float32Array.from([3, 4]));
  });

  it('keep integer token ids as int32', () => {
    const t = rowsTensor(storeFromMatrix([[3, 1, 0]], 'int32'));
    expect(t.dtype).toBe('int32');
    t.dispose();
  });

  it('keep the row shape of tensors with more than two axes', () => {
    const images = tf.zeros([4, 2, 2, 1]);
    const store = storeFromTensor(images);
    images.dispose();
    const batch = rowsTensor(store, [0, 3]);
    expect(batch.shape).toEqual([2, 2, 2, 1]);
    batch.dispose();
  });

  it('read class labels from plain targets and from one-hot rows', () => {
    expect(labelsOf(storeFromTargets([1, 0, 1]))).toEqual([1, 0, 1]);
    const oneHot = tf.tensor2d([[0, 1, 0], [1, 0, 0]]);
    expect(labelsOf(storeFromTensor(oneHot))).toEqual([1, 0]);
    oneHot.dispose();
  });
});
