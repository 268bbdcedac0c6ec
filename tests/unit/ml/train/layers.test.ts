import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import * as tf from '@tensorflow/tfjs';
import { evaluateBinary, stepBinary } from '../../../../src/ml/train/layers';
import { predictStore, storeFromMatrix, storeFromTargets } from '../../../../src/ml/train/row-store';
import { createLogisticRegression } from '../../../../src/ml/index';

expectNoTensorLeaks();

describe('stepBinary / evaluateBinary', () => {
  it('reports ln 2 (times the mean row weight) for a model that starts at p = 0.5', () => {
    const model = createLogisticRegression({ inputDim: 2 });
    const [x, y, w] = [
      tf.tensor2d([
        [1, 0],
        [0, 1],
        [1, 1],
        [0, 0],
      ]),
      tf.tensor1d([1, 0, 1, 0]),
      tf.tensor1d([1, 1, 3, 3]),
    ];
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
