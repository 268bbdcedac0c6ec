/**
 * The app shell: header (kernel state, tfjs backend switch), hash routing between the notebook
 * list and a notebook, and the page-wide error sink.
 */
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient, KernelState } from '../kernel/client';
import type { BackendInfo, BackendName } from '../kernel/protocol';
import type { Notebook } from '../notebook/types';
import './fb-notebook-list';
import './fb-storage';
import type { FbStorage } from './fb-storage';
import { clearMeasuredBackends, IMPORTED_PREFIX, loadImported, saveBackendChoice, saveImported, type ImportedNotebook } from '../store/index';
import { confirmDialog } from './dialog';
import { typeSpecimen } from './type-specimen';
import { loadNotebook } from './notebooks';
import { readNotebookFile } from './transfer';
import { describeError, errorMessage, type DescribedError } from './report-error';
import { parseRoute, type Route } from './route';

/** The backend menu's entry that measures the backends again instead of picking one. */
const MEASURE_AGAIN = 'measure';

/** What the opening task found for a notebook route. */
type Opened = { notebook: Notebook; imported: ImportedNotebook | null } | { missing: string };

@customElement('fb-app')
export class FbApp extends LitElement {
  @property({ attribute: false }) kernel!: KernelClient;
  @state() private route: Route = parseRoute(location.hash);
  @state() private kernelState: KernelState = 'starting';
  @state() private backend: BackendInfo | null = null;
  @state() private appError: DescribedError | null = null;
  @state() private updateReady: (() => void) | null = null;
  /** Bumped to open the current route again (a re-import under the same address). */
  @state() private reopen = 0;
  /** Imported notebooks trusted since they were loaded (the stored copy is updated too). */
  @state() private trustedNow = new Set<string>();
  @state() private importProblem = '';
  @state() private dragging = false;
  /** The shell has been painted: from then on a notebook's wait shows the type specimen (type-specimen.ts). */
  @state() private shellPainted = false;
  private openedId = '';

  /** Loads the notebook the route names; a newer route supersedes a load under way. */
  private readonly opening = new Task(this, {
    args: () => [this.route.page === 'notebook' ? this.route.id : null, this.route.page === 'notebook' && this.route.imported, this.reopen] as const,
    task: async ([id, isImported], { signal }): Promise<Opened | null> => {
      if (id === null) return null;
      // The notebook view (editor, charts, Markdown, math) loads on first use, keeping the home page light.
      await import('./fb-notebook');
      const imported = isImported ? ((await loadImported(id)) ?? null) : null;
      const notebook = isImported ? (imported?.notebook ?? null) : await loadNotebook(id);
      signal.throwIfAborted();
      if (!notebook) return { missing: `There is no ${isImported ? 'imported ' : ''}notebook "${id}". Pick one from the list.` };
      const openId = `${isImported ? IMPORTED_PREFIX : ''}${notebook.meta.id}`;
      // A different notebook starts from a clean kernel, so names cannot collide across notebooks.
      if (this.openedId && this.openedId !== openId && this.kernel.executedCells.size) await this.kernel.restart('restart');
      signal.throwIfAborted();
      this.openedId = openId;
      return { notebook, imported };
    },
    onComplete: () => void this.scrollToSection(),
  });

