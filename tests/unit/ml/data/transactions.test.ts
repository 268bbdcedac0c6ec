import { beforeAll, describe, expect, it } from 'vitest';
import {
  addRollingFeatures,
  generateTransactions,
  merchantTypes,
  listRollingFeatureNames,
  rollingWarmUpDays,
  type TransactionInfo,
  type TransactionRow,
} from '../../../../src/ml/index';
import type { Row } from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

const DAY = 86_400;

let rows: TransactionRow[];
let info: TransactionInfo;
beforeAll(() => {
  const generated = generateTransactions({ seed: 42 });
  rows = generated.table.rows;
  info = generated.info;
});

describe('generateTransactions', () => {
  it('produces 20–40 thousand rows with the documented columns', () => {
    expect(rows.length).toBeGreaterThan(20_000);
    expect(rows.length).toBeLessThan(40_000);
    expect(Object.keys(rows[0])).toEqual([
      'transaction_id',
      'tx_datetime',
      'tx_time_seconds',
      'tx_day',
      'tx_hour',
      'customer_id',
      'terminal_id',
      'amount',
      'merchant_type',
      'customer_age_group',
      'customer_region',
      'label',
      'scenario',
    ]);
  });

  it('is deterministic by seed', () => {
    const a = generateTransactions({ seed: 5, customers: 50, days: 10 });
    const b = generateTransactions({ seed: 5, customers: 50, days: 10 });
    expect(a).toEqual(b);
    expect(generateTransactions({ seed: 6, customers: 50, days: 10 }).table.rows).not.toEqual(a.table.rows);
  });

  it('keeps the fraud rate between 0.5% and 2% for several seeds', () => {
    expect(info.fraudRate).toBeGreaterThan(0.005);
    expect(info.fraudRate).toBeLessThan(0.02);
    for (const seed of [1, 2]) {
      const { fraudRate } = generateTransactions({ seed }).info;
      expect(fraudRate).toBeGreaterThan(0.005);
      expect(fraudRate).toBeLessThan(0.02);
    }
  });

  it('labels every amount above 220 as fraud (scenario 1)', () => {
    const large = rows.filter((r) => r.amount > 220);
    expect(large.length).toBeGreaterThan(0);
    expect(large.every((r) => r.label === 1)).toBe(true);
    expect(rows.filter((r) => r.scenario === 1).every((r) => r.amount > 220)).toBe(true);
  });

  it('labels every transaction at a compromised terminal in the next 28 days as fraud (scenario 2)', () => {
    expect(info.fraudByScenario[2]).toBeGreaterThan(0);
    for (const { terminal_id, fromDay } of info.compromisedTerminals) {
      const hit = rows.filter((r) => r.terminal_id === terminal_id && r.tx_day >= fromDay && r.tx_day < fromDay + 28);
      expect(hit.every((r) => r.label === 1)).toBe(true);
    }
  });

  it("multiplies compromised cards' fraudulent amounts (scenario 3 rows are larger than usual)", () => {
    const mean = (rs: TransactionRow[]): number => rs.reduce((s, r) => s + r.amount, 0) / rs.length;
    const s3 = rows.filter((r) => r.scenario === 3);
    expect(s3.length).toBeGreaterThan(0);
    expect(mean(s3)).toBeGreaterThan(3 * mean(rows.filter((r) => r.label === 0)));
  });

  it('labels exactly the scenario rows as fraud and orders rows by time', () => {
    expect(rows.every((r) => r.label === (r.scenario > 0 ? 1 : 0))).toBe(true);
    expect(rows.every((r, i) => i === 0 || r.tx_time_seconds >= rows[i - 1].tx_time_seconds)).toBe(true);
    expect(rows.every((r) => r.tx_day === Math.floor(r.tx_time_seconds / DAY) && r.tx_hour >= 0 && r.tx_hour < 24)).toBe(true);
  });

  it('follows a daily pattern centred on the middle of the day', () => {
    const meanHour = rows.reduce((s, r) => s + r.tx_hour, 0) / rows.length;
    expect(meanHour).toBeGreaterThan(10.5);
    expect(meanHour).toBeLessThan(12.5);
    // Times ~ N(12 h, 20,000 s) cut to one day: 6.1% fall before 4 am, 29% between 10 am and 2 pm.
    const share = (from: number, to: number): number => rows.filter((r) => r.tx_hour >= from && r.tx_hour < to).length / rows.length;
    expect(share(0, 4)).toBeCloseTo(0.061, 1);
    expect(share(10, 14)).toBeCloseTo(0.29, 1);
  });

  it('has skewed amounts: the mean well above the median', () => {
    const amounts = rows.map((r) => r.amount).sort((a, b) => a - b);
    const median = amounts[Math.floor(amounts.length / 2)];
    expect(amounts.reduce((s, a) => s + a, 0) / amounts.length).toBeGreaterThan(1.1 * median);
  });

  it('leaves about 3% of merchant types and 4% of age groups missing, and some duplicates', () => {
    const share = (f: (r: TransactionRow) => boolean): number => rows.filter(f).length / rows.length;
    expect(share((r) => r.merchant_type === null)).toBeGreaterThan(0.02);
    expect(share((r) => r.merchant_type === null)).toBeLessThan(0.04);
    expect(share((r) => r.customer_age_group === null)).toBeGreaterThan(0.03);
    expect(share((r) => r.customer_age_group === null)).toBeLessThan(0.05);
    expect(new Set(rows.map((r) => r.transaction_id)).size).toBeLessThan(rows.length);
    expect(rows.every((r) => r.merchant_type === null || (merchantTypes as readonly string[]).includes(r.merchant_type))).toBe(true);
  });

  it('adds card-testing bursts (scenario 4) only from newPatternFromDay, leaving earlier days unchanged', () => {
    const drifted = generateTransactions({ seed: 42, newPatternFromDay: 40 });
    const s4 = drifted.table.rows.filter((r) => r.scenario === 4);
    expect(s4.length).toBeGreaterThan(100);
    expect(s4.every((r) => r.tx_day >= 40 && r.tx_hour < 6 && r.amount <= 5 && r.label === 1)).toBe(true);
    expect(s4.every((r) => r.merchant_type === null || r.merchant_type === 'online')).toBe(true);
    expect(drifted.table.rows.filter((r) => r.tx_day < 40)).toEqual(rows.filter((r) => r.tx_day < 40));
    expect(info.fraudByScenario[4]).toBe(0);
  });

  it('rejects bad options with typed errors', () => {
    expect(errorCode(() => generateTransactions({ customers: 0 }))).toBe('bad-argument');
    expect(errorCode(() => generateTransactions({ startDate: 'yesterday' }))).toBe('bad-argument');
  });
});

