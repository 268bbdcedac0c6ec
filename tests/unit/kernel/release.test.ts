import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseValue, releaseValues } from '../../../src/kernel/release';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trainedModel(): Promise<tf.LayersModel> {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
  const x = tf.ones([4, 2]);
  const y = tf.ones([4, 1]);
  await model.fit(x, y, { epochs: 2, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}

describe('releasing a cell\'s old values', () => {
  it('frees a trained model together with its optimizer state', async () => {
    const before = tf.memory().numTensors;
    const model = await trainedModel();
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    releaseValue(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees tensors and ignores plain values and already disposed tensors', () => {
    const before = tf.memory().numTensors;
    const t = tf.ones([3]);
    expect(releaseValue(t)).toBe(1);
    expect(releaseValue(t)).toBe(0);
    expect(releaseValue({ a: 1 })).toBe(0);
    expect(releaseValue(null)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps a value another name still refers to', () => {
    const before = tf.memory().numTensors;
    const shared = tf.ones([2]);
    const own = tf.zeros([2]);
    expect(releaseValues([shared, own], new Set([shared]))).toBe(1);
    expect(shared.isDisposed).toBe(false);
    expect(own.isDisposed).toBe(true);
    shared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
