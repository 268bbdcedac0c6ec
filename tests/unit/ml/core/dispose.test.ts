import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { cloneWeights, disposeLayersModel } from '../../../../src/ml/core/dispose';
import { countLeakedTensors, disposeAll } from '../../../../src/ml/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A compiled one-layer model trained one step, so Adam has created its slot variables. */
async function trainedModel(): Promise<tf.LayersModel> {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
  const [x, y] = [tf.ones([2, 2]), tf.ones([2, 1])];
  await model.fit(x, y, { epochs: 1, verbose: 0 });
  tf.dispose([x, y]);
  return model;
}

describe('disposeLayersModel', () => {
  it("frees the model's weights and the optimizer's slots", async () => {
    const before = tf.memory().numTensors;
    const model = await trainedModel();
    disposeLayersModel(model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shows why it exists: model.dispose() alone leaves Adam state behind', async () => {
    const before = tf.memory().numTensors;
    const model = await trainedModel();
    const optimizer = model.optimizer;
    model.dispose();
    const leaked = tf.memory().numTensors - before;
    optimizer.dispose();
    expect(leaked).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('disposeAll', () => {
  it('disposes tensors, arrays of tensors and models, skipping null', async () => {
    const before = tf.memory().numTensors;
    const model = await trainedModel();
    disposeAll(tf.ones([2]), [tf.zeros([1]), tf.zeros([3])], null, undefined, model);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('cloneWeights', () => {
  it('keeps the old values after the variable changes', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const [copy] = cloneWeights([v]);
    v.assign(tf.tensor1d([5, 6]));
    expect(Array.from(copy.dataSync())).toEqual([1, 2]);
    tf.dispose([copy, v]);
  });
});

describe('countLeakedTensors', () => {
  it('counts tensors left behind by a function', async () => {
    let kept: tf.Tensor | undefined;
    expect(await countLeakedTensors(() => tf.tidy(() => tf.ones([2]).add(1)).dispose())).toBe(0);
    expect(await countLeakedTensors(() => (kept = tf.ones([2])))).toBe(1);
    kept?.dispose();
  });
});
