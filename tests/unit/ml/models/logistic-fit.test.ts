import { describe, expect, it } from 'vitest';
import { expectNoTensorLeaks } from '../../helpers/tensors';
import { errorCode, rejection } from '../../helpers/errors';
import { SKLEARN, X, y } from '../../helpers/sklearn-logistic';
import {
  accuracy,
  averagePrecision,
  brierScore,
  createLogisticRegression,
  f1,
  fitTfidf,
  generateReviews,
  isLogisticRegression,
  isMlError,
  loadModel,
  logLoss,
  precision,
  recall,
  removeModel,
  rocAuc,
  saveModel,
  tokenize,
  toCsr,
  train,
  type LogisticRegression,
} from '../../../../src/ml/index';

// The fixture: 300 simulated reviews, TF-IDF of words and word pairs learned on the first 200.
const reviews = generateReviews({ size: 300, seed: 3 }).table.rows;
const tokens = reviews.map((r) => tokenize(r.text));
const labels = reviews.map((r) => r.label);
const tfidf = fitTfidf(tokens.slice(0, 200), { ngramRange: [1, 2] });
const yTrain = labels.slice(0, 200);
const yTest = labels.slice(200);
const sparse = { train: tfidf.transformSparse(tokens.slice(0, 200)), test: tfidf.transformSparse(tokens.slice(200)) };
const dense = { train: tfidf.transform(tokens.slice(0, 200)), test: tfidf.transform(tokens.slice(200)) };

/** Every metric of the evaluation stage on a model's test probabilities. */
function metrics(p: Float32Array): number[] {
  const pred = Array.from(p, (v) => (v >= 0.5 ? 1 : 0));
  return [
    accuracy(yTest, pred),
    precision(yTest, pred),
    recall(yTest, pred),
    f1(yTest, pred),
    rocAuc(yTest, p),
    averagePrecision(yTest, p),
    logLoss(yTest, p),
    brierScore(yTest, p),
  ];
}

function expectSameMetrics(a: number[], b: number[]): void {
  a.forEach((v, i) => expect(Math.abs(v - b[i]), `metric ${i}: ${v} vs ${b[i]}`).toBeLessThanOrEqual(1e-6));
}

// A small dense problem whose optimum scikit-learn 1.2.1 gives (tests/unit/helpers/sklearn-logistic.ts).
const SKLEARN_C1 = SKLEARN.c1.coef;

async function fitted(x: Parameters<LogisticRegression['fit']>[0], yy: number[], options = {}): Promise<LogisticRegression> {
  const model = createLogisticRegression({ C: 1, ...options });
  await model.fit(x, yy);
  return model;
}

expectNoTensorLeaks();

