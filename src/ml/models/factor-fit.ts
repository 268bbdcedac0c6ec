/**
 * The epoch loop of the factor models' `fit()`: shuffles, runs one pass, measures validation RMSE,
 * stops early when it has not improved for `patience` epochs (on by default) and puts back the best
 * epoch's tables, reports each epoch, yields to the event loop and honours an abort signal.
 * Histories are named for what they hold (`rmse`, `val_rmse`), never an unnamed `loss`.
 */
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import { maybeYield, yieldToEventLoop } from '../core/yield';
import type { TrainPlan } from '../train/types';

/** Per-epoch numbers a factor model reports (RMSE for rating models, a loss for ranking ones). */
export type FactorLogs = Record<string, number>;

/** Options of a factor model's `fit()`. */
export interface FactorFitOptions<R> {
  /** Most epochs (default 40 for matrix factorisation, 10 for the ranking model). */
  epochs?: number;
  /**
   * Held-out rows to stop on, or the share of the training rows to hold out at random (default
   * 0.1). `null` turns validation, and so early stopping, off.
   */
  validation?: readonly R[] | number | null;
  /** Early stopping on the validation metric (default { patience: 3 }); false turns it off. */
  earlyStopping?: { patience?: number; minDelta?: number } | false;
  signal?: AbortSignal;
  seed?: number;
  /** Called once before the first epoch (a training view spread into the options uses it). */
  onTrainBegin?(plan: TrainPlan): void | Promise<void>;
  onEpoch?(epoch: number, logs: FactorLogs): void | Promise<void>;
  /** Called once when the fit ends: done, stopped early or aborted. */
  onTrainEnd?(result: FactorFitResult): void | Promise<void>;
}

/** What `fit()` did. */
export interface FactorFitResult {
  history: { epoch: number[]; [metric: string]: number[] };
  /** Epochs completed. */
  epochs: number;
  /** Epoch (0-based) with the best validation metric; with early stopping on, its tables are the ones kept. */
  bestEpoch: number | null;
  stoppedEarly: boolean;
  aborted: boolean;
  /** Wall-clock seconds of the whole fit, and per epoch on average. */
  seconds: number;
  secondsPerEpoch: number;
}

/** What a model gives the loop. */
export interface FactorFitHooks<R, S> {
  /**
   * Sets up training on `train`; returns one pass over them in the given order (returns the
   * training metric). `given` is every row passed to fit, including a share held out for early
   * stopping: those are still the user's own history, so they count as seen.
   */
  prepare(train: readonly R[], given: readonly R[]): (order: Int32Array) => number;
  /** The validation metric (lower is better). */
  validationRmse(validation: readonly R[]): number;
  snapshot(): S;
  restore(best: S): void;
  /** Names of the training and validation metric (default 'rmse', 'val_rmse'). */
  names?: [string, string];
  defaultEpochs?: number;
  /** Some models (the ranking one) pass rows in a fixed order and ignore the shuffle. */
  shuffle?: boolean;
  /** Renames or converts the logs before they are recorded and reported (default: as they are). */
  report?(logs: FactorLogs): FactorLogs;
}

/** Runs the loop; see the module comment. */
export async function fitFactorModel<R, S = unknown>(rows: readonly R[], options: FactorFitOptions<R>, hooks: FactorFitHooks<R, S>): Promise<FactorFitResult> {
  const started = performance.now();
  const epochs = options.epochs ?? hooks.defaultEpochs ?? 40;
  if (!Number.isInteger(epochs) || epochs < 1) throw new MlError('bad-argument', `epochs must be a whole number ≥ 1 (got ${epochs}).`);
  if (rows.length === 0) throw new MlError('empty-data', 'fit() needs at least one training row: check the split that produced them.');
  const rng = createRng(options.seed ?? 42);
  const [trainName, valName] = hooks.names ?? ['rmse', 'val_rmse'];
  let trainRows: readonly R[] = rows;
  let validation: readonly R[] | null = null;
  const v = options.validation === undefined ? 0.1 : options.validation;
  if (typeof v === 'number') {
    if (!(v > 0 && v < 1)) throw new MlError('bad-argument', `validation as a share must be between 0 and 1 (got ${v}), e.g. 0.1.`);
    const order = rng.shuffle(rows.map((_, i) => i));
    const cut = Math.max(1, Math.round(rows.length * v));
    validation = order.slice(0, cut).map((i) => rows[i]);
    trainRows = order.slice(cut).map((i) => rows[i]);
  } else if (v !== null) {
    validation = v.length > 0 ? v : null;
  }
  const stopping = options.earlyStopping === false || !validation ? null : { patience: 3, minDelta: 1e-4, ...options.earlyStopping };
  const pass = hooks.prepare(trainRows, rows);
  const history: FactorFitResult['history'] = { epoch: [] };
  const result: FactorFitResult = { history, epochs: 0, bestEpoch: null, stoppedEarly: false, aborted: false, seconds: 0, secondsPerEpoch: 0 };
  const order = Int32Array.from(trainRows, (_, i) => i);
  // One "batch" is one pass here: the factor models update row by row inside it.
  await options.onTrainBegin?.({ epochs, samples: trainRows.length, batchesPerEpoch: 1 });
  let best = Infinity;
  let bestWeights: S | null = null;
  let wait = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (options.signal?.aborted) {
      result.aborted = true;
      break;
    }
    if (hooks.shuffle ?? true) shuffleInPlace(order, rng.next);
    const logs: FactorLogs = { [trainName]: pass(order) };
    if (validation) logs[valName] = hooks.validationRmse(validation);
    const shown = hooks.report ? hooks.report(logs) : logs;
    history.epoch.push(epoch);
    for (const [k, value] of Object.entries(shown)) (history[k] ??= []).push(value);
    result.epochs = epoch + 1;
    await options.onEpoch?.(epoch, shown);
    await maybeYield();
    if (validation) {
      const value = logs[valName];
      if (value < best - (stopping?.minDelta ?? 0)) {
        best = value;
        result.bestEpoch = epoch;
        wait = 0;
        if (stopping) bestWeights = hooks.snapshot();
      } else if (stopping && ++wait >= stopping.patience) {
        result.stoppedEarly = true;
        break;
      }
    }
  }
  if (bestWeights && result.bestEpoch !== null && result.bestEpoch < result.epochs - 1) hooks.restore(bestWeights);
  await yieldToEventLoop();
  result.seconds = (performance.now() - started) / 1000;
  result.secondsPerEpoch = result.epochs > 0 ? result.seconds / result.epochs : 0;
  await options.onTrainEnd?.(result);
  return result;
}

function shuffleInPlace(a: Int32Array, next: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
