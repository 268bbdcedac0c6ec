/**
 * Deployment: save a trained classifier with what it needs to serve (feature names, threshold,
 * preprocessing parameters), load it back, and predict one row or a batch. URLs are tfjs's
 * (`indexeddb://name` in the browser, `downloads://name`, `http(s)://…` to load) plus
 * `memory://name`, an in-process store that works everywhere, tests included.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import type { Matrix } from '../core/types';
import { wrapClassifier } from '../models/classifier';
import type { BinaryClassifier, ClassifierConfig } from '../models/classifier';
import { wrapLogistic } from '../models/logistic';
import { wrapTextModel } from '../models/text-model';
import { isFactorArtifacts, tablesFromArtifacts } from '../models/factor-model';
import { createMatrixFactorization, type MatrixFactorization, type MatrixFactorizationOptions } from '../models/matrix-factorization';
import { createImplicitModel, type ImplicitModel, type ImplicitModelOptions } from '../models/implicit-als';

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

const MEMORY_SCHEME = 'memory://';

const memoryStore = new Map<string, tf.io.ModelArtifacts>();

/** The part of the model's userDefinedMetadata this module owns. */
interface StoredRecord {
  version: 1;
  config: ClassifierConfig;
  metadata: ServingMetadata;
}

/** A recommender `saveModel` can store: matrix factorisation or the implicit ranking model. */
export type SavableRecommender = MatrixFactorization | ImplicitModel;

/** A recommender loaded by `loadRecommender`, with the metadata it was saved with. */
export type LoadedRecommender = SavableRecommender & { readonly metadata: ServingMetadata };

/** Saves a classifier (or a raw LayersModel, or a recommender) and its serving metadata at `url`. */
export async function saveModel(model: BinaryClassifier | tf.LayersModel | SavableRecommender, url: string, metadata: ServingMetadata = {}): Promise<SaveInfo> {
  if ('toArtifacts' in model) return saveRecommender(model, url, metadata);
  const layers = model instanceof tf.LayersModel ? model : model.model;
  if (!(model instanceof tf.LayersModel) && model.disposed) {
    throw new MlError('not-fitted', 'This model has been disposed: save it before calling dispose().');
  }
  const config: ClassifierConfig = model instanceof tf.LayersModel ? { kind: 'layers', inputDim: inputWidth(model) } : model.config;
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
    if (isFactorArtifacts(artifacts)) throw new MlError('bad-argument', `"${url}" holds a recommender: load it with loadRecommender().`);
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
    config.kind === 'logistic' ? wrapLogistic(model, config) : config.kind === 'text' ? wrapTextModel(model, config) : wrapClassifier(model, config);
  return Object.assign(classifier, { metadata: record?.metadata ?? {} });
}

async function saveRecommender(model: SavableRecommender, url: string, metadata: ServingMetadata): Promise<SaveInfo> {
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = model.toArtifacts(JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>);
  } catch (e) {
    throw new MlError('wrong-type', 'Serving metadata must be plain JSON (numbers, strings, arrays, objects).', { cause: e });
  }
  const weightBytes = (artifacts.weightData as ArrayBuffer).byteLength;
  if (url.startsWith(MEMORY_SCHEME)) {
    memoryStore.set(memoryName(url), artifacts);
    return { url, weightBytes };
  }
  const [handler] = tf.io.getSaveHandlers(url);
  if (!handler?.save) throw new MlError('bad-argument', `Cannot save to "${url}": use memory://name, or indexeddb://name in the browser.`);
  try {
    await handler.save(artifacts);
  } catch (e) {
    throw new MlError('bad-argument', `Could not save to "${url}": ${errorText(e)}.`, { cause: e });
  }
  return { url, weightBytes };
}

/** Loads a recommender saved by `saveModel()`: the same tables, seen items and options, ready to recommend. */
export async function loadRecommender(url: string): Promise<LoadedRecommender> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  if (url.startsWith(MEMORY_SCHEME)) artifacts = memoryStore.get(memoryName(url));
  else {
    const [handler] = tf.io.getLoadHandlers(url);
    if (!handler?.load) throw new MlError('bad-argument', `Cannot load from "${url}": use memory://name, or indexeddb://name in the browser.`);
    try {
      artifacts = await handler.load();
    } catch (e) {
      throw new MlError('bad-argument', `Could not load "${url}": ${errorText(e)}.`, { cause: e });
    }
  }
  if (!artifacts) throw new MlError('bad-argument', `No model saved at "${url}". Saved in memory: ${[...memoryStore.keys()].join(', ') || 'none'}.`);
  if (!isFactorArtifacts(artifacts)) throw new MlError('bad-argument', `"${url}" holds a classifier, not a recommender: load it with loadModel().`);
  const { record, tables, seen } = tablesFromArtifacts(artifacts);
  const base = { numUsers: record.numUsers, numItems: record.numItems, factors: record.factors };
  const model: SavableRecommender =
    record.kind === 'matrix-factorization'
      ? createMatrixFactorization({ ...base, ...(record.config as Partial<MatrixFactorizationOptions>), globalMean: record.globalMean }, { tables, seen })
      : createImplicitModel({ ...base, ...(record.config as Partial<ImplicitModelOptions>) }, { tables, seen });
  return Object.assign(model, { metadata: record.metadata as ServingMetadata });
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
