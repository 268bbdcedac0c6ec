/**
 * Input widgets: moving a slider re-runs the cells that read its value, with no Run button.
 */
import { describe, expect, it } from 'vitest';
import { addAndRunCell, outputText, useSession, waitForIdle } from './browser';

const s = useSession('00-start-here');

const addCell = (code: string) => addAndRunCell(s.page, code);

describe('widgets', () => {
  it('re-runs the dependent cells when a slider moves, and a select and checkbox too', async () => {
    const control = await addCell(
      'const k = display.slider({ label: "Multiplier", min: 0, max: 10, step: 1, value: 2 });\nconst unit = display.select({ label: "Unit", options: ["cm", "m"] });\nconst loud = display.checkbox({ label: "Shout" });',
    );
    const reader = await addCell('const shown = `${k * 10} ${unit}`;\nloud ? shown.toUpperCase() : shown');
    expect(await outputText(s.page, reader)).toBe('20 cm');

    const slider = s.page.getByRole('slider', { name: 'Multiplier' });
    await slider.focus();
    await s.page.keyboard.press('ArrowRight');
    await s.page.waitForFunction((id) => document.querySelector(`fb-cell[data-cell-id="${id}"] .fb-outputs`)?.textContent?.includes('30 cm'), reader);
    expect(await outputText(s.page, reader)).toBe('30 cm');

    await s.page.getByRole('combobox', { name: 'Unit' }).selectOption('m');
    await s.page.getByRole('checkbox', { name: 'Shout' }).check();
    await s.page.waitForFunction((id) => document.querySelector(`fb-cell[data-cell-id="${id}"] .fb-outputs`)?.textContent?.trim() === '30 M', reader);
    await waitForIdle(s.page);
    // The widget keeps what the learner chose when its cell re-runs.
    expect(await s.page.getByRole('slider', { name: 'Multiplier' }).inputValue()).toBe('3');
    expect(await s.page.locator(`fb-cell[data-cell-id="${control}"]`).getAttribute('data-status')).toBe('ok');
  });

  it('reads a file the learner picks', async () => {
    const picker = await addCell('const upload = display.file({ label: "CSV file", accept: ".csv" });');
    const reader = await addCell('upload ? `${upload.name}: ${upload.text.split("\\n").length} lines` : "no file yet"');
    expect(await outputText(s.page, reader)).toBe('no file yet');
    await s.page
      .locator(`fb-cell[data-cell-id="${picker}"] input[type="file"]`)
      .setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,4') });
    await s.page.waitForFunction((id) => document.querySelector(`fb-cell[data-cell-id="${id}"] .fb-outputs`)?.textContent?.includes('tiny.csv'), reader);
    expect(await outputText(s.page, reader)).toBe('tiny.csv: 3 lines');
  });
});
