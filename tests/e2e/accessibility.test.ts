/**
 * Accessibility checked by axe-core: the home page (with its course map), the glossary page, and a
 * notebook after Run all (with its charts, tables and training views), in the light and the dark
 * colour scheme, have no serious or critical violations.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openNotebook, statuses, useSession, waitForIdle } from './browser';

const SCHEMES = ['light', 'dark'] as const;

const s = useSession();

/** Runs axe on the page and returns the serious and critical violations. */
async function seriousViolations(): Promise<Result[]> {
  const results = await new AxeBuilder({ page: s.page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation and per offending element, to say what to fix where. */
function describeViolations(violations: Result[]): string {
  return violations
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
        ...(v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : []),
      ].join('\n'),
    )
    .join('\n');
}

async function expectNoSeriousViolations(): Promise<void> {
  const violations = await seriousViolations();
  expect(
    violations.map((v) => `${v.id} (${v.impact})`),
    `axe found:\n${describeViolations(violations)}`,
  ).toEqual([]);
}

describe('the home page', () => {
  for (const scheme of SCHEMES) {
    it(`has no serious or critical axe violations in the ${scheme} scheme`, async () => {
      await s.page.emulateMedia({ colorScheme: scheme });
      await s.page.goto(s.baseUrl);
      await s.page.locator('[data-notebook-id]').first().waitFor();
      await expectNoSeriousViolations();
    });
  }
});

describe('the glossary page', () => {
  for (const scheme of SCHEMES) {
    it(`has no serious or critical axe violations in the ${scheme} scheme`, async () => {
      await s.page.emulateMedia({ colorScheme: scheme });
      await s.page.goto(`${s.baseUrl}#/glossary`);
      await s.page.locator('.fb-glossary dt').first().waitFor();
      await expectNoSeriousViolations();
    });
  }
});

describe('a notebook with its outputs', () => {
  beforeAll(async () => {
    await openNotebook(s, '00-start-here');
    await s.page.getByRole('button', { name: 'Run all' }).click();
    await waitForIdle(s.page);
    const all = await statuses(s.page);
    if (!all.every((x) => x === 'ok')) throw new Error(`Run all did not finish cleanly: ${all.join(', ')}`);
  });

  for (const scheme of SCHEMES) {
    it(`has no serious or critical axe violations in the ${scheme} scheme`, async () => {
      await s.page.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => s.page.locator('fb-cell canvas').count()).toBeGreaterThan(0);
      await expectNoSeriousViolations();
    });
  }

  for (const scheme of SCHEMES) {
    it(`has none in command mode with the shortcuts panel open, in the ${scheme} scheme`, async () => {
      await s.page.emulateMedia({ colorScheme: scheme });
      await s.page.locator('fb-cell[data-cell-id="split"] .cm-content').click();
      await s.page.keyboard.press('Escape');
      await s.page.locator('fb-cell[data-selected]').waitFor();
      await s.page.keyboard.press('?');
      const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      try {
        await expectNoSeriousViolations();
      } finally {
        await s.page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      }
    });
  }
});
