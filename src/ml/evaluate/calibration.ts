/**
 * Checking probabilities: calibration bins (predicted against observed positive rate). The
 * threshold convention is the one in classification.ts: positive when `score >= threshold`.
 */
import { MlError } from '../core/errors';
import { checkProbabilities } from './classification';

/** One non-empty bin of a reliability (calibration) diagram. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  /** Mean predicted probability of the examples in the bin (x of the diagram). */
  meanPredicted: number;
  /** Share of positives among them (y of the diagram). */
  fractionPositive: number;
  count: number;
}

/**
 * Splits [0, 1] into `nBins` equal bins and compares predicted with observed positive rates,
 * like sklearn's `calibration_curve(strategy='uniform')`: a bin holds (lower, upper] (the first
 * also holds 0), and empty bins are left out.
 */
export function calibrationBins(yTrue: ArrayLike<number>, yProb: ArrayLike<number>, nBins = 10): CalibrationBin[] {
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new MlError('bad-argument', `nBins is ${nBins}: use a whole number of bins, such as 10.`);
  }
  const { y, p } = checkProbabilities(yTrue, yProb);
  // Edges as numpy.linspace computes them (j * step), so values on an edge land in the same bin.
  const step = 1 / nBins;
  const edges = Array.from({ length: nBins + 1 }, (_, j) => (j === nBins ? 1 : j * step));
  const sums = new Array<number>(nBins).fill(0);
  const positives = new Array<number>(nBins).fill(0);
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < p.length; i++) {
    let bin = 0;
    while (bin < nBins - 1 && p[i] > edges[bin + 1]) bin++;
    sums[bin] += p[i];
    positives[bin] += y[i];
    counts[bin]++;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (counts[b] === 0) continue;
    bins.push({
      lower: edges[b],
      upper: edges[b + 1],
      meanPredicted: sums[b] / counts[b],
      fractionPositive: positives[b] / counts[b],
      count: counts[b],
    });
  }
  return bins;
}
