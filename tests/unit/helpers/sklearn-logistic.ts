/**
 * A small dense logistic-regression problem and its optima from scikit-learn 1.2.1 (Debian
 * python3-sklearn), solved to the last digits with the exact Newton solver, which minimises the
 * same objective as the default 'lbfgs':
 *   LogisticRegression(solver='newton-cholesky', tol=1e-12, max_iter=1000, C=…).fit(X, y)
 * (newton-cg with tol=1e-12 agrees to 2e-9; the default lbfgs stops ~1e-5 away).
 */

/** Eight rows of three features. */
export const X = [
  [0.5, 1.0, -1.0],
  [1.5, -0.5, 0.0],
  [-1.0, 2.0, 0.5],
  [2.0, 0.0, 1.0],
  [-0.5, -1.5, 2.0],
  [0.0, 0.5, -0.5],
  [1.0, 1.0, 1.0],
  [-2.0, 0.5, 0.0],
];
/** Their labels. */
export const y = [1, 1, 0, 1, 0, 0, 1, 1];
/** scikit-learn's coefficients and intercept for C = 1, C = 0.1, and C = 1 with balanced class weights. */
export const SKLEARN = {
  c1: { coef: [0.5541830040034263, 0.02448453241457213, -0.37098281730235166], intercept: 0.5979849300930383 },
  c01: { coef: [0.1605875348635978, 0.011741320935189503, -0.07664394865176695], intercept: 0.5102702622986927 },
  balanced: { coef: [0.6257326254148584, 0.030376592600171556, -0.332088694899413], intercept: 0.09758599644508587 },
};
