/**
 * The keyboard shortcuts help panel: a modal dialog listing every shortcut by mode. Esc, the
 * Close button or a click on the backdrop closes it, and focus goes back where it was.
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SHORTCUTS, type Shortcut } from './keymap';
import './keyboard.css';

const KEY_NAMES: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Enter: 'Enter',
  Shift: 'Shift',
};

@customElement('fb-shortcuts')
export class FbShortcuts extends LitElement {
  private returnTo: HTMLElement | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Whether the panel is showing. */
  get isOpen(): boolean {
    return this.querySelector('dialog')?.open ?? false;
  }

  /** Opens the panel as a modal dialog, remembering what had focus. */
  async open(): Promise<void> {
    await this.updateComplete;
    const dialog = this.querySelector('dialog');
    if (!dialog || dialog.open) return;
    this.returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    this.querySelector<HTMLButtonElement>('.fb-shortcuts-close')?.focus();
  }

  /** Closes the panel (focus returns on the dialog's `close` event). */
  close(): void {
    this.querySelector('dialog')?.close();
  }

  private onClose = (): void => {
    const target = this.returnTo;
    this.returnTo = null;
    if (target?.isConnected) target.focus({ preventScroll: true });
  };

  private onDialogClick = (event: MouseEvent): void => {
    // Clicks inside the panel land on its content; only the backdrop targets the dialog itself.
    if (event.target === event.currentTarget) this.close();
  };

  protected override render(): TemplateResult {
    const mac = isMac();
    return html`<dialog class="fb-shortcuts" aria-labelledby="fb-shortcuts-title" @close=${this.onClose} @click=${this.onDialogClick}>
      <div class="fb-shortcuts-body">
        <div class="fb-shortcuts-head">
          <h2 id="fb-shortcuts-title">Keyboard shortcuts</h2>
          <button class="fb-shortcuts-close" @click=${() => this.close()}>Close</button>
        </div>
        <p class="fb-shortcuts-intro">
          Press <kbd>Esc</kbd> in a cell's code to select the cell (command mode); press <kbd>Enter</kbd> to type in it again (edit mode). A click beside the
          code selects a cell too.
        </p>
        ${SHORTCUTS.map(
          (group) =>
            html`<section class="fb-shortcuts-group" aria-labelledby=${`fb-shortcuts-${group.mode}`}>
              <h3 id=${`fb-shortcuts-${group.mode}`}>${group.title}</h3>
              <dl>${group.shortcuts.map((s) => renderShortcut(s, mac))}</dl>
            </section>`,
        )}
        <p class="fb-shortcuts-intro">
          In the editor the usual editing keys work too: undo, <kbd>${mac ? '⌘' : 'Ctrl'}</kbd>+<kbd>f</kbd> to find, <kbd>Tab</kbd> to move on.
        </p>
      </div>
    </dialog>`;
  }
}

function renderShortcut(shortcut: Shortcut, mac: boolean): TemplateResult {
  const alternatives = shortcut.keys.map((keys, i) => html`${i > 0 ? html` <span class="fb-shortcuts-or">or</span> ` : ''}${renderSequence(keys, mac)}`);
  return html`<div class="fb-shortcut">
    <dt>${alternatives}</dt>
    <dd>${shortcut.description}</dd>
  </div>`;
}

function renderSequence(keys: string, mac: boolean): TemplateResult[] {
  return keys
    .split(' ')
    .map((press, i) => html`${i > 0 ? ' then ' : ''}${press.split('+').map((key, j) => html`${j > 0 ? '+' : ''}<kbd>${nameOf(key, mac)}</kbd>`)}`);
}

function nameOf(key: string, mac: boolean): string {
  if (key === 'Mod') return mac ? '⌘' : 'Ctrl';
  return KEY_NAMES[key] ?? key;
}

function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** Opens the page's shortcuts panel, creating it on first use. */
export async function showShortcuts(): Promise<FbShortcuts> {
  let panel = document.querySelector('fb-shortcuts');
  if (!panel) {
    panel = document.createElement('fb-shortcuts');
    document.body.append(panel);
  }
  await panel.open();
  return panel;
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-shortcuts': FbShortcuts;
  }
}
