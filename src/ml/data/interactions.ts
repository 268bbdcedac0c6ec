/**
 * From a ratings or plays table to what recommenders train and are judged on: one id encoder for
 * users and items (0-based indices, sized exactly, unknown ids reported rather than mapped to a
 * spare slot), a global time split (one cut-off date for everybody, as in production), and the
 * held-out "relevant" sets with the training items masked.
 */
import { MlError } from '../core/errors';

/** A row with a user and an item id, as read from a file (ids may be numbers or strings). */
export interface InteractionRow {
  user: number | string;
  item: number | string;
  rating?: number;
  timestamp?: number;
}

/** An encoded row: indices instead of ids, the other fields kept. */
export type EncodedRow<R extends InteractionRow> = Omit<R, 'user' | 'item'> & { user: number; item: number; rating: number };

/** Maps raw user and item ids to 0-based indices and back. */
export interface IdEncoder {
  readonly numUsers: number;
  readonly numItems: number;
  /** Raw ids by index. */
  readonly userIds: readonly (number | string)[];
  readonly itemIds: readonly (number | string)[];
  /** Index of a raw id, or -1 when it was not in the fitted rows (a new user or item). */
  userIndex(id: number | string): number;
  itemIndex(id: number | string): number;
  /**
   * Encodes rows; rows naming an unknown user or item are left out and counted (they are cold
   * start, which a model trained on the fitted rows cannot score).
   */
  encode<R extends InteractionRow>(rows: readonly R[]): { rows: EncodedRow<R>[]; unknownUsers: number; unknownItems: number };
}

const key = (id: number | string) => String(id);

/** Sorts ids numerically when they all are numbers, else as text (so '10' follows '9'). */
function sortIds(ids: (number | string)[]): (number | string)[] {
  const numeric = ids.every((v) => Number.isFinite(Number(v)));
  return numeric ? ids.sort((a, b) => Number(a) - Number(b)) : ids.sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * Numbers the users and items of `rows` 0 … n − 1 in id order. `items` adds catalogue ids that may
 * have no rows yet (new titles), so the model ranks the whole catalogue.
 */
export function fitIdEncoder(
  rows: readonly InteractionRow[],
  options: { items?: readonly (number | string)[]; users?: readonly (number | string)[] } = {},
): IdEncoder {
  if (rows.length === 0 && !options.items?.length) throw new MlError('empty-data', 'fitIdEncoder() needs rows (or a catalogue of items).');
  const distinct = (values: Iterable<number | string>) => {
    const seen = new Map<string, number | string>();
    for (const v of values) if (!seen.has(key(v))) seen.set(key(v), v);
    return sortIds([...seen.values()]);
  };
  const userIds = distinct([...rows.map((r) => r.user), ...(options.users ?? [])]);
  const itemIds = distinct([...rows.map((r) => r.item), ...(options.items ?? [])]);
  const userMap = new Map(userIds.map((id, i) => [key(id), i]));
  const itemMap = new Map(itemIds.map((id, i) => [key(id), i]));
  const userIndex = (id: number | string) => userMap.get(key(id)) ?? -1;
  const itemIndex = (id: number | string) => itemMap.get(key(id)) ?? -1;
  return {
    numUsers: userIds.length,
    numItems: itemIds.length,
    userIds,
    itemIds,
    userIndex,
    itemIndex,
    encode(input) {
      const out: EncodedRow<(typeof input)[number]>[] = [];
      let unknownUsers = 0;
      let unknownItems = 0;
      for (const r of input) {
        const u = userIndex(r.user);
        const i = itemIndex(r.item);
        if (u < 0) unknownUsers++;
        if (i < 0) unknownItems++;
        if (u < 0 || i < 0) continue;
        out.push({ ...r, user: u, item: i, rating: r.rating ?? 1 });
      }
      return { rows: out, unknownUsers, unknownItems };
    },
  };
}

/** The three periods of a global time split and the dates that separate them. */
export interface GlobalTimeSplit<R> {
  train: R[];
  validation: R[];
  test: R[];
  /** First timestamp of the validation and of the test period. */
  validationFrom: number;
  testFrom: number;
}

/**
 * Splits by one calendar for everybody: train before `validationFrom`, validation until
 * `testFrom`, test after. Give the cut-offs as timestamps, or as the shares of rows the last
 * periods should hold (default: test 20 %, no validation). A random split, or each user's own last
 * ratings, would train on ratings given after the test ones — the future — and make popularity
 * trends and new titles look predictable.
 */
export function globalTimeSplit<R extends { timestamp?: number }>(
  rows: readonly R[],
  options: { validationFrom?: number; testFrom?: number; validationFraction?: number; testFraction?: number } = {},
): GlobalTimeSplit<R> {
  if (rows.length < 2) throw new MlError('empty-data', 'globalTimeSplit() needs at least 2 rows.');
  const times = rows.map((r, i) => {
    if (typeof r.timestamp !== 'number' || !Number.isFinite(r.timestamp)) {
      throw new MlError('csv-schema', `globalTimeSplit(): row ${i} needs a numeric 'timestamp', got ${JSON.stringify(r.timestamp)}.`);
    }
    return r.timestamp;
  });
  const sorted = times.slice().sort((a, b) => a - b);
  const quantileTime = (share: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * (1 - share))))];
  const testShare = options.testFraction ?? 0.2;
  const validationShare = options.validationFraction ?? 0;
  if (!(testShare > 0 && testShare < 1) || !(validationShare >= 0 && validationShare + testShare < 1)) {
    throw new MlError('bad-argument', `testFraction (${testShare}) and validationFraction (${validationShare}) must be shares that leave rows to train on.`);
  }
  const testFrom = options.testFrom ?? quantileTime(testShare);
  const validationFrom = options.validationFrom ?? (validationShare > 0 ? quantileTime(testShare + validationShare) : testFrom);
  if (validationFrom > testFrom) throw new MlError('bad-argument', `validationFrom (${validationFrom}) is after testFrom (${testFrom}).`);
  const split: GlobalTimeSplit<R> = { train: [], validation: [], test: [], validationFrom, testFrom };
  rows.forEach((r, i) => {
    const t = times[i];
    (t < validationFrom ? split.train : t < testFrom ? split.validation : split.test).push(r);
  });
  return split;
}

/**
 * Each user's held-out items, the sets ranking metrics compare top-k lists with: only users the
 * model knows, only items rated at least `minRating` (default: any), and never an item the user
 * already had in training (it is masked from the lists, so it cannot count as a hit).
 */
export function heldOutItems<R extends { user: number; item: number; rating?: number }>(
  test: readonly R[],
  seen: (user: number) => ReadonlySet<number>,
  options: { minRating?: number; numUsers?: number } = {},
): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const r of test) {
    if (options.numUsers !== undefined && (r.user < 0 || r.user >= options.numUsers)) continue;
    if (options.minRating !== undefined && (r.rating ?? 0) < options.minRating) continue;
    if (seen(r.user).has(r.item)) continue;
    let set = out.get(r.user);
    if (!set) out.set(r.user, (set = new Set()));
    set.add(r.item);
  }
  return out;
}
