/**
 * A card-transaction simulator for the fraud notebook, after the simulator of the Fraud Detection
 * Handbook (Le Borgne, Siblini, Lebichot & Bontempi, "Reproducible Machine Learning for Credit
 * Card Fraud Detection — Practical Handbook", 2022, ch. 3), scaled down to train in seconds.
 *
 * Hidden structure a notebook can teach:
 * - Customers live at (x, y) on a 100×100 grid (60% around two city centres: `customer_region`
 *   'urban', else 'rural'); each has a mean amount (5–100), a spread, and a mean number of
 *   transactions a day (0–2.5). They pay at terminals within `radius` of home, plus a few online
 *   terminals. Times of day follow a normal curve around noon; amounts are log-normal (skewed)
 *   around the customer's habit, scaled by merchant type (travel and electronics cost more).
 * - Scenario 1: every amount above `largeAmountThreshold` (220) is fraud; a rule finds it.
 * - Scenario 2: each day about `compromisedTerminalsPerDay` terminals are compromised for the next
 *   28 days and all their transactions are fraud (online ×3 and electronics ×2 likelier); the
 *   terminal's recent fraud rate reveals it, once labels arrive.
 * - Scenario 3: each day about `compromisedCustomersPerDay` cards leak; over the next 14 days a
 *   third of that customer's transactions are fraudsters' with amounts ×5, 40% of them moved to
 *   an online terminal; 60+ and 18–25 customers are targeted more (a fairness lesson).
 *   The customer's recent mean amount reveals it.
 * - Scenario 4, off unless `newPatternFromDay` is set: from that day, card-testing bursts (3–8
 *   online payments of 0.5–5 within minutes, at night) appear: a pattern a model trained before
 *   never saw, so its recall falls while the amount and hour distributions drift (PSI rises).
 * - Dirt: `merchant_type` missing in 3% of rows, `customer_age_group` in 4%, 0.2% duplicated rows
 *   (same `transaction_id`). `scenario` is the answer key: drop it before training.
 *
 * The Handbook's rolling features over these rows are in `rolling-features.ts`.
 *
 * Defaults: 400 customers, 800 terminals, 60 days: about 28,000 transactions, fraud rate about
 * 1% (0.5–2% across seeds); generation takes well under a second.
 */
import { MlError } from '../core/errors';
import { createRng, type Rng } from '../core/random';
import type { Table } from '../core/types';

/** Options of {@link generateTransactions}. */
export interface TransactionOptions {
  customers?: number;
  terminals?: number;
  days?: number;
  seed?: number;
  /** Day 0, ISO date (default '2025-04-01'). */
  startDate?: string;
  /** How far from home (grid units) customers shop in person (default 8). */
  radius?: number;
  /** Mean number of terminals compromised per day, scenario 2 (default 0.12). */
  compromisedTerminalsPerDay?: number;
  /** Mean number of cards compromised per day, scenario 3 (default 0.3). */
  compromisedCustomersPerDay?: number;
  /** Amount above which a transaction is fraud, scenario 1 (default 220). */
  largeAmountThreshold?: number;
  missingMerchantRate?: number;
  missingAgeRate?: number;
  duplicateRate?: number;
  /** First day of the card-testing pattern, scenario 4 (default: never). */
  newPatternFromDay?: number;
  /** Mean number of card-testing bursts per day from then on (default 4). */
  newPatternBurstsPerDay?: number;
}

/** The merchant categories of terminals. */
export const merchantTypes = ['grocery', 'fuel', 'restaurant', 'online', 'travel', 'electronics', 'pharmacy', 'clothing'] as const;
/** A merchant category. */
export type MerchantType = (typeof merchantTypes)[number];
/** Customer age bands, for fairness analysis. */
export const ageGroups = ['18-25', '26-40', '41-60', '60+'] as const;
/** A customer age band. */
export type AgeGroup = (typeof ageGroups)[number];

