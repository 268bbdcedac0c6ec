import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { createTextModel } from '../../../../src/ml/index';
import { train } from '../../../../src/ml/index';
import { nearestByEmbedding } from '../../../../src/ml/index';
import { createRng, saveModel, loadModel, removeModel } from '../../../../src/ml/index';
import * as tf from '@tensorflow/tfjs';

const VOCAB = 30;
const MAX_LEN = 10;
const POSITIVE = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const NEGATIVE = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
const NEUTRAL = [22, 23, 24, 25, 26, 27, 28, 29];

/** Sentences of neutral filler plus one or two words from the set that matches the label; 0-padded. */
function sentences(n: number, seed: number): { x: number[][]; y: number[] } {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const words = Array.from({ length: rng.int(2, 6) }, () => rng.pick(NEUTRAL));
    for (let k = rng.int(1, 2); k > 0; k--) words.splice(rng.int(0, words.length), 0, rng.pick(label ? POSITIVE : NEGATIVE));
    x.push([...words, ...new Array<number>(MAX_LEN - words.length).fill(0)]);
    y.push(label);
  }
  return { x, y };
}

const accuracy = (y: number[], pred: number[]) => pred.filter((p, i) => p === y[i]).length / y.length;

expectNoTensorLeaks();

describe('createTextModel', () => {
  it('separates sentences by two planted word sets (mean pooling)', async () => {
    const model = createTextModel({ vocabSize: VOCAB, maxLen: MAX_LEN, embeddingDim: 8, learningRate: 0.05 });
    await train(model, sentences(400, 1), { epochs: 15, batchSize: 32 });
    const test = sentences(200, 2);
    const acc = accuracy(test.y, model.predict(test.x));
    model.dispose();
    expect(acc).toBeGreaterThan(0.95);
  });

  it('learns with max pooling too', async () => {
    const model = createTextModel({ vocabSize: VOCAB, maxLen: MAX_LEN, embeddingDim: 8, pooling: 'max', learningRate: 0.05 });
    await train(model, sentences(400, 3), { epochs: 15, batchSize: 32 });
    const test = sentences(200, 4);
    const acc = accuracy(test.y, model.predict(test.x));
    model.dispose();
    expect(acc).toBeGreaterThan(0.9);
  });

  it('puts words of the same planted set next to each other in embedding space', async () => {
    const model = createTextModel({ vocabSize: VOCAB, maxLen: MAX_LEN, embeddingDim: 8, learningRate: 0.05 });
    await train(model, sentences(400, 5), { epochs: 15, batchSize: 32 });
    const matrix = model.embeddings();
    model.dispose();
    expect(matrix).toHaveLength(VOCAB);
    expect(matrix[0]).toHaveLength(8);
    const neighbours = nearestByEmbedding(matrix, POSITIVE[0], 5).map((n) => n.index);
    expect(neighbours.filter((i) => POSITIVE.includes(i)).length).toBeGreaterThanOrEqual(4);
  });

  it('ignores padding: the same words score the same however much padding surrounds them', () => {
    const short = createTextModel({ vocabSize: VOCAB, maxLen: 4, seed: 7 });
    const long = createTextModel({ vocabSize: VOCAB, maxLen: 12, seed: 7 });
    const words = [5, 17, 23];
    const p = [
      short.predictProba([[0, ...words]])[0],
      short.predictProba([[...words, 0]])[0],
      long.predictProba([[...new Array<number>(9).fill(0), ...words]])[0],
      long.predictProba([[...words, ...new Array<number>(9).fill(0)]])[0],
    ];
    short.dispose();
    long.dispose();
    expect(p[1]).toBeCloseTo(p[0], 6);
    expect(p[2]).toBeCloseTo(p[0], 6);
    expect(p[3]).toBeCloseTo(p[0], 6);
  });

  it('computes the masked mean by hand: sigmoid(w · mean of the non-padding vectors + b)', () => {
    const model = createTextModel({ vocabSize: 4, maxLen: 3, embeddingDim: 2 });
    const table = [
      [9, 9],
      [1, 2],
      [3, -2],
      [0, 0],
    ];
    const layers = model.model.layers;
    const embedding = layers.find((l) => l.getClassName() === 'Embedding')!;
    const dense = layers.find((l) => l.getClassName() === 'Dense')!;
    tf.tidy(() => {
      embedding.setWeights([tf.tensor2d(table)]);
      dense.setWeights([tf.tensor2d([[0.5], [-1]]), tf.tensor1d([0.25])]);
    });
    // Ids [1, 2, 0]: mean of (1, 2) and (3, −2) is (2, 0); the padding row (9, 9) is left out.
    const expected = 1 / (1 + Math.exp(-(0.5 * 2 - 1 * 0 + 0.25)));
    expect(model.predictProba([[1, 2, 0]])[0]).toBeCloseTo(expected, 6);
    // All padding pools to zeros: only the bias is left.
    expect(model.predictProba([[0, 0, 0]])[0]).toBeCloseTo(1 / (1 + Math.exp(-0.25)), 6);
    model.dispose();
  });

  it('max pooling skips padding too', () => {
    const model = createTextModel({ vocabSize: 4, maxLen: 3, embeddingDim: 2, pooling: 'max' });
    const layers = model.model.layers;
    tf.tidy(() => {
      layers
        .find((l) => l.getClassName() === 'Embedding')!
        .setWeights([
          tf.tensor2d([
            [9, 9],
            [-1, -2],
            [-3, -4],
            [0, 0],
          ]),
        ]);
      layers.find((l) => l.getClassName() === 'Dense')!.setWeights([tf.tensor2d([[1], [1]]), tf.tensor1d([0])]);
    });
    // max of (−1, −2) and (−3, −4) is (−1, −2); with the padding row it would be (9, 9).
    expect(model.predictProba([[1, 2, 0]])[0]).toBeCloseTo(1 / (1 + Math.exp(3)), 6);
    model.dispose();
  });

  it('saves and loads back with its masked pooling, giving the same scores', async () => {
    const model = createTextModel({ vocabSize: VOCAB, maxLen: MAX_LEN, embeddingDim: 4 });
    await train(model, sentences(100, 9), { epochs: 2, batchSize: 32 });
    const rows = sentences(10, 10).x;
    const before = Array.from(model.predictProba(rows));
    await saveModel(model, 'memory://text-model-test');
    const loaded = await loadModel('memory://text-model-test');
    const after = Array.from(loaded.predictProba(rows));
    const table = (loaded as unknown as { embeddings(): number[][] }).embeddings();
    model.dispose();
    loaded.dispose();
    await removeModel('memory://text-model-test');
    after.forEach((p, i) => expect(p).toBeCloseTo(before[i], 6));
    expect(table).toHaveLength(VOCAB);
  });

  it('rejects token ids outside the vocabulary and rows of the wrong length', () => {
    const model = createTextModel({ vocabSize: VOCAB, maxLen: 4 });
    expect(() => model.predictProba([[1, 2, 3, VOCAB]])).toThrow(expect.objectContaining({ code: 'bad-argument' }));
    expect(() => model.predictProba([[1, 2, 3]])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
    model.dispose();
  });

  it('rejects an unknown pooling', () => {
    expect(() => createTextModel({ vocabSize: VOCAB, maxLen: 4, pooling: 'sum' as 'mean' })).toThrow(expect.objectContaining({ code: 'bad-argument' }));
  });
});
