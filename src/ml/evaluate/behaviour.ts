/**
 * Behavioural tests of a text classifier in the spirit of CheckList (Ribeiro, Wu, Guestrin &
 * Singh, ACL 2020): instead of one accuracy on a held-out set, small targeted test suites, one per
 * capability (negation, contrast, typos…), each of one of three types:
 * - minimum functionality (MFT): simple cases with a known label the model must get right;
 * - invariance (INV): a change that must not change the verdict (a typo, another person's name);
 * - directional (DIR): a change that must move the score one way (adding "but it broke" lowers it).
 * The result is a failure rate per test and per capability. Plain functions: the caller passes a
 * `predict` that maps texts to probabilities of "positive", so any model fits.
 */
import { MlError } from '../core/errors';
import type { Rng } from '../core/random';

/** The three CheckList test types. */
export type BehaviourTestType = 'minimum functionality' | 'invariance' | 'directional';

/** A text with the label a working model must give it. */
export interface LabelledCase {
  text: string;
  label: number;
}

/** An original text and a changed version of it. */
export interface PerturbedPair {
  original: string;
  perturbed: string;
}

/** One behavioural test: a named set of cases for one capability. */
export type BehaviourTest =
  | { type: 'minimum functionality'; capability: string; name: string; cases: LabelledCase[] }
  | { type: 'invariance'; capability: string; name: string; pairs: PerturbedPair[]; tolerance: number }
  | { type: 'directional'; capability: string; name: string; pairs: PerturbedPair[]; direction: 'up' | 'down'; tolerance: number };

/** A case that failed, with what the model said. */
export interface BehaviourFailure {
  text: string;
  /** For invariance and directional tests: the changed text. */
  perturbed?: string;
  expected: string;
  got: string;
}

/** The outcome of one test. */
export interface BehaviourResult {
  type: BehaviourTestType;
  capability: string;
  name: string;
  cases: number;
  failures: number;
  failureRate: number;
  /** Up to `maxExamples` failing cases, in test order. */
  examples: BehaviourFailure[];
}

/** Failure counts of every test of one capability. */
export interface CapabilitySummary {
  capability: string;
  tests: number;
  cases: number;
  failures: number;
  failureRate: number;
}

/** Texts in, probabilities of the positive class out (sync or async). */
export type TextPredictor = (texts: string[]) => ArrayLike<number> | Promise<ArrayLike<number>>;

function checkNonEmpty(items: readonly unknown[], what: string): void {
  if (!Array.isArray(items) || items.length === 0) throw new MlError('empty-data', `A behavioural test needs at least one ${what}.`);
}

/** A minimum-functionality test: every case must get its label. */
export function minimumFunctionality(capability: string, name: string, cases: LabelledCase[]): BehaviourTest {
  checkNonEmpty(cases, 'case');
  for (const c of cases) {
    if (c.label !== 0 && c.label !== 1) throw new MlError('bad-argument', `Case "${c.text}" has label ${c.label}; use 0 or 1.`);
  }
  return { type: 'minimum functionality', capability, name, cases };
}

/**
 * An invariance test: the perturbed text must get the same label as the original, and (when
 * `tolerance` < 1) its probability may move by at most `tolerance` (default 1: only labels count,
 * as in CheckList).
 */
export function invariance(capability: string, name: string, pairs: PerturbedPair[], options: { tolerance?: number } = {}): BehaviourTest {
  checkNonEmpty(pairs, 'pair');
  return { type: 'invariance', capability, name, pairs, tolerance: options.tolerance ?? 1 };
}

/**
 * A directional test: the perturbed text's probability must not move against `direction` by
 * more than `tolerance` (default 0). An unchanged score passes, as in CheckList's monotonic
 * expectations: the test catches models that go the wrong way.
 */
export function directional(
  capability: string,
  name: string,
  pairs: PerturbedPair[],
  options: { direction: 'up' | 'down'; tolerance?: number },
): BehaviourTest {
  checkNonEmpty(pairs, 'pair');
  if (options.direction !== 'up' && options.direction !== 'down') {
    throw new MlError('bad-argument', `direction must be 'up' or 'down', got '${String(options.direction)}'.`);
  }
  return { type: 'directional', capability, name, pairs, direction: options.direction, tolerance: options.tolerance ?? 0 };
}

const fmt = (p: number): string => p.toFixed(3);

/**
 * Runs every test with `predict` (one call for all texts) and returns a result per test. A
 * probability at or above `threshold` (default 0.5) is the label 1.
 */
