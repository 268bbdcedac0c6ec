/**
 * Exercises and definitions, driven as a learner would, on a small fixture notebook (imported, so
 * the tests do not depend on the flagship notebooks' content): an untouched Run all passes no
 * exercise; hints come one at a time and the solution only after confirming; doing it right passes
 * it, and the table of contents and the home card show it after a reload; glossary terms show their
 * definition on hover and on keyboard focus; and a 480 px screen wraps the header and collapses
 * the contents.
 */
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { runInPlace, typeInCell, useSession, waitForIdle, waitForKernel } from './browser';

const FIXTURE = 'tests/fixtures/exercises/exercise-demo.md';
const s = useSession();

const panel = (id: string) => s.page.locator(`[data-exercise="${id}"]`);
const status = (id: string) => panel(id).getAttribute('data-exercise-status');
const tocProgress = () => s.page.getByRole('navigation', { name: 'Table of contents' }).locator('[data-exercise-progress]').innerText();

async function seriousViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page: s.page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('an exercise', () => {
  it("is pending or failed after an untouched Run all, with the check's message", async () => {
    await s.page.goto(s.baseUrl);
    await waitForKernel(s.page);
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByRole('button', { name: 'Import notebook' }).click()]);
    await chooser.setFiles(FIXTURE);
    await s.page.getByRole('button', { name: 'Trust this notebook' }).click();
    await s.page.getByRole('dialog').getByRole('button', { name: 'Trust this notebook' }).click();
    expect(await tocProgress()).toBe('0 of 3 exercises passed');
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page);
    expect([await status('guess'), await status('async-one'), await status('throws')]).toEqual(['pending', 'failed', 'failed']);
    expect(await panel('guess').locator('.fb-exercise-message').innerText()).toBe('Change myGuess in the cell above, then run this cell.');
    // The async check ran to its verdict before the cell finished; the throwing one failed with its error.
    expect(await panel('async-one').locator('.fb-exercise-message').innerText()).toBe('Not yet: make myGuess larger than 100.');
    expect(await panel('throws').locator('.fb-exercise-message').innerText()).toBe('notDeclaredAnywhere is not defined');
    expect(await panel('guess').getByRole('heading').innerText()).toContain('Guess the answer');
    expect(await tocProgress()).toBe('0 of 3 exercises passed');
  });

  it('shows one more hint each time "Show hint" is pressed, and no more than there are', async () => {
    const hints = panel('guess').getByRole('list', { name: 'Hints' }).getByRole('listitem');
    const button = panel('guess').getByRole('button', { name: 'Show hint', exact: true });
    expect(await hints.count()).toBe(0);
    await button.click();
    expect(await hints.allInnerTexts()).toEqual(['It is the answer to everything.']);
    await button.click();
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    // The button keeps focus once every hint shows; pressing it again changes nothing.
    await button.focus();
    await s.page.keyboard.press('Enter');
    expect(await hints.allInnerTexts()).toEqual(['It is the answer to everything.', 'It is six times seven.']);
    expect(await panel('guess').innerText()).toContain('2 of 2 hints shown');
  });

  it('shows the solution only after the learner confirms', async () => {
    const solution = panel('guess').getByRole('region', { name: 'Solution' });
    await panel('guess').getByRole('button', { name: 'Show solution' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Show the solution?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await solution.count()).toBe(0);
    await panel('guess').getByRole('button', { name: 'Show solution' }).click();
    await dialog.getByRole('button', { name: 'Show solution' }).click();
    expect(await solution.innerText()).toContain('const myGuess = 42;');
    expect(await panel('guess').getByRole('button', { name: 'Show solution' }).count()).toBe(0);
  });

  it('passes when done right, and the contents count it', async () => {
    await typeInCell(s.page, 'setup', 'const myGuess = 42;');
    // Running the check first runs the edited cell it depends on.
    expect(await runInPlace(s.page, 'check-guess')).toBe('ok');
    expect(await status('guess')).toBe('passed');
    expect(await panel('guess').locator('.fb-exercise-message').innerText()).toBe('Well done: that is right.');
    expect(await panel('guess').innerText()).toContain('Passed after looking at the solution.');
    expect(await tocProgress()).toBe('1 of 3 exercises passed');
    expect(await s.page.locator('[data-exercise-ref="guess"]').getAttribute('data-passed')).toBe('true');
    expect(await s.page.locator('[data-exercise-ref="async-one"]').getAttribute('data-passed')).toBe('false');
  });

  it('writes panels into an exported .ipynb as text', async () => {
    const [file] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: 'Export .ipynb' }).click()]);
    const nb = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    const texts = nb.cells.flatMap((c: { outputs?: { data?: Record<string, string[]> }[] }) =>
      (c.outputs ?? []).map((o) => (o.data?.['text/plain'] ?? []).join('')),
    );
    expect(texts).toContain('Exercise guess — Guess the answer: passed. Well done: that is right.');
    expect(texts).toContain('Exercise throws — A check that throws: not yet. notDeclaredAnywhere is not defined');
  });

  it('names every button and link without glyphs (icons are hidden from the name)', async () => {
    const snapshot = await s.page.locator('body').ariaSnapshot();
    const named = [...snapshot.matchAll(/- (button|link) "([^"]*)"/g)].map((m) => m[2]);
    expect(named).toEqual(expect.arrayContaining(['Run all', 'Stop', 'Restart', 'Run cell', 'Add cell', 'Show hint', 'All notebooks']));
    expect(named.filter((name) => /[▶■↻←→+✓✗○]/u.test(name))).toEqual([]);
  });

  it('has no serious accessibility violations in its panels, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await s.page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(), scheme).toEqual([]);
    }
    await s.page.emulateMedia({ colorScheme: 'light' });
  });

  it('stays passed after a reload: on the home card, in the contents, and hints stay shown', async () => {
    await s.page.goto(s.baseUrl);
    const card = s.page.locator('[data-imported-id="exercise-demo"]');
    expect(await card.locator('[data-exercise-progress]').innerText()).toBe('1 of 3 exercises passed');
    const resume = s.page.locator('[data-continue]');
    expect(await resume.getAttribute('href')).toMatch(/^#\/imported\/exercise-demo\/sec-/);
    await resume.click();
    await waitForKernel(s.page);
    await s.page.locator('fb-cell[data-cell-id="check-guess"]').waitFor();
    expect(await tocProgress()).toBe('1 of 3 exercises passed');
    expect(await runInPlace(s.page, 'check-guess')).toBe('ok');
    expect(await status('guess')).toBe('passed');
    expect(await panel('guess').getByRole('list', { name: 'Hints' }).getByRole('listitem').count()).toBe(2);
  });
});

