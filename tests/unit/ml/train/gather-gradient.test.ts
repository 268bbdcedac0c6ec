import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { installFastGatherGradient } from '../../../../src/ml/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  installFastGatherGradient();
});

describe('installFastGatherGradient', () => {
  it('adds the upstream rows of repeated ids into the table gradient (axis 0)', () => {
    const before = tf.memory().numTensors;
    const grad = tf.tidy(() => {
      const table = tf.zeros([4, 2]);
      const ids = tf.tensor2d(
        [
          [1, 1],
          [3, 0],
        ],
        [2, 2],
        'int32',
      );
      const weights = tf.tensor3d([
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ]);
      return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weights)))(table);
    });
    // Row 1 is looked up twice: [1, 2] + [3, 4]; row 3 gets [5, 6]; row 0 gets [7, 8]; row 2 nothing.
    expect(grad.arraySync()).toEqual([
      [7, 8],
      [4, 6],
      [0, 0],
      [5, 6],
    ]);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('still computes gathers along another axis with the original gradient', () => {
    const grad = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, tf.tensor1d([2, 0, 2], 'int32'), 1)))(tf.zeros([2, 3])));
    expect(grad.arraySync()).toEqual([
      [1, 0, 2],
      [1, 0, 2],
    ]);
    grad.dispose();
  });

  it('can be installed twice without changing anything', () => {
    installFastGatherGradient();
    const grad = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, tf.tensor1d([0, 0], 'int32'))))(tf.zeros([2])));
    expect(Array.from(grad.dataSync())).toEqual([2, 0]);
    grad.dispose();
  });
});