const MERCHANT_SHARE = [0.25, 0.12, 0.2, 0.12, 0.05, 0.08, 0.1, 0.08];
const MERCHANT_SPEND = [1, 0.8, 0.6, 1, 1.3, 1.2, 0.5, 1];
const MERCHANT_RISK = [1, 1, 1, 3, 1, 2, 1, 1];
const AGE_SHARE = [0.15, 0.35, 0.32, 0.18];
const AGE_TARGETED = [1.5, 1, 1, 2];
const CITIES = [
  [30, 32],
  [70, 66],
];
const DAY = 86_400;

/** A simulated card holder; `terminal_ids` are the terminals they use. */
export interface CustomerProfile {
  customer_id: number;
  x: number;
  y: number;
  mean_amount: number;
  std_amount: number;
  mean_tx_per_day: number;
  age_group: AgeGroup;
  region: 'urban' | 'rural';
  terminal_ids: number[];
}

/** A simulated payment terminal. */
export interface TerminalProfile {
  terminal_id: number;
  x: number;
  y: number;
  merchant_type: MerchantType;
}

/** One generated transaction. `scenario` is 0 for genuine ones and says which fraud otherwise. */
export type TransactionRow = {
  transaction_id: number;
  /** ISO date-time (UTC) and the same instant as seconds since day 0, its day and hour. */
  tx_datetime: string;
  tx_time_seconds: number;
  tx_day: number;
  tx_hour: number;
  customer_id: number;
  terminal_id: number;
  amount: number;
  merchant_type: string | null;
  customer_age_group: string | null;
  customer_region: string;
  label: number;
  scenario: number;
};

/** What the simulator did, for checking a model against the truth. */
export interface TransactionInfo {
  transactions: number;
  fraudRate: number;
  /** Fraudulent transactions per scenario (1–4). */
  fraudByScenario: Record<1 | 2 | 3 | 4, number>;
  compromisedTerminals: { terminal_id: number; fromDay: number }[];
  compromisedCustomers: { customer_id: number; fromDay: number }[];
  startDate: string;
  days: number;
  newPatternFromDay: number | null;
}

const COLUMNS = [
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
];

const clampToGrid = (v: number): number => Math.min(100, Math.max(0, v));

/** A point near a city centre with probability `urbanShare`, anywhere otherwise. */
function placePoint(rng: Rng, urbanShare: number, spread: number): [number, number] {
  if (!rng.bernoulli(urbanShare)) return [rng.uniform(0, 100), rng.uniform(0, 100)];
  const [cx, cy] = rng.pick(CITIES);
  return [clampToGrid(rng.normal(cx, spread)), clampToGrid(rng.normal(cy, spread))];
}

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new MlError('bad-argument', `generateTransactions(): ${name} must be a whole number ≥ ${min}, got ${v}.`);
}

function makeTerminals(rng: Rng, n: number): TerminalProfile[] {
  return Array.from({ length: n }, (_, terminal_id) => {
    const [x, y] = placePoint(rng, 0.55, 8);
    return { terminal_id, x, y, merchant_type: merchantTypes[rng.weightedIndex(MERCHANT_SHARE)] };
  });
}

function makeCustomers(rng: Rng, n: number, terminals: TerminalProfile[], radius: number): CustomerProfile[] {
  const physical = terminals.filter((t) => t.merchant_type !== 'online');
  const online = terminals.filter((t) => t.merchant_type === 'online');
  return Array.from({ length: n }, (_, customer_id) => {
    const [x, y] = placePoint(rng, 0.6, 12);
    const ageIndex = rng.weightedIndex(AGE_SHARE);
    const mean_amount = rng.uniform(5, 100) * (ageIndex === 0 ? 0.75 : 1);
    const byDistance = physical.map((t) => ({ id: t.terminal_id, d: Math.hypot(t.x - x, t.y - y) })).sort((a, b) => a.d - b.d);
    const near = byDistance.filter((t) => t.d <= radius);
    const inPerson = (near.length >= 3 ? near : byDistance.slice(0, 3)).map((t) => t.id);
    const remote = online.length === 0 ? [] : Array.from({ length: rng.int(1, 3) }, () => rng.pick(online).terminal_id);
    const urban = CITIES.some(([cx, cy]) => Math.hypot(cx - x, cy - y) < 18);
    return {
      customer_id,
      x,
      y,
      mean_amount,
      std_amount: mean_amount / 2,
      mean_tx_per_day: rng.uniform(0, 2.5),
      age_group: ageGroups[ageIndex],
      region: urban ? 'urban' : 'rural',
      terminal_ids: [...inPerson, ...new Set(remote)],
    };
  });
}

