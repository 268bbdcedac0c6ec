import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../src/ui/diff';

describe('diffLines', () => {
  it('marks identical texts as all the same', () => {
    expect(diffLines('a\nb', 'a\nb')).toEqual([
      { left: 'a', right: 'a', kind: 'same' },
      { left: 'b', right: 'b', kind: 'same' },
    ]);
  });

  it('pairs a changed line and keeps the lines around it aligned', () => {
    expect(diffLines('const a = 1;\nconst b = a + 10;\nb', 'const a = 1;\nconst b = a + 2;\nb')).toEqual([
      { left: 'const a = 1;', right: 'const a = 1;', kind: 'same' },
      { left: 'const b = a + 10;', right: 'const b = a + 2;', kind: 'changed' },
      { left: 'b', right: 'b', kind: 'same' },
    ]);
  });

  it('shows lines only one side has', () => {
    expect(diffLines('x\ny', 'x\nnew\ny\nend')).toEqual([
      { left: 'x', right: 'x', kind: 'same' },
      { left: null, right: 'new', kind: 'added' },
      { left: 'y', right: 'y', kind: 'same' },
      { left: null, right: 'end', kind: 'added' },
    ]);
    expect(diffLines('gone\nkept', 'kept')).toEqual([
      { left: 'gone', right: null, kind: 'removed' },
      { left: 'kept', right: 'kept', kind: 'same' },
    ]);
  });
});
