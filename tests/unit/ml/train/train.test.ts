import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import * as tf from '@tensorflow/tfjs';
import { train } from '../../../../src/ml/index';
import type { StepTrainable } from '../../../../src/ml/train/types';
import { createLogisticRegression } from '../../../../src/ml/index';
import { createRng } from '../../../../src/ml/index';
import { isMlError, toCsr } from '../../../../src/ml/index';

/** Two informative features: y = 1 when 2·x0 − x1 + noise > 0. */
function plantedData(n: number, seed = 1): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [rng.normal(), rng.normal()];
    x.push(row);
    y.push(2 * row[0] - row[1] + rng.normal(0, 0.3) > 0 ? 1 : 0);
  }
  return { x, y };
}

/** Plain-JS model of one number fitted to the targets by gradient steps (exercises the step path). */
function createMeanModel(rate = 0.5): StepTrainable & { value: number; steps: number; lastWeights?: number[] } {
  const model = {
    value: 0,
    steps: 0,
    lastWeights: undefined as number[] | undefined,
    trainStep(_x: number[][], y: number[], weights?: number[]) {
      model.steps++;
      model.lastWeights = weights;
      const target = y.reduce((s, v) => s + v, 0) / y.length;
      model.value += rate * (target - model.value);
      return y.reduce((s, v) => s + (v - model.value) ** 2, 0) / y.length;
    },
    evaluateLoss(_x: number[][], y: number[]) {
      return y.reduce((s, v) => s + (v - model.value) ** 2, 0) / y.length;
    },
    snapshot: () => [tf.scalar(model.value)],
    restore(weights: tf.Tensor[]) {
      model.value = weights[0].dataSync()[0];
    },
  };
  return model;
}

expectNoTensorLeaks();

describe('train with a layers model', () => {
  it('lowers the loss and raises accuracy on data with a planted signal', async () => {
    const model = createLogisticRegression({ inputDim: 2, learningRate: 0.05 });
    const { history, epochs } = await train(model, plantedData(300), { epochs: 8, batchSize: 32 });
    model.dispose();
    expect(epochs).toBe(8);
    expect(history.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(history.loss[7]).toBeLessThan(history.loss[0] * 0.7);
    expect(history.acc[7]).toBeGreaterThan(0.9);
  });

  it('reports val_loss and val_acc when a validation fraction is held out', async () => {
    const model = createLogisticRegression({ inputDim: 2 });
    const { history } = await train(model, plantedData(200), { epochs: 3, validation: 0.25 });
    model.dispose();
    expect(history.val_loss).toHaveLength(3);
    expect(history.val_acc).toHaveLength(3);
    expect(history.val_loss[2]).toBeLessThan(history.val_loss[0]);
  });

  it('repeats the same history for the same seed', async () => {
    const run = async () => {
      const model = createLogisticRegression({ inputDim: 2 });
      const { history } = await train(model, plantedData(120), { epochs: 2, batchSize: 16, seed: 5 });
      model.dispose();
      return history.loss;
    };
    expect(await run()).toEqual(await run());
  });

  it('stops after the epoch in which the signal was aborted, without throwing', async () => {
    const controller = new AbortController();
    const model = createLogisticRegression({ inputDim: 2 });
    const result = await train(model, plantedData(200), {
      epochs: 10,
      signal: controller.signal,
      onEpoch: (epoch) => {
        if (epoch === 1) controller.abort();
      },
    });
    model.dispose();
    expect(result.aborted).toBe(true);
    expect(result.epochs).toBe(2);
    expect(result.history.loss).toHaveLength(2);
  });

  it('stops mid-epoch at the next batch end when aborted from a batch callback', async () => {
    const controller = new AbortController();
    let batches = 0;
    const model = createLogisticRegression({ inputDim: 2 });
    const result = await train(model, plantedData(320), {
      epochs: 5,
      batchSize: 32,
      signal: controller.signal,
      onBatch: () => {
        batches++;
        if (batches === 13) controller.abort();
      },
    });
    model.dispose();
    expect(result).toMatchObject({ aborted: true, epochs: 1 });
    expect(batches).toBe(13);
  });

  it('notices an abort that arrives from outside while it trains (as a Stop message would)', async () => {
    const controller = new AbortController();
    const model = createLogisticRegression({ inputDim: 2 });
    setTimeout(() => controller.abort(), 50);
    const result = await train(model, plantedData(64), { epochs: 100_000, batchSize: 8, signal: controller.signal });
    model.dispose();
    expect(result.aborted).toBe(true);
    expect(result.epochs).toBeLessThan(100_000);
  });

  it('does nothing when the signal is already aborted', async () => {
    const model = createLogisticRegression({ inputDim: 2 });
    const result = await train(model, plantedData(50), { epochs: 3, signal: AbortSignal.abort() });
    model.dispose();
    expect(result).toMatchObject({ aborted: true, epochs: 0 });
  });

  it('stops early when val_loss stops improving and restores the best weights', async () => {
    // Validation labels are the opposite of the training rule, so val_loss rises from the start.
    const data = plantedData(200);
    const val = plantedData(100, 9);
    val.y = val.y.map((v) => 1 - v);
    const model = createLogisticRegression({ inputDim: 2, learningRate: 0.1 });
    const result = await train(model, data, {
      epochs: 30,
      validation: val,
      earlyStopping: { patience: 2, monitor: 'val_loss', restoreBest: true },
    });
    const p = model.predictProba(val.x);
    model.dispose();
    const valLoss = -val.y.reduce((s, t, i) => s + (t ? Math.log(p[i]) : Math.log(1 - p[i])), 0) / val.y.length;
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochs).toBe(3);
    expect(result.bestEpoch).toBe(0);
    expect(valLoss).toBeCloseTo(result.history.val_loss[0], 4);
  });

  it('trains a compiled tf.LayersModel on tensors the caller keeps', async () => {
    const { x, y } = plantedData(100);
    const xs = tf.tensor2d(x);
    const ys = tf.tensor2d(y, [y.length, 1]);
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
    const optimizer = tf.train.adam(0.05);
    model.compile({ optimizer, loss: 'binaryCrossentropy' });
    const { history } = await train(model, { x: xs, y: ys }, { epochs: 5 });
    expect(xs.isDisposed).toBe(false);
    tf.dispose([xs, ys]);
    model.dispose();
    optimizer.dispose();
    expect(history.loss[4]).toBeLessThan(history.loss[0]);
  });

  it('refuses an uncompiled LayersModel', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    await expect(train(model, plantedData(10), { epochs: 1 })).rejects.toSatisfy((e) => isMlError(e, 'bad-argument'));
    model.dispose();
  });
});

