/**
 * A damaged address (issue 12, item 13): a malformed percent-escape in the hash gets a clear
 * "bad address" page instead of a blank one, and the home page works again in the same tab.
 */
import { describe, expect, it } from 'vitest';
import { useSession } from './browser';

const s = useSession();

describe('a malformed percent-escape in the address', () => {
  it('shows a page that says the address is damaged, with a way back', async () => {
    await s.page.goto(`${s.baseUrl}#/notebook/%E0%A4%A`);
    const alert = s.page.locator('.fb-not-found');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('damaged');
    expect(await s.page.getByRole('link', { name: 'All notebooks', exact: true }).count()).toBeGreaterThan(0);
  });

  it('opens the notebook list again at #/ in the same tab', async () => {
    await s.page.evaluate(() => (location.hash = '#/'));
    await s.page.locator('.fb-card[data-notebook-id="00-start-here"]').waitFor();
    expect(await s.page.locator('.fb-not-found').count()).toBe(0);
  });

  it('opens a notebook from there as usual', async () => {
    await s.page.locator('.fb-card[data-notebook-id="00-start-here"] a').click();
    await s.page.locator('fb-cell[data-cell-id="make-data"]').waitFor();
    expect(s.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
