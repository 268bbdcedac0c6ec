/**
 * A notebook page: toolbar (Run all, Run stale, Stop, Restart), table of contents, prose and
 * code cells. It owns a NotebookSession and turns cell events into session calls.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient } from '../kernel/client';
import type { WidgetValue } from '../kernel/protocol';
import type { Notebook } from '../notebook/types';
import { applyEdits, collectEdits, idbEditStore, isEmptyEdits, type EditStore, type SavedEdits } from '../store/index';
import { compareDialog, confirmDialog } from './dialog';
import './fb-cell';
import type { FbCell } from './fb-cell';
import { renderMarkdown, type Heading } from './markdown';
import { NotebookSession, type CellState } from './session';

@customElement('fb-notebook')
export class FbNotebook extends LitElement {
  @property({ attribute: false }) notebook!: Notebook;
  @property({ attribute: false }) kernel!: KernelClient;
  /** Where the learner's edits are kept (IndexedDB unless a test substitutes one). */
  @property({ attribute: false }) store: EditStore = idbEditStore;
  @state() private tick = 0;
  @state() private notice = '';
  @state() private storageProblem = '';
  @state() private kernelBusy = false;
  private session: NotebookSession | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private prose = new Map<string, { source: string; html: string; headings: Heading[] }>();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The live session (for tests and the app shell). */
  get current(): NotebookSession | null {
    return this.session;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.flushSave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flushSave();
    window.removeEventListener('pagehide', this.flushSave);
    this.session?.close();
    this.kernel?.removeEventListener('state', this.onKernelState);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('notebook') || changed.has('kernel')) {
      this.flushSave();
      this.session?.close();
      this.session = null;
      this.kernel.addEventListener('state', this.onKernelState);
      this.prose.clear();
      document.title = `${this.notebook.meta.title} · Fieldbook`;
      void this.openSession(this.notebook);
    }
  }

  /** Opens the notebook with the learner's saved edits; a storage failure opens it as shipped and says so. */
  private async openSession(notebook: Notebook, saved?: SavedEdits | null): Promise<void> {
    if (saved === undefined) {
      try {
        saved = (await this.store.load(notebook.meta.id)) ?? null;
      } catch (e) {
        saved = null;
        this.storageProblem = e instanceof Error ? e.message : String(e);
      }
    }
    if (this.notebook !== notebook) return;
    const session = new NotebookSession(notebook, this.kernel, applyEdits(notebook, saved ?? undefined));
    session.addEventListener('change', () => this.tick++);
    session.addEventListener('content-change', () => this.scheduleSave());
    session.addEventListener('notice', (e) => (this.notice = (e as CustomEvent<string>).detail));
    this.session = session;
    this.tick++;
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), 300);
  }

  private flushSave = () => {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    void this.save();
  };

  /** Writes the learner's edits now; on failure the page keeps working from memory and says what to do. */
  async save(): Promise<void> {
    this.saveTimer = null;
    const session = this.session;
    if (!session) return;
    const edits = collectEdits(session.notebook, session.mergedCells());
    try {
      if (isEmptyEdits(edits)) await this.store.remove(edits.notebookId);
      else await this.store.save(edits);
      this.storageProblem = '';
    } catch (e) {
      this.storageProblem = e instanceof Error ? e.message : String(e);
    }
  }

  private async resetNotebook(): Promise<void> {
    const ok = await confirmDialog('Reset this notebook?', 'Every cell goes back to the notebook’s version: your edits and added cells are removed, and the kernel restarts. Export first if you want to keep a copy.', 'Reset notebook');
    if (!ok || !this.session) return;
    try {
      await this.store.remove(this.notebook.meta.id);
    } catch (e) {
      this.storageProblem = e instanceof Error ? e.message : String(e);
    }
    this.session.close();
    this.session = null;
    await this.kernel.restart('restart');
    await this.openSession(this.notebook, null);
  }

  private async resetCell(cellId: string): Promise<void> {
    const ok = await confirmDialog('Reset this cell?', 'The cell goes back to the notebook’s version and your changes to it are lost.', 'Reset cell');
    if (ok) this.session?.resetCell(cellId);
  }

  private async compareCell(cellId: string): Promise<void> {
    const cell = this.session?.codeCell(cellId);
    if (!cell || cell.original === null) return;
    const choice = await compareDialog(cell.source, cell.original);
    if (choice === 'mine') this.session?.keepMine(cellId);
    if (choice === 'original') this.session?.resetCell(cellId);
  }

  private onKernelState = () => {
    this.kernelBusy = this.kernel.busy;
  };

  protected override render(): TemplateResult {
    const session = this.session;
    if (!session) return html`<main class="fb-notebook" id="main"><p aria-busy="true">Opening notebook…</p></main>`;
    const headings: Heading[] = [];
    const rendered = session.cells.map((cell) => this.renderProse(cell, headings));
    let codeIndex = 0;
    return html`
      <div class="fb-notebook-layout">
        <nav class="fb-toc" aria-label="Table of contents">
          <a class="fb-back" href="#/">← All notebooks</a>
          <h2>Contents</h2>
          <ol>${headings.filter((h) => h.depth <= 3).map((h) => html`<li class="depth-${h.depth}"><a href=${`#/notebook/${this.notebook.meta.id}/${h.id}`} @click=${(e: Event) => this.jumpToHeading(e, h.id)}>${h.text}</a></li>`)}</ol>
        </nav>
        <main class="fb-notebook" id="main">
          <div class="fb-toolbar" role="toolbar" aria-label="Notebook">
            <button @click=${() => session.runAll()}>▶▶ Run all</button>
            <button @click=${() => session.runStale()} ?disabled=${!session.codeCells.some((c) => c.status === 'stale')}>Run stale</button>
            <button @click=${() => session.stop()} ?disabled=${!this.kernelBusy}>■ Stop</button>
            <button @click=${() => this.confirmRestart()}>↻ Restart</button>
            <button class="fb-secondary" @click=${() => this.resetNotebook()}>Reset notebook</button>
            <span class="fb-toolbar-status" aria-live="polite">${summarize(session)}</span>
          </div>
          ${this.storageProblem ? html`<div class="fb-notice fb-storage-problem" role="alert">${this.storageProblem}</div>` : nothing}
          ${this.notice ? html`<div class="fb-notice" role="alert">${this.notice} <button class="fb-link" @click=${() => (this.notice = '')}>Dismiss</button></div>` : nothing}
          ${session.cells.map((cell, i) =>
            cell.kind === 'markdown'
              ? html`<article class="fb-prose" data-cell-id=${cell.id} .innerHTML=${rendered[i] ?? ''}></article>`
              : html`<fb-cell .cell=${cell} .version=${cell.version} .index=${++codeIndex}
                  .edited=${session.isEdited(cell)} .originalChanged=${session.originalChanged(cell)}
                  @cell-reset=${(e: CustomEvent<{ cellId: string }>) => this.resetCell(e.detail.cellId)}
                  @cell-compare=${(e: CustomEvent<{ cellId: string }>) => this.compareCell(e.detail.cellId)}
                  @cell-run=${(e: CustomEvent<{ cellId: string; advance: boolean }>) => this.onRun(e.detail.cellId, e.detail.advance)}
                  @cell-edit=${(e: CustomEvent<{ cellId: string; source: string }>) => session.editCell(e.detail.cellId, e.detail.source)}
                  @cell-add=${(e: CustomEvent<{ afterId: string }>) => this.onAdd(e.detail.afterId)}
                  @cell-delete=${(e: CustomEvent<{ cellId: string }>) => session.deleteCell(e.detail.cellId)}
                  @widget-input=${(e: CustomEvent<{ key: string; value: WidgetValue }>) => session.widgetInput(e.detail.key, e.detail.value)}></fb-cell>`,
          )}
        </main>
      </div>`;
  }

  private renderProse(cell: CellState, headings: Heading[]): string | null {
    if (cell.kind !== 'markdown') return null;
    let cached = this.prose.get(cell.id);
    if (!cached || cached.source !== cell.source) {
      const { html: out, headings: found } = renderMarkdown(cell.source, headings);
      cached = { source: cell.source, html: out, headings: found };
      this.prose.set(cell.id, cached);
    }
    headings.push(...cached.headings);
    return cached.html;
  }

  private jumpToHeading(event: Event, id: string): void {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target?.setAttribute('tabindex', '-1');
    target?.focus({ preventScroll: true });
  }

  private async onRun(cellId: string, advance: boolean): Promise<void> {
    const session = this.session!;
    const run = session.runCell(cellId);
    if (advance) {
      const ids = session.codeCells.map((c) => c.id);
      const next = ids[ids.indexOf(cellId) + 1];
      if (next) await this.cellElement(next)?.focusEditor();
      else await this.cellElement(this.onAdd(cellId))?.focusEditor();
    }
    await run;
  }

  private onAdd(afterId: string): string {
    const id = this.session!.addCell(afterId);
    void this.updateComplete.then(() => this.cellElement(id)?.focusEditor());
    return id;
  }

  private cellElement(id: string): FbCell | null {
    return this.querySelector<FbCell>(`fb-cell[data-cell-id="${CSS.escape(id)}"]`) ?? [...this.querySelectorAll('fb-cell')].find((c) => c.cell.id === id) ?? null;
  }

  private async confirmRestart(): Promise<void> {
    await this.session!.restart();
  }
}

function summarize(session: NotebookSession): string {
  const cells = session.codeCells;
  const count = (s: string) => cells.filter((c) => c.status === s).length;
  const parts = [`${count('ok')} of ${cells.length} cells run`];
  if (count('error')) parts.push(`${count('error')} with errors`);
  if (count('stale')) parts.push(`${count('stale')} stale`);
  if (count('running') || count('queued')) parts.push(`${count('running') + count('queued')} to go`);
  return parts.join(' · ');
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-notebook': FbNotebook;
  }
}
