/**
 * Part of bench/notebooks.mjs: opens generated notebooks of 20, 1,000 and 2,000 cells through
 * "Import notebook", as a learner would, and measures how soon the first cell and every cell show
 * their code, the longest main-thread task meanwhile and how many editors were built.
 */
import { launchChromium } from '../app.mjs';

/** Sizes of the generated notebooks opened (a short one to compare with). */
const GENERATED_SIZES = [20, 1000, 2000];

/** A notebook of `n` sections, each a heading, a sentence with a formula, and a two-line code cell. */
export function generatedNotebook(n) {
  const parts = ['---', `id: generated-${n}`, `title: ${n} generated cells`, '---', `# ${n} generated cells`, ''];
  for (let i = 0; i < n; i++)
    parts.push(`## Section ${i}`, '', `Cell ${i} doubles $v_{${i}}$ and prints it.`, '', '```ts id=c' + i, `const v${i} = ${i};`, `v${i} * 2`, '```', '');
  return parts.join('\n');
}

/**
 * Opens generated notebooks of GENERATED_SIZES cells through "Import notebook", as a learner would,
 * in one fresh profile: time from choosing the file to its first cell and to every cell showing
 * its code, the longest main-thread task until settleMs after, and how many editors were built.
 */
export async function benchGenerated(baseUrl, { settleMs, loadTimeoutMs, timeoutMs }) {
  const rows = [];
  let browser = null;
  try {
    browser = await launchChromium();
    const context = browser.context;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseUrl);
    await page.waitForFunction(() => document.documentElement.dataset.kernel === 'ready', undefined, { timeout: loadTimeoutMs });
    for (const n of GENERATED_SIZES) {
      const row = { cells: n, ok: false, error: null };
      try {
        await page.evaluate(() => {
          const probe = { start: 0, tasks: [] };
          window.__fbImport = probe;
          new PerformanceObserver((list) => {
            for (const t of list.getEntries()) probe.tasks.push({ start: t.startTime, duration: t.duration });
          }).observe({ type: 'longtask' });
        });
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import notebook' }).click()]);
        await page.evaluate(() => (window.__fbImport.start = performance.now()));
        await chooser.setFiles({ name: `generated-${n}.md`, mimeType: 'text/markdown', buffer: Buffer.from(generatedNotebook(n)) });
        // Usable: the first cell shows its code. Complete: every cell does (long notebooks fill in below).
        // (The previous generated notebook has a c0 too: wait for this one's title first.)
        await page.waitForFunction(
          (title) => document.title.startsWith(title) && document.querySelector('fb-cell[data-cell-id="c0"] .cm-editor') !== null,
          `${n} generated cells`,
          { timeout: timeoutMs, polling: 10 },
        );
        const firstAt = await page.evaluate(() => performance.now());
        await page.waitForFunction((count) => document.querySelectorAll('fb-cell[data-status] .cm-editor').length >= count, n, {
          timeout: timeoutMs,
          polling: 20,
        });
        const shownAt = await page.evaluate(() => performance.now());
        await page.waitForTimeout(settleMs);
        const probe = await page.evaluate(() => window.__fbImport);
        const tasks = probe.tasks.filter((t) => t.start >= probe.start && t.start < shownAt + settleMs);
        row.openMs = firstAt - probe.start;
        row.allMs = shownAt - probe.start;
        row.longestTaskMs = Math.max(0, ...tasks.map((t) => t.duration));
        row.tasksOver100 = tasks.filter((t) => t.duration > 100).length;
        row.cellsShown = await page.locator('fb-cell[data-cell-id]').count();
        row.editors = await page.locator('fb-cell .cm-content[contenteditable]').count();
        row.ok = row.cellsShown === n;
        if (!row.ok) row.error = `${row.cellsShown} of ${n} cells shown`;
      } catch (e) {
        row.error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      }
      console.error(`bench: generated ${n} cells ${row.ok ? 'ok' : `FAILED — ${row.error}`}`);
      rows.push(row);
    }
  } finally {
    await browser?.close().catch(() => {});
  }
  return rows;
}
