/**
 * L-BFGS (Nocedal & Wright, *Numerical Optimization*, 2nd ed., algorithms 7.4 and 7.5) with a
 * strong-Wolfe line search (their algorithms 3.5 and 3.6), in plain Float64Arrays. For a smooth
 * convex objective such as L2-regularised logistic regression it reaches the unique optimum in a
 * few dozen to a few hundred steps, and every run from the same start repeats exactly: no
 * randomness, no learning rate to tune. The stopping rules are SciPy's L-BFGS-B ones (`gtol` on
 * the largest gradient entry, `ftol` on the relative decrease), which scikit-learn's `lbfgs`
 * solver uses.
 */
import { MlError } from '../core/errors';
import { maybeYield } from '../core/yield';

/**
 * The function to minimise: returns f(x) and writes ∇f(x) into `gradient` (same length as x).
 * It must not keep `x` or `gradient`: the solver reuses both buffers.
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Most iterations (default 1000). */
  maxIter?: number;
  /** Converged when every |∂f/∂xᵢ| ≤ tol (SciPy's `gtol`; default 1e-8). */
  tol?: number;
  /** Converged when (f_old − f) / max(|f_old|, |f|, 1) ≤ ftol (default 1e-15, about where rounding starts; SciPy's is 2.2e-9). */
  ftol?: number;
  /** Pairs of past steps kept to model the curvature (default 10, as SciPy). */
  memory?: number;
  /** Most objective evaluations in one line search (default 20, as SciPy). */
  maxLineSearch?: number;
  /** Checked after every iteration; the result then says `reason: 'aborted'`. */
  signal?: AbortSignal;
  /** Called after every iteration with the objective and the largest gradient entry. */
  onIteration?(iteration: number, f: number, gradientMax: number): void | Promise<void>;
}

/** Why the solver stopped. */
export type LbfgsStop = 'gradient' | 'objective' | 'max-iterations' | 'line-search' | 'aborted';

/** Where the solver stopped and why. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** Largest |∂f/∂xᵢ| at `x`. */
  gradientMax: number;
  iterations: number;
  /** Objective evaluations, line searches included. */
  evaluations: number;
  /** True when a tolerance was met ('gradient' or 'objective'). */
  converged: boolean;
  reason: LbfgsStop;
}

