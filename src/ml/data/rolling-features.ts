/**
 * The Fraud Detection Handbook's engineered features (ch. 3.4) over card transactions, such as
 * `generateTransactions()` makes or a learner's own file holds: per customer, how many
 * transactions and what mean amount over the last days; per terminal, how many transactions and
 * what share of fraud over days that end a label delay back, so no feature uses a label a bank
 * would not know yet.
 */
import { MlError } from '../core/errors';
import type { Row } from '../core/types';

/** Seconds in a day: `tx_time_seconds` counts seconds from day 0. */
const DAY = 86_400;

/** Options of {@link addRollingFeatures}. */
export interface RollingOptions {
  /** Window lengths in days (default [1, 7, 30]). */
  windowsDays?: number[];
  /** Days before a transaction's label is known, for the terminal features (default 7). */
  delayDays?: number;
}

/** Names of the columns {@link addRollingFeatures} adds, in order. */
export function listRollingFeatureNames(options: RollingOptions = {}): string[] {
  const { windowsDays = [1, 7, 30] } = options;
  return [
    ...windowsDays.flatMap((w) => [`customer_nb_tx_${w}d`, `customer_avg_amount_${w}d`]),
    ...windowsDays.flatMap((w) => [`terminal_nb_tx_${w}d`, `terminal_risk_${w}d`]),
  ];
}

/**
 * Days of history the rolling features need before every window is full: the longest window,
 * plus the label delay for the terminal risk features (their window ends `delayDays` back).
 * Rows earlier than this have features a live system never sees (a 30-day count over 7 days of
 * history is a third of the live one): keep them out of training and evaluation.
 */
export function rollingWarmUpDays(options: RollingOptions = {}): number {
  const { windowsDays = [1, 7, 30], delayDays = 7 } = options;
  return Math.max(...windowsDays) + delayDays;
}

function readNumber(row: Row, key: string, i: number): number {
  const v = row[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new MlError('csv-schema', `addRollingFeatures(): row ${i} needs a number in '${key}', got ${JSON.stringify(v)}.`);
  }
  return v;
}

/** Row indices grouped by a key, each group in time order (ties keep row order). */
function groupInTimeOrder(rows: readonly Row[], key: string, times: number[]): number[][] {
  const order = rows.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  const groups = new Map<unknown, number[]>();
  for (const i of order) {
    const k = rows[i][key];
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.values()];
}

/**
 * Adds the Handbook's engineered features (ch. 3.4) to each row, as new objects in the same order.
 * Per customer, over the window ending at the transaction (itself included, nothing later):
 * `customer_nb_tx_Nd` and `customer_avg_amount_Nd` (null amounts skipped). Per terminal:
 * `terminal_nb_tx_Nd` and `terminal_risk_Nd`, the share of fraud among its transactions in the
 * N days that end `delayDays` before this one. The delay is there because in a bank a fraud
 * label arrives days later (investigation, the customer's complaint); a feature using the last
 * week's labels would be unavailable in production and would leak in evaluation. Rows need
 * `tx_time_seconds`, `customer_id`, `terminal_id`, `amount` and `label` (1 = fraud).
 */
export function addRollingFeatures<R extends Row>(rows: readonly R[], options: RollingOptions = {}): (R & Record<string, number | null>)[] {
  const { windowsDays = [1, 7, 30], delayDays = 7 } = options;
  if (!Array.isArray(rows) || rows.length === 0) throw new MlError('empty-data', 'addRollingFeatures() needs at least one row.');
  if (windowsDays.some((w) => !(w > 0)) || !(delayDays >= 0)) {
    throw new MlError('bad-argument', 'addRollingFeatures(): windows must be positive numbers of days and delayDays ≥ 0.');
  }
  const times = rows.map((r, i) => readNumber(r, 'tx_time_seconds', i));
  const amounts = rows.map((r) => (typeof r.amount === 'number' && Number.isFinite(r.amount) ? r.amount : null));
  const frauds = rows.map((r) => (r.label === 1 ? 1 : 0));
  const columns = new Map(listRollingFeatureNames({ windowsDays }).map((n) => [n, new Array<number | null>(rows.length)]));
  const column = (name: string): (number | null)[] => columns.get(name)!;

  for (const g of groupInTimeOrder(rows, 'customer_id', times)) {
    for (const w of windowsDays) {
      const count = column(`customer_nb_tx_${w}d`);
      const mean = column(`customer_avg_amount_${w}d`);
      let lo = 0;
      let sum = 0;
      let known = 0;
      for (let k = 0; k < g.length; k++) {
        const i = g[k];
        if (amounts[i] !== null) {
          sum += amounts[i]!;
          known++;
        }
        while (times[g[lo]] <= times[i] - w * DAY) {
          if (amounts[g[lo]] !== null) {
            sum -= amounts[g[lo]]!;
            known--;
          }
          lo++;
        }
        count[i] = k - lo + 1;
        mean[i] = known > 0 ? sum / known : null;
      }
    }
  }
  for (const g of groupInTimeOrder(rows, 'terminal_id', times)) {
    for (const w of windowsDays) {
      const count = column(`terminal_nb_tx_${w}d`);
      const risk = column(`terminal_risk_${w}d`);
      // Window (t − delay − w, t − delay], over earlier rows only, so a row never sees its own label.
      let lo = 0;
      let hi = 0;
      let fraudsIn = 0;
      for (let k = 0; k < g.length; k++) {
        const i = g[k];
        while (hi < k && times[g[hi]] <= times[i] - delayDays * DAY) fraudsIn += frauds[g[hi++]];
        while (lo < hi && times[g[lo]] <= times[i] - (delayDays + w) * DAY) fraudsIn -= frauds[g[lo++]];
        count[i] = hi - lo;
        risk[i] = hi > lo ? fraudsIn / (hi - lo) : 0;
      }
    }
  }
  const names = [...columns.keys()];
  const values = [...columns.values()];
  return rows.map((r, i) => {
    // A key-by-key copy keeps V8 on fast properties; spreading then adding keys is ~3× slower.
    const o: Record<string, unknown> = {};
    for (const key in r) o[key] = r[key];
    for (let k = 0; k < names.length; k++) o[names[k]] = values[k][i];
    return o as R & Record<string, number | null>;
  });
}
