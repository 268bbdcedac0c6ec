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

describe("releasing a cell's old values", () => {
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

describe("walking a cell's values for what to free", () => {
  it('frees models and tensors kept in arrays, plain objects and Maps', async () => {
    const before = tf.memory().numTensors;
    const results = [
      { l2: 0.1, model: await trainedModel() },
      { l2: 1, model: await trainedModel() },
    ];
    const byName = new Map([['scores', tf.ones([3])]]);
    const nested = { inner: { tensors: [tf.zeros([2]), tf.zeros([2])] } };
    releaseValues([results, byName, nested], []);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees a toolkit-style model (a plain object with dispose) once, through its own dispose', () => {
    const before = tf.memory().numTensors;
    const weights = tf.ones([4]);
    let disposals = 0;
    const model = {
      weights,
      dispose: () => {
        disposals++;
        weights.dispose();
      },
    };
    expect(releaseValues([[{ name: 'a', model }], { best: model }], [])).toBe(1);
    expect(disposals).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("keeps what another cell's value reaches, however deep", () => {
    const before = tf.memory().numTensors;
    const shared = tf.ones([2]);
    const own = tf.zeros([2]);
    expect(releaseValues([[shared, own]], [{ summary: { tensors: new Map([['kept', shared]]) } }])).toBe(1);
    expect([shared.isDisposed, own.isDisposed]).toEqual([false, true]);
    shared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips a long array of flat records as data, but walks an array of nested results', () => {
    const before = tf.memory().numTensors;
    const hidden = tf.ones([1]);
    // Row 501 is not among the 16 evenly spaced samples of 1,000 rows (0, 62, 125, …, 500, 562, …).
    const rows: Record<string, unknown>[] = Array.from({ length: 1000 }, (_, i) => ({ i, label: i % 2 }));
    rows[501] = { i: 501, label: hidden };
    expect(releaseValues([rows], [])).toBe(0);
    const results = Array.from({ length: 1000 }, (_, i) => ({ i, fit: { tensor: i === 999 ? hidden : null } }));
    expect(releaseValues([results], [])).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