const C1 = 1e-4;
/** Relative change of f below which a difference is rounding (a few hundred ulps of a sum). */
const ROUNDING = 1e-13;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db), or NaN when it has none. */
function cubicMinimum(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

/**
 * Minimises `objective` from `x0` (not modified). Throws an MlError when the objective is not
 * finite at the start; otherwise resolves with the best point found, converged or not.
 */
export async function minimizeLbfgs(objective: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): Promise<LbfgsResult> {
  const { maxIter = 1000, tol = 1e-8, ftol = 1e-15, memory = 10, maxLineSearch = 20, signal, onIteration } = options;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new MlError('not-finite', `The objective is ${f} at the starting point: check the inputs for NaN or huge values.`);
  let xt = new Float64Array(n);
  let gt = new Float64Array(n);
  const p = new Float64Array(n);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alphas = new Float64Array(memory);
  const finish = (iterations: number, reason: LbfgsStop): LbfgsResult => ({
    x,
    f,
    gradientMax: maxAbs(g),
    iterations,
    evaluations,
    converged: reason === 'gradient' || reason === 'objective',
    reason,
  });
  if (maxAbs(g) <= tol) return finish(0, 'gradient');

  for (let iteration = 1; iteration <= maxIter; iteration++) {
    // Two-loop recursion: p = −H·g with H the inverse-Hessian estimate from the stored pairs.
    for (let i = 0; i < n; i++) p[i] = -g[i];
    for (let k = s.length - 1; k >= 0; k--) {
      alphas[k] = rho[k] * dot(s[k], p);
      const yk = y[k];
      for (let i = 0; i < n; i++) p[i] -= alphas[k] * yk[i];
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      for (let i = 0; i < n; i++) p[i] *= gamma;
    }
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k] * dot(y[k], p);
      const sk = s[k];
      for (let i = 0; i < n; i++) p[i] += (alphas[k] - beta) * sk[i];
    }
    let d0 = dot(g, p);
    if (!(d0 < 0)) {
      // Not a descent direction (rounding): forget the curvature and go down the gradient.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) p[i] = -g[i];
      d0 = dot(g, p);
    }
    // The first step has no curvature estimate: make it of length 1, as SciPy does.
    const firstStep = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;

    let budget = maxLineSearch;
    let fTrial = f;
    let largestChange = 0;
    const evaluate = (alpha: number): [number, number] => {
      for (let i = 0; i < n; i++) xt[i] = x[i] + alpha * p[i];
      fTrial = objective(xt, gt);
      evaluations++;
      budget--;
      largestChange = Math.max(largestChange, Math.abs(fTrial - f));
      return [fTrial, dot(gt, p)];
    };
    // Strong-Wolfe line search: bracket a step, then zoom in by safeguarded cubic interpolation.
    let accepted = false;
    let [aPrev, fPrev, dPrev] = [0, f, d0];
    let alpha = firstStep;
    let lo = 0;
    let hi = 0;
    let [fLo, dLo, fHi, dHi] = [f, d0, f, d0];
    let zoom = false;
    while (budget > 0 && !zoom) {
      const [fa, da] = evaluate(alpha);
      if (!Number.isFinite(fa) || fa > f + C1 * alpha * d0 || (alpha !== firstStep && fa >= fPrev)) {
        [lo, fLo, dLo, hi, fHi, dHi] = [aPrev, fPrev, dPrev, alpha, fa, da];
        zoom = true;
      } else if (Math.abs(da) <= -C2 * d0) {
        accepted = true;
        break;
      } else if (da >= 0) {
        [lo, fLo, dLo, hi, fHi, dHi] = [alpha, fa, da, aPrev, fPrev, dPrev];
        zoom = true;
      } else {
        [aPrev, fPrev, dPrev] = [alpha, fa, da];
        alpha *= 2;
      }
    }
    while (zoom && budget > 0) {
      const width = hi - lo;
      let trial = Number.isFinite(fHi) ? cubicMinimum(lo, fLo, dLo, hi, fHi, dHi) : NaN;
      const [left, right] = [Math.min(lo, hi) + 0.1 * Math.abs(width), Math.max(lo, hi) - 0.1 * Math.abs(width)];
      if (!(trial >= left && trial <= right)) trial = lo + width / 2;
      const [fa, da] = evaluate(trial);
      if (!Number.isFinite(fa) || fa > f + C1 * trial * d0 || fa >= fLo) {
        [hi, fHi, dHi] = [trial, fa, da];
      } else {
        if (Math.abs(da) <= -C2 * d0) {
          accepted = true;
          break;
        }
        if (da * (hi - lo) >= 0) [hi, fHi, dHi] = [lo, fLo, dLo];
        [lo, fLo, dLo] = [trial, fa, da];
      }
      if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    if (!accepted) {
      // Out of evaluations: keep the best decreasing step seen (the low end of the bracket), if any.
      const [fallback, fFallback] = zoom ? [lo, fLo] : [aPrev, fPrev];
      if (fallback > 0 && fFallback < f) evaluate(fallback);
      // Every trial value equal to f up to rounding: f cannot decrease further in float64, which
      // is the objective tolerance reached, not a failure.
      else if (largestChange <= ROUNDING * Math.max(Math.abs(f), 1)) return finish(iteration - 1, 'objective');
      else return finish(iteration - 1, 'line-search');
    }
    const fOld = f;
    // The accepted point is in (xt, gt): store the step pair, then swap the buffers in.
    const sk = s.length === memory ? s.shift()! : new Float64Array(n);
    const yk = y.length === memory ? y.shift()! : new Float64Array(n);
    if (rho.length === memory) rho.shift();
    for (let i = 0; i < n; i++) {
      sk[i] = xt[i] - x[i];
      yk[i] = gt[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12 * dot(yk, yk)) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    [x, xt] = [xt, x];
    [g, gt] = [gt, g];
    f = fTrial;
    const gradientMax = maxAbs(g);
    await onIteration?.(iteration, f, gradientMax);
    if (gradientMax <= tol) return finish(iteration, 'gradient');
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) return finish(iteration, 'objective');
    if (signal?.aborted) return finish(iteration, 'aborted');
    await maybeYield();
  }
  return finish(maxIter, 'max-iterations');
}
