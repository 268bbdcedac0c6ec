/**
 * Fitting logistic regression exactly: scikit-learn's objective, minimised by L-BFGS over plain
 * typed arrays, for dense rows or CSR matrices. scikit-learn's `LogisticRegression(C)` minimises
 * C·Σᵢ sᵢ·logloss(yᵢ, xᵢ·w + b) + ½‖w‖² (the intercept b is not penalised; sᵢ are class or sample
 * weights). Dividing by C·n (n = the number of rows, or the sum of the sample weights) changes
 * nothing about the optimum and gives what scikit-learn 1.2's `lbfgs` solver evaluates, so its
 * gradient tolerance means the same here:
 *
 *   f(w, b) = (1/n)·Σᵢ sᵢ·logloss(yᵢ, xᵢ·w + b) + ‖w‖² / (2·C·n)
 *
 * One evaluation costs two passes over the stored entries (X·w and Xᵀ·r), ~0.1 ms for 1,600
 * TF-IDF sentences, so the whole fit takes tens of milliseconds and no tensor is made.
 */
import { MlError } from '../core/errors';
import { isCsrMatrix, multiplyCsrTransposedVector, multiplyCsrVector, type FeatureMatrix } from '../core/sparse';
import { minimizeLbfgs, type LbfgsOptions, type LbfgsResult } from './lbfgs';

/** What {@link fitLogisticLbfgs} needs besides the data. */
export interface LogisticSolverOptions extends Omit<LbfgsOptions, 'onIteration'> {
  /** Inverse regularisation strength, as scikit-learn's `C` (> 0; Infinity for no penalty). */
  C: number;
  /** Weight of each row in the loss (class weights times sample weights); default all 1. */
  rowWeights?: ArrayLike<number>;
  /** The n the objective is divided by (default: the number of rows). */
  normaliser?: number;
  /** Starting weights and bias (default all zero). */
  initial?: { weights: ArrayLike<number>; bias: number };
  onIteration?(iteration: number, loss: number, gradientMax: number): void | Promise<void>;
}

/** The fitted parameters and how the solver got there. */
export interface LogisticSolution {
  weights: Float64Array;
  bias: number;
  solver: LbfgsResult;
}

/** log(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Width of a feature matrix (columns). */
export function featureWidth(x: FeatureMatrix): number {
  return isCsrMatrix(x) ? x.shape[1] : x.length > 0 ? x[0].length : 0;
}

/** Rows of a feature matrix. */
export function featureRows(x: FeatureMatrix): number {
  return isCsrMatrix(x) ? x.shape[0] : x.length;
}

/** Writes X·w + b into `out` (one log-odds per row). */
export function linearScores(x: FeatureMatrix, weights: ArrayLike<number>, bias: number, out: Float64Array = new Float64Array(featureRows(x))): Float64Array {
  if (isCsrMatrix(x)) multiplyCsrVector(x, weights, out);
  else {
    for (let i = 0; i < x.length; i++) {
      const row = x[i];
      let z = 0;
      for (let j = 0; j < row.length; j++) z += row[j] * weights[j];
      out[i] = z;
    }
  }
  if (bias !== 0) for (let i = 0; i < out.length; i++) out[i] += bias;
  return out;
}

/** Writes Xᵀ·r into `out` (one entry per column). */
function addTransposed(x: FeatureMatrix, r: Float64Array, out: Float64Array): void {
  if (isCsrMatrix(x)) {
    multiplyCsrTransposedVector(x, r, out);
    return;
  }
  out.fill(0);
  for (let i = 0; i < x.length; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    const row = x[i];
    for (let j = 0; j < row.length; j++) out[j] += row[j] * ri;
  }
}

/**
 * The objective above and its gradient as one function of θ = [w₀ … w_{d−1}, b], in the form
 * {@link minimizeLbfgs} takes. Labels must be 0/1 and the matrix checked by the caller.
 */
export function logisticObjective(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  options: { C: number; rowWeights?: ArrayLike<number>; normaliser?: number },
): (theta: Float64Array, gradient: Float64Array) => number {
  const n = featureRows(x);
  const d = featureWidth(x);
  const { C, rowWeights } = options;
  const normaliser = options.normaliser ?? n;
  if (!(C > 0)) throw new MlError('bad-argument', `C must be a positive number (got ${C}); larger C means less regularisation.`);
  if (!(normaliser > 0)) throw new MlError('bad-argument', `The loss normaliser must be positive (got ${normaliser}).`);
  const penalty = Number.isFinite(C) ? 1 / (C * normaliser) : 0;
  const z = new Float64Array(n);
  const residual = new Float64Array(n);
  const weightGradient = new Float64Array(d);
  return (theta, gradient) => {
    const bias = theta[d];
    linearScores(x, theta.subarray(0, d), bias, z);
    let loss = 0;
    let biasGradient = 0;
    for (let i = 0; i < n; i++) {
      const s = rowWeights ? rowWeights[i] : 1;
      loss += s * (softplus(z[i]) - y[i] * z[i]);
      residual[i] = s * (sigmoid(z[i]) - y[i]);
      biasGradient += residual[i];
    }
    addTransposed(x, residual, weightGradient);
    let squared = 0;
    for (let j = 0; j < d; j++) {
      const w = theta[j];
      squared += w * w;
      gradient[j] = weightGradient[j] / normaliser + penalty * w;
    }
    gradient[d] = biasGradient / normaliser;
    return loss / normaliser + 0.5 * penalty * squared;
  };
}

/**
 * Fits weights and bias of an L2-regularised logistic regression by L-BFGS (deterministic; the
 * same data give the same coefficients to the last bit). Resolves with the parameters even when
 * the solver stopped early; `solution.solver` says why it stopped.
 */
export async function fitLogisticLbfgs(x: FeatureMatrix, y: ArrayLike<number>, options: LogisticSolverOptions): Promise<LogisticSolution> {
  const d = featureWidth(x);
  if (featureRows(x) !== y.length) {
    throw new MlError('shape-mismatch', `X has ${featureRows(x)} rows but y has ${y.length} values: give one label per row.`);
  }
  if (options.rowWeights && options.rowWeights.length !== y.length) {
    throw new MlError('shape-mismatch', `Got ${options.rowWeights.length} row weights for ${y.length} rows.`);
  }
  const objective = logisticObjective(x, y, options);
  const start = new Float64Array(d + 1);
  if (options.initial) {
    if (options.initial.weights.length !== d) {
      throw new MlError('shape-mismatch', `The starting weights have ${options.initial.weights.length} entries but X has ${d} columns.`);
    }
    start.set(options.initial.weights);
    start[d] = options.initial.bias;
  }
  // 20 step pairs instead of SciPy's 10 halve the iterations on TF-IDF rows (2,000 sentences:
  // 23 instead of 47, 30 instead of 52 ms), capped so the pairs stay under ~32 MB for wide inputs.
  const memory = options.memory ?? Math.max(5, Math.min(20, Math.floor(2 ** 21 / (d + 1))));
  const solver = await minimizeLbfgs(objective, start, { ...options, memory });
  return { weights: solver.x.slice(0, d), bias: solver.x[d], solver };
}