export async function runBehaviourTests(
  tests: readonly BehaviourTest[],
  predict: TextPredictor,
  options: { threshold?: number; maxExamples?: number } = {},
): Promise<BehaviourResult[]> {
  const { threshold = 0.5, maxExamples = 3 } = options;
  const texts: string[] = [];
  for (const t of tests) {
    if (t.type === 'minimum functionality') texts.push(...t.cases.map((c) => c.text));
    else for (const p of t.pairs) texts.push(p.original, p.perturbed);
  }
  const scores = await predict(texts);
  if (scores.length !== texts.length) {
    throw new MlError('shape-mismatch', `predict() returned ${scores.length} scores for ${texts.length} texts.`);
  }
  let k = 0;
  const label = (p: number): number => (p >= threshold ? 1 : 0);
  const name = (y: number): string => (y === 1 ? 'positive' : 'negative');
  return tests.map((t): BehaviourResult => {
    const failed: BehaviourFailure[] = [];
    let cases: number;
    if (t.type === 'minimum functionality') {
      cases = t.cases.length;
      for (const c of t.cases) {
        const p = scores[k++];
        if (label(p) !== c.label) failed.push({ text: c.text, expected: name(c.label), got: `${name(label(p))} (${fmt(p)})` });
      }
    } else {
      cases = t.pairs.length;
      for (const pair of t.pairs) {
        const before = scores[k++];
        const after = scores[k++];
        if (t.type === 'invariance') {
          if (label(before) !== label(after) || Math.abs(after - before) > t.tolerance) {
            failed.push({
              text: pair.original,
              perturbed: pair.perturbed,
              expected: `same verdict (${fmt(before)})`,
              got: `${name(label(after))} (${fmt(after)})`,
            });
          }
        } else {
          const moved = t.direction === 'down' ? before - after : after - before;
          if (moved < -t.tolerance) {
            failed.push({ text: pair.original, perturbed: pair.perturbed, expected: `${t.direction} from ${fmt(before)}`, got: fmt(after) });
          }
        }
      }
    }
    return {
      type: t.type,
      capability: t.capability,
      name: t.name,
      cases,
      failures: failed.length,
      failureRate: failed.length / cases,
      examples: failed.slice(0, maxExamples),
    };
  });
}

/** Adds up test results by capability, in the order capabilities first appear. */
export function summariseByCapability(results: readonly BehaviourResult[]): CapabilitySummary[] {
  const byCapability = new Map<string, CapabilitySummary>();
  for (const r of results) {
    const s = byCapability.get(r.capability) ?? { capability: r.capability, tests: 0, cases: 0, failures: 0, failureRate: 0 };
    s.tests++;
    s.cases += r.cases;
    s.failures += r.failures;
    s.failureRate = s.failures / s.cases;
    byCapability.set(r.capability, s);
  }
  return [...byCapability.values()];
}

/**
 * Every filling of a template's `{slot}`s from the lists given (CheckList's `editor.template`),
 * in a fixed order: the first slot varies slowest. Throws when more than `max` (default 1,000)
 * texts would come out.
 */
export function expandTemplate(template: string, slots: Record<string, readonly string[]>, options: { max?: number } = {}): string[] {
  const names = [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
  for (const n of names) {
    if (!slots[n] || slots[n].length === 0) throw new MlError('bad-argument', `expandTemplate(): slot {${n}} has no values.`);
  }
  const total = names.reduce((p, n) => p * slots[n].length, 1);
  const max = options.max ?? 1000;
  if (total > max) throw new MlError('bad-argument', `expandTemplate(): ${total} texts would come out, more than max (${max}).`);
  const out: string[] = [];
  const fill = (i: number, text: string): void => {
    if (i === names.length) {
      out.push(text);
      return;
    }
    for (const v of slots[names[i]]) fill(i + 1, text.replaceAll(`{${names[i]}}`, v));
  };
  fill(0, template);
  return out;
}

/**
 * One typo, as CheckList's `Perturb.add_typos` makes it: two neighbouring letters swapped inside
 * one word of 4+ letters, chosen with `rng`. A text without such a word comes back unchanged.
 */
export function addTypo(text: string, rng: Rng): string {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (words.length === 0) return text;
  const w = rng.pick(words);
  const at = (w.index ?? 0) + rng.int(1, w[0].length - 2);
  return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
}

/** Replaces every whole-word occurrence of `from` with `to`, keeping the rest of the text. */
export function replaceWord(text: string, from: string, to: string): string {
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), to);
}