/** A skewed amount with the customer's mean (log-normal with coefficient of variation ~0.6). */
function drawAmount(rng: Rng, mean: number): number {
  const sigma = 0.5;
  return Math.max(0.01, Math.round(rng.logNormal(Math.log(mean) - (sigma * sigma) / 2, sigma) * 100) / 100);
}

/** For each day, a Poisson number of weighted picks; returns each pick's start days. */
function drawCompromises(rng: Rng, days: number, perDay: number, weights: number[]): Map<number, number[]> {
  const starts = new Map<number, number[]>();
  for (let day = 0; day < days; day++) {
    for (let k = rng.poisson(perDay); k > 0; k--) {
      const id = rng.weightedIndex(weights);
      starts.set(id, [...(starts.get(id) ?? []), day]);
    }
  }
  return starts;
}

function listCompromises(starts: Map<number, number[]>): [number, number][] {
  return [...starts].flatMap(([id, days]) => days.map((d): [number, number] => [id, d])).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

interface RawTx {
  time: number;
  customer: number;
  terminal: number;
  amount: number;
  scenario: number;
}

/**
 * Simulates card transactions with planted fraud scenarios, returning the table plus the hidden
 * customer and terminal profiles and the simulator's answer key; see the module comment.
 */
export function generateTransactions(options: TransactionOptions = {}): {
  table: Table<TransactionRow>;
  customers: CustomerProfile[];
  terminals: TerminalProfile[];
  info: TransactionInfo;
} {
  const {
    customers: nCustomers = 400,
    terminals: nTerminals = 800,
    days = 60,
    seed = 42,
    startDate = '2025-04-01',
    radius = 8,
    compromisedTerminalsPerDay = 0.12,
    compromisedCustomersPerDay = 0.3,
    largeAmountThreshold = 220,
    missingMerchantRate = 0.03,
    missingAgeRate = 0.04,
    duplicateRate = 0.002,
    newPatternBurstsPerDay = 4,
  } = options;
  checkCount('customers', nCustomers, 1);
  checkCount('terminals', nTerminals, 1);
  checkCount('days', days, 1);
  const start = Date.parse(startDate);
  if (!Number.isFinite(start))
    throw new MlError('bad-argument', `generateTransactions(): startDate must be an ISO date like '2025-04-01', got '${startDate}'.`);
  const newPatternFromDay = options.newPatternFromDay ?? null;
  const rng = createRng(seed);
  // Separate streams, so changing one rate does not reshuffle everything else.
  const [placeRng, txRng, fraudRng, dirtRng] = [rng.fork(), rng.fork(), rng.fork(), rng.fork()];
  const terminals = makeTerminals(placeRng, nTerminals);
  const customers = makeCustomers(placeRng, nCustomers, terminals, radius);
  const online = terminals.filter((t) => t.merchant_type === 'online').map((t) => t.terminal_id);

  const txs: RawTx[] = [];
  for (let day = 0; day < days; day++) {
    for (const c of customers) {
      const n = txRng.poisson(c.mean_tx_per_day);
      for (let k = 0; k < n; k++) {
        const second = Math.round(txRng.normal(DAY / 2, 20_000));
        if (second < 0 || second >= DAY) continue;
        const terminal = txRng.pick(c.terminal_ids);
        const amount = drawAmount(txRng, c.mean_amount * MERCHANT_SPEND[merchantTypes.indexOf(terminals[terminal].merchant_type)]);
        txs.push({ time: day * DAY + second, customer: c.customer_id, terminal, amount, scenario: 0 });
      }
    }
  }

  for (const tx of txs) if (tx.amount > largeAmountThreshold) tx.scenario = 1;
  const terminalWeights = terminals.map((t) => MERCHANT_RISK[merchantTypes.indexOf(t.merchant_type)]);
  const customerWeights = customers.map((c) => AGE_TARGETED[ageGroups.indexOf(c.age_group)]);
  const hitTerminals = drawCompromises(fraudRng, days, compromisedTerminalsPerDay, terminalWeights);
  const hitCustomers = drawCompromises(fraudRng, days, compromisedCustomersPerDay, customerWeights);
  const within = (tx: RawTx, fromDay: number, span: number): boolean => tx.time >= fromDay * DAY && tx.time < (fromDay + span) * DAY;
  for (const tx of txs) {
    if (hitTerminals.get(tx.terminal)?.some((d) => within(tx, d, 28))) tx.scenario = 2;
  }
  for (const tx of txs) {
    if (hitCustomers.get(tx.customer)?.some((d) => within(tx, d, 14)) && fraudRng.bernoulli(1 / 3)) {
      tx.amount = Math.round(tx.amount * 5 * 100) / 100;
      if (online.length > 0 && fraudRng.bernoulli(0.4)) tx.terminal = fraudRng.pick(online);
      tx.scenario = 3;
    }
  }
  if (newPatternFromDay !== null && online.length > 0) {
    for (let day = Math.max(0, newPatternFromDay); day < days; day++) {
      for (let b = fraudRng.poisson(newPatternBurstsPerDay); b > 0; b--) {
        const customer = fraudRng.int(0, nCustomers - 1);
        const terminal = fraudRng.pick(online);
        let time = day * DAY + fraudRng.int(0, 5 * 3600);
        for (let k = fraudRng.int(3, 8); k > 0; k--) {
          txs.push({ time, customer, terminal, amount: Math.round(fraudRng.uniform(0.5, 5) * 100) / 100, scenario: 4 });
          time += fraudRng.int(20, 300);
        }
      }
    }
  }

  txs.sort((a, b) => a.time - b.time);
  const rows: TransactionRow[] = [];
  txs.forEach((tx, transaction_id) => {
    const c = customers[tx.customer];
    const row: TransactionRow = {
      transaction_id,
      tx_datetime: new Date(start + tx.time * 1000).toISOString().slice(0, 19) + 'Z',
      tx_time_seconds: tx.time,
      tx_day: Math.floor(tx.time / DAY),
      tx_hour: Math.floor((tx.time % DAY) / 3600),
      customer_id: tx.customer,
      terminal_id: tx.terminal,
      amount: tx.amount,
      merchant_type: dirtRng.bernoulli(missingMerchantRate) ? null : terminals[tx.terminal].merchant_type,
      customer_age_group: dirtRng.bernoulli(missingAgeRate) ? null : c.age_group,
      customer_region: c.region,
      label: tx.scenario > 0 ? 1 : 0,
      scenario: tx.scenario,
    };
    rows.push(row);
    if (dirtRng.bernoulli(duplicateRate)) rows.push({ ...row });
  });

  const fraudByScenario: TransactionInfo['fraudByScenario'] = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const tx of txs) if (tx.scenario > 0) fraudByScenario[tx.scenario as 1 | 2 | 3 | 4]++;
  const frauds = fraudByScenario[1] + fraudByScenario[2] + fraudByScenario[3] + fraudByScenario[4];
  return {
    table: { columns: COLUMNS.slice(), rows },
    customers,
    terminals,
    info: {
      transactions: txs.length,
      fraudRate: txs.length === 0 ? 0 : frauds / txs.length,
      fraudByScenario,
      compromisedTerminals: listCompromises(hitTerminals).map(([terminal_id, fromDay]) => ({ terminal_id, fromDay })),
      compromisedCustomers: listCompromises(hitCustomers).map(([customer_id, fromDay]) => ({ customer_id, fromDay })),
      startDate,
      days,
      newPatternFromDay,
    },
  };
}
