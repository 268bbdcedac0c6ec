import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { createTextModel } from '../../../../src/ml/index';
import { train } from '../../../../src/ml/index';
import { nearestByEmbedding } from '../../../../src/ml/index';
import { createRng } from '../../../../src/ml/index';

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

  it('rejects token ids outside the vocabulary and rows of the wrong length', () => {
    const model = createTextModel({ vocabSize: VOCAB, maxLen: 4 });
    expect(() => model.predictProba([[1, 2, 3, VOCAB]])).toThrow(expect.objectContaining({ code: 'bad-argument' }));
    expect(() => model.predictProba([[1, 2, 3]])).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
    model.dispose();
  });

  it('rejects an unknown pooling', () => {
    expect(() => createTextModel({ vocabSize: VOCAB, maxLen: 4, pooling: 'sum' as 'mean' })).toThrow(
      expect.objectContaining({ code: 'bad-argument' }),
    );
  });
});
