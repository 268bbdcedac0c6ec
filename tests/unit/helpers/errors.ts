/**
 * Assertions on the typed errors the toolkit throws for bad input.
 */
import { expect } from 'vitest';
import { isMlError, type MlErrorCode } from '../../../src/ml/index';

/** The MlError code a call throws, or what happened instead ('other error', 'no error'). */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isMlError(e) ? e.code : 'other error';
  }
  return 'no error';
}

/** Asserts that `fn` throws an MlError with `code` (and a message matching `text`, when given). */
export function expectMlError(fn: () => unknown, code: MlErrorCode | string, text?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isMlError(caught, code as MlErrorCode), String(caught)).toBe(true);
  if (text) expect((caught as Error).message).toMatch(text);
}

/** What a promise rejects with, or undefined when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return undefined;
}
