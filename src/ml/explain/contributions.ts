/**
 * Why one prediction came out as it did: a linear model's per-feature contributions, and a
 * sentence describing them for a person who is not an ML engineer.
 */
import { MlError } from '../core/errors';

/** One feature's share of a linear model's logit for one row. */
export interface Contribution {
  feature: string;
  value: number;
  weight: number;
  /** weight × value: how far this feature moved the log-odds. */
  contribution: number;
}

/**
 * Splits a logistic regression's logit for row `x` into weight × value per feature, largest
 * magnitude first. With standardised features, 0 is the average row, so a contribution reads as
 * "compared with a typical case".
 */
export function logisticContributions(
  coefficients: { weights: readonly number[]; names?: readonly string[] },
  x: readonly number[],
  featureNames?: readonly string[],
): Contribution[] {
  const { weights } = coefficients;
  if (x.length !== weights.length) {
    throw new MlError('shape-mismatch', `The row has ${x.length} values but the model has ${weights.length} weights.`);
  }
  const names = featureNames ?? coefficients.names ?? weights.map((_, i) => `x${i}`);
  return weights
    .map((weight, i) => ({ feature: names[i], value: x[i], weight, contribution: weight * x[i] }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** Options of `describeContributions()`. */
export interface DescribeOptions {
  /** How many features to mention (default 3). */
  top?: number;
  /** What the model outputs, e.g. "fraud score" (default "score"). */
  outcome?: string;
  /** Words for a feature and its value, e.g. `amount 4.2× the customer's usual`. */
  describe?(contribution: Contribution): string;
}

/**
 * Puts the largest contributions into one plain sentence for a non-specialist, e.g.
 * "Amount 4.2× the customer's usual raised the fraud score most; night-time also raised it; …".
 */
export function describeContributions(contributions: readonly Contribution[], options: DescribeOptions = {}): string {
  const { top = 3, outcome = 'score' } = options;
  const describe = options.describe ?? ((c: Contribution) => `${c.feature} = ${formatNumber(c.value)}`);
  const chosen = contributions
    .filter((c) => c.contribution !== 0 && Number.isFinite(c.contribution))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, top);
  if (chosen.length === 0) return `No feature moved the ${outcome} away from its baseline.`;
  const raising = chosen.filter((c) => c.contribution > 0);
  const lowering = chosen.filter((c) => c.contribution < 0);
  const parts = [
    ...raising.map((c, i) => `${describe(c)} ${i === 0 ? `raised the ${outcome} most` : 'also raised it'}`),
    ...lowering.map((c, i) => `${describe(c)} ${i === 0 ? `lowered the ${outcome}${raising.length ? '' : ' most'}` : 'also lowered it'}`),
  ];
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}
