import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import * as tf from '@tensorflow/tfjs';
import {
  labelsOf,
  predictStore,
  rowsTensor,
  selectRows,
  storeFromCsr,
  storeFromMatrix,
  storeFromTargets,
  storeFromTensor,
} from '../../../../src/ml/train/row-store';
import { createCsr, createLogisticRegression, csrToDense, toCsr } from '../../../../src/ml/index';

expectNoTensorLeaks();

describe('row stores', () => {
  it('cut batches by copying rows in the requested order', () => {
    const store = storeFromMatrix([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const t = rowsTensor(store, [2, 0]);
    expect(t.arraySync()).toEqual([
      [5, 6],
      [1, 2],
    ]);
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
    const oneHot = tf.tensor2d([
      [0, 1, 0],
      [1, 0, 0],
    ]);
    expect(labelsOf(storeFromTensor(oneHot))).toEqual([1, 0]);
    oneHot.dispose();
  });
});

describe('row stores of CSR rows', () => {
  const csr = toCsr([
    [0, 2, 0],
    [1, 0, 0],
    [0, 0, 3],
  ]);

  it('stay sparse and become dense only in the batch tensor', () => {
    const store = storeFromCsr(csr);
    expect(store.values.length).toBe(0);
    const t = rowsTensor(store, [2, 0]);
    expect(t.arraySync()).toEqual([
      [0, 0, 3],
      [0, 2, 0],
    ]);
    t.dispose();
    const picked = selectRows(store, [1]);
    expect(picked.sparse && csrToDense(picked.sparse)).toEqual([[1, 0, 0]]);
  });

  it('are predicted chunk by chunk with the same result as one batch', () => {
    // 900 rows of 5,000 columns: over the 4 M values a prediction batch may hold, so two chunks.
    const wide = createCsr({
      shape: [900, 5000],
      indptr: Array.from({ length: 901 }, (_, i) => i),
      indices: Array.from({ length: 900 }, (_, i) => (i * 7) % 5000),
      values: Array.from({ length: 900 }, (_, i) => (i % 5) - 2),
    });
    const model = createLogisticRegression({ inputDim: 5000 });
    const kernel = tf.tensor2d(
      Array.from({ length: 5000 }, (_, j) => ((j % 3) - 1) / 2),
      [5000, 1],
    );
    const bias = tf.tensor1d([0.25]);
    model.model.setWeights([kernel, bias]);
    tf.dispose([kernel, bias]);
    const viaTfjs = predictStore(model.model, storeFromCsr(wide));
    const viaModel = model.predictProba(wide);
    model.dispose();
    viaTfjs.forEach((p, i) => expect(p).toBeCloseTo(viaModel[i], 6));
  });
});
