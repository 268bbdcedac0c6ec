/**
 * Frees the tensors a cell's previous run left in scope when the cell runs again (or is deleted),
 * so re-running a training cell does not leak its old model, its optimizer's slots or its data.
 *
 * A cell's values are walked through arrays, plain objects, Maps and Sets, so a model kept in
 * `results.push({ l2, model })` is found as surely as one held by a top-level `const`. Only what
 * the cell itself declared is freed, and nothing that a name of another cell still reaches: cells
 * that read the old values are stale anyway, but a value copied into another cell's result stays.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeLayersModel } from '../ml/core/dispose';

/** Objects visited at most per walk, so that a walk stays cheap whatever a cell holds. */
const WALK_BUDGET = 1_000_000;

/** Elements of a long array looked at to decide whether it is plain data. */
const SAMPLE = 16;

/** Something that owns tfjs memory and is freed as a whole. */
type Owner = tf.Tensor | tf.LayersModel | tf.Optimizer | { dispose(): unknown };

/** A toolkit model: a plain object with a `dispose()` (and usually a `model` inside). */
function isPlainDisposable(value: object): value is { dispose(): unknown } {
  return typeof (value as { dispose?: unknown }).dispose === 'function' && isPlainObject(value);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The owners of tfjs memory reachable from `values`: tensors, layers models, optimizers and toolkit
 * models, found through arrays, plain objects, Maps and Sets (not inside the owners themselves).
 * `complete` is false when the walk ran out of budget before it saw everything.
 */
export function findOwners(values: readonly unknown[]): { owners: Set<Owner>; complete: boolean } {
  const owners = new Set<Owner>();
  const seen = new Set<object>();
  const stack: object[] = [];
  const push = (value: unknown) => {
    if (typeof value === 'object' && value !== null && !seen.has(value)) stack.push(value);
  };
  values.forEach(push);
  let budget = WALK_BUDGET;
  while (stack.length > 0) {
    if (--budget < 0) return { owners, complete: false };
    const value = stack.pop()!;
    if (seen.has(value)) continue;
    seen.add(value);
    if (value instanceof tf.Tensor || value instanceof tf.LayersModel || value instanceof tf.Optimizer) {
      owners.add(value);
    } else if (Array.isArray(value)) {
      if (!isDataArray(value)) value.forEach(push);
    } else if (value instanceof Map) {
      for (const [key, item] of value) {
        push(key);
        push(item);
      }
    } else if (value instanceof Set) {
      value.forEach(push);
    } else if (isPlainDisposable(value)) {
      owners.add(value);
    } else if (isPlainObject(value)) {
      Object.values(value).forEach(push);
    }
  }
  return { owners, complete: true };
}

/**
 * True for a long array that looks like data: evenly spaced samples are all numbers, strings,
 * typed arrays, rows of numbers or flat records (plain objects of such values). A dataset of a
 * million rows is then skipped in one step instead of walked row by row; an array of
 * `{ name, model }` results is not data.
 */
function isDataArray(array: readonly unknown[]): boolean {
  if (array.length <= SAMPLE * 2) return false;
  const step = array.length / SAMPLE;
  for (let k = 0; k < SAMPLE; k++) if (!isFlat(array[Math.floor(k * step)])) return false;
  return true;
}

/** A value that cannot hold a tensor: a primitive, a typed array, or a row or record of primitives. */
function isFlat(item: unknown): boolean {
  if (typeof item !== 'object' || item === null || ArrayBuffer.isView(item)) return true;
  const isPrimitive = (v: unknown) => typeof v !== 'object' || v === null;
  if (Array.isArray(item)) return item.slice(0, SAMPLE).every(isPrimitive);
  return isPlainObject(item) && Object.values(item).every(isPrimitive);
}

/** Frees one owner; returns how many tensors that freed. */
export function releaseValue(value: unknown): number {
  const before = tf.memory().numTensors;
  try {
    if (value instanceof tf.Tensor) {
      if (!value.isDisposed) value.dispose();
    } else if (value instanceof tf.LayersModel) {
      // The toolkit's order and reasons: the model, then an optimizer it does not own.
      disposeLayersModel(value);
    } else if (value instanceof tf.Optimizer) {
      value.dispose();
    } else if (typeof value === 'object' && value !== null && isPlainDisposable(value)) {
      value.dispose();
    }
  } catch {
    // Already disposed, or shared with something already released: nothing left to free.
  }
  return before - tf.memory().numTensors;
}

/**
 * Frees what `values` own that nothing in `stillUsed` reaches (walking both the same way). When
 * the values still in use are too many to walk completely, nothing is freed: a leak is recoverable,
 * a disposed model under another cell's name is not. Returns the number of tensors freed.
 */
export function releaseValues(values: readonly unknown[], stillUsed: Iterable<unknown>): number {
  const { owners } = findOwners(values);
  if (owners.size === 0) return 0;
  const kept = findOwners([...stillUsed]);
  if (!kept.complete) return 0;
  let freed = 0;
  for (const owner of owners) if (!kept.owners.has(owner)) freed += releaseValue(owner);
  return freed;
}