/** A transaction for the hand-checked examples: time in days. */
function tx(day: number, customer_id: number, terminal_id: number, amount: number, label = 0): Row {
  return { tx_time_seconds: Math.round(day * DAY), customer_id, terminal_id, amount, label };
}

describe('addRollingFeatures', () => {
  const history = [tx(0, 1, 7, 10), tx(0.5, 1, 8, 20), tx(3, 1, 8, 30), tx(10, 1, 8, 40)];

  it("counts and averages a customer's transactions in windows ending at (and including) each one", () => {
    const f = addRollingFeatures(history);
    expect(f.map((r) => r.customer_nb_tx_1d)).toEqual([1, 2, 1, 1]);
    expect(f.map((r) => r.customer_avg_amount_1d)).toEqual([10, 15, 30, 40]);
    // The 7-day window of day 10 is (3, 10]: the transaction exactly 7 days earlier is out.
    expect(f.map((r) => r.customer_nb_tx_7d)).toEqual([1, 2, 3, 1]);
    expect(f.map((r) => r.customer_avg_amount_7d)).toEqual([10, 15, 20, 40]);
    expect(f.map((r) => r.customer_nb_tx_30d)).toEqual([1, 2, 3, 4]);
    expect(f[3].customer_avg_amount_30d).toBe(25);
  });

  it('is causal: adding later transactions never changes earlier features', () => {
    const short = addRollingFeatures(history.slice(0, 2));
    const long = addRollingFeatures([...history, tx(0.6, 1, 7, 1000, 1)]);
    expect(long.slice(0, 2)).toEqual(short);
  });

  it('does not depend on the input order and keeps it', () => {
    const shuffled = [history[2], history[0], history[3], history[1]];
    const f = addRollingFeatures(shuffled);
    expect(f.map((r) => r.amount)).toEqual([30, 10, 40, 20]);
    expect(f.map((r) => r.customer_nb_tx_7d)).toEqual([3, 1, 1, 2]);
  });

  it('uses terminal labels only once they are delayDays old', () => {
    const terminal = [tx(0, 1, 9, 5, 1), tx(1, 2, 9, 5, 0), tx(3, 3, 9, 5, 0), tx(8, 4, 9, 5, 0)];
    const f = addRollingFeatures(terminal);
    // Day 3: nothing is 7 days old yet.
    expect(f[2].terminal_nb_tx_7d).toBe(0);
    expect(f[2].terminal_risk_7d).toBe(0);
    // Day 8: the 7-day window is (−6, 1]: the fraud on day 0 and the genuine one on day 1.
    expect(f[3].terminal_nb_tx_7d).toBe(2);
    expect(f[3].terminal_risk_7d).toBe(0.5);
    // The 1-day window is (0, 1]: only day 1.
    expect(f[3].terminal_nb_tx_1d).toBe(1);
    expect(f[3].terminal_risk_1d).toBe(0);
  });

  it("never counts a transaction's own label, even without a delay", () => {
    const f = addRollingFeatures([tx(0, 1, 9, 5, 1), tx(0.5, 2, 9, 5, 1)], { delayDays: 0 });
    expect(f[0].terminal_nb_tx_1d).toBe(0);
    expect(f[1].terminal_nb_tx_1d).toBe(1);
    expect(f[1].terminal_risk_1d).toBe(1);
  });

  it('adds exactly the named columns and leaves the input untouched', () => {
    const input = [tx(0, 1, 7, 10)];
    const [out] = addRollingFeatures(input, { windowsDays: [2] });
    expect(Object.keys(out).slice(5)).toEqual(listRollingFeatureNames({ windowsDays: [2] }));
    expect(listRollingFeatureNames({ windowsDays: [2] })).toEqual(['customer_nb_tx_2d', 'customer_avg_amount_2d', 'terminal_nb_tx_2d', 'terminal_risk_2d']);
    expect(Object.keys(input[0]).length).toBe(5);
  });

  it('skips missing amounts in the averages', () => {
    const f = addRollingFeatures([tx(0, 1, 7, 10), { ...tx(0.1, 1, 7, 0), amount: null }]);
    expect(f[1].customer_nb_tx_1d).toBe(2);
    expect(f[1].customer_avg_amount_1d).toBe(10);
  });

  it('reports missing columns and empty input with typed errors', () => {
    expect(errorCode(() => addRollingFeatures([]))).toBe('empty-data');
    expect(errorCode(() => addRollingFeatures([{ customer_id: 1 }]))).toBe('csv-schema');
  });

  it('runs on the generated table', () => {
    const f = addRollingFeatures(rows);
    expect(f.length).toBe(rows.length);
    const fraud = f.filter((r) => r.label === 1);
    const genuine = f.filter((r) => r.label === 0);
    const meanRisk = (rs: typeof f): number => rs.reduce((s, r) => s + (r.terminal_risk_30d as number), 0) / rs.length;
    // Compromised terminals stay compromised for 28 days, so delayed terminal risk is a signal.
    expect(meanRisk(fraud)).toBeGreaterThan(5 * meanRisk(genuine));
  });
});

describe('rollingWarmUpDays', () => {
  it('is the longest window plus the label delay', () => {
    expect(rollingWarmUpDays()).toBe(37);
    expect(rollingWarmUpDays({ windowsDays: [1, 7], delayDays: 0 })).toBe(7);
    expect(rollingWarmUpDays({ windowsDays: [14, 3], delayDays: 2 })).toBe(16);
  });

  it('is the day from which a customer paying daily has a full 30-day count', () => {
    const rows = Array.from({ length: 60 }, (_, day) => ({ tx_time_seconds: day * 86_400 + 3600, customer_id: 1, terminal_id: 1, amount: 10, label: 0 }));
    const counts = addRollingFeatures(rows).map((r) => r.customer_nb_tx_30d);
    expect(counts[10]).toBe(11);
    expect(counts[rollingWarmUpDays() - 1]).toBe(30);
    expect(counts[59]).toBe(30);
  });
});
