import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifySection, mapNotebook } from '../../../src/notebook/course';
import { findExerciseIds, findExercises } from '../../../src/notebook/exercises';
import { estimateMinutes, exercisesUnder, formatMinutes, outlineNotebook, readHeadings } from '../../../src/notebook/outline';
import { parseNotebook } from '../../../src/notebook/parse';

describe('findExerciseIds', () => {
  it('finds the id of each exercise({...}) call, wherever the id key is', () => {
    const code = `
const x: number = 3;
exercise({ id: 'first', title: 'One', check: () => x > 2, hints: [] });
exercise({
  title: "Two",
  check: async () => ({ status: 'passed', id: 'not-this' }),
  id: "second",
});
exercise({ id: \`third\`, title: 'Three', check: () => true });`;
    expect(findExerciseIds(code)).toEqual(['first', 'second', 'third']);
  });

  it('ignores calls in comments, strings and template text, methods, declarations and nested id keys', () => {
    const code = `
// exercise({ id: 'commented', title: 'x', check: () => true });
/* exercise({ id: 'block', check }) */
const s = "exercise({ id: 'in-string' })";
const t = \`exercise({ id: 'in-template' }) \${1 + 2} exercise({ id: 'after-sub' })\`;
course.exercise({ id: 'method', title: 'x', check: () => true });
function exercise(o: { id: string }) { return o; }
exercise({ title: 'nested', check: () => true, meta: { id: 'deep' } });
exercise({ id: name, title: 'dynamic', check: () => true });`;
    expect(findExerciseIds(code)).toEqual([]);
  });

  it('reads literal titles along with the ids, and leaves out computed ones', () => {
    const code = `exercise({ id: 'a', title: 'Tame the model', check });\nexercise({ title: 'Fit ' + n, id: 'b', check });`;
    expect(findExercises(code)).toEqual([{ id: 'a', title: 'Tame the model' }, { id: 'b' }]);
  });

  it('reads past regular expressions, division and template substitutions that hold braces', () => {
    const code = `
const r = /exercise\\({ id: 'regex' }/g;
const half = 4 / 2 / 1;
const label = \`\${ { a: 1 }.a } done\`;
exercise({ id: 'real', title: 'Real', check: () => r.test('a') && half === 2 });`;
    expect(findExerciseIds(code)).toEqual(['real']);
  });
});

const NOTEBOOK = `---
id: demo
title: Demo
summary: A demo.
order: 9
tags: []
---
# Demo

Intro words here.

## 1. The business problem

*Responsibility: problem framing*

Some prose.

\`\`\`ts id=a
exercise({ id: 'frame-it', title: 'Frame', check: () => false });
\`\`\`

## 2. Train a model

### 2.1 A first fit

\`\`\`ts id=b
exercise({ id: 'fit', title: 'Fit', check: () => false });
exercise({ id: 'fit-again', title: 'Fit again', check: () => false });
\`\`\`

## 3. The stakeholder summary

\`\`\`ts id=c
const summary = 'done';
\`\`\`

## 3. The stakeholder summary
`;

describe('outlineNotebook', () => {
  const notebook = parseNotebook(NOTEBOOK, 'demo.md');
  const outline = outlineNotebook(notebook);

  it('puts each exercise under the heading above it', () => {
    expect(outline.exerciseIds).toEqual(['frame-it', 'fit', 'fit-again']);
    expect(outline.sections.map((s) => [s.title, s.depth, s.exerciseIds])).toEqual([
      ['Demo', 1, []],
      ['1. The business problem', 2, ['frame-it']],
      ['2. Train a model', 2, []],
      ['2.1 A first fit', 3, ['fit', 'fit-again']],
      ['3. The stakeholder summary', 2, []],
      ['3. The stakeholder summary', 2, []],
    ]);
    expect(exercisesUnder(outline, 2)).toEqual(['fit', 'fit-again']);
    expect(outline.exercises[1]).toEqual({ id: 'fit', title: 'Fit', cellId: 'b', sectionId: 'sec-2-1-a-first-fit' });
  });

  it("gives headings the prose renderer's ids, a repeated heading numbered", () => {
    expect(outline.sections.map((s) => s.id)).toEqual([
      'sec-demo',
      'sec-1-the-business-problem',
      'sec-2-train-a-model',
      'sec-2-1-a-first-fit',
      'sec-3-the-stakeholder-summary',
      'sec-3-the-stakeholder-summary-2',
    ]);
  });

  it('reads the responsibility line under a heading', () => {
    expect(outline.sections[1].responsibility).toBe('problem framing');
    expect(outline.sections[2].responsibility).toBeUndefined();
  });

  it('counts prose words and code cells for the time estimate', () => {
    expect(outline.codeCells).toBe(3);
    // 13 words in the first prose cell (headings included), 8 in the second, 4 in each of the last two.
    expect(outline.proseWords).toBe(29);
    expect(outline.minutes).toBe(estimateMinutes(29, 3, 3));
  });

  it('skips headings inside fenced blocks', () => {
    expect(readHeadings('# Real\n```\n# not a heading\n```\n## Also [real](http://x)')).toEqual([
      { depth: 1, text: 'Real', line: 0 },
      { depth: 2, text: 'Also real', line: 4 },
    ]);
  });
});

