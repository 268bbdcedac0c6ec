/**
 * Deployment: save a trained classifier with what it needs to serve (feature names, threshold,
 * preprocessing parameters), load it back, and measure prediction latency. URLs are tfjs's
 * (`indexeddb://name` in the browser, `downloads://name`, `http(s)://…` to load) plus
 * `memory://name`, an in-process store that works everywhere, tests included.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from './errors';
import type { Matrix } from './types';
import { wrapClassifier } from './mlp';
import type { BinaryClassifier, ClassifierConfig } from './mlp';
import { wrapLogistic } from './logistic';
import { wrapTextModel } from './text-model';

/** What a served model needs besides its weights. Must be JSON-serialisable. */
export interface ServingMetadata {
  featureNames?: string[];
  /** Decision threshold on the probability. */
  threshold?: number;
  /** Parameters of the preprocessing fitted on training data (scaler means, vocabulary, …). */
  preprocessing?: unknown;
  [key: string]: unknown;
}

/** A loaded classifier: the same wrapper it was saved from, plus its metadata. */
export type ServedModel = BinaryClassifier & { readonly metadata: ServingMetadata };

/** Where and how big the saved model is. */
export interface SaveInfo {
  url: string;
  /** Size of the weights in bytes. */
  weightBytes: number;
}

/** Latency percentiles and mean, in milliseconds. */
export interface LatencyReport {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  runs: number;
}

const MEMORY_SCHEME = 'memory://';
const memoryStore = new Map<string, tf.io.ModelArtifacts>();

/** The part of the model's userDefinedMetadata this module owns. */
interface StoredRecord {
  version: 1;
  config: ClassifierConfig;
  metadata: ServingMetadata;
}

/** Saves a classifier (or a raw LayersModel) and its serving metadata at `url`. */
export async function saveModel(
  model: BinaryClassifier | tf.LayersModel,
  url: string,
  metadata: ServingMetadata = {},
): Promise<SaveInfo> {
  const layers = model instanceof tf.LayersModel ? model : model.model;
  if (!(model instanceof tf.LayersModel) && model.disposed) {
    throw new MlError('not-fitted', 'This model has been disposed: save it before calling dispose().');
  }
  const config: ClassifierConfig =
    model instanceof tf.LayersModel ? { kind: 'layers', inputDim: inputWidth(model) } : model.config;
  let record: StoredRecord;
  try {
    record = JSON.parse(JSON.stringify({ version: 1, config, metadata })) as StoredRecord;
  } catch (e) {
    throw new MlError('wrong-type', 'Serving metadata must be plain JSON (numbers, strings, arrays, objects).', { cause: e });
  }
  layers.setUserDefinedMetadata({ fieldbook: record } as unknown as object);
  const handler = url.startsWith(MEMORY_SCHEME)
    ? tf.io.withSaveHandler(async (artifacts) => {
        memoryStore.set(memoryName(url), artifacts);
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      })
    : url;
  try {
    const result = await layers.save(handler);
    return { url, weightBytes: result.modelArtifactsInfo.weightDataBytes ?? 0 };
  } catch (e) {
    throw new MlError('bad-argument', `Could not save to "${url}": ${errorText(e)}. Use memory://name, or indexeddb://name in the browser.`, {
      cause: e,
    });
  }
}

/** Loads a model saved by `saveModel()` and rebuilds its wrapper (logistic, MLP, text model, or generic). */
export async function loadModel(url: string): Promise<ServedModel> {
  let source: string | tf.io.IOHandler = url;
  if (url.startsWith(MEMORY_SCHEME)) {
    const artifacts = memoryStore.get(memoryName(url));
    if (!artifacts) {
      throw new MlError('bad-argument', `No model saved at "${url}". Saved in memory: ${[...memoryStore.keys()].join(', ') || 'none'}.`);
    }
    source = tf.io.fromMemory(artifacts);
  }
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(source);
  } catch (e) {
    throw new MlError('bad-argument', `Could not load "${url}": ${errorText(e)}.`, { cause: e });
  }
  const record = (model.getUserDefinedMetadata() as { fieldbook?: StoredRecord } | undefined)?.fieldbook;
  const config: ClassifierConfig = record?.config ?? { kind: 'layers', inputDim: inputWidth(model) };
  const classifier =
    config.kind === 'logistic'
      ? wrapLogistic(model, config)
      : config.kind === 'text'
        ? wrapTextModel(model, config)
        : wrapClassifier(model, config);
  return Object.assign(classifier, { metadata: record?.metadata ?? {} });
}

/** Deletes a saved model (memory://, or any scheme tfjs's model management knows). */
export async function removeModel(url: string): Promise<void> {
  if (url.startsWith(MEMORY_SCHEME)) {
    memoryStore.delete(memoryName(url));
    return;
  }
  await tf.io.removeModel(url);
}

/** Names of the models saved with memory://. */
export function listMemoryModels(): string[] {
  return [...memoryStore.keys()].map((name) => MEMORY_SCHEME + name);
}

/** Probability of class 1 for one row. */
export function predictOne(model: { predictProba(x: Matrix): ArrayLike<number> }, row: readonly number[]): number {
  return model.predictProba([row.slice()])[0];
}

/** Probabilities of class 1 for many rows, as a plain array. */
export function predictBatch(model: { predictProba(x: Matrix): ArrayLike<number> }, rows: Matrix): number[] {
  return Array.from(model.predictProba(rows));
}

/**
 * Times `fn` (sync or async) `runs` times after `warmup` untimed calls and reports percentiles in
 * milliseconds. The warm-up lets tfjs compile kernels and the JIT settle, as a served model would.
 */
export async function measureLatency(
  fn: () => unknown,
  options: { runs?: number; warmup?: number } = {},
): Promise<LatencyReport> {
  const { runs = 200, warmup = 20 } = options;
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
    throw new MlError('bad-argument', `runs must be ≥ 1 and warmup ≥ 0, both whole numbers (got ${runs}, ${warmup}).`);
  }
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p90: percentile(times, 0.9),
    p99: percentile(times, 0.99),
    mean: times.reduce((s, t) => s + t, 0) / runs,
    min: times[0],
    max: times[runs - 1],
    runs,
  };
}

/** Linear-interpolated percentile of sorted values (numpy's default). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new MlError('empty-data', 'percentile() needs at least one value.');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function memoryName(url: string): string {
  const name = url.slice(MEMORY_SCHEME.length);
  if (!name) throw new MlError('bad-argument', 'memory:// needs a name, e.g. memory://fraud-model.');
  return name;
}

function inputWidth(model: tf.LayersModel): number {
  return model.inputs[0].shape[1] ?? 0;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
