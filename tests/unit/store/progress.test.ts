import { describe, expect, it } from 'vitest';
import {
  countPassed,
  createMemoryProgressStore,
  emptyProgress,
  formatExerciseCount,
  sanitizeProgress,
  withHints,
  withSolution,
  withVerdict,
} from '../../../src/store/progress';

describe('exercise progress', () => {
  it('starts with nothing passed', () => {
    const p = emptyProgress('demo', 5);
    expect(p).toEqual({ version: 1, notebookKey: 'demo', exercises: {}, updatedAt: 5 });
    expect(countPassed(p, ['a', 'b'])).toBe(0);
  });

  it('remembers a pass for good: a later failed or pending check does not undo it', () => {
    let p = withVerdict(emptyProgress('demo'), 'a', 'failed', 1);
    expect(p.exercises.a).toEqual({ passed: false, hintsShown: 0, solutionShown: false, lastStatus: 'failed' });
    p = withVerdict(p, 'a', 'passed', 2);
    p = withVerdict(p, 'a', 'failed', 3);
    p = withVerdict(p, 'a', 'pending', 4);
    expect(p.exercises.a).toEqual({ passed: true, passedAt: 2, passedWithSolution: false, hintsShown: 0, solutionShown: false, lastStatus: 'pending' });
    expect(p.updatedAt).toBe(4);
  });

  it('keeps the number of hints revealed and never lowers it', () => {
    let p = withHints(emptyProgress('demo'), 'a', 2);
    p = withHints(p, 'a', 1);
    expect(p.exercises.a.hintsShown).toBe(2);
  });

  it('counts a pass after the solution as passed, and notes the solution', () => {
    let p = withSolution(emptyProgress('demo'), 'a', 1);
    p = withVerdict(p, 'a', 'passed', 2);
    expect(p.exercises.a).toMatchObject({ passed: true, solutionShown: true, passedWithSolution: true });
    // The solution seen after passing is not "passed with the solution".
    const q = withSolution(withVerdict(emptyProgress('demo'), 'b', 'passed', 1), 'b', 2);
    expect(q.exercises.b).toMatchObject({ passed: true, solutionShown: true, passedWithSolution: false });
  });

  it("counts only the notebook's own exercises as passed", () => {
    let p = withVerdict(emptyProgress('demo'), 'a', 'passed');
    p = withVerdict(p, 'gone', 'passed');
    p = withVerdict(p, 'b', 'failed');
    expect(countPassed(p, ['a', 'b', 'c'])).toBe(1);
    expect(countPassed(undefined, ['a'])).toBe(0);
  });

  it('says the count in words', () => {
    expect(formatExerciseCount(3, 10)).toBe('3 of 10 exercises');
    expect(formatExerciseCount(0, 1)).toBe('0 of 1 exercise');
    expect(formatExerciseCount(0, 0)).toBe('no exercises');
  });

  it('reads back damaged storage as far as it is sound', () => {
    expect(sanitizeProgress('junk', 'demo').exercises).toEqual({});
    expect(sanitizeProgress({ version: 2, exercises: { a: { passed: true } } }, 'demo').exercises).toEqual({});
    const read = sanitizeProgress(
      { version: 1, updatedAt: 9, exercises: { a: { passed: true, hintsShown: 'x', lastStatus: 'great' }, b: null, c: { passed: 'yes' } } },
      'demo',
    );
    expect(read).toEqual({ version: 1, notebookKey: 'demo', updatedAt: 9, exercises: { a: { passed: true, hintsShown: 0, solutionShown: false } } });
  });
});

describe('the memory progress store', () => {
  it('applies updates in order and lists every notebook', async () => {
    const store = createMemoryProgressStore();
    await store.update('demo', (p) => withHints(p, 'a', 1));
    const after = await store.update('demo', (p) => withVerdict(p, 'a', 'passed', 7));
    expect(after.exercises.a).toMatchObject({ passed: true, hintsShown: 1, passedAt: 7 });
    await store.update('imported:other', (p) => withSolution(p, 'x'));
    const all = await store.loadAll();
    expect([...all.keys()].sort()).toEqual(['demo', 'imported:other']);
    expect((await store.load('demo')).exercises.a.passed).toBe(true);
    await store.remove('demo');
    expect((await store.load('demo')).exercises).toEqual({});
  });

  it('keeps the last visit', async () => {
    const store = createMemoryProgressStore();
    expect(await store.lastVisit()).toBeUndefined();
    await store.saveVisit({ notebookKey: 'demo', title: 'Demo', href: '#/notebook/demo/sec-2', sectionTitle: '2. Data', cellId: 'load', at: 3 });
    expect(await store.lastVisit()).toEqual({
      notebookKey: 'demo',
      title: 'Demo',
      href: '#/notebook/demo/sec-2',
      sectionTitle: '2. Data',
      cellId: 'load',
      at: 3,
    });
  });
});
