/**
 * The storage panel: how much this site keeps in the browser, the models saved with tfjs (listed
 * and deletable), the notebooks with saved edits, and a request that the browser keep it all.
 */
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient } from '../kernel/client';
import type { SavedModelInfo } from '../kernel/protocol';
import { idbEditStore, readStorageInfo, requestPersistence, type StorageInfo } from '../store/index';
import { confirmDialog } from './dialog';
import { errorMessage } from './report-error';

/** What the panel shows: the browser's figures and the kernel's saved models. */
interface Figures extends StorageInfo {
  models: SavedModelInfo[];
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

@customElement('fb-storage')
export class FbStorage extends LitElement {
  @property({ attribute: false }) kernel!: KernelClient;
  @state() private problem = '';
  /** Set once the learner asked the browser to keep the data (the answer may differ from `persisted`). */
  @state() private persistAnswer: boolean | null = null;

  /** Reads the figures when the panel opens (and after a deletion); a newer read supersedes one under way. */
  private readonly figures = new Task(this, {
    autoRun: false,
    task: async (_args: readonly [], { signal }): Promise<Figures> => {
      const info = await readStorageInfo(idbEditStore);
      signal.throwIfAborted();
      return { ...info, models: await this.kernel.savedModels() };
    },
  });

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
    await this.figures.run([]).catch(() => undefined);
  }

  private async deleteModel(url: string): Promise<void> {
    if (!(await confirmDialog('Delete this saved model?', `${url} is removed from this browser. Cells that load it will need it saved again.`, 'Delete model')))
      return;
    try {
      await this.kernel.savedModels(url);
    } catch (e) {
      this.problem = errorMessage(e);
    }
    await this.refresh();
  }

  private async clearEdits(): Promise<void> {
    if (
      !(await confirmDialog(
        'Delete all saved edits?',
        'Every notebook goes back to its original cells the next time you open it. Export notebooks first if you want to keep your work.',
        'Delete all edits',
      ))
    )
      return;
    try {
      await idbEditStore.clearAll();
    } catch (e) {
      this.problem = errorMessage(e);
    }
    await this.refresh();
  }

  private async persist(): Promise<void> {
    this.persistAnswer = await requestPersistence();
    if (!this.persistAnswer)
      this.problem = 'The browser declined to promise it will keep this site’s data; it may still keep it. Export notebooks you care about.';
  }

  protected override render(): TemplateResult {
    const f = this.figures.value;
    const readProblem = this.figures.error === undefined ? '' : `Storage could not be read: ${errorMessage(this.figures.error)}`;
    const persisted = this.persistAnswer ?? f?.persisted ?? null;
    const models = f?.models ?? null;
    const edited = f?.edited ?? [];
    return html`<dialog class="fb-dialog fb-storage" aria-labelledby="fb-storage-title">
      <h2 id="fb-storage-title">Storage in this browser</h2>
      ${
        f?.usage
          ? html`<p>Fieldbook uses <strong>${formatBytes(f.usage.used)}</strong> of about ${formatBytes(f.usage.quota)} this browser allows it.</p>`
          : html`<p>Reading how much space is used…</p>`
      }
      <p>
        ${
          persisted
            ? 'The browser has agreed to keep this data.'
            : html`The browser may clear this data when space runs low. <button class="fb-link" @click=${() => this.persist()}>Ask it to keep my data</button>`
        }
      </p>
      <h3>Saved models</h3>
      ${
        models === null
          ? html`<p aria-busy="true">Listing models…</p>`
          : models.length
            ? html`<table class="fb-table" aria-label="Saved models">
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      <th scope="col">Saved</th>
                      <th scope="col">Size</th>
                      <th scope="col"><span class="fb-visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${models.map(
                      (m) =>
                        html`<tr data-model=${m.url}>
                          <td><code>${m.url}</code></td>
                          <td>${m.savedAt ? new Date(m.savedAt).toLocaleString() : '—'}</td>
                          <td class="num">${formatBytes(m.bytes)}</td>
                          <td><button class="fb-link" aria-label=${`Delete ${m.url}`} @click=${() => this.deleteModel(m.url)}>Delete</button></td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
                <p class="fb-note">Load one in a cell with <code>await tf.loadLayersModel("${models[0]!.url}")</code>.</p>`
            : html`<p>No saved models. A cell saves one with <code>await model.save("indexeddb://my-model")</code>.</p>`
      }
      <h3>Saved edits</h3>
      ${
        edited.length
          ? html`<p>Edited notebooks: ${edited.join(', ')}. <button class="fb-link" @click=${() => this.clearEdits()}>Delete all saved edits</button></p>`
          : html`<p>No saved edits.</p>`
      }
      ${this.problem || readProblem ? html`<p class="fb-error" role="alert">${this.problem || readProblem}</p>` : nothing}
      <div class="fb-dialog-actions"><button @click=${() => this.querySelector('dialog')?.close()}>Close</button></div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-storage': FbStorage;
  }
}
