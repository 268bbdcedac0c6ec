/**
 * The app shell: header (kernel state, tfjs backend switch), hash routing between the notebook
 * list and a notebook, and the page-wide error sink.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient, KernelState } from '../kernel/client';
import type { BackendInfo, BackendName } from '../kernel/protocol';
import type { Notebook } from '../notebook/types';
import './fb-notebook-list';
import './fb-storage';
import type { FbStorage } from './fb-storage';
import { IMPORTED_PREFIX, loadImported, saveImported, type ImportedNotebook } from '../store/index';
import { confirmDialog } from './dialog';
import { loadNotebook } from './notebooks';
import { readNotebookFile } from './transfer';

const BACKEND_KEY = 'fieldbook.backend';

/** Reads the learner's saved backend choice. */
export function savedBackend(): BackendName | undefined {
  try {
    const value = localStorage.getItem(BACKEND_KEY);
    return value === 'cpu' || value === 'wasm' || value === 'webgl' ? value : undefined;
  } catch {
    return undefined;
  }
}

type Route = { page: 'home' } | { page: 'glossary'; term: string } | { page: 'notebook'; id: string; section?: string; imported: boolean };

function parseRoute(hash: string): Route {
  const glossary = /^#\/glossary(?:\/(.+))?$/.exec(hash);
  if (glossary) return { page: 'glossary', term: decodeURIComponent(glossary[1] ?? '') };
  const match = /^#\/(notebook|imported)\/([^/]+)(?:\/(.+))?$/.exec(hash);
  return match ? { page: 'notebook', id: decodeURIComponent(match[2]), section: match[3], imported: match[1] === 'imported' } : { page: 'home' };
}

