import { describe, expect, it } from 'vitest';
import fixtures from '../../../fixtures/metric-fixtures.json';
import {
  accuracy,
  averagePrecision,
  binarize,
  brierScore,
  classificationReport,
  confusionMatrix,
  f1,
  logLoss,
  precision,
  precisionRecallCurve,
  recall,
  rocAuc,
  rocCurve,
} from '../../../../src/ml/index';
import { countByThreshold } from '../../../../src/ml/evaluate/classification';
import { expectMlError } from '../../helpers/errors';

const TOL = 1e-6;

describe.each(fixtures.classification)('scikit-learn fixture "$name"', (c) => {
  const yPred = binarize(c.y_score, c.threshold);

  it('confusion matrix matches', () => {
    const m = confusionMatrix(c.y_true, yPred);
    expect([m.tn, m.fp, m.fn, m.tp]).toEqual(c.confusion_matrix_tn_fp_fn_tp);
  });

  it('accuracy, precision, recall and F1 match', () => {
    expect(accuracy(c.y_true, yPred)).toBeCloseTo(c.accuracy, 9);
    expect(precision(c.y_true, yPred)).toBeCloseTo(c.precision, 9);
    expect(recall(c.y_true, yPred)).toBeCloseTo(c.recall, 9);
    expect(f1(c.y_true, yPred)).toBeCloseTo(c.f1, 9);
  });

  it('ROC-AUC matches', () => {
    expect(Math.abs(rocAuc(c.y_true, c.y_score) - c.roc_auc)).toBeLessThan(TOL);
  });

  it('average precision matches', () => {
    expect(Math.abs(averagePrecision(c.y_true, c.y_score) - c.average_precision)).toBeLessThan(TOL);
  });

  it('log loss and Brier score match', () => {
    expect(Math.abs(logLoss(c.y_true, c.y_score) - c.log_loss)).toBeLessThan(TOL);
    expect(Math.abs(brierScore(c.y_true, c.y_score) - c.brier)).toBeLessThan(TOL);
  });

  it('ROC curve has one point per distinct score plus the origin (drop_intermediate=False)', () => {
    const curve = rocCurve(c.y_true, c.y_score);
    expect(curve.fpr).toHaveLength(c.roc_curve_points);
    expect(curve.tpr).toHaveLength(c.roc_curve_points);
    expect(curve.thresholds).toHaveLength(c.roc_curve_points);
    expect(new Set(c.y_score).size + 1).toBe(c.roc_curve_points);
  });

  it('classificationReport agrees with the single metrics', () => {
    const r = classificationReport(c.y_true, c.y_score, c.threshold);
    expect(r.precision).toBeCloseTo(c.precision, 9);
    expect(r.f1).toBeCloseTo(c.f1, 9);
    expect(Math.abs((r.rocAuc as number) - c.roc_auc)).toBeLessThan(TOL);
    expect(Math.abs((r.averagePrecision as number) - c.average_precision)).toBeLessThan(TOL);
    expect([r.confusion.tn, r.confusion.fp, r.confusion.fn, r.confusion.tp]).toEqual(c.confusion_matrix_tn_fp_fn_tp);
  });
});

describe('thresholds and curves on a hand-checked example', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];

  it('binarize flags scores at or above the threshold', () => {
    expect(binarize([0.2, 0.5, 0.7], 0.5)).toEqual([0, 1, 1]);
  });

  it('rocCurve matches sklearn (first threshold Infinity, as sklearn ≥ 1.3; 1.2 used max + 1)', () => {
    const r = rocCurve(y, s);
    expect(r.thresholds).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect(r.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(r.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 12);
  });

  it('precisionRecallCurve matches sklearn (thresholds increasing, final point (P=1, R=0))', () => {
    const pr = precisionRecallCurve(y, s);
    expect(pr.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(pr.precision.map((v) => +v.toFixed(6))).toEqual([0.5, 0.666667, 0.5, 1, 1]);
    expect(pr.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    // AP = 0.5 * 1 + 0.5 * 2/3
    expect(averagePrecision(y, s)).toBeCloseTo(0.8333333333, 9);
  });

  it('counts tied scores as one threshold', () => {
    const c = countByThreshold([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.1]);
    expect(c).toEqual({ thresholds: [0.9, 0.5, 0.1], tps: [1, 2, 2], fps: [0, 1, 2] });
  });

  it('gives a positive–negative tie half credit in ROC-AUC', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 1, 1], [0.3, 0.3, 0.9])).toBeCloseTo(0.75, 12);
  });

  it('accepts Float32Array inputs', () => {
    expect(rocAuc(new Float32Array(y), new Float32Array(s))).toBeCloseTo(0.75, 6);
  });
});

describe('zero_division=0 behaviour (as sklearn)', () => {
  it('precision is 0 when nothing is predicted positive', () => {
    expect(precision([1, 0, 1], [0, 0, 0])).toBe(0);
  });

  it('recall is 0 when there are no positives', () => {
    expect(recall([0, 0], [1, 0])).toBe(0);
  });

  it('F1 is 0 when precision and recall are both 0', () => {
    expect(f1([0, 0], [0, 0])).toBe(0);
  });

  it('classificationReport leaves the ranking metrics null when yTrue has one class', () => {
    const r = classificationReport([0, 0, 0], [0.2, 0.7, 0.1]);
    expect(r.rocAuc).toBeNull();
    expect(r.averagePrecision).toBeNull();
    expect(r.accuracy).toBeCloseTo(2 / 3, 12);
  });
});

describe('log loss clipping', () => {
  it('clips a confident wrong answer to -ln(eps) instead of Infinity', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(Number.EPSILON), 9);
    expect(logLoss([1], [0], 1e-15)).toBeCloseTo(34.538776394910684, 9);
  });

  it('is ln 2 for a coin flip', () => {
    expect(logLoss([0, 1], [0.5, 0.5])).toBeCloseTo(Math.LN2, 12);
  });
});

describe('input validation', () => {
  it('rejects empty arrays', () => {
    expectMlError(() => accuracy([], []), 'empty-data', /yTrue is empty/);
  });

  it('rejects a length mismatch', () => {
    expectMlError(() => rocAuc([0, 1, 1], [0.2, 0.4]), 'shape-mismatch', /3 values.*2/);
  });

  it('rejects NaN scores', () => {
    expectMlError(() => averagePrecision([0, 1], [0.1, NaN]), 'not-finite', /yScore\[1\]/);
  });

  it('rejects labels other than 0 and 1', () => {
    expectMlError(() => f1([0, 2], [0, 1]), 'wrong-type', /yTrue\[1\] is 2/);
  });

  it('rejects a single class where ROC-AUC and AP are undefined', () => {
    expectMlError(() => rocAuc([1, 1], [0.2, 0.9]), 'single-class', /both classes/);
    expectMlError(() => averagePrecision([0, 0], [0.2, 0.9]), 'single-class');
    expectMlError(() => rocCurve([0, 0], [0.2, 0.9]), 'single-class');
  });

  it('rejects probabilities outside [0, 1]', () => {
    expectMlError(() => brierScore([0, 1], [-0.5, 2]), 'bad-argument', /sigmoid/);
  });

  it('explains how to pass a tensor', () => {
    const fakeTensor = { dataSync: () => new Float32Array(1) } as unknown as number[];
    expectMlError(() => accuracy(fakeTensor, [1]), 'wrong-type', /tensor/);
  });
});
