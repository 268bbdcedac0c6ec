/**
 * Start here's ridge exercise, as a learner does it: the suggested penalties include one that
 * passes, one far too large fails with a hint pointing the right way, and the loopholes the
 * review found (another degree, a fit on the validation set, overwriting a result) do not pass:
 * the check refits degree 10 on the training examples in its own cell, from `myRidge` alone.
 */
import { describe, expect, it } from 'vitest';
import { useSession, waitForIdle } from './browser';

const s = useSession('00-start-here');
const panel = () => s.page.locator('[data-exercise="ridge-penalty"]');

/** Types `line` over the first line of the ridge cell, runs it, then runs the check below it. */
async function tryRidge(line: string): Promise<{ status: string | null; message: string }> {
  await s.page.locator('fb-cell[data-cell-id="try-ridge"] .cm-line').first().click();
  await s.page.keyboard.press('Home');
  await s.page.keyboard.press('Shift+End');
  await s.page.keyboard.insertText(line);
  await s.page.keyboard.press('Control+Enter');
  await waitForIdle(s.page);
  await s.page.locator('fb-cell[data-cell-id="check-ridge"]').getByRole('button', { name: 'Run cell' }).click();
  await waitForIdle(s.page);
  return { status: await panel().getAttribute('data-exercise-status'), message: await panel().locator('.fb-exercise-message').innerText() };
}

describe('the ridge exercise', () => {
  it('is pending untouched, fails a penalty far too large with a hint to go smaller, and passes a suggested one', async () => {
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page, 120_000);
    expect(await panel().getAttribute('data-exercise-status')).toBe('pending');
    const tooLarge = await tryRidge('const myRidge = 300;');
    expect(tooLarge.status).toBe('failed');
    expect(tooLarge.message).toMatch(/Try a smaller penalty/);
    const suggested = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
    const verdicts: string[] = [];
    for (const ridge of suggested) verdicts.push((await tryRidge(`const myRidge = ${ridge};`)).status ?? '');
    expect(verdicts).toContain('passed');
  });

  it('does not pass through another degree, the validation set or an overwritten result', async () => {
    const loopholes = [
      // The check refits degree 10 on the training examples itself, in a cell of its own.
      'const myRidge = 1e-9; const myDegree = 3;',
      'const myRidge = 1e-9; const ridgeModel = fitPolynomial(validation.xs, validation.ys, 10, myRidge);',
      'const myRidge = 1e-9; const ridgeValidationMSE = 0;',
    ];
    for (const line of loopholes) {
      const { status } = await tryRidge(line);
      expect(status, line).not.toBe('passed');
    }
  });
});