describe('logistic regression fit()', () => {
  it('gives the same coefficients and metrics (to 1e-6) on CSR rows as on the same dense rows', async () => {
    const a = await fitted(sparse.train, yTrain);
    const b = await fitted(dense.train, yTrain);
    const [wa, wb] = [a.coefficients().weights, b.coefficients().weights];
    wa.forEach((w, j) => expect(w).toBeCloseTo(wb[j], 6));
    const [pa, pb] = [a.predictProba(sparse.test), b.predictProba(dense.test)];
    // The same model scores CSR and dense rows alike.
    expect(Array.from(a.predictProba(dense.test))).toEqual(Array.from(pa));
    expectSameMetrics(metrics(pa), metrics(pb));
    expect(metrics(pa)[0]).toBeGreaterThan(0.6);
    a.dispose();
    b.dispose();
  });

  it("reaches scikit-learn's LogisticRegression(C=1) coefficients", async () => {
    const model = await fitted(X, y);
    model.coefficients().weights.forEach((w, j) => expect(w).toBeCloseTo(SKLEARN_C1[j], 6));
    model.dispose();
  });

  it('learns its input width from the data when created without inputDim', async () => {
    const model = createLogisticRegression({ C: 1 });
    expect(errorCode(() => model.coefficients())).toBe('not-fitted');
    const report = await model.fit(sparse.train, yTrain);
    expect(report).toMatchObject({ C: 1, converged: true, aborted: false });
    expect(report.iterations).toBeGreaterThan(2);
    expect(model.config.inputDim).toBe(tfidf.vocabulary.length);
    expect(model.model.inputs[0].shape).toEqual([null, tfidf.vocabulary.length]);
    expect(errorCode(() => model.predictProba(toCsr([[1, 2]])))).toBe('shape-mismatch');
    model.dispose();
    expect(model.disposed).toBe(true);
  });

  it('can have its fields listed (as a cell shows its value) before it has seen data and after dispose', () => {
    const model = createLogisticRegression({ C: 1 });
    expect(Object.fromEntries(Object.entries(model))).toMatchObject({ kind: 'logistic', disposed: false });
    model.dispose();
    expect(Object.fromEntries(Object.entries(model))).toMatchObject({ disposed: true });
    expect(errorCode(() => model.model)).toBe('not-fitted');
  });

  it('turns l2 into the C of the same objective, C = 1 / (2·l2·n)', async () => {
    const viaC = await fitted(X, y, { C: 0.25 });
    const viaL2 = createLogisticRegression({ l2: 1 / (2 * 0.25 * X.length) });
    const report = await viaL2.fit(X, y);
    expect(report.C).toBeCloseTo(0.25, 12);
    viaL2.coefficients().weights.forEach((w, j) => expect(w).toBeCloseTo(viaC.coefficients().weights[j], 9));
    viaC.dispose();
    viaL2.dispose();
  });

  it('gives log-odds from decisionFunction that the probabilities are the sigmoid of', async () => {
    const model = await fitted(X, y);
    const z = model.decisionFunction(X);
    const p = model.predictProba(X);
    z.forEach((v, i) => expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-v)), 7));
    expect(model.predict(X, 0.5)).toEqual(Array.from(z, (v) => (v >= 0 ? 1 : 0)));
    model.dispose();
  });

  it('restarts from its optimum in at most one iteration with warmStart', async () => {
    const model = await fitted(sparse.train, yTrain);
    const again = await model.fit(sparse.train, yTrain, { warmStart: true });
    expect(again.iterations).toBeLessThanOrEqual(1);
    model.dispose();
  });

  it('leaves the weights as they were when aborted', async () => {
    const model = createLogisticRegression({ inputDim: 3, C: 1 });
    const controller = new AbortController();
    const report = await model.fit(X, y, { signal: controller.signal, onIteration: () => controller.abort() });
    expect(report).toMatchObject({ aborted: true, converged: false, iterations: 1 });
    expect(model.coefficients().weights).toEqual([0, 0, 0]);
    model.dispose();
  });

  it('refuses an L1 penalty, C with l2, and labels other than 0/1', async () => {
    const l1 = createLogisticRegression({ inputDim: 3, l1: 0.1 });
    expect(isMlError(await rejection(l1.fit(X, y)), 'bad-argument')).toBe(true);
    l1.dispose();
    expect(errorCode(() => createLogisticRegression({ C: 1, l2: 0.1 }))).toBe('bad-argument');
    expect(errorCode(() => createLogisticRegression({ C: 0 }))).toBe('bad-argument');
    const model = createLogisticRegression({ C: 1 });
    expect(isMlError(await rejection(model.fit(X, [1, 2, 0, 1, 0, 0, 1, 1])), 'wrong-type')).toBe(true);
    model.dispose();
  });

  it('saves and loads with its coefficients, and the loaded model scores CSR rows', async () => {
    const model = await fitted(sparse.train, yTrain);
    await saveModel(model, 'memory://logistic-fit-test');
    const loaded = await loadModel('memory://logistic-fit-test');
    if (!isLogisticRegression(loaded)) throw new Error('loadModel() did not rebuild a logistic regression');
    const p = loaded.predictProba(sparse.test);
    expect(Array.from(p)).toEqual(Array.from(model.predictProba(sparse.test)));
    loaded.dispose();
    model.dispose();
    await removeModel('memory://logistic-fit-test');
  });
});

describe('logistic regression train() on sparse rows and with C', () => {
  it('trains on CSR batches exactly as on the same dense rows', async () => {
    const run = async (x: typeof sparse.train | typeof dense.train, xv: typeof sparse.test | typeof dense.test) => {
      const model = createLogisticRegression({ learningRate: 0.1 });
      const result = await train(model, { x, y: yTrain }, { epochs: 3, batchSize: 64, validation: { x: xv, y: yTest } });
      const p = model.predictProba(xv);
      model.dispose();
      return { history: result.history, p };
    };
    const a = await run(sparse.train, sparse.test);
    const b = await run(dense.train, dense.test);
    a.history.loss.forEach((v, i) => expect(v).toBeCloseTo(b.history.loss[i], 6));
    a.history.val_loss.forEach((v, i) => expect(v).toBeCloseTo(b.history.val_loss[i], 6));
    expectSameMetrics(metrics(a.p), metrics(b.p));
  });

  it('minimises the objective of fit() when given C: full-batch Adam ends near the L-BFGS optimum', async () => {
    const adam = createLogisticRegression({ C: 1, learningRate: 0.05 });
    await train(adam, { x: X, y }, { epochs: 400, batchSize: X.length });
    adam.coefficients().weights.forEach((w, j) => expect(Math.abs(w - SKLEARN_C1[j])).toBeLessThan(5e-3));
    adam.dispose();
  });
});
