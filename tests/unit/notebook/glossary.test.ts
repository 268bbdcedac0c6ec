import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFirstTerm, parseGlossary, termId } from '../../../src/notebook/glossary';

const SAMPLE = `---
id: glossary
title: Glossary
---
# Glossary

Words, in plain language.

### Start here

- **epoch** (epochs) — one pass of the training loop over every training row.
- **mean squared error** (MSE) — the average squared difference,
  continued on a second line.
- **Adam** — an optimiser.

### Fraud detection

- **ROC-AUC** (AUC) — the area under the ROC curve.
- **precision–recall curve** (PR curve) — precision against recall.
- **precision** — the share of flagged cases that are positive.
- **Fisher's exact test** — a test for 2 × 2 tables.
`;

describe('parseGlossary', () => {
  const g = parseGlossary(SAMPLE);

  it('reads one entry a line, by section, with aliases and continued definitions', () => {
    expect(g.intro).toBe('Words, in plain language.');
    expect(g.sections.map((s) => [s.title, s.entries.map((e) => e.term)])).toEqual([
      ['Start here', ['epoch', 'mean squared error', 'Adam']],
      ['Fraud detection', ['ROC-AUC', 'precision–recall curve', 'precision', "Fisher's exact test"]],
    ]);
    expect(g.entries[1]).toEqual({
      term: 'mean squared error',
      aliases: ['MSE'],
      definition: 'the average squared difference, continued on a second line.',
      section: 'Start here',
      id: 'term-mean-squared-error',
    });
    expect(termId('ROC-AUC')).toBe('term-roc-auc');
  });

  it('finds the earliest unused term as a whole word, plurals included', () => {
    const text = 'After ten epochs the MSE fell; the next epoch changed little.';
    const first = findFirstTerm(text, g.entries, new Set());
    expect(first && [first.entry.term, text.slice(first.index, first.index + first.length)]).toEqual(['epoch', 'epochs']);
    const second = findFirstTerm(text, g.entries, new Set(['term-epoch']));
    expect(second && [second.entry.term, text.slice(second.index, second.index + second.length)]).toEqual(['mean squared error', 'MSE']);
    expect(findFirstTerm(text, g.entries, new Set(['term-epoch', 'term-mean-squared-error']))).toBeNull();
  });

  it('matches capitalised forms only as written and lower-case ones in any case', () => {
    expect(findFirstTerm('the adam optimiser', g.entries, new Set())).toBeNull();
    expect(findFirstTerm('Use Adam here', g.entries, new Set())?.entry.term).toBe('Adam');
    expect(findFirstTerm('Epochs matter', g.entries, new Set())?.entry.term).toBe('epoch');
    expect(findFirstTerm('epochal change', g.entries, new Set())).toBeNull();
  });

  it('prefers the longer term at the same place and treats dashes and apostrophes alike', () => {
    expect(findFirstTerm('the ROC-AUC is 0.9', g.entries, new Set())).toMatchObject({ index: 4, length: 7 });
    expect(findFirstTerm('its AUC', g.entries, new Set())?.entry.term).toBe('ROC-AUC');
    expect(findFirstTerm('a precision-recall curve', g.entries, new Set())?.entry.term).toBe('precision–recall curve');
    expect(findFirstTerm('with Fisher’s exact test', g.entries, new Set())?.entry.term).toBe("Fisher's exact test");
  });

  it('passes over a term already marked whole, so its words are not another term', () => {
    const text = 'the precision–recall curve, then precision alone';
    expect(findFirstTerm(text, g.entries, new Set())?.entry.term).toBe('precision–recall curve');
    expect(findFirstTerm(text, g.entries, new Set(['term-precision-recall-curve']))).toMatchObject({ index: text.lastIndexOf('precision'), length: 9 });
  });
});

describe('the shipped glossary', () => {
  const g = parseGlossary(readFileSync('notebooks/glossary.md', 'utf8'));

  it('defines the terms the first notebooks use, each once', () => {
    const terms = g.entries.map((e) => e.term);
    for (const term of [
      'epoch',
      'gradient descent',
      'dense layer',
      'Adam',
      'loss',
      'overfitting',
      'validation set',
      'precision',
      'recall',
      'ROC-AUC',
      'average precision',
      'threshold',
      'one-hot encoding',
      'imputation',
      'drift',
      'PSI',
    ]) {
      expect(terms).toContain(term);
    }
    expect(new Set(g.entries.map((e) => e.id)).size).toBe(g.entries.length);
    const forms = g.entries.flatMap((e) => [e.term, ...e.aliases].map((f) => f.toLowerCase()));
    expect(forms.filter((f, i) => forms.indexOf(f) !== i)).toEqual([]);
    expect(g.entries.every((e) => e.definition.length > 20 && /[.)]$/.test(e.definition))).toBe(true);
  });
});
