import { describe, expect, it } from 'vitest';
import { clipText } from '../../../src/ui/fb-stream';

describe('clipText', () => {
  it('keeps everything under the limits', () => {
    expect(clipText('a\nb\n', 10)).toEqual({ pieces: [{ text: 'a\nb\n' }], end: 4, lines: 2 });
  });

  it('stops after the given number of lines', () => {
    const text = Array.from({ length: 5 }, (_, i) => `line ${i}\n`).join('');
    const clipped = clipText(text, 3);
    expect(clipped.pieces).toEqual([{ text: 'line 0\nline 1\nline 2\n' }]);
    expect(clipped.lines).toBe(3);
    expect(text.slice(clipped.end)).toBe('line 3\nline 4\n');
  });

  it('folds a long line and says how many characters it hides', () => {
    const clipped = clipText(`short\n${'x'.repeat(25)}\nend`, 10, 1000, 10);
    expect(clipped.pieces).toEqual([{ text: `short\n${'x'.repeat(10)}` }, { text: '', folded: 15 }, { text: '\nend' }]);
    expect(clipped.end).toBe(6 + 26 + 3);
  });

  it('stops once the shown characters reach the budget, whatever the line count', () => {
    const clipped = clipText('aaaa\nbbbb\ncccc\n', 100, 8);
    expect(clipped.pieces).toEqual([{ text: 'aaaa\nbbbb\n' }]);
    expect(clipped.lines).toBe(2);
  });

  it('counts a last line without a line break', () => {
    expect(clipText('a\nb', 10)).toMatchObject({ end: 3, lines: 2 });
  });
});
