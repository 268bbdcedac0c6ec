/** The home page: every shipped notebook with its title, summary and tags, in order. */
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { idbEditStore, IMPORTED_PREFIX, listImported, removeImported, type ImportedNotebook } from '../store/index';
import { confirmDialog } from './dialog';
import { listNotebooks } from './notebooks';
import { errorMessage } from './report-error';

@customElement('fb-notebook-list')
export class FbNotebookList extends LitElement {
  @state() private storageProblem = '';
  /** Bumped to read the imported notebooks again (after one is removed). */
  @state() private generation = 0;

  /** The shipped notebooks (bundled, so this never fails for storage reasons). */
  private readonly shipped = new Task(this, { task: () => listNotebooks(), args: () => [] as const });

  /** The imported notebooks in IndexedDB; a storage failure shows as a message and an empty list. */
  private readonly imported = new Task(this, {
    args: () => [this.generation] as const,
    task: async (): Promise<ImportedNotebook[]> => {
      try {
        return await listImported();
      } catch (e) {
        this.storageProblem = errorMessage(e);
        return [];
      }
    },
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Fieldbook — learn the ML engineer’s job by doing it';
  }

  private async removeImportedNotebook(item: ImportedNotebook): Promise<void> {
    const id = item.notebook.meta.id;
    if (!(await confirmDialog('Remove this imported notebook?', `"${item.notebook.meta.title}" and your edits to it are removed from this browser.`, 'Remove'))) return;
    try {
      await removeImported(id);
      await idbEditStore.remove(`${IMPORTED_PREFIX}${id}`);
    } catch (e) {
      this.storageProblem = errorMessage(e);
    }
    this.generation++;
  }

  protected override render(): TemplateResult {
    const shipped = this.shipped.value;
    const imported = this.imported.value ?? [];
    return html`<main class="fb-home" id="main">
      <section class="fb-hero">
        <h1>Learn what a machine learning engineer actually does</h1>
        <p>Each notebook is one real project taken through the whole job — framing the problem, cleaning data,
          a baseline, training, validation, tuning, explaining, fairness, deployment and monitoring. Every cell is
          TypeScript you can edit and run, right here, offline.</p>
      </section>
      ${!shipped
        ? html`<p aria-busy="true">Loading notebooks…</p>`
        : html`<ol class="fb-cards" aria-label="Notebooks">
            ${shipped.notebooks.map((n) => html`<li class="fb-card" data-notebook-id=${n.id}>
              <h2><a href=${`#/notebook/${n.id}`}>${n.title}</a></h2>
              <p>${n.summary}</p>
              ${n.tags.length ? html`<ul class="fb-tags" aria-label="Tags">${n.tags.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
            </li>`)}
          </ol>`}
      ${imported.length
        ? html`<h2 class="fb-section-title">Imported notebooks</h2>
            <ol class="fb-cards" aria-label="Imported notebooks">
              ${imported.map((item) => html`<li class="fb-card" data-imported-id=${item.notebook.meta.id}>
                <h3><a href=${`#/imported/${encodeURIComponent(item.notebook.meta.id)}`}>${item.notebook.meta.title}</a></h3>
                <p>${item.notebook.meta.summary || `From ${item.fileName}`}</p>
                <p class="fb-note">${item.trusted ? 'trusted' : 'not trusted: its code does not run until you trust it'}</p>
                <button class="fb-link" @click=${() => this.removeImportedNotebook(item)}>Remove</button>
              </li>`)}
            </ol>`
        : nothing}
      ${this.storageProblem ? html`<div class="fb-error" role="alert"><pre>${this.storageProblem}</pre></div>` : nothing}
      ${(shipped?.broken ?? []).map((b) => html`<div class="fb-error" role="alert"><strong>${b.id}.md could not be read</strong><pre>${b.error}</pre></div>`)}
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-notebook-list': FbNotebookList;
  }
}
