/**
 * Nearest rows of a matrix by cosine similarity: what a learned vector (an item or word
 * embedding) is close to. Models use it for "similar items"; explanations use it to show neighbours.
 */
import { MlError } from './errors';
import type { Matrix } from './types';

/** A neighbour of a vector: its row index and cosine similarity. */
export interface Neighbour {
  index: number;
  similarity: number;
}

/** The k rows of `matrix` most similar (cosine) to row `index`, itself excluded. Zero rows score 0. */
export function nearestByEmbedding(matrix: Matrix, index: number, k: number): Neighbour[] {
  if (!Number.isInteger(index) || index < 0 || index >= matrix.length) {
    throw new MlError('bad-argument', `Row ${index} does not exist: the matrix has ${matrix.length} rows.`);
  }
  const norm = (v: readonly number[]): number => Math.sqrt(v.reduce((s, a) => s + a * a, 0));
  const target = matrix[index];
  const targetNorm = norm(target);
  const out: Neighbour[] = [];
  matrix.forEach((row, i) => {
    if (i === index) return;
    const denominator = targetNorm * norm(row);
    let dot = 0;
    for (let j = 0; j < row.length; j++) dot += row[j] * target[j];
    out.push({ index: i, similarity: denominator > 0 ? dot / denominator : 0 });
  });
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}
