/**
 * The app shell: header (kernel state, tfjs backend switch), hash routing between the notebook
 * list and a notebook, and the page-wide error sink.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient, KernelState } from '../kernel/client';
import type { BackendInfo, BackendName } from '../kernel/protocol';
import type { Notebook } from '../notebook/types';
import './fb-notebook';
import './fb-notebook-list';
import { loadNotebook } from './notebooks';

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

type Route = { page: 'home' } | { page: 'notebook'; id: string; section?: string };

function parseRoute(hash: string): Route {
  const match = /^#\/notebook\/([^/]+)(?:\/(.+))?$/.exec(hash);
  return match ? { page: 'notebook', id: decodeURIComponent(match[1]), section: match[2] } : { page: 'home' };
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
  private openedId = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
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

  private onHash = () => {
    this.route = parseRoute(location.hash);
    void this.openRoute();
  };

  private async openRoute(): Promise<void> {
    const route = this.route;
    if (route.page !== 'notebook') {
      this.notebook = null;
      return;
    }
    if (this.notebook?.meta.id === route.id) {
      if (route.section) document.getElementById(route.section)?.scrollIntoView();
      return;
    }
    this.loadError = '';
    try {
      const notebook = await loadNotebook(route.id);
      if (!notebook) {
        this.loadError = `There is no notebook "${route.id}". Pick one from the list.`;
        return;
      }
      // A different notebook starts from a clean kernel, so names cannot collide across notebooks.
      if (this.openedId && this.openedId !== notebook.meta.id && this.kernel.executedCells.size) await this.kernel.restart('restart');
      this.openedId = notebook.meta.id;
      this.notebook = notebook;
      if (route.section) {
        await this.updateComplete;
        document.getElementById(route.section)?.scrollIntoView();
      }
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    }
  }

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
        <span class="fb-spacer"></span>
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
          <button @click=${() => this.updateReady?.()}>Reload to update</button>
          <button class="fb-link" @click=${() => (this.updateReady = null)}>Later</button></div>` : nothing}
      ${this.appError ? html`<div class="fb-error" role="alert"><strong>Something went wrong in Fieldbook</strong><pre>${this.appError}</pre>
          <button class="fb-link" @click=${() => (this.appError = '')}>Dismiss</button></div>` : nothing}
      ${this.route.page === 'home'
        ? html`<fb-notebook-list></fb-notebook-list>`
        : this.loadError
          ? html`<main class="fb-home" id="main"><div class="fb-error" role="alert"><pre>${this.loadError}</pre></div><a href="#/">← All notebooks</a></main>`
          : this.notebook
            ? html`<fb-notebook .notebook=${this.notebook} .kernel=${this.kernel}></fb-notebook>`
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