describe('estimateMinutes', () => {
  it('adds reading at 180 words a minute, a minute a cell and five an exercise, rounded up to 5', () => {
    // 3600 words = 20 min, 30 cells = 30 min, 4 exercises = 20 min: 70 min.
    expect(estimateMinutes(3600, 30, 4)).toBe(70);
    expect(estimateMinutes(3601, 30, 4)).toBe(75);
    expect(estimateMinutes(10, 0, 0)).toBe(5);
    expect(formatMinutes(70)).toBe('about 1 h 10 min');
    expect(formatMinutes(120)).toBe('about 2 h');
    expect(formatMinutes(45)).toBe('about 45 min');
  });
});

describe('the course map', () => {
  it('maps sections of both shipped styles to the six responsibilities', () => {
    const cases: [string, string | undefined, string | null][] = [
      ['1. Frame the problem', undefined, 'framing'],
      ['1. The business problem', 'problem framing', 'framing'],
      ['2. The data and its quality', 'data collection and a data-quality report', 'data'],
      ['3. Split without leaking', undefined, 'data'],
      ['4. A baseline: the rule the bank runs today', 'a baseline', 'modelling'],
      ['5. Model development', 'training with live curves, regularisation and feature selection', 'modelling'],
      ['6. Testing and validation', 'the right metrics, curves, over- and underfitting', 'evaluation'],
      ['7. Choosing the threshold in money', 'turning scores into decisions the business can defend', 'evaluation'],
      ['8. Report on the test set — once', undefined, 'evaluation'],
      ['9. Try it: tame an overfitting model with regularisation', undefined, 'modelling'],
      ['9. Explainability', 'knowing why the model decides, and saying it in plain words', 'evaluation'],
      ['11. Deployment', 'save, reload, serve, measure', 'deployment'],
      ['12. Monitoring, drift and retraining', 'keeping the model working after launch', 'deployment'],
      ['13. The stakeholder summary', 'reporting to the people who asked for the model', 'communication'],
      ['14. Bring your own data', 'the same pipeline on new data', 'data'],
      ['10. Clean up and look back', undefined, null],
    ];
    for (const [title, responsibility, job] of cases) expect([title, classifySection({ title, responsibility })]).toEqual([title, job]);
  });

  it("lists each chapter and its subsections' exercises under its responsibility", () => {
    const map = mapNotebook(outlineNotebook(parseNotebook(NOTEBOOK, 'demo.md')));
    expect(map.framing).toEqual({ sections: [{ id: 'sec-1-the-business-problem', title: '1. The business problem' }], exerciseIds: ['frame-it'] });
    expect(map.modelling).toEqual({ sections: [{ id: 'sec-2-train-a-model', title: '2. Train a model' }], exerciseIds: ['fit', 'fit-again'] });
    expect(map.communication.sections).toHaveLength(2);
    expect(map.data).toEqual({ sections: [], exerciseIds: [] });
  });

  it('maps every chapter of the shipped flagship notebooks to a responsibility', () => {
    for (const file of ['00-start-here', 'fraud-detection']) {
      const outline = outlineNotebook(parseNotebook(readFileSync(`notebooks/${file}.md`, 'utf8'), `${file}.md`));
      const map = mapNotebook(outline);
      const mapped = Object.values(map).flatMap((c) => c.sections.map((s) => s.id));
      const chapters = outline.sections.filter((s) => s.depth === 2 && !/look back|clean up|what next|further/i.test(s.title));
      expect(
        chapters.filter((s) => !mapped.includes(s.id)).map((s) => s.title),
        file,
      ).toEqual([]);
    }
  });
});

describe("the shipped notebooks' exercises", () => {
  for (const file of readdirSync('notebooks').filter((f) => f.endsWith('.md') && f !== 'glossary.md')) {
    it(`${file}: every exercise({...}) call is counted, with an id unique in the notebook`, () => {
      const notebook = parseNotebook(readFileSync(`notebooks/${file}`, 'utf8'), file);
      const code = notebook.cells.filter((c) => c.kind === 'code').map((c) => c.source);
      const calls = code.reduce((n, source) => n + (source.match(/(?<![.\w$])exercise\(\s*\{/g) ?? []).length, 0);
      const ids = code.flatMap((source) => findExerciseIds(source));
      expect(ids.length, 'an exercise whose id is not a string literal is not counted').toBe(calls);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        'repeated ids',
      ).toEqual([]);
    });
  }
});
