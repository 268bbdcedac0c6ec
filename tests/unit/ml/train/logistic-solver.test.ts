import { describe, expect, it } from 'vitest';
import { fitLogisticLbfgs, logisticObjective } from '../../../../src/ml/train/logistic-solver';
import { computeClassWeights, fitTfidf, toCsr } from '../../../../src/ml/index';
import { SKLEARN, X, y } from '../../helpers/sklearn-logistic';

// TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b") on these sentences (33 terms),
// then LogisticRegression(C=1, solver='newton-cholesky', tol=1e-12), scikit-learn 1.2.1.
const SENTENCES = [
  'good phone',
  'great battery life',
  'bad battery',
  'not good at all',
  'terrible screen',
  'love the screen',
  'battery died fast',
  'works great',
  'not bad',
  'poor quality',
];
const SENTIMENT = [1, 1, 0, 0, 0, 1, 0, 1, 1, 0];
const TEXT_COEF: Record<string, number> = {
  battery: -0.20152067901455425,
  good: 0.07028256695622537,
  not: 0.09656975336712958,
  'not good': -0.1694760670171229,
  great: 0.3669138566223225,
  bad: -0.00047239449200112566,
  'not bad': 0.28307533165330284,
  screen: -0.05127644770197287,
};
const TEXT_INTERCEPT = -0.002885754036721586;

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

describe('fitLogisticLbfgs', () => {
  it("reaches scikit-learn's optimum for C = 1 and C = 0.1", async () => {
    for (const [C, ref] of [
      [1, SKLEARN.c1],
      [0.1, SKLEARN.c01],
    ] as const) {
      const { weights, bias, solver } = await fitLogisticLbfgs(X, y, { C });
      expect(solver.converged).toBe(true);
      expectClose(weights, ref.coef, 7);
      expect(bias).toBeCloseTo(ref.intercept, 7);
    }
  });

  it("matches scikit-learn's class_weight='balanced'", async () => {
    const w = computeClassWeights(y, 'balanced');
    const { weights, bias } = await fitLogisticLbfgs(X, y, { C: 1, rowWeights: y.map((label) => w[label]) });
    expectClose(weights, SKLEARN.balanced.coef, 7);
    expect(bias).toBeCloseTo(SKLEARN.balanced.intercept, 7);
  });

  it('stops where the optimality conditions hold: mean probability = mean label, w = C·Σ (yᵢ − pᵢ)·xᵢ', async () => {
    const C = 1;
    const { weights, bias, solver } = await fitLogisticLbfgs(X, y, { C });
    expect(solver.gradientMax).toBeLessThan(1e-8);
    const p = X.map((row) => 1 / (1 + Math.exp(-(bias + row.reduce((s, v, j) => s + v * weights[j], 0)))));
    // Both are n × the gradient (n = 8 rows), so they hold to ~8·1e-8.
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(
      y.reduce((s, v) => s + v, 0),
      6,
    );
    weights.forEach((w, j) => expect(w).toBeCloseTo(C * X.reduce((s, row, i) => s + (y[i] - p[i]) * row[j], 0), 6));
  });

  it("gives scikit-learn's TF-IDF + logistic regression coefficients on sentences", async () => {
    const docs = SENTENCES.map((s) => s.split(' '));
    const tfidf = fitTfidf(docs, { ngramRange: [1, 2] });
    expect(tfidf.vocabulary.length).toBe(33);
    const { weights, bias } = await fitLogisticLbfgs(tfidf.transformSparse(docs), SENTIMENT, { C: 1 });
    for (const [term, coef] of Object.entries(TEXT_COEF)) expect(weights[tfidf.index.get(term)!]).toBeCloseTo(coef, 7);
    expect(bias).toBeCloseTo(TEXT_INTERCEPT, 7);
  });

  it('gives the same optimum for dense rows and for the same rows in CSR', async () => {
    const dense = await fitLogisticLbfgs(X, y, { C: 1 });
    const sparse = await fitLogisticLbfgs(toCsr(X), y, { C: 1 });
    expectClose(sparse.weights, Array.from(dense.weights), 12);
    expect(sparse.bias).toBeCloseTo(dense.bias, 12);
  });

  it('evaluates the objective by hand at zero: every p = ½, so the loss is ln 2 and the gradient (p − y) / n', () => {
    const f = logisticObjective(X, y, { C: 1 });
    const g = new Float64Array(4);
    expect(f(new Float64Array(4), g)).toBeCloseTo(Math.LN2, 12);
    // ∂f/∂b = mean(½ − y) = ½ − 5/8; ∂f/∂w₀ = mean((½ − yᵢ)·xᵢ₀).
    expect(g[3]).toBeCloseTo(0.5 - 5 / 8, 12);
    expect(g[0]).toBeCloseTo(X.reduce((s, row, i) => s + (0.5 - y[i]) * row[0], 0) / 8, 12);
  });
});