  /** The glossary page loads on first use, like the notebook view (they share the Markdown renderer). */
  private readonly glossaryPage = new Task(this, {
    args: () => [this.route.page === 'glossary'] as const,
    task: async ([wanted]) => {
      if (wanted) await import('./fb-glossary');
      return wanted;
    },
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override firstUpdated(): void {
    // Not in the shell's own first frame, which has fonts of its own to look up.
    requestAnimationFrame(() => requestAnimationFrame(() => (this.shellPainted = true)));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    this.addEventListener('notebook-trust', () => void this.trustImported());
    this.addEventListener('app-error', (e) => this.reportError(e.error));
    this.kernel.addEventListener('state', (e) => {
      this.kernelState = (e as CustomEvent<KernelState>).detail;
      document.documentElement.dataset.kernel = this.kernelState === 'starting' || this.kernelState === 'dead' ? this.kernelState : 'ready';
      document.documentElement.dataset.kernelBusy = String(this.kernelState === 'busy');
    });
    this.kernel.addEventListener('backend', (e) => {
      this.backend = (e as CustomEvent<BackendInfo>).detail;
      document.documentElement.dataset.backend = this.backend.backend;
    });
    this.kernel.addEventListener('fatal', (e) => this.reportError((e as CustomEvent<string>).detail));
  }

  /**
   * The page-wide sink for app bugs (not cell errors, which go to their cell): takes the error
   * itself, so its stack and causes are shown under the message.
   */
  reportError(error: unknown): void {
    this.appError = describeError(error);
  }

  /** Shows the "new version ready" prompt; `apply` reloads into it when the learner agrees. */
  offerUpdate(apply: () => void): void {
    this.updateReady = apply;
  }

  /** Saves the learner's edits now, then lets the new version take over and reload the page. */
  private async applyUpdate(): Promise<void> {
    await this.querySelector('fb-notebook')?.save();
    this.updateReady?.();
  }

  private onHash = () => {
    this.route = parseRoute(location.hash);
    void this.scrollToSection();
  };

  /** The notebook the route opened, when it did. */
  private get opened(): { notebook: Notebook; imported: ImportedNotebook | null } | null {
    const value = this.opening.value;
    return this.route.page === 'notebook' && value && 'notebook' in value ? value : null;
  }

  /** Scrolls to the section the address names (`#/notebook/<id>/<heading>`), once it is on the page. */
  private async scrollToSection(): Promise<void> {
    const route = this.route;
    if (route.page !== 'notebook' || !route.section) return;
    await this.updateComplete;
    await this.querySelector('fb-notebook')?.updateComplete;
    document.getElementById(route.section)?.scrollIntoView();
  }

  /** Imports a `.md` or `.ipynb` file as an untrusted notebook and opens it; a bad file changes nothing. */
  async importFile(file: File): Promise<void> {
    this.importProblem = '';
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      this.importProblem = `${file.name} could not be read: ${errorMessage(e)}`;
      return;
    }
    const result = readNotebookFile(file.name, text);
    if (!result.ok) {
      this.importProblem = result.message;
      return;
    }
    const id = result.notebook.meta.id;
    try {
      if (await loadImported(id)) {
        const replace = await confirmDialog(
          'Replace the imported notebook?',
          `You already imported a notebook called "${id}". Replace it with ${file.name}? Your edits to the earlier import are kept only if you exported them.`,
          'Replace',
        );
        if (!replace) return;
      }
      await saveImported({ notebook: result.notebook, outputs: result.outputs, trusted: false, fileName: file.name, importedAt: Date.now() });
    } catch (e) {
      this.importProblem = `${file.name} was read but could not be stored: ${errorMessage(e)}`;
      return;
    }
    // A replaced import is untrusted again, whatever the learner decided about the one before.
    this.trustedNow = new Set([...this.trustedNow].filter((trusted) => trusted !== id));
    const target = `#/imported/${encodeURIComponent(id)}`;
    if (location.hash === target) this.reopen++;
    else location.hash = target;
    if (result.warnings.length) this.importProblem = `Imported with notes: ${result.warnings.join(' ')}`;
  }

  private async trustImported(): Promise<void> {
    const opened = this.opened;
    if (!opened?.imported) return;
    const imported = { ...opened.imported, trusted: true };
    this.trustedNow = new Set([...this.trustedNow, opened.notebook.meta.id]);
    try {
      await saveImported(imported);
    } catch (e) {
      this.reportError(new Error('Trust could not be remembered.', { cause: e }));
    }
  }

  private pickFile(): void {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.md,.ipynb,.markdown,application/json,text/markdown';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.importFile(file);
    });
    input.click();
  }

  private onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dragging = true;
  };

  private onDragLeave = (event: DragEvent) => {
    if (event.relatedTarget === null) this.dragging = false;
  };

  private onDrop = (event: DragEvent) => {
    const file = event.dataTransfer?.files?.[0];
    this.dragging = false;
    // A file dropped on a widget's file input is the widget's; anywhere else it is a notebook to import.
    if (!file || (event.target instanceof HTMLInputElement && event.target.type === 'file')) return;
    event.preventDefault();
    void this.importFile(file);
  };

  private async switchBackend(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    if (value === MEASURE_AGAIN) {
      saveBackendChoice(null);
      clearMeasuredBackends();
      await this.kernel.measureBackends();
      return;
    }
    saveBackendChoice(value as BackendName);
    await this.kernel.setBackend(value as BackendName);
  }

  protected override render(): TemplateResult {
    const b = this.backend;
    return html`
      <a class="fb-skip" href="#main">Skip to content</a>
      <header class="fb-header">
        <a class="fb-brand" href="#/">Fieldbook</a>
        <nav class="fb-header-nav" aria-label="Site"><a href="#/glossary" aria-current=${this.route.page === 'glossary' ? 'page' : 'false'}>Glossary</a></nav>
        <span class="fb-spacer"></span>
        <button class="fb-secondary" @click=${() => this.querySelector<FbStorage>('fb-storage')?.open()}>Storage</button>
        <button class="fb-secondary" @click=${() => this.pickFile()} title="Open a Fieldbook .md or Jupyter .ipynb file (or drop it on the page)">
          Import notebook
        </button>
        <span class="fb-kernel fb-kernel-${this.kernelState}" role="status" title="The kernel runs your cells in a background worker">
          kernel: ${this.kernelState === 'busy' ? 'running' : this.kernelState}
        </span>
        <label class="fb-backend"
          >tfjs backend
          <select @change=${this.switchBackend} .value=${b?.backend ?? ''} ?disabled=${!b} title=${b ? describeBackend(b) : 'measuring…'}>
            ${(b?.available ?? []).map((name) => html`<option value=${name} ?selected=${name === b?.backend}>${name}${b?.timings[name] !== undefined ? ` (${b.timings[name]} ms)` : ''}</option>`)}
            ${b ? html`<option value=${MEASURE_AGAIN}>measure again</option>` : html`<option>measuring…</option>`}
          </select>
        </label>
      </header>
      ${
        this.updateReady
          ? html`<div class="fb-notice" role="alert">
              A new version of Fieldbook is ready. Your edits are kept.
              <button @click=${() => this.applyUpdate()}>Reload to update</button>
              <button class="fb-link" @click=${() => (this.updateReady = null)}>Later</button>
            </div>`
          : nothing
      }
      <fb-storage .kernel=${this.kernel}></fb-storage>
      ${this.dragging ? html`<div class="fb-drop" aria-hidden="true">Drop a .md or .ipynb notebook to import it</div>` : nothing}
      ${
        this.importProblem
          ? html`<div class="fb-error fb-import-problem" role="alert">
              <strong>Import</strong>
              <pre>${this.importProblem}</pre>
              <button class="fb-link" @click=${() => (this.importProblem = '')}>Dismiss</button>
            </div>`
          : nothing
      }
      ${
        this.appError
          ? html`<div class="fb-error fb-app-error" role="alert">
              <strong>Something went wrong in Fieldbook</strong>
              <pre>${this.appError.message}</pre>
              <details>
                <summary>Details for a bug report</summary>
                <pre>${this.appError.details}</pre>
              </details>
              <button class="fb-link" @click=${() => (this.appError = null)}>Dismiss</button>
            </div>`
          : nothing
      }
      ${this.renderPage()}
    `;
  }

  private renderPage(): unknown {
    const route = this.route;
    if (route.page === 'home') return html`<fb-notebook-list></fb-notebook-list>`;
    if (route.page === 'bad-address') return notFound(route.message);
    if (route.page === 'glossary') return this.glossaryPage.render({ complete: () => html`<fb-glossary .term=${route.term}></fb-glossary>` });
    const opening = html`<main id="main">
      <p aria-busy="true">Opening notebook…</p>
      ${this.shellPainted ? typeSpecimen() : nothing}
    </main>`;
    return this.opening.render({
      initial: () => opening,
      pending: () => opening,
      error: (e) => notFound(errorMessage(e)),
      complete: (value) => {
        if (!value) return opening;
        if ('missing' in value) return notFound(value.missing);
        const { notebook, imported } = value;
        return html`<fb-notebook
          .notebook=${notebook}
          .kernel=${this.kernel}
          .storageKey=${imported ? `${IMPORTED_PREFIX}${notebook.meta.id}` : notebook.meta.id}
          .trusted=${imported ? imported.trusted || this.trustedNow.has(notebook.meta.id) : true}
          .importedFrom=${imported?.fileName ?? ''}
          .initialOutputs=${imported?.outputs ?? {}}
        ></fb-notebook>`;
      },
    });
  }
}

function notFound(message: string): TemplateResult {
  return html`<main class="fb-home" id="main">
    <div class="fb-error fb-not-found" role="alert"><pre>${message}</pre></div>
    <a href="#/"><span aria-hidden="true">←</span> All notebooks</a>
  </main>`;
}

function describeBackend(b: BackendInfo): string {
  const measured = Object.entries(b.timings)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ');
  const excluded = Object.entries(b.excluded)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return [measured && `start-up probe: ${measured}`, excluded && `not used — ${excluded}`].filter(Boolean).join('. ');
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-app': FbApp;
  }
}
