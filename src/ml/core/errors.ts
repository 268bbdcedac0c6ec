/**
 * Typed errors the toolkit throws for bad input. Each message says what is wrong and what to do,
 * because a learner reads it in the cell that called the function.
 */

/** The kinds of bad input the toolkit recognises. */
export type MlErrorCode =
  'empty-data' | 'shape-mismatch' | 'wrong-type' | 'single-class' | 'not-finite' | 'bad-argument' | 'not-fitted' | 'csv-schema' | 'aborted';

/** Base error for every toolkit failure caused by its input. */
export class MlError extends Error {
  override name = 'MlError';
  constructor(
    readonly code: MlErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Returns true when `e` is a toolkit input error (optionally of one code). */
export function isMlError(e: unknown, code?: MlErrorCode): e is MlError {
  return e instanceof MlError && (code === undefined || e.code === code);
}
