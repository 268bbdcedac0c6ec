import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { listMemoryModels, loadModel, measureLatency, percentile, predictBatch, predictOne, removeModel, saveModel } from '../../../../src/ml/index';
import { createLogisticRegression, isLogisticRegression } from '../../../../src/ml/index';
import { createMlp } from '../../../../src/ml/index';
import { createTextModel, isTextModel } from '../../../../src/ml/index';
import { train } from '../../../../src/ml/index';
import { isMlError } from '../../../../src/ml/index';
import { rejection } from '../../helpers/errors';

const rows = [
  [0.5, -1, 2],
  [-0.3, 0.2, 0.1],
  [1.5, 1, -2],
];

let tensorsBefore = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(async () => {
  for (const url of listMemoryModels()) await removeModel(url);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

describe('saveModel / loadModel with memory://', () => {
  it('round-trips a trained logistic regression: same predictions, coefficients and metadata', async () => {
    const model = createLogisticRegression({ inputDim: 3, featureNames: ['a', 'b', 'c'] });
    await train(model, { x: rows, y: [1, 0, 1] }, { epochs: 3, batchSize: 3 });
    const info = await saveModel(model, 'memory://fraud', { threshold: 0.3, preprocessing: { mean: [1, 2, 3] } });
    const loaded = await loadModel('memory://fraud');
    const before = Array.from(model.predictProba(rows));
    const after = Array.from(loaded.predictProba(rows));
    const coefficients = isLogisticRegression(loaded) ? loaded.coefficients() : null;
    const original = model.coefficients();
    model.dispose();
    loaded.dispose();
    expect(info.weightBytes).toBe(4 * 4);
    expect(after).toEqual(before);
    expect(loaded.kind).toBe('logistic');
    expect(coefficients).toEqual(original);
    expect(loaded.metadata).toEqual({ threshold: 0.3, preprocessing: { mean: [1, 2, 3] } });
  });

  it('loads a model that can be trained further (retraining after deployment)', async () => {
    const model = createMlp({ inputDim: 3, hidden: [4] });
    await saveModel(model, 'memory://mlp');
    model.dispose();
    const loaded = await loadModel('memory://mlp');
    const { history } = await train(loaded, { x: rows, y: [1, 0, 1] }, { epochs: 2, batchSize: 3 });
    loaded.dispose();
    expect(loaded.kind).toBe('mlp');
    expect(history.loss).toHaveLength(2);
  });

  it('round-trips a text model with its embeddings', async () => {
    const model = createTextModel({ vocabSize: 6, maxLen: 3, embeddingDim: 2 });
    await saveModel(model, 'memory://text');
    const loaded = await loadModel('memory://text');
    const same = isTextModel(loaded) && JSON.stringify(loaded.embeddings()) === JSON.stringify(model.embeddings());
    const probs = [model.predictProba([[1, 2, 0]])[0], loaded.predictProba([[1, 2, 0]])[0]];
    model.dispose();
    loaded.dispose();
    expect(same).toBe(true);
    expect(probs[1]).toBe(probs[0]);
    expect(isTextModel(loaded) && loaded.vocabSize).toBe(6);
  });

  it('wraps a plain LayersModel generically', async () => {
    const raw = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] });
    await saveModel(raw, 'memory://raw', { featureNames: ['a', 'b', 'c'] });
    const output = tf.tidy(() => raw.predict(tf.tensor2d(rows)) as tf.Tensor);
    const expected = Array.from(output.dataSync());
    output.dispose();
    raw.dispose();
    const loaded = await loadModel('memory://raw');
    const got = predictBatch(loaded, rows);
    loaded.dispose();
    expect(loaded.kind).toBe('layers');
    expect(got).toEqual(expected);
    expect(loaded.metadata.featureNames).toEqual(['a', 'b', 'c']);
  });

  it('lists and removes saved models', async () => {
    const model = createLogisticRegression({ inputDim: 3 });
    await saveModel(model, 'memory://one');
    model.dispose();
    expect(listMemoryModels()).toEqual(['memory://one']);
    await removeModel('memory://one');
    expect(listMemoryModels()).toEqual([]);
  });

  it('says which models exist when loading a missing one', async () => {
    const error = await rejection(loadModel('memory://nope'));
    expect(isMlError(error, 'bad-argument')).toBe(true);
    expect((error as Error).message).toMatch(/No model saved at "memory:\/\/nope"/);
  });

  it('rejects metadata that is not plain JSON', async () => {
    const model = createLogisticRegression({ inputDim: 3 });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const error = await rejection(saveModel(model, 'memory://bad', { preprocessing: circular }));
    model.dispose();
    expect(isMlError(error, 'wrong-type')).toBe(true);
  });

  it('turns a URL tfjs cannot save to into a clear error', async () => {
    const model = createLogisticRegression({ inputDim: 3 });
    const error = await rejection(saveModel(model, 'nowhere://x'));
    model.dispose();
    expect(isMlError(error, 'bad-argument')).toBe(true);
  });
});

describe('predictOne / predictBatch', () => {
  it('return plain numbers equal to predictProba', () => {
    const model = createLogisticRegression({ inputDim: 3 });
    const one = predictOne(model, rows[0]);
    const batch = predictBatch(model, rows);
    model.dispose();
    expect(one).toBe(0.5);
    expect(batch).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('measureLatency', () => {
  it('runs the warm-up untimed, then times every run and orders the percentiles', async () => {
    let calls = 0;
    const report = await measureLatency(() => calls++, { runs: 50, warmup: 5 });
    expect(calls).toBe(55);
    expect(report.runs).toBe(50);
    expect(report.min).toBeLessThanOrEqual(report.p50);
    expect(report.p50).toBeLessThanOrEqual(report.p90);
    expect(report.p90).toBeLessThanOrEqual(report.p99);
    expect(report.p99).toBeLessThanOrEqual(report.max);
  });

  it('awaits asynchronous functions', async () => {
    let finished = 0;
    await measureLatency(
      async () => {
        await Promise.resolve();
        finished++;
      },
      { runs: 3, warmup: 0 },
    );
    expect(finished).toBe(3);
  });
});

describe('percentile', () => {
  it('interpolates linearly between ranks, as numpy does', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentile([7], 0.99)).toBe(7);
  });
});

describe('recommenders through saveModel', () => {
  it('tells a learner to use loadRecommender for a saved recommender, and loadModel for a classifier', async () => {
    const { createMatrixFactorization, loadRecommender } = await import('../../../../src/ml/index');
    const mf = createMatrixFactorization({ numUsers: 2, numItems: 2 });
    await mf.fit(
      [
        { user: 0, item: 0, rating: 4 },
        { user: 1, item: 1, rating: 2 },
      ],
      { epochs: 1, validation: null },
    );
    await saveModel(mf, 'memory://rec');
    expect(await rejection(loadModel('memory://rec'))).toMatchObject({ code: 'bad-argument', message: expect.stringMatching(/loadRecommender/) });
    const model = createLogisticRegression({ inputDim: 3 });
    await saveModel(model, 'memory://clf');
    expect(await rejection(loadRecommender('memory://clf'))).toMatchObject({ code: 'bad-argument', message: expect.stringMatching(/loadModel/) });
    model.dispose();
  });
});
