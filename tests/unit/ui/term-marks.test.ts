import { describe, expect, it } from 'vitest';
import { TermMarks, type TermMarker } from '../../../src/ui/term-marks';

/**
 * A glossary of one-word terms: `mark` wraps the first use of each term not used yet in this pass
 * in <dfn>, as glossary-terms.ts does, and each call costs `cost` ms on a fake clock.
 */
function fakeGlossary(terms: string[], cost = 3) {
  let clock = 0;
  let used = new Set<string>();
  const calls: string[] = [];
  const glossary: TermMarker & { pass: number; generation: number; render(marks: TermMarks, cells: [string, string][]): string[] } = {
    generation: 1,
    pass: 0,
    mark(html) {
      calls.push(html);
      clock += cost;
      const marked: string[] = [];
      const out = html.replace(/\w+/g, (word) => {
        if (!terms.includes(word) || used.has(word)) return word;
        used.add(word);
        marked.push(word);
        return `<dfn>${word}</dfn>`;
      });
      return { html: out, marked };
    },
    reuse(marked) {
      for (const t of marked) used.add(t);
    },
    render(marks, cells) {
      this.pass++;
      used = new Set();
      return cells.map(([id, html]) => marks.mark(id, html));
    },
  };
  return { glossary, calls, now: () => clock };
}

const cells: [string, string][] = [
  ['a', 'the model and the loss'],
  ['b', 'a model, an epoch'],
  ['c', 'epoch after epoch, the loss falls'],
  ['d', 'recall and precision'],
];
const terms = ['model', 'loss', 'epoch', 'recall', 'precision'];

describe('TermMarks', () => {
  it('marks every cell in one render when the budget allows', () => {
    const { glossary, now } = fakeGlossary(terms, 1);
    const later: (() => void)[] = [];
    const marks = new TermMarks(glossary, () => {}, { budgetMs: 100, now, later: (f) => later.push(f) });
    expect(glossary.render(marks, cells)).toEqual([
      'the <dfn>model</dfn> and the <dfn>loss</dfn>',
      'a model, an <dfn>epoch</dfn>',
      'epoch after epoch, the loss falls',
      '<dfn>recall</dfn> and <dfn>precision</dfn>',
    ]);
    expect(later).toHaveLength(0);
  });

  it('marks in reading order over several renders, showing the rest as they were, and ends where one render would', () => {
    const { glossary, now } = fakeGlossary(terms, 3);
    const later: (() => void)[] = [];
    let asked = 0;
    const marks = new TermMarks(glossary, () => asked++, { budgetMs: 5, now, later: (f) => later.push(f) });
    // Two cells fit in a 5 ms budget at 3 ms each (the second starts at 3 ms); the rest wait.
    expect(glossary.render(marks, cells)).toEqual(['the <dfn>model</dfn> and the <dfn>loss</dfn>', 'a model, an <dfn>epoch</dfn>', cells[2][1], cells[3][1]]);
    expect(later).toHaveLength(1);
    later.shift()!();
    expect(asked).toBe(1);
    // The next render reuses the first two (no time spent) and marks the rest with what they used.
    const second = glossary.render(marks, cells);
    expect(second).toEqual([
      'the <dfn>model</dfn> and the <dfn>loss</dfn>',
      'a model, an <dfn>epoch</dfn>',
      'epoch after epoch, the loss falls',
      '<dfn>recall</dfn> and <dfn>precision</dfn>',
    ]);
    expect(later).toHaveLength(0);
  });

  it('never marks a cell after one left for later in the same render', () => {
    const { glossary, calls, now } = fakeGlossary(terms, 10);
    const marks = new TermMarks(glossary, () => {}, { budgetMs: 5, now, later: () => {} });
    glossary.render(marks, cells);
    expect(calls).toEqual([cells[0][1]]);
  });

  it("marks again once the glossary changed, showing the old marks until each cell's turn comes", () => {
    const { glossary, calls, now } = fakeGlossary(terms, 3);
    const pacing = { budgetMs: 100, now, later: () => {} };
    const marks = new TermMarks(glossary, () => {}, pacing);
    const before = glossary.render(marks, cells);
    glossary.generation++;
    pacing.budgetMs = 0;
    const n = calls.length;
    expect(glossary.render(marks, cells)).toEqual(before);
    expect(calls.length).toBe(n);
    pacing.budgetMs = 100;
    expect(glossary.render(marks, cells)).toEqual(before);
    expect(calls.length).toBe(n + cells.length);
  });
});
