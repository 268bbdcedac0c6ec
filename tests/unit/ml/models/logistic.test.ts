import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import * as tf from '@tensorflow/tfjs';
import { createLogisticRegression, l2FromC } from '../../../../src/ml/index';
import { train } from '../../../../src/ml/index';
import { createRng } from '../../../../src/ml/index';
import { isMlError } from '../../../../src/ml/index';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Labels drawn from a known logistic model; columns past `weights.length` are pure noise. */
function logisticData(n: number, weights: number[], extra: number, seed = 3, bias = 0) {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: weights.length + extra }, () => rng.normal());
    const z = bias + weights.reduce((s, w, j) => s + w * row[j], 0);
    x.push(row);
    y.push(rng.bernoulli(sigmoid(z)) ? 1 : 0);
  }
  return { x, y };
}

function recall(yTrue: number[], yPred: number[]): number {
  let tp = 0;
  let pos = 0;
  yTrue.forEach((t, i) => {
    if (t === 1) {
      pos++;
      if (yPred[i] === 1) tp++;
    }
  });
  return tp / pos;
}

expectNoTensorLeaks();

describe('createLogisticRegression', () => {
  it('recovers the signs and the order of magnitude of planted coefficients', async () => {
    const data = logisticData(1500, [3, -1.5, 0.5], 0);
    const model = createLogisticRegression({ inputDim: 3, learningRate: 0.05, featureNames: ['a', 'b', 'c'] });
    await train(model, data, { epochs: 30, batchSize: 64 });
    const { weights, names } = model.coefficients();
    model.dispose();
    expect(names).toEqual(['a', 'b', 'c']);
    expect(weights[0]).toBeGreaterThan(0);
    expect(weights[1]).toBeLessThan(0);
    expect(weights[2]).toBeGreaterThan(0);
    expect(Math.abs(weights[0])).toBeGreaterThan(Math.abs(weights[1]));
    expect(Math.abs(weights[1])).toBeGreaterThan(Math.abs(weights[2]));
    expect(weights[0]).toBeGreaterThan(2);
    expect(weights[0]).toBeLessThan(4);
  });

  it('drives the weights of irrelevant features closer to 0 with L1 than with L2 of the same strength', async () => {
    const data = logisticData(600, [2, -2], 6, 4);
    const irrelevantSize = async (penalty: { l1?: number; l2?: number }) => {
      const model = createLogisticRegression({ inputDim: 8, learningRate: 0.02, ...penalty });
      await train(model, data, { epochs: 40, batchSize: 600 });
      const { weights } = model.coefficients();
      model.dispose();
      return weights.slice(2).reduce((s, w) => s + Math.abs(w), 0) / 6;
    };
    const l1 = await irrelevantSize({ l1: 0.05 });
    const l2 = await irrelevantSize({ l2: 0.05 });
    expect(l1).toBeLessThan(l2 / 2);
  });

  it('raises recall on a 2% positive set when trained with balanced class weights', async () => {
    const data = logisticData(2000, [1.5, 1], 2, 7, -5);
    const positives = data.y.reduce((s, v) => s + v, 0) / data.y.length;
    expect(positives).toBeGreaterThan(0.01);
    expect(positives).toBeLessThan(0.04);
    const fitRecall = async (classWeight?: 'balanced') => {
      const model = createLogisticRegression({ inputDim: 4, learningRate: 0.05 });
      await train(model, data, { epochs: 15, batchSize: 128, classWeight });
      const r = recall(data.y, model.predict(data.x));
      model.dispose();
      return r;
    };
    const plain = await fitRecall();
    const weighted = await fitRecall('balanced');
    expect(weighted).toBeGreaterThan(0.7);
    expect(weighted).toBeGreaterThan(plain + 0.3);
  });

  it('predicts probabilities in (0, 1), one per row, as a Float32Array', () => {
    const model = createLogisticRegression({ inputDim: 2 });
    const p = model.predictProba([
      [0, 0],
      [1, 2],
      [3, 4],
    ]);
    model.dispose();
    expect(p).toBeInstanceOf(Float32Array);
    expect(Array.from(p)).toEqual([0.5, 0.5, 0.5]);
  });

  it('frees its weights and optimizer state on dispose, even after training', async () => {
    const before = tf.memory().numTensors;
    const model = createLogisticRegression({ inputDim: 2 });
    await train(model, logisticData(64, [1, 1], 0), { epochs: 1 });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => model.predictProba([[0, 0]])).toThrow(/disposed/);
  });

  it('rejects rows of the wrong width and NaN features', () => {
    const model = createLogisticRegression({ inputDim: 2 });
    expect(() => model.predictProba([[1, 2, 3]])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
    expect(() => model.predictProba([[1, NaN]])).toThrow(expect.objectContaining({ code: 'not-finite' }));
    model.dispose();
  });

  it('rejects feature names that do not match inputDim', () => {
    let error: unknown;
    try {
      createLogisticRegression({ inputDim: 2, featureNames: ['only-one'] });
    } catch (e) {
      error = e;
    }
    expect(isMlError(error, 'shape-mismatch')).toBe(true);
  });
});

describe('l2FromC', () => {
  it("converts scikit-learn's C into a per-row L2 penalty", () => {
    expect(l2FromC(1, 800)).toBeCloseTo(1 / 1600, 12);
    expect(l2FromC(0.5, 100)).toBeCloseTo(0.01, 12);
  });
});
