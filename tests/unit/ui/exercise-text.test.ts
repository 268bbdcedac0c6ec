import { describe, expect, it } from 'vitest';
import type { ExerciseData } from '../../../src/kernel/protocol';
import { exercisePlainText, looksLikeCode } from '../../../src/ui/exercise-text';

describe('looksLikeCode', () => {
  it('shows code as code and prose or fenced Markdown as Markdown', () => {
    expect(looksLikeCode('const myRidge = 0.3;')).toBe(true);
    expect(looksLikeCode('// any value from 0.25 to 0.6\nconst myRidge = 0.3;')).toBe(true);
    expect(looksLikeCode('Use a ridge of about **0.3**.')).toBe(false);
    expect(looksLikeCode('Like this:\n\n```ts\nconst r = 0.3;\n```')).toBe(false);
    expect(looksLikeCode('')).toBe(false);
  });
});

describe('exercisePlainText', () => {
  it('says the exercise, its verdict and the message, never the hints or the solution', () => {
    const data: ExerciseData = {
      id: 'ridge',
      title: 'Tame the model',
      hints: ['secret hint'],
      solution: 'secret',
      status: 'failed',
      message: 'Not yet: MSE 0.9.',
      checking: false,
    };
    expect(exercisePlainText(data)).toBe('Exercise ridge — Tame the model: not yet. Not yet: MSE 0.9.');
    expect(exercisePlainText({ ...data, status: 'passed', message: 'Well done.' })).toBe('Exercise ridge — Tame the model: passed. Well done.');
  });
});
