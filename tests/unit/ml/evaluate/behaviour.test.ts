import { describe, expect, it } from 'vitest';
import {
  addTypo,
  createRng,
  directional,
  expandTemplate,
  invariance,
  minimumFunctionality,
  replaceWord,
  runBehaviourTests,
  summariseByCapability,
} from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

/** A toy scorer: 0.9 when the text holds "good" and no "not", 0.1 otherwise, minus 0.3 for "but it broke". */
const toy = (texts: string[]): number[] =>
  texts.map((t) => {
    const base = /good/.test(t) && !/\bnot\b/.test(t) ? 0.9 : 0.1;
    return /but it broke/.test(t) ? base - 0.3 : base;
  });

describe('behavioural tests', () => {
  it('counts minimum-functionality failures against the expected labels', async () => {
    const test = minimumFunctionality('negation', 'negated positive', [
      { text: 'not good', label: 0 },
      { text: 'good', label: 1 },
      { text: 'not bad', label: 1 },
    ]);
    const [r] = await runBehaviourTests([test], toy);
    expect(r).toMatchObject({ type: 'minimum functionality', capability: 'negation', cases: 3, failures: 1 });
    expect(r.failureRate).toBeCloseTo(1 / 3, 12);
    expect(r.examples).toEqual([{ text: 'not bad', expected: 'positive', got: 'negative (0.100)' }]);
  });

  it('fails an invariance pair when the verdict changes, or the score moves past the tolerance', async () => {
    const pairs = [
      { original: 'good phone', perturbed: 'good phnoe' },
      { original: 'good phone', perturbed: 'godo phone' },
    ];
    const [labelsOnly, strict] = await runBehaviourTests(
      [
        invariance('robustness', 'typos', pairs),
        invariance('robustness', 'typos (±0.05)', [{ original: 'good', perturbed: 'good but it broke' }], { tolerance: 0.05 }),
      ],
      toy,
    );
    expect(labelsOnly.failures).toBe(1);
    expect(labelsOnly.examples[0]).toEqual({ text: 'good phone', perturbed: 'godo phone', expected: 'same verdict (0.900)', got: 'negative (0.100)' });
    expect(strict.failures).toBe(1);
  });

  it('fails a directional pair only when the score moves the wrong way', async () => {
    const test = directional(
      'contrast',
      'adding a complaint lowers the score',
      [
        { original: 'good', perturbed: 'good but it broke' },
        { original: 'meh', perturbed: 'meh but it broke' },
        { original: 'not good', perturbed: 'good' },
      ],
      { direction: 'down' },
    );
    const [r] = await runBehaviourTests([test], toy);
    // 0.9 → 0.6 passes; 0.1 → −0.2 passes; 0.1 → 0.9 goes up: a failure.
    expect(r.failures).toBe(1);
    expect(r.examples[0].perturbed).toBe('good');
  });

  it('adds results up by capability', async () => {
    const results = await runBehaviourTests(
      [
        minimumFunctionality('negation', 'a', [
          { text: 'not good', label: 0 },
          { text: 'not bad', label: 1 },
        ]),
        minimumFunctionality('negation', 'b', [
          { text: 'not great', label: 0 },
          { text: 'not awful', label: 1 },
        ]),
        minimumFunctionality('vocabulary', 'c', [{ text: 'good', label: 1 }]),
      ],
      toy,
    );
    expect(summariseByCapability(results)).toEqual([
      { capability: 'negation', tests: 2, cases: 4, failures: 2, failureRate: 0.5 },
      { capability: 'vocabulary', tests: 1, cases: 1, failures: 0, failureRate: 0 },
    ]);
  });

  it('checks its input and the predictor', async () => {
    expectMlError(() => minimumFunctionality('x', 'y', []), 'empty-data');
    expectMlError(() => minimumFunctionality('x', 'y', [{ text: 'a', label: 2 }]), 'bad-argument');
    expectMlError(() => directional('x', 'y', [{ original: 'a', perturbed: 'b' }], { direction: 'sideways' as 'up' }), 'bad-argument');
    await expect(runBehaviourTests([minimumFunctionality('x', 'y', [{ text: 'a', label: 1 }])], () => [])).rejects.toMatchObject({ code: 'shape-mismatch' });
  });
});

describe('test-case helpers', () => {
  it('expands a template into every filling, first slot slowest', () => {
    expect(expandTemplate('The {thing} is {adj}, the {thing} works.', { thing: ['screen', 'battery'], adj: ['good', 'bad'] })).toEqual([
      'The screen is good, the screen works.',
      'The screen is bad, the screen works.',
      'The battery is good, the battery works.',
      'The battery is bad, the battery works.',
    ]);
    expectMlError(() => expandTemplate('{a}{b}', { a: ['1', '2'], b: ['1', '2'] }, { max: 3 }), 'bad-argument');
    expectMlError(() => expandTemplate('{a}', {}), 'bad-argument');
  });

  it('adds one typo by swapping two inner neighbouring letters of a long word, repeatably', () => {
    const out = addTypo('I love this phone', createRng(1));
    expect(out).toBe(addTypo('I love this phone', createRng(1)));
    expect(out).not.toBe('I love this phone');
    expect(out.length).toBe('I love this phone'.length);
    expect([...out].sort().join('')).toBe([...'I love this phone'].sort().join(''));
    expect(out.split(' ').filter((w, i) => w !== 'I love this phone'.split(' ')[i]).length).toBe(1);
    expect(addTypo('I am ok', createRng(1))).toBe('I am ok');
  });

  it('replaces whole words only', () => {
    expect(replaceWord('Ann said Anna is fine. Ann!', 'Ann', 'Mohammed')).toBe('Mohammed said Anna is fine. Mohammed!');
  });
});
