import { describe, expect, it } from 'vitest';
import { describeError, errorMessage } from '../../../src/ui/report-error';

describe('errorMessage', () => {
  it('gives the message of an error, or the text of anything else thrown', () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});

describe('describeError', () => {
  it('keeps the stack and every cause', () => {
    const root = new Error('disk said no');
    const error = new Error('Trust could not be remembered.', { cause: root });
    const d = describeError(error);
    expect(d.message).toBe('Trust could not be remembered.');
    expect(d.details).toContain('Error: Trust could not be remembered.');
    expect(d.details).toContain('Caused by: Error: disk said no');
    expect(d.details).toContain('report-error.test.ts');
  });

  it('stops at a cause that points back at itself', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeError(b).details.split('Caused by:')).toHaveLength(2);
  });
});
