/**
 * Alternating least squares for factor models: with the item vectors fixed, each user's vector is
 * the solution of a small ridge regression (and the other way round), so one sweep solves every
 * row exactly instead of nudging it. Used by matrix factorisation ('als' solver, explicit ratings
 * with biases) and by the implicit ranking model (Hu, Koren & Volinsky 2008, with the Gram trick).
 *
 * The penalties are per parameter, not per rating (a prior, not a per-rating weight decay), so a
 * user with three ratings keeps a vector near zero while a user with three hundred can move far:
 * the same damping as the user + item bias baseline.
 */
import type { FactorTables } from './factor-model';

/** Ratings or plays grouped by row (user or item): `indptr[r] … indptr[r + 1]` index into `indices`/`values`. */
export interface CompressedRows {
  rows: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Groups (row, column, value) triples by row, in the order given. */
export function compressRows(rows: number, rowOf: ArrayLike<number>, columnOf: ArrayLike<number>, valueOf: ArrayLike<number>): CompressedRows {
  const indptr = new Int32Array(rows + 1);
  for (let n = 0; n < rowOf.length; n++) indptr[rowOf[n] + 1]++;
  for (let r = 0; r < rows; r++) indptr[r + 1] += indptr[r];
  const fill = indptr.slice(0, rows);
  const indices = new Int32Array(rowOf.length);
  const values = new Float32Array(rowOf.length);
  for (let n = 0; n < rowOf.length; n++) {
    const at = fill[rowOf[n]]++;
    indices[at] = columnOf[n];
    values[at] = valueOf[n];
  }
  return { rows, indptr, indices, values };
}

/**
 * Solves A x = b in place for a symmetric positive definite n × n matrix A (row-major, destroyed)
 * by Cholesky; b becomes x. Returns false if A is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
    d = Math.sqrt(d);
    a[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  return true;
}

/** Penalties of the explicit ALS solve. */
export interface ExplicitPenalties {
  factors: number;
  userBias: number;
  itemBias: number;
}

/**
 * One half-sweep of explicit ALS: re-solves every row of one side (vectors `own`, biases `ownBias`)
 * given the other side, on ratings minus the global mean and the other side's bias.
 */
function solveSide(
  rows: CompressedRows,
  own: Float32Array,
  ownBias: Float32Array,
  other: Float32Array,
  otherBias: Float32Array,
  factors: number,
  mean: number,
  factorPenalty: number,
  biasPenalty: number,
): void {
  const n = factors + 1;
  const a = new Float64Array(n * n);
  const b = new Float64Array(n);
  const z = new Float64Array(n);
  for (let r = 0; r < rows.rows; r++) {
    const start = rows.indptr[r];
    const end = rows.indptr[r + 1];
    a.fill(0);
    b.fill(0);
    for (let e = start; e < end; e++) {
      const c = rows.indices[e];
      const target = rows.values[e] - mean - otherBias[c];
      for (let k = 0; k < factors; k++) z[k] = other[c * factors + k];
      z[factors] = 1;
      for (let i = 0; i < n; i++) {
        const zi = z[i];
        b[i] += zi * target;
        for (let j = 0; j <= i; j++) a[i * n + j] += zi * z[j];
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
    for (let k = 0; k < factors; k++) a[k * n + k] += factorPenalty;
    a[factors * n + factors] += biasPenalty;
    if (!choleskySolve(a, b, n)) continue;
    for (let k = 0; k < factors; k++) own[r * factors + k] = b[k];
    ownBias[r] = b[factors];
  }
}

/** One full sweep of explicit ALS (users, then items) on ratings grouped both ways. */
export function explicitAlsSweep(t: FactorTables, byUser: CompressedRows, byItem: CompressedRows, mean: number, penalties: ExplicitPenalties): void {
  solveSide(byUser, t.userFactors, t.userBias, t.itemFactors, t.itemBias, t.factors, mean, penalties.factors, penalties.userBias);
  solveSide(byItem, t.itemFactors, t.itemBias, t.userFactors, t.userBias, t.factors, mean, penalties.factors, penalties.itemBias);
}

/**
 * One half-sweep of implicit ALS: each row's vector minimises Σ_all c·(p − x·y)² + λ‖x‖², where
 * p = 1 for observed pairs (confidence c = 1 + α·value) and 0 elsewhere (c = 1). The Gram trick:
 * YᵀY over every column is computed once, and each row only adds its observed columns' corrections.
 */
export function implicitAlsHalfSweep(
  rows: CompressedRows,
  own: Float32Array,
  other: Float32Array,
  otherCount: number,
  factors: number,
  alpha: number,
  penalty: number,
): void {
  const f = factors;
  const gram = new Float64Array(f * f);
  for (let c = 0; c < otherCount; c++) {
    for (let i = 0; i < f; i++) {
      const yi = other[c * f + i];
      for (let j = 0; j <= i; j++) gram[i * f + j] += yi * other[c * f + j];
    }
  }
  for (let i = 0; i < f; i++) for (let j = 0; j < i; j++) gram[j * f + i] = gram[i * f + j];
  const a = new Float64Array(f * f);
  const b = new Float64Array(f);
  for (let r = 0; r < rows.rows; r++) {
    const start = rows.indptr[r];
    const end = rows.indptr[r + 1];
    if (start === end) {
      own.fill(0, r * f, (r + 1) * f);
      continue;
    }
    a.set(gram);
    b.fill(0);
    for (let e = start; e < end; e++) {
      const c = rows.indices[e];
      const extra = alpha * rows.values[e];
      const confidence = 1 + extra;
      for (let i = 0; i < f; i++) {
        const yi = other[c * f + i];
        b[i] += confidence * yi;
        const w = extra * yi;
        for (let j = 0; j <= i; j++) a[i * f + j] += w * other[c * f + j];
      }
    }
    for (let i = 0; i < f; i++) {
      for (let j = 0; j < i; j++) a[j * f + i] = a[i * f + j];
      a[i * f + i] += penalty;
    }
    if (!choleskySolve(a, b, f)) continue;
    for (let k = 0; k < f; k++) own[r * f + k] = b[k];
  }
}
