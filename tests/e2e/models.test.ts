/**
 * A model saved in one session is listed and loadable after a reload; storage use is shown and a
 * saved model can be deleted.
 */
import { describe, expect, it } from 'vitest';
import { addAndRunCell, outputText, useSession } from './browser';

const s = useSession('00-start-here');

const runNewCell = (code: string) => addAndRunCell(s.page, code);

describe('saved models', () => {
  it('lists a model saved in an earlier session and loads it after a reload', async () => {
    const saver = await runNewCell(
      'const tiny = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones" })] });\nawait tiny.save("indexeddb://tiny-model");\n(tiny.predict(tf.tensor2d([[1, 2]])) as tf.Tensor).dataSync()[0]',
    );
    expect(await outputText(s.page, saver)).toBe('3');
    await s.page.reload();
    await s.page.locator('fb-cell[data-status]').first().waitFor();
    await s.page.waitForFunction(() => document.documentElement.dataset.kernel === 'ready');

    await s.page.getByRole('button', { name: 'Storage' }).click();
    const panel = s.page.getByRole('dialog', { name: 'Storage in this browser' });
    await panel.getByRole('table', { name: 'Saved models' }).waitFor();
    expect(await panel.locator('[data-model="indexeddb://tiny-model"]').count()).toBe(1);
    expect(await panel.innerText()).toMatch(/Fieldbook uses .+ of about/);
    await panel.getByRole('button', { name: 'Close' }).click();

    const loader = await runNewCell(
      'const reloaded = await tf.loadLayersModel("indexeddb://tiny-model");\n(reloaded.predict(tf.tensor2d([[1, 2]])) as tf.Tensor).dataSync()[0]',
    );
    expect(await outputText(s.page, loader)).toBe('3');
  });

  it('deletes a saved model from the storage panel after confirmation', async () => {
    await s.page.getByRole('button', { name: 'Storage' }).click();
    const panel = s.page.getByRole('dialog', { name: 'Storage in this browser' });
    await panel.getByRole('button', { name: 'Delete indexeddb://tiny-model' }).click();
    await s.page.getByRole('dialog', { name: 'Delete this saved model?' }).getByRole('button', { name: 'Delete model' }).click();
    await panel.getByText('No saved models').waitFor();
    await panel.getByRole('button', { name: 'Close' }).click();
  });
});