describe('glossary terms in prose', () => {
  const term = () => s.page.locator('.fb-prose dfn[data-term="epoch"]');
  const definition = () => s.page.locator('#fb-def-term-epoch');

  it('marks the first use of a term once per notebook, described by its definition', async () => {
    // The glossary marks terms in idle time after the prose is drawn.
    await expect.poll(() => term().count()).toBe(1);
    await expect.poll(() => s.page.locator('.fb-prose dfn[data-term="ROC-AUC"]').count()).toBe(1);
    expect(await term().innerText()).toBe('epoch');
    expect(await term().getAttribute('aria-describedby')).toBe('fb-def-term-epoch');
    expect(await definition().textContent()).toContain('one pass of the training loop over every training row');
  });

  it('shows the definition on hover', async () => {
    expect(await definition().isVisible()).toBe(false);
    await term().hover();
    await definition().waitFor({ state: 'visible' });
    // The pointer can move onto the definition (to read or select it) without it closing.
    const box = (await term().boundingBox())!;
    await s.page.mouse.move(box.x + 4, box.y + box.height + 12, { steps: 8 });
    expect(await definition().isVisible()).toBe(true);
    await s.page.mouse.move(5, 5);
    await definition().waitFor({ state: 'hidden' });
  });

  it('shows the definition on keyboard focus, and Esc hides it without moving focus', async () => {
    await s.page.locator('.fb-prose h1').click();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.term)).toBe('epoch');
    await definition().waitFor({ state: 'visible' });
    await s.page.keyboard.press('Escape');
    await definition().waitFor({ state: 'hidden' });
    expect(await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.term)).toBe('epoch');
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.term)).toBe('ROC-AUC');
    await s.page.locator('#fb-def-term-roc-auc').waitFor({ state: 'visible' });
  });

  it('lists every term on the glossary page, and a filter narrows the list', async () => {
    await s.page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Glossary' }).click();
    await s.page.getByRole('heading', { name: 'Glossary', level: 1 }).waitFor();
    expect(await s.page.locator('dt#term-epoch').innerText()).toContain('epoch');
    expect(await s.page.locator('dt#term-epoch + dd').innerText()).toContain('one pass of the training loop');
    await s.page.getByRole('searchbox', { name: 'Find a term' }).fill('recall');
    const shown = await s.page.locator('.fb-glossary dt dfn').allInnerTexts();
    expect(shown).toContain('recall');
    expect(shown).not.toContain('epoch');
  });
});

describe('a narrow screen (480 px)', () => {
  it('wraps the header, collapses the contents and never scrolls sideways', async () => {
    await s.page.setViewportSize({ width: 480, height: 900 });
    await s.page.goto(`${s.baseUrl}#/imported/exercise-demo`);
    await s.page.locator('fb-cell[data-cell-id="setup"]').waitFor();
    const brand = await s.page.locator('.fb-brand').boundingBox();
    const storage = await s.page.getByRole('button', { name: 'Storage' }).boundingBox();
    expect(storage!.y).toBeGreaterThanOrEqual(brand!.y + brand!.height);
    const contents = s.page.locator('.fb-toc-details');
    expect(await contents.getAttribute('open')).toBeNull();
    expect(
      await s.page
        .getByRole('navigation', { name: 'Table of contents' })
        .getByRole('link', { name: /Choose a number/ })
        .isVisible(),
    ).toBe(false);
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    const shot = join(tmpdir(), 'fieldbook-exercises-480.png');
    await s.page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await contents.locator('summary').click();
    expect(
      await s.page
        .getByRole('navigation', { name: 'Table of contents' })
        .getByRole('link', { name: /Choose a number/ })
        .isVisible(),
    ).toBe(true);
    await s.page.goto(s.baseUrl);
    await s.page.locator('[data-notebook-id]').first().waitFor();
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(480);
    await s.page.setViewportSize({ width: 1280, height: 900 });
  });
});
