import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../helpers/tensors';
import * as tf from '@tensorflow/tfjs';
import {
  evaluateBinary,
  labelsOf,
  predictStore,
  rowsTensor,
  selectRows,
  stepBinary,
  storeFromMatrix,
  storeFromTargets,
  storeFromTensor,
} from '../../../src/ml/train-layers';
import { createLogisticRegression } from '../../../src/ml/logistic';

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

describe('stepBinary / evaluateBinary', () => {
  it('reports ln 2 (times the mean row weight) for a model that starts at p = 0.5', () => {
    const model = createLogisticRegression({ inputDim: 2 });
    const [x, y, w] = [tf.tensor2d([[1, 0], [0, 1], [1, 1], [0, 0]]), tf.tensor1d([1, 0, 1, 0]), tf.tensor1d([1, 1, 3, 3])];
    const { loss, acc } = stepBinary(model.model, x, y, w);
    const after = model.predictProba([[1, 0]])[0];
    tf.dispose([x, y, w]);
    model.dispose();
    expect(loss).toBeCloseTo(Math.LN2 * 2, 5);
    expect(acc).toBe(0.5);
    expect(after).toBeGreaterThan(0.5);
  });

  it('scores a data set with unweighted cross-entropy and accuracy', () => {
    const model = createLogisticRegression({ inputDim: 1 });
    const m = evaluateBinary(model.model, storeFromMatrix([[1], [2], [3]]), storeFromTargets([1, 1, 0]));
    const p = predictStore(model.model, storeFromMatrix([[0]]));
    model.dispose();
    expect(m.loss).toBeCloseTo(Math.LN2, 6);
    expect(m.acc).toBeCloseTo(2 / 3, 10);
    expect(Array.from(p)).toEqual([0.5]);
  });
});
