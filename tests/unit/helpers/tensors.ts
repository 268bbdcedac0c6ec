/**
 * Every test in a file that calls this runs on tfjs's cpu backend and must leave
 * `tf.memory().numTensors` where it found it: a leaked tensor fails the test that leaked it.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';

export function expectNoTensorLeaks(): void {
  let tensorsBefore = 0;
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  beforeEach(() => {
    tensorsBefore = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, 'tensors left behind by this test').toBe(tensorsBefore);
  });
}
