/**
 * Metrics for bootstrap resamples, fast. A bootstrap of average precision re-sorts the scores on
 * every resample; with thousands of rows and hundreds of resamples that is seconds. Here the rows
 * are sorted once, and each resample is read as how many times it drew each row, so one resample
 * costs one pass. Pass the result to `bootstrap(n, statistic)` (intervals.ts).
 */
import { checkBothClasses, checkLabelsAndScores } from './classification';

/**
 * A statistic for `bootstrap`: the average precision of the rows a resample drew (`indices`,
 * repeats allowed), equal to `averagePrecision` on those rows (ties in score count as one
 * threshold, as scikit-learn's). NaN for a resample without positives.
 */
export function resampledAveragePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): (indices: Int32Array) => number {
  const { y, s } = checkLabelsAndScores(yTrue, yScore);
  checkBothClasses(y, 'resampledAveragePrecision');
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => s[b] - s[a]);
  const counts = new Int32Array(y.length);
  return (indices: Int32Array) => {
    counts.fill(0);
    for (let k = 0; k < indices.length; k++) counts[indices[k]]++;
    let positives = 0;
    for (let i = 0; i < y.length; i++) if (y[i] === 1) positives += counts[i];
    if (positives === 0) return NaN;
    let tp = 0;
    let fp = 0;
    let ap = 0;
    let recallSoFar = 0;
    for (let k = 0; k < order.length;) {
      const tied = s[order[k]];
      for (; k < order.length && s[order[k]] === tied; k++) {
        if (y[order[k]] === 1) tp += counts[order[k]];
        else fp += counts[order[k]];
      }
      const recall = tp / positives;
      if (recall > recallSoFar) {
        ap += (recall - recallSoFar) * (tp / (tp + fp));
        recallSoFar = recall;
      }
    }
    return ap;
  };
}
