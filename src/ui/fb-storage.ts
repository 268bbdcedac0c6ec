/**
 * The storage panel: how much this site keeps in the browser, the models saved with tfjs (listed
 * and deletable), the notebooks with saved edits, and a request that the browser keep it all.
 */
import { keys, createStore } from 'idb-keyval';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient } from '../kernel/client';
import type { SavedModelInfo } from '../kernel/protocol';
import { idbEditStore } from '../store/index';
import { confirmDialog } from './dialog';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

@customElement('fb-storage')
export class FbStorage extends LitElement {
  @property({ attribute: false }) kernel!: KernelClient;
  @state() private usage: { used: number; quota: number } | null = null;
  @state() private persisted: boolean | null = null;
  @state() private models: SavedModelInfo[] | null = null;
  @state() private edited: string[] = [];
  @state() private problem = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Opens the panel as a modal dialog and reads the current figures. */
  async open(): Promise<void> {
    await this.updateComplete;
    this.querySelector('dialog')?.showModal();
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    this.problem = '';
    try {
      const estimate = await navigator.storage?.estimate?.();
      if (estimate) this.usage = { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
      this.persisted = (await navigator.storage?.persisted?.()) ?? null;
      this.edited = (await keys(createStore('fieldbook-edits', 'notebooks'))).map(String).sort();
      this.models = await this.kernel.savedModels();
    } catch (e) {
      this.problem = `Storage could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private async deleteModel(url: string): Promise<void> {
    if (!(await confirmDialog('Delete this saved model?', `${url} is removed from this browser. Cells that load it will need it saved again.`, 'Delete model'))) return;
    try {
      this.models = await this.kernel.savedModels(url);
    } catch (e) {
      this.problem = e instanceof Error ? e.message : String(e);
    }
    await this.refresh();
  }

  private async clearEdits(): Promise<void> {
    if (!(await confirmDialog('Delete all saved edits?', 'Every notebook goes back to its original cells the next time you open it. Export notebooks first if you want to keep your work.', 'Delete all edits'))) return;
    try {
      await idbEditStore.clearAll();
    } catch (e) {
      this.problem = e instanceof Error ? e.message : String(e);
    }
    await this.refresh();
  }

  private async persist(): Promise<void> {
    this.persisted = (await navigator.storage?.persist?.()) ?? false;
    if (!this.persisted) this.problem = 'The browser declined to promise it will keep this site’s data; it may still keep it. Export notebooks you care about.';
  }

  protected override render(): TemplateResult {
    return html`<dialog class="fb-dialog fb-storage" aria-labelledby="fb-storage-title">
      <h2 id="fb-storage-title">Storage in this browser</h2>
      ${this.usage
        ? html`<p>Fieldbook uses <strong>${formatBytes(this.usage.used)}</strong> of about ${formatBytes(this.usage.quota)} this browser allows it.</p>`
        : html`<p>Reading how much space is used…</p>`}
      <p>${this.persisted ? 'The browser has agreed to keep this data.' : html`The browser may clear this data when space runs low.
        <button class="fb-link" @click=${() => this.persist()}>Ask it to keep my data</button>`}</p>
      <h3>Saved models</h3>
      ${this.models === null
        ? html`<p aria-busy="true">Listing models…</p>`
        : this.models.length
          ? html`<table class="fb-table" aria-label="Saved models"><thead><tr><th scope="col">Model</th><th scope="col">Saved</th><th scope="col">Size</th><th scope="col"><span class="fb-visually-hidden">Actions</span></th></tr></thead>
              <tbody>${this.models.map((m) => html`<tr data-model=${m.url}><td><code>${m.url}</code></td><td>${m.savedAt ? new Date(m.savedAt).toLocaleString() : '—'}</td>
                <td class="num">${formatBytes(m.bytes)}</td><td><button class="fb-link" aria-label=${`Delete ${m.url}`} @click=${() => this.deleteModel(m.url)}>Delete</button></td></tr>`)}</tbody></table>
              <p class="fb-note">Load one in a cell with <code>await tf.loadLayersModel("${this.models[0].url}")</code>.</p>`
          : html`<p>No saved models. A cell saves one with <code>await model.save("indexeddb://my-model")</code>.</p>`}
      <h3>Saved edits</h3>
      ${this.edited.length
        ? html`<p>Edited notebooks: ${this.edited.join(', ')}. <button class="fb-link" @click=${() => this.clearEdits()}>Delete all saved edits</button></p>`
        : html`<p>No saved edits.</p>`}
      ${this.problem ? html`<p class="fb-error" role="alert">${this.problem}</p>` : nothing}
      <div class="fb-dialog-actions"><button @click=${() => this.querySelector('dialog')?.close()}>Close</button></div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-storage': FbStorage;
  }
}