describe('train with a step model', () => {
  it('feeds shuffled mini-batches and reports a falling loss', async () => {
    const model = createMeanModel(0.3);
    const y = Array.from({ length: 50 }, (_, i) => 3 + (i % 2));
    const batches: number[] = [];
    const { history } = await train(model, { x: y.map(() => [0]), y }, { epochs: 3, batchSize: 16, onBatch: (b) => void batches.push(b) });
    expect(batches).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    expect(model.value).toBeCloseTo(3.5, 0);
    expect(history.loss[2]).toBeLessThan(history.loss[0]);
  });

  it('announces the run before the first batch and its end once, also when aborted', async () => {
    const model = createMeanModel();
    const y = Array.from({ length: 50 }, (_, i) => i % 3);
    const events: string[] = [];
    const controller = new AbortController();
    const result = await train(
      model,
      { x: y.map(() => [0]), y },
      {
        epochs: 4,
        batchSize: 16,
        validation: 0.2,
        signal: controller.signal,
        onTrainBegin: (plan) => void events.push(`begin ${plan.epochs}x${plan.batchesPerEpoch} of ${plan.samples}`),
        onEpoch: (epoch) => (epoch === 1 ? controller.abort() : undefined),
        onTrainEnd: (r) => void events.push(`end after ${r.epochs} aborted=${r.aborted}`),
      },
    );
    expect(result.aborted).toBe(true);
    expect(events).toEqual(['begin 4x3 of 40', 'end after 2 aborted=true']);
  });

  it('passes balanced class weights as sample weights', async () => {
    const model = createMeanModel();
    const y = [0, 0, 0, 1];
    await train(model, { x: y.map(() => [0]), y }, { epochs: 1, batchSize: 4, shuffle: false, classWeight: 'balanced' });
    expect(model.lastWeights).toEqual([4 / 6, 4 / 6, 4 / 6, 2]);
  });

  it('restores the snapshot of the best epoch when stopping early', async () => {
    const model = createMeanModel(1);
    const y = [1, 1, 1, 1];
    const result = await train(
      model,
      { x: y.map(() => [0]), y },
      {
        epochs: 10,
        batchSize: 4,
        validation: { x: [[0]], y: [1] },
        earlyStopping: { patience: 1, restoreBest: true },
        onEpoch: (epoch) => {
          if (epoch === 1) model.value = 5; // the second epoch "goes wrong"
        },
      },
    );
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestEpoch).toBe(0);
    expect(model.value).toBe(1);
  });
});

describe('train input checks', () => {
  it('rejects NaN features with not-finite', async () => {
    const model = createLogisticRegression({ inputDim: 2 });
    await expect(
      train(
        model,
        {
          x: [
            [1, NaN],
            [0, 1],
          ],
          y: [1, 0],
        },
        { epochs: 1 },
      ),
    ).rejects.toSatisfy((e) => isMlError(e, 'not-finite'));
    model.dispose();
  });

  it('rejects a y whose length differs from X with shape-mismatch', async () => {
    const model = createLogisticRegression({ inputDim: 2 });
    await expect(
      train(
        model,
        {
          x: [
            [1, 2],
            [0, 1],
          ],
          y: [1],
        },
        { epochs: 1 },
      ),
    ).rejects.toSatisfy((e) => isMlError(e, 'shape-mismatch'));
    model.dispose();
  });

  it('rejects balanced class weights on single-class labels', async () => {
    const model = createLogisticRegression({ inputDim: 2 });
    await expect(
      train(
        model,
        {
          x: [
            [1, 2],
            [0, 1],
          ],
          y: [1, 1],
        },
        { epochs: 1, classWeight: 'balanced' },
      ),
    ).rejects.toSatisfy((e) => isMlError(e, 'single-class'));
    model.dispose();
  });

  it('rejects early stopping on val_loss without validation data', async () => {
    const model = createMeanModel();
    await expect(train(model, { x: [[0]], y: [1] }, { epochs: 2, earlyStopping: { patience: 1 } })).rejects.toSatisfy((e) => isMlError(e, 'bad-argument'));
  });
});

describe('train() on sparse rows', () => {
  it('refuses CSR rows for a model with its own trainStep', async () => {
    const error = await train(createMeanModel(), { x: toCsr([[1], [0]]), y: [1, 0] }, { epochs: 1 }).catch((e: unknown) => e);
    expect(isMlError(error, 'wrong-type')).toBe(true);
  });

  it('refuses CSR rows whose width is not the model input', async () => {
    const model = createLogisticRegression({ inputDim: 3 });
    const error = await train(
      model,
      {
        x: toCsr([
          [1, 0],
          [0, 1],
        ]),
        y: [1, 0],
      },
      { epochs: 1 },
    ).catch((e: unknown) => e);
    model.dispose();
    expect(isMlError(error, 'shape-mismatch')).toBe(true);
  });
});
