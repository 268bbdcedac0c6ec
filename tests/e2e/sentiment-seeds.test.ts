/**
 * The sentiment notebook with other simulation seeds: every cell still runs, no exercise passes
 * untouched, and the stakeholder summary says what the cells computed (the alarm's catches and
 * false alarms, the retraining decision, the raters' agreement, the model against VADER).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputText, statuses, typeInCell, useSession, waitForIdle } from './browser';
import { exerciseStatuses } from './cells';

const s = useSession('sentiment-analysis');
const notebook = readFileSync(join(__dirname, '../../notebooks/sentiment-analysis.md'), 'utf8');
const setupCode = /```ts id=setup\n([\s\S]*?)\n```/.exec(notebook)?.[1] ?? '';

/** True when a figure rounded to 2 decimals (as the summary writes it) is `precise` rounded (as a cell writes it). */
const sameFigure = (rounded: string, precise: string) => Math.abs(Number(rounded) - Number(precise)) <= 0.0051;

/** The first match of `pattern` in `text`, or a failure that shows the text. */
function grab(text: string, pattern: RegExp): RegExpExecArray {
  const m = pattern.exec(text);
  if (!m) throw new Error(`no match for ${pattern} in: ${text.slice(0, 800)}`);
  return m;
}

describe.each([3, 11])('the sentiment notebook with SEED = %i', (seed) => {
  it('runs every cell, passes no exercise, and its summary agrees with the cells', async () => {
    expect(setupCode).toContain('const SEED = 7;');
    await typeInCell(s.page, 'setup', setupCode.replace('const SEED = 7;', `const SEED = ${seed};`));
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 170_000);
    const all = await statuses(s.page);
    expect(
      all.every((x) => x === 'ok'),
      `statuses: ${all.join(', ')}`,
    ).toBe(true);
    expect(Object.values(await exerciseStatuses(s.page)).filter((x) => x === 'passed')).toEqual([]);

    const summary = await outputText(s.page, 'summary');
    const alarm = await outputText(s.page, 'alarm');
    const caught = grab(alarm, /It caught (\d+) of (\d+) surge weeks? with (\d+) false alarms?: (€[\d,]+) against (€[\d,]+)/);
    if (Number(caught[2]) > 0) {
      const said = grab(summary, /the alarm caught (\d+)(?: \(\d+%\))? with (\d+) false alarms?, costing (€[\d,]+) against (€[\d,]+)/);
      expect([said[1], said[2], said[3], said[4]]).toEqual([caught[1], caught[3], caught[4], caught[5]]);
    }

    const retrain = await outputText(s.page, 'retrain');
    const promoted = /promote it\.$/m.test(retrain);
    expect(promoted || /keep the live model/.test(retrain)).toBe(true);
    expect(summary.includes('we recommend switching to it')).toBe(promoted);
    expect(summary.includes('we keep the current one')).toBe(!promoted);

    const kappa = grab(await outputText(s.page, 'agreement'), /Fleiss' κ over the three raters: (\d\.\d{3})/)[1];
    expect(sameFigure(grab(summary, /Fleiss' κ of (\d\.\d\d)/)[1], kappa)).toBe(true);

    const finalTest = await outputText(s.page, 'final-test');
    const [, tuned, vader] = grab(finalTest, /Test accuracy (\d\.\d{3}) \(95% CI [^)]*\) for the tuned model, (\d\.\d{3})/);
    const [, low, high] = grab(finalTest, /difference\s+-?\d\.\d{3} \(95% CI (-?\d\.\d{3})(?:–| to )(-?\d\.\d{3})\)/);
    const [, saidVader, saidTuned] = grab(summary, /test accuracy (\d\.\d\d) for the off-the-shelf tool, (\d\.\d\d) for our model/);
    expect([sameFigure(saidVader, vader), sameFigure(saidTuned, tuned)]).toEqual([true, true]);
    const verdict =
      Number(high) < 0
        ? 'the off-the-shelf tool is better than our model'
        : Number(low) > 0
          ? 'our model is better here too'
          : 'the two are within the noise of each other';
    expect(summary).toContain(verdict);

    const brand = grab(await outputText(s.page, 'brand-model'), /training data gives (\d\.\d{3}) \(95% CI (\d\.\d{3})–(\d\.\d{3})\)/);
    const said = grab(summary, /it is (\d\.\d\d) \(95% CI (\d\.\d\d)–(\d\.\d\d)\) accurate/);
    expect([1, 2, 3].map((k) => sameFigure(said[k], brand[k]))).toEqual([true, true, true]);
  });
});
