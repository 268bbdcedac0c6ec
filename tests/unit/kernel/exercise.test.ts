import { describe, expect, it } from 'vitest';
import { isDisplayHandle } from '../../../src/kernel/display';
import {
  createExerciseApi,
  ExerciseDefinitionError,
  FAILED_MESSAGE,
  normalizeVerdict,
  PASSED_MESSAGE,
  STOPPED,
  verdictFromError,
  type ExerciseSpec,
} from '../../../src/kernel/exercise';
import { MIME, type ExerciseData, type WorkerMessage } from '../../../src/kernel/protocol';

describe('normalizeVerdict', () => {
  it('passes on true and fails on false with the default messages', () => {
    expect(normalizeVerdict(true)).toEqual({ status: 'passed', message: PASSED_MESSAGE });
    expect(normalizeVerdict(false)).toEqual({ status: 'failed', message: FAILED_MESSAGE });
  });

  it('fails on a string, with the string as the message (an empty one gets the default)', () => {
    expect(normalizeVerdict('Not yet: the error is 0.9.')).toEqual({ status: 'failed', message: 'Not yet: the error is 0.9.' });
    expect(normalizeVerdict('  ')).toEqual({ status: 'failed', message: FAILED_MESSAGE });
  });

  it('takes { status, message } as it is, filling in a missing message', () => {
    expect(normalizeVerdict({ status: 'pending', message: 'Change myRidge first.' })).toEqual({ status: 'pending', message: 'Change myRidge first.' });
    expect(normalizeVerdict({ status: 'passed' })).toEqual({ status: 'passed', message: PASSED_MESSAGE });
    expect(normalizeVerdict({ status: 'failed', message: '' })).toEqual({ status: 'failed', message: FAILED_MESSAGE });
  });

  it('reports an unknown status, nothing, or another type as a failed check that says what to return', () => {
    for (const value of [{ status: 'ok' }, undefined, null, 3, {}]) {
      const verdict = normalizeVerdict(value);
      expect(verdict.status).toBe('failed');
      expect(verdict.message).toContain('A check returns true');
    }
    expect(normalizeVerdict({ status: 'ok' }).message).toContain('"ok"');
    expect(normalizeVerdict(undefined).message).toContain('returned nothing');
  });
});

describe('verdictFromError', () => {
  it('fails with the error message', () => {
    expect(verdictFromError(new ReferenceError('myRidge is not defined'))).toEqual({ status: 'failed', message: 'myRidge is not defined' });
    expect(verdictFromError('too big')).toEqual({ status: 'failed', message: 'too big' });
    expect(verdictFromError(42)).toEqual({ status: 'failed', message: 'The check threw 42.' });
  });
});

function harness() {
  const messages: WorkerMessage[] = [];
  const controller = new AbortController();
  const api = createExerciseApi({ runId: 'r1', post: (m) => messages.push(m), signal: controller.signal });
  const panels = () => messages.map((m) => (m.type === 'display' || m.type === 'update-display' ? (m.data as ExerciseData) : null));
  return { messages, controller, panels, ...api };
}

const spec = (check: () => unknown, extra: Partial<ExerciseSpec> = {}): ExerciseSpec => ({
  id: 'ridge',
  title: 'Tame the model',
  check,
  hints: ['a', 'b'],
  solution: 'const r = 1;',
  ...extra,
});

describe('createExerciseApi', () => {
  it('shows a sync verdict at once, with the exercise as declared', async () => {
    const h = harness();
    const handle = h.exercise(spec(() => true, { task: 'Do *it*.' }));
    expect(isDisplayHandle(handle)).toBe(true);
    expect(h.messages).toHaveLength(1);
    expect(h.messages[0]).toMatchObject({ type: 'display', runId: 'r1', mime: MIME.exercise, displayId: handle.displayId });
    expect(h.panels()[0]).toEqual({
      id: 'ridge',
      title: 'Tame the model',
      task: 'Do *it*.',
      hints: ['a', 'b'],
      solution: 'const r = 1;',
      status: 'passed',
      message: PASSED_MESSAGE,
      checking: false,
    });
    await expect(handle.verdict).resolves.toEqual({ status: 'passed', message: PASSED_MESSAGE });
  });

  it('turns a throwing check into a failed verdict with its message', async () => {
    const h = harness();
    const handle = h.exercise(
      spec(() => {
        throw new RangeError('ridge must be positive');
      }),
    );
    await h.settled();
    expect(h.panels().at(-1)).toMatchObject({ status: 'failed', message: 'ridge must be positive', checking: false });
    await expect(handle.verdict).resolves.toEqual({ status: 'failed', message: 'ridge must be positive' });
  });

  it('shows an async check as checking, then updates the panel with its verdict before settled() resolves', async () => {
    const h = harness();
    let finish: (v: unknown) => void = () => undefined;
    h.exercise(spec(() => new Promise((resolve) => (finish = resolve))));
    expect(h.panels()[0]).toMatchObject({ status: 'pending', checking: true });
    let done = false;
    const settling = h.settled().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    finish({ status: 'failed', message: 'Not yet: MSE 0.9' });
    await settling;
    expect(h.messages.at(-1)).toMatchObject({ type: 'update-display', displayId: 'r1-x1' });
    expect(h.panels().at(-1)).toMatchObject({ status: 'failed', message: 'Not yet: MSE 0.9', checking: false });
  });

  it('fails an async check that rejects', async () => {
    const h = harness();
    h.exercise(
      spec(async () => {
        throw new Error('no model yet');
      }),
    );
    await h.settled();
    expect(h.panels().at(-1)).toMatchObject({ status: 'failed', message: 'no model yet' });
  });

  it('stops waiting for a check that never ends once the run is stopped, and says it was stopped', async () => {
    const h = harness();
    h.exercise(spec(() => new Promise(() => undefined)));
    h.exercise({ ...spec(async () => true), id: 'quick' });
    const settling = h.settled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    h.controller.abort();
    await expect(settling).resolves.toBeUndefined();
    const updates = h.messages.filter((m) => m.type === 'update-display');
    expect(
      updates.map((m) => [m.type === 'update-display' && m.displayId, (m as { data: ExerciseData }).data.status, (m as { data: ExerciseData }).data.message]),
    ).toEqual([
      ['r1-x2', 'passed', PASSED_MESSAGE],
      ['r1-x1', 'pending', STOPPED.message],
    ]);
  });

  it('refuses a missing id, title or check, and an id used twice', () => {
    const h = harness();
    expect(() => h.exercise({ title: 'x', check: () => true } as unknown as ExerciseSpec)).toThrow(ExerciseDefinitionError);
    expect(() => h.exercise({ id: 'has space', title: 'x', check: () => true })).toThrow(/id must be/);
    expect(() => h.exercise({ id: 'a', title: '', check: () => true })).toThrow(/needs a title/);
    expect(() => h.exercise({ id: 'a', title: 'A' } as unknown as ExerciseSpec)).toThrow(/needs a check/);
    expect(() => h.exercise({ id: 'a', title: 'A', check: () => true, hints: 'one' as unknown as string[] })).toThrow(/hints/);
    h.exercise({ id: 'a', title: 'A', check: () => true });
    expect(() => h.exercise({ id: 'a', title: 'A', check: () => true })).toThrow(/used twice/);
    expect(h.messages).toHaveLength(1);
  });
});
