/**
 * A 2-D map of learned vectors (item embeddings): their first two principal components, found by
 * power iteration on the covariance matrix. Titles the model treats alike land near each other,
 * which is what a scatter chart coloured by genre lets a person check.
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';

/** Coordinates of each row on the first `dimensions` principal components, and the variance each explains. */
export function projectEmbeddings(vectors: readonly (readonly number[])[], dimensions = 2, seed = 1): { points: number[][]; explained: number[] } {
  const n = vectors.length;
  if (n < 2) throw new MlError('empty-data', 'projectEmbeddings() needs at least 2 vectors.');
  const d = vectors[0].length;
  if (dimensions < 1 || dimensions > d) throw new MlError('bad-argument', `dimensions must be between 1 and ${d} (got ${dimensions}).`);
  const mean = new Float64Array(d);
  for (const v of vectors) for (let j = 0; j < d; j++) mean[j] += v[j] / n;
  const cov = new Float64Array(d * d);
  for (const v of vectors) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] += ((v[i] - mean[i]) * (v[j] - mean[j])) / (n - 1);
  let total = 0;
  for (let i = 0; i < d; i++) total += cov[i * d + i];
  const rng = createRng(seed);
  const components: Float64Array[] = [];
  const explained: number[] = [];
  for (let c = 0; c < dimensions; c++) {
    let w = Float64Array.from({ length: d }, () => rng.normal());
    let lambda = 0;
    for (let it = 0; it < 200; it++) {
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) next[i] += cov[i * d + j] * w[j];
      for (const prev of components) {
        const dot = next.reduce((s, x, j) => s + x * prev[j], 0);
        for (let j = 0; j < d; j++) next[j] -= dot * prev[j];
      }
      const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0));
      if (norm === 0) break;
      lambda = norm;
      w = next.map((x) => x / norm);
    }
    components.push(w);
    explained.push(total > 0 ? lambda / total : 0);
  }
  const points = vectors.map((v) => components.map((w) => w.reduce((s, x, j) => s + x * (v[j] - mean[j]), 0)));
  return { points, explained };
}
