/**
 * The binary classifier every toolkit model shares: a tfjs LayersModel wrapped so plain arrays go
 * in, probabilities come out, and disposal frees the weights and the optimizer together. Logistic
 * regression, the MLP and the text model are built on it.
 *
 * Reading results: predictions are made inside `tf.tidy`, which returns the tensor, and the numbers
 * are read outside it (`predictStore`). Never `tf.tidy(() => t.dataSync())` on a large tensor:
 * `tidy` walks the array it returns element by element looking for tensors to keep, which took
 * 8–10 s for 5 M values.
 */
import * as tf from '@tensorflow/tfjs';
import { MlError } from '../core/errors';
import { createRng } from '../core/random';
import type { Matrix } from '../core/types';
import type { FitTrainable } from '../train/types';
import { assertMatrix } from '../core/assert';
import { disposeLayersModel } from '../core/dispose';
import { predictStore, storeFromMatrix } from '../train/row-store';

/** The model families the toolkit knows how to rebuild after loading. */
export type ClassifierKind = 'logistic' | 'mlp' | 'text' | 'layers';

/** JSON-safe description of a classifier, saved with it so `loadModel()` can rebuild the wrapper. */
export interface ClassifierConfig {
  kind: ClassifierKind;
  /** Width of one input row (features, or token positions for the text model). */
  inputDim: number;
  learningRate?: number;
  /** Rows hold integer token ids rather than float features. */
  integerInput?: boolean;
  /** Upper bound (exclusive) of token ids, for the text model. */
  vocabSize?: number;
  featureNames?: string[];
  [option: string]: unknown;
}

/** A trained or trainable binary classifier: rows in, probability of class 1 out. */
export interface BinaryClassifier extends FitTrainable {
  readonly kind: ClassifierKind;
  readonly config: ClassifierConfig;
  /** The tfjs model inside, for `model.summary()` and for the curious. */
  readonly model: tf.LayersModel;
  /** Probability of class 1 for each row, predicted in batches of up to 2,048 rows (one `model.predict` batch each). */
  predictProba(x: Matrix): Float32Array;
  /** 0/1 labels at a threshold (default 0.5). */
  predict(x: Matrix, threshold?: number): number[];
  /** Frees the weights and the optimizer's state; the model cannot be used afterwards. */
  dispose(): void;
  readonly disposed: boolean;
}

/** Compiles `model` for binary classification with its own Adam optimizer. */
export function compileBinary(model: tf.LayersModel, learningRate: number): void {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
}

/**
 * Wraps a LayersModel with one sigmoid output as a BinaryClassifier. Compiles it when
 * `config.learningRate` is set and the model has no optimizer yet (e.g. after loading).
 */
export function wrapClassifier(model: tf.LayersModel, config: ClassifierConfig): BinaryClassifier {
  if (config.learningRate !== undefined && !model.optimizer) compileBinary(model, config.learningRate);
  let disposed = false;
  const checkInput = (x: Matrix): void => {
    if (disposed) throw new MlError('not-fitted', 'This model has been disposed: create or load a new one.');
    assertMatrix(x, 'X', config.inputDim);
    if (config.integerInput) checkTokenIds(x, config.vocabSize);
  };
  const inputDtype = config.integerInput ? 'int32' : 'float32';
  const classifier: BinaryClassifier = {
    kind: config.kind,
    config,
    model,
    checkInput,
    inputDtype,
    objective: 'binary-crossentropy',
    get disposed() {
      return disposed;
    },
    predictProba(x) {
      checkInput(x);
      return predictStore(model, storeFromMatrix(x, inputDtype));
    },
    predict(x, threshold = 0.5) {
      return Array.from(classifier.predictProba(x), (p) => (p >= threshold ? 1 : 0));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      disposeLayersModel(model);
    },
  };
  return classifier;
}

/** Derives independent integer seeds for tfjs initializers and dropout layers. */
export function createSeeds(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.int(0, 2 ** 31 - 1);
}

function checkTokenIds(x: Matrix, vocabSize: number | undefined): void {
  for (let i = 0; i < x.length; i++) {
    for (const id of x[i]) {
      if (!Number.isInteger(id) || id < 0 || (vocabSize !== undefined && id >= vocabSize)) {
        throw new MlError(
          'bad-argument',
          `Token id ${id} in row ${i} is outside the vocabulary (0…${(vocabSize ?? 1) - 1}): encode texts with the same vocabulary the model was built for.`,
        );
      }
    }
  }
}