@customElement('fb-app')
export class FbApp extends LitElement {
  @property({ attribute: false }) kernel!: KernelClient;
  @state() private route: Route = parseRoute(location.hash);
  @state() private notebook: Notebook | null = null;
  @state() private loadError = '';
  @state() private kernelState: KernelState = 'starting';
  @state() private backend: BackendInfo | null = null;
  @state() private appError = '';
  @state() private updateReady: (() => void) | null = null;
  @state() private imported: ImportedNotebook | null = null;
  @state() private importProblem = '';
  @state() private dragging = false;
  private openedId = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('drop', this.onDrop);
    this.addEventListener('notebook-trust', () => void this.trustImported());
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
    void this.openRoute();
  }

  /** The page-wide sink for app bugs (not cell errors, which go to their cell). */
  reportError(message: string): void {
    this.appError = message;
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
    void this.openRoute();
  };

  private async openRoute(): Promise<void> {
    const route = this.route;
    if (route.page === 'glossary') await import('./fb-glossary');
    if (route.page !== 'notebook') {
      this.notebook = null;
      return;
    }
    if (this.notebook?.meta.id === route.id && Boolean(this.imported) === route.imported) {
      if (route.section) document.getElementById(route.section)?.scrollIntoView();
      return;
    }
    this.loadError = '';
    try {
      // The notebook view (editor, charts, Markdown, math) loads on first use, keeping the home page light.
      await import('./fb-notebook');
      const imported = route.imported ? ((await loadImported(route.id)) ?? null) : null;
      const notebook = route.imported ? (imported?.notebook ?? null) : await loadNotebook(route.id);
      if (!notebook) {
        this.loadError = `There is no ${route.imported ? 'imported ' : ''}notebook "${route.id}". Pick one from the list.`;
        return;
      }
      const openId = `${route.imported ? IMPORTED_PREFIX : ''}${notebook.meta.id}`;
      // A different notebook starts from a clean kernel, so names cannot collide across notebooks.
      if (this.openedId && this.openedId !== openId && this.kernel.executedCells.size) await this.kernel.restart('restart');
      this.openedId = openId;
      this.imported = imported;
      this.notebook = notebook;
      if (route.section) {
        await this.updateComplete;
        document.getElementById(route.section)?.scrollIntoView();
      }
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
  }

  /** Imports a `.md` or `.ipynb` file as an untrusted notebook and opens it; a bad file changes nothing. */
  async importFile(file: File): Promise<void> {
    this.importProblem = '';
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      this.importProblem = `${file.name} could not be read: ${e instanceof Error ? e.message : String(e)}`;
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
        const replace = await confirmDialog('Replace the imported notebook?', `You already imported a notebook called "${id}". Replace it with ${file.name}? Your edits to the earlier import are kept only if you exported them.`, 'Replace');
        if (!replace) return;
      }
      await saveImported({ notebook: result.notebook, outputs: result.outputs, trusted: false, fileName: file.name, importedAt: Date.now() });
    } catch (e) {
      this.importProblem = `${file.name} was read but could not be stored: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    this.notebook = null;
    this.imported = null;
    const target = `#/imported/${encodeURIComponent(id)}`;
    if (location.hash === target) this.onHash();
    else location.hash = target;
    if (result.warnings.length) this.importProblem = `Imported with notes: ${result.warnings.join(' ')}`;
  }

  private async trustImported(): Promise<void> {
    if (!this.imported) return;
    this.imported = { ...this.imported, trusted: true };
    try {
      await saveImported(this.imported);
    } catch (e) {
      this.reportError(`Trust could not be remembered: ${e instanceof Error ? e.message : String(e)}`);
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
    const backend = (event.target as HTMLSelectElement).value as BackendName;
    try {
      localStorage.setItem(BACKEND_KEY, backend);
    } catch {
      // Storage may be blocked; the choice still applies to this session.
    }
    await this.kernel.setBackend(backend);
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
        <button class="fb-secondary" @click=${() => this.pickFile()} title="Open a Fieldbook .md or Jupyter .ipynb file (or drop it on the page)">Import notebook</button>
        <span class="fb-kernel fb-kernel-${this.kernelState}" role="status" title="The kernel runs your cells in a background worker">
          kernel: ${this.kernelState === 'busy' ? 'running' : this.kernelState}
        </span>
        <label class="fb-backend">tfjs backend
          <select @change=${this.switchBackend} .value=${b?.backend ?? ''} ?disabled=${!b}
            title=${b ? describeBackend(b) : 'measuring…'}>
            ${(b?.available ?? []).map((name) => html`<option value=${name} ?selected=${name === b?.backend}>${name}${b?.timings[name] !== undefined ? ` (${b.timings[name]} ms)` : ''}</option>`)}
            ${!b ? html`<option>measuring…</option>` : nothing}
          </select>
        </label>
      </header>
      ${this.updateReady ? html`<div class="fb-notice" role="alert">A new version of Fieldbook is ready. Your edits are kept.
          <button @click=${() => this.applyUpdate()}>Reload to update</button>
          <button class="fb-link" @click=${() => (this.updateReady = null)}>Later</button></div>` : nothing}
      <fb-storage .kernel=${this.kernel}></fb-storage>
      ${this.dragging ? html`<div class="fb-drop" aria-hidden="true">Drop a .md or .ipynb notebook to import it</div>` : nothing}
      ${this.importProblem ? html`<div class="fb-error fb-import-problem" role="alert"><strong>Import</strong><pre>${this.importProblem}</pre>
          <button class="fb-link" @click=${() => (this.importProblem = '')}>Dismiss</button></div>` : nothing}
      ${this.appError ? html`<div class="fb-error" role="alert"><strong>Something went wrong in Fieldbook</strong><pre>${this.appError}</pre>
          <button class="fb-link" @click=${() => (this.appError = '')}>Dismiss</button></div>` : nothing}
      ${this.route.page === 'home'
        ? html`<fb-notebook-list></fb-notebook-list>`
        : this.route.page === 'glossary'
          ? html`<fb-glossary .term=${this.route.term}></fb-glossary>`
          : this.loadError
          ? html`<main class="fb-home" id="main"><div class="fb-error" role="alert"><pre>${this.loadError}</pre></div><a href="#/"><span aria-hidden="true">←</span> All notebooks</a></main>`
          : this.notebook
            ? html`<fb-notebook .notebook=${this.notebook} .kernel=${this.kernel}
                .storageKey=${this.imported ? `${IMPORTED_PREFIX}${this.notebook.meta.id}` : this.notebook.meta.id}
                .trusted=${this.imported ? this.imported.trusted : true} .importedFrom=${this.imported?.fileName ?? ''}
                .initialOutputs=${this.imported?.outputs ?? {}}></fb-notebook>`
            : html`<main id="main"><p aria-busy="true">Opening notebook…</p></main>`}
    `;
  }
}

function describeBackend(b: BackendInfo): string {
  const measured = Object.entries(b.timings).map(([k, v]) => `${k} ${v} ms`).join(', ');
  const excluded = Object.entries(b.excluded).map(([k, v]) => `${k}: ${v}`).join('; ');
  return [measured && `start-up probe: ${measured}`, excluded && `not used — ${excluded}`].filter(Boolean).join('. ');
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-app': FbApp;
  }
}
