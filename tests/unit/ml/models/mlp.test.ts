import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { createMlp } from '../../../../src/ml/index';
import { createLogisticRegression } from '../../../../src/ml/index';
import { train } from '../../../../src/ml/index';
import { createRng } from '../../../../src/ml/index';

/** XOR-like quadrants: y = 1 when x0 and x1 have the same sign. No straight line separates them. */
function xorData(n: number, seed = 11): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
  return { x, y: x.map(([a, b]) => (a * b > 0 ? 1 : 0)) };
}

const accuracy = (y: number[], pred: number[]) => pred.filter((p, i) => p === y[i]).length / y.length;

expectNoTensorLeaks();

describe('createMlp', () => {
  it('solves XOR-like data that logistic regression cannot', async () => {
    const data = xorData(400);
    const test = xorData(200, 12);
    const mlp = createMlp({ inputDim: 2, hidden: [16], learningRate: 0.05 });
    const logistic = createLogisticRegression({ inputDim: 2, learningRate: 0.05 });
    await train(mlp, data, { epochs: 25, batchSize: 64 });
    await train(logistic, data, { epochs: 20, batchSize: 32 });
    const mlpAccuracy = accuracy(test.y, mlp.predict(test.x));
    const logisticAccuracy = accuracy(test.y, logistic.predict(test.x));
    mlp.dispose();
    logistic.dispose();
    expect(mlpAccuracy).toBeGreaterThan(0.9);
    expect(logisticAccuracy).toBeLessThan(0.7);
  });

  it('builds the layers asked for: dense and dropout, with the expected parameter count', () => {
    const mlp = createMlp({ inputDim: 4, hidden: [8, 3], dropout: 0.2 });
    const kinds = mlp.model.layers.map((l) => l.getClassName());
    const params = mlp.model.countParams();
    mlp.dispose();
    expect(kinds).toEqual(['Dense', 'Dropout', 'Dense', 'Dropout', 'Dense']);
    expect(params).toBe(4 * 8 + 8 + 8 * 3 + 3 + 3 + 1);
  });

  it('starts from the same weights for the same seed and from different ones for another', () => {
    const probe = [[0.3, -0.7]];
    const first = (seed: number) => {
      const mlp = createMlp({ inputDim: 2, seed });
      const p = mlp.predictProba(probe)[0];
      mlp.dispose();
      return p;
    };
    expect(first(1)).toBe(first(1));
    expect(first(1)).not.toBe(first(2));
  });

  it('leaves no tensor behind after training with dropout and L2, then dispose', async () => {
    const mlp = createMlp({ inputDim: 2, hidden: [4], dropout: 0.1, l2: 0.01 });
    const { history } = await train(mlp, xorData(64), { epochs: 2, validation: 0.25 });
    mlp.dispose();
    expect(history.loss).toHaveLength(2);
    expect(history.val_loss).toHaveLength(2);
  });

  it('rejects a hidden layer of zero units and a dropout of 1', () => {
    expect(() => createMlp({ inputDim: 2, hidden: [0] })).toThrow(expect.objectContaining({ code: 'bad-argument' }));
    expect(() => createMlp({ inputDim: 2, dropout: 1 })).toThrow(expect.objectContaining({ code: 'bad-argument' }));
  });

  it('predicts 0/1 labels at a chosen threshold', () => {
    const mlp = createMlp({ inputDim: 2, hidden: [2] });
    const p = mlp.predictProba([[0.1, 0.2]])[0];
    const labels = [mlp.predict([[0.1, 0.2]], p - 1e-6)[0], mlp.predict([[0.1, 0.2]], p + 1e-6)[0]];
    mlp.dispose();
    expect(labels).toEqual([1, 0]);
  });
});
