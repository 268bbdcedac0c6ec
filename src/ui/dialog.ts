/**
 * Modal questions the app asks (confirm a reset, choose between versions), as native <dialog>
 * elements: focus is trapped and Esc cancels, and focus returns to where it was.
 */
import { html, render, type TemplateResult } from 'lit';
import { diffLines } from './diff';

interface Choice<T> {
  label: string;
  value: T;
  primary?: boolean;
}

/** Shows a modal with a title, a body and buttons; resolves with the chosen value (`cancel` on Esc). */
export function askDialog<T>(title: string, body: TemplateResult, choices: Choice<T>[], cancel: T): Promise<T> {
  const returnFocus = document.activeElement as HTMLElement | null;
  const dialog = document.createElement('dialog');
  dialog.className = 'fb-dialog';
  dialog.setAttribute('aria-labelledby', 'fb-dialog-title');
  document.body.append(dialog);
  return new Promise<T>((resolve) => {
    let settled = false;
    // Settles in the click itself (not on the later `close` event), so what the choice does is on
    // the page by the time the click has been handled.
    const finish = (value: T) => {
      if (settled) return;
      settled = true;
      dialog.close();
      dialog.remove();
      returnFocus?.focus?.();
      resolve(value);
    };
    dialog.addEventListener('close', () => finish(cancel));
    render(
      html`<h2 id="fb-dialog-title">${title}</h2>
        <div class="fb-dialog-body">${body}</div>
        <div class="fb-dialog-actions">
          ${choices.map((c) => html`<button class=${c.primary ? '' : 'fb-secondary'} @click=${() => finish(c.value)}>${c.label}</button>`)}
        </div>`,
      dialog,
    );
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('.fb-dialog-actions button:not(.fb-secondary)')?.focus();
  });
}

/** Asks "are you sure?"; resolves true only when the learner confirms. */
export function confirmDialog(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return askDialog(
    title,
    html`<p>${message}</p>`,
    [
      { label: 'Cancel', value: false },
      { label: confirmLabel, value: true, primary: true },
    ],
    false,
  );
}

/** Side by side: the learner's version and the new original; resolves with the one they keep. */
export function compareDialog(mine: string, original: string): Promise<'mine' | 'original' | null> {
  const rows = diffLines(mine, original);
  const body = html`<p>This notebook was updated since you edited this cell. Your version is kept until you choose.</p>
    <table class="fb-diff">
      <thead>
        <tr>
          <th scope="col">Your version</th>
          <th scope="col">New original</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr class="fb-diff-${r.kind}">
              <td><code>${r.left ?? ''}</code></td>
              <td><code>${r.right ?? ''}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  return askDialog<'mine' | 'original' | null>(
    'Compare with the new original',
    body,
    [
      { label: 'Decide later', value: null },
      { label: 'Keep my version', value: 'mine' },
      { label: 'Use the new original', value: 'original', primary: true },
    ],
    null,
  );
}
