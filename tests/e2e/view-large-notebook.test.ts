/**
 * A notebook of a thousand cells opens like a short one: every cell is there with its hooks a few
 * frames after the first, code editors are built only near where the learner reads, cells far off
 * screen are not laid out but take the height they will have, and a cell far down is edited and
 * run like any other.
 */
import { describe, expect, it } from 'vitest';
import { cellIds, useSession, waitForIdle, waitForKernel } from './browser';

const s = useSession();
const CELLS = 1000;

/** A notebook of `n` sections, each a heading, a sentence with a formula, and a two-line code cell. */
function bigNotebook(n: number): string {
  const parts = ['---', 'id: thousand-cells', 'title: A thousand cells', '---', '# A thousand cells', ''];
  for (let i = 0; i < n; i++) {
    parts.push(`## Section ${i}`, '', `Cell ${i} doubles $v_{${i}}$ and prints it.`, '', '```ts id=c' + i, `const v${i} = ${i};`, `v${i} * 2`, '```', '');
  }
  return parts.join('\n');
}

/** Editors CodeMirror has built (a statically drawn cell is not editable until the learner enters it). */
function liveEditors(): Promise<number> {
  return s.page.locator('fb-cell .cm-content[contenteditable]').count();
}

describe('a 1,000-cell notebook', () => {
  it('opens with every cell and its hooks, building editors only near the viewport', async () => {
    await s.page.goto(s.baseUrl);
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByRole('button', { name: 'Import notebook' }).click()]);
    await chooser.setFiles({ name: 'thousand.md', mimeType: 'text/markdown', buffer: Buffer.from(bigNotebook(CELLS)) });
    await s.page.waitForURL(/#\/imported\/thousand-cells$/);
    await waitForKernel(s.page);
    await s.page.locator(`fb-cell[data-cell-id="c${CELLS - 1}"][data-status="idle"]`).waitFor({ state: 'attached', timeout: 120_000 });
    expect(await cellIds(s.page)).toEqual(Array.from({ length: CELLS }, (_, i) => `c${i}`));
    // Every cell shows its code (the cells far down fill in a few frames later), drawn the same way
    // whether or not its editor exists yet.
    await s.page.waitForFunction((n) => document.querySelectorAll('fb-cell .cm-editor').length === n, CELLS);
    await s.page.waitForTimeout(1000);
    const built = await liveEditors();
    expect(built).toBeGreaterThan(0);
    expect(built).toBeLessThan(60);
  });

  it('gives the cells it does not lay out off screen the height they have when drawn', async () => {
    const off = await s.page.evaluate(() => {
      const skipped = [...document.querySelectorAll<HTMLElement>('fb-cell.fb-cell-dormant')].filter(
        (c) => c.firstElementChild?.checkVisibility({ contentVisibilityAuto: true }) === false,
      );
      return {
        count: skipped.length,
        worst: Math.max(
          0,
          ...skipped.slice(0, 200).map((cell) => {
            const estimated = cell.getBoundingClientRect().height;
            cell.style.contentVisibility = 'visible';
            const drawn = cell.getBoundingClientRect().height;
            cell.style.contentVisibility = '';
            return Math.abs(drawn - estimated);
          }),
        ),
      };
    });
    expect(off.count).toBeGreaterThan(500);
    expect(off.worst).toBeLessThan(0.5);
  });

  it('edits and runs a cell far down once the learner trusts the notebook', async () => {
    await s.page.getByRole('button', { name: 'Trust this notebook' }).click();
    await s.page.getByRole('dialog').getByRole('button', { name: 'Trust this notebook' }).click();
    const last = s.page.locator(`fb-cell[data-cell-id="c${CELLS - 1}"]`);
    await last.locator('.cm-content').click();
    await s.page.keyboard.press('Control+End');
    await s.page.keyboard.insertText(' + 1');
    expect(await last.locator('.cm-content').innerText()).toBe(`const v${CELLS - 1} = ${CELLS - 1};\nv${CELLS - 1} * 2 + 1`);
    await s.page.keyboard.press('Control+Enter');
    await waitForIdle(s.page);
    expect(await last.getAttribute('data-status')).toBe('ok');
    expect((await last.locator('.fb-outputs').innerText()).trim()).toBe(String((CELLS - 1) * 2 + 1));
    // Scrolling the whole way built editors on the way, never all of them.
    expect(await liveEditors()).toBeLessThan(CELLS / 2);
  });

  it("puts the caret where the learner clicks, before or after the cell's editor is built", async () => {
    for (const id of ['c500', 'c700']) {
      const target = s.page.locator(`fb-cell[data-cell-id="${id}"]`);
      await target.scrollIntoViewIfNeeded();
      // After a jump of hundreds of cells the page can still move for a frame or two (the cells
      // coming into view are laid out for real): aim once the line has stayed put, as a person would.
      await target.evaluate(
        (cell) =>
          new Promise<void>((resolve) => {
            let last = NaN;
            let still = 0;
            const look = () => {
              const top = cell.querySelectorAll('.cm-line')[1]?.getBoundingClientRect().top ?? NaN;
              still = top === last ? still + 1 : 0;
              last = top;
              if (still >= 3) resolve();
              else requestAnimationFrame(look);
            };
            requestAnimationFrame(look);
          }),
      );
      // Just after "v500" on the second line ("v500 * 2"): four monospace characters in from its left.
      const point = await target.evaluate((cell) => {
        const line = cell.querySelectorAll('.cm-line')[1];
        const range = document.createRange();
        range.selectNodeContents(line);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + (rect.width / (line.textContent ?? '').length) * 4 + 1, y: rect.top + rect.height / 2 };
      });
      await s.page.mouse.click(point.x, point.y);
      await s.page.keyboard.insertText('_x');
      const n = id.slice(1);
      expect(await target.locator('.cm-content').innerText()).toBe(`const v${n} = ${n};\nv${n}_x * 2`);
    }
  });
});

describe('errors', () => {
  it('logged none', () => {
    expect(s.errors).toEqual([]);
  });
});
