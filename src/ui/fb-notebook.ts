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
import type { NbOutput } from '../notebook/ipynb-outputs';
import { compareDialog, confirmDialog } from './dialog';
import { downloadFile, exportIpynb, exportMarkdown, fromNbOutputs } from './transfer';
import { showShortcuts } from './fb-shortcuts';
import { attachKeyboard } from './keyboard';
import type { KeyboardActions } from './keyboard-actions';
import './fb-cell';
import './fb-toc';
import type { FbCell } from './fb-cell';
import { renderMarkdown, type Heading } from './markdown';
import { routeOf, VisitController } from './visits';
import { GlossaryController } from './glossary-terms';
import type { CellState } from './cell-state';
import { NotebookSession } from './session';

@customElement('fb-notebook')
export class FbNotebook extends LitElement {
  @property({ attribute: false }) notebook!: Notebook;
  @property({ attribute: false }) kernel!: KernelClient;
  /** Where the learner's edits are kept (IndexedDB unless a test substitutes one). */
  @property({ attribute: false }) store: EditStore = idbEditStore;
  /** Key of the learner's edits in the store: the notebook id, prefixed for imported notebooks. */
  @property() storageKey = '';
  /** False for an imported notebook the learner has not trusted yet. */
  @property({ type: Boolean }) trusted = true;
  /** The file an imported notebook came from (shown in the trust banner). */
  @property() importedFrom = '';
  /** Outputs saved in an imported `.ipynb`, shown until the cells run. */
  @property({ attribute: false }) initialOutputs: Record<string, NbOutput[]> = {};
  @state() private tick = 0;
  @state() private notice = '';
  @state() private storageProblem = '';
  @state() private kernelBusy = false;
  private session: NotebookSession | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private detachKeyboard: (() => void) | null = null;

  /** What the keyboard controller may do (command mode acts on cells without focusing editors). */
  private readonly keyboardActions: KeyboardActions = {
    cellIds: () => this.session?.codeCells.map((c) => c.id) ?? [],
    cellElement: (id) => this.cellElement(id),
    editCell: (id) => void this.cellElement(id)?.focusEditor(),
    runCell: (id) => void this.session?.runCell(id),
    addCell: (id, where) => this.session?.addCell(id, '', where) ?? id,
    deleteCell: (id) => this.session?.deleteCell(id),
    save: () => void this.saveAndOfferExport(),
  };
  private prose = new Map<string, { source: string; html: string; headings: Heading[]; terms: string[]; glossary: number }>();
  /** Marks each glossary term's first use in the prose with its definition. */
  private readonly glossary = new GlossaryController(this);
  /** Remembers where the learner works, for "continue where you left off" on the home page. */
  constructor() {
    super();
    new VisitController(this, () => (this.session ? { key: this.key, title: this.notebook.meta.title } : null));
  }

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
    this.detachKeyboard = attachKeyboard(this, this.keyboardActions);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flushSave();
    window.removeEventListener('pagehide', this.flushSave);
    this.detachKeyboard?.();
    this.detachKeyboard = null;
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

  private get key(): string {
    return this.storageKey || this.notebook.meta.id;
  }

  /** This notebook's route, e.g. `#/notebook/fraud-detection` (`#/imported/…` for an import). */
  private get route(): string {
    return routeOf(this.key);
  }

  /** Opens the notebook with the learner's saved edits; a storage failure opens it as shipped and says so. */
  private async openSession(notebook: Notebook, saved?: SavedEdits | null): Promise<void> {
    if (saved === undefined) {
      try {
        saved = (await this.store.load(this.key)) ?? null;
      } catch (e) {
        saved = null;
        this.storageProblem = e instanceof Error ? e.message : String(e);
      }
    }
    if (this.notebook !== notebook) return;
    const outputs = Object.fromEntries(Object.entries(this.initialOutputs).map(([id, list]) => [id, fromNbOutputs(list)]));
    const session = new NotebookSession(notebook, this.kernel, applyEdits(notebook, saved ?? undefined), outputs);
    session.trusted = this.trusted;
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
    const edits = { ...collectEdits(session.notebook, session.mergedCells()), notebookId: this.key };
    try {
      if (isEmptyEdits(edits)) await this.store.remove(edits.notebookId);
      else await this.store.save(edits);
      this.storageProblem = '';
    } catch (e) {
      this.storageProblem = e instanceof Error ? e.message : String(e);
    }
  }

  /** Ctrl/Cmd+S: writes the edits now and downloads the learner's version as Fieldbook Markdown. */
  private async saveAndOfferExport(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.save();
    this.exportAs('md');
  }

  /** Downloads the learner's version of the notebook. */
  exportAs(format: 'md' | 'ipynb'): void {
    const session = this.session;
    if (!session) return;
    downloadFile(format === 'md' ? exportMarkdown(session) : exportIpynb(session, (cellId, n) => this.chartImage(cellId, n)));
  }

  /** The n-th chart canvas of a cell as base64 PNG, for `.ipynb` export. */
  private chartImage(cellId: string, n: number): string | null {
    const canvases = this.cellElement(cellId)?.querySelectorAll('canvas');
    const canvas = canvases?.[n];
    if (!canvas) return null;
    try {
      return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    } catch {
      return null;
    }
  }

  private async trustNotebook(): Promise<void> {
    const ok = await confirmDialog('Trust this notebook?', 'Its code will be able to run in this page like any cell you write, and its HTML outputs will be shown. Only trust files from people you trust.', 'Trust this notebook');
    if (!ok) return;
    this.trusted = true;
    if (this.session) this.session.trusted = true;
    this.dispatchEvent(new CustomEvent('notebook-trust', { detail: { id: this.notebook.meta.id }, bubbles: true, composed: true }));
  }

  private async resetNotebook(): Promise<void> {
    const ok = await confirmDialog('Reset this notebook?', 'Every cell goes back to the notebook’s version: your edits and added cells are removed, and the kernel restarts. Export first if you want to keep a copy.', 'Reset notebook');
    if (!ok || !this.session) return;
    try {
      await this.store.remove(this.key);
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
      <div class="fb-notebook-layout" data-progress-key=${this.key}>
        <nav class="fb-toc" aria-label="Table of contents">
          <fb-toc .headings=${headings} .cells=${session.cells} base=${this.route} progressKey=${this.key}></fb-toc>
        </nav>
        <main class="fb-notebook" id="main">
          <div class="fb-toolbar" role="toolbar" aria-label="Notebook">
            <button @click=${() => session.runAll()}><span aria-hidden="true">▶▶</span> Run all</button>
            <button @click=${() => session.runStale()} ?disabled=${!session.codeCells.some((c) => c.status === 'stale')}>Run stale</button>
            <button @click=${() => session.stop()} ?disabled=${!this.kernelBusy}><span aria-hidden="true">■</span> Stop</button>
            <button @click=${() => this.restartKernel()}><span aria-hidden="true">↻</span> Restart</button>
            <button class="fb-secondary" @click=${() => this.resetNotebook()}>Reset notebook</button>
            <button class="fb-secondary" @click=${() => this.exportAs('md')}>Export .md</button>
            <button class="fb-secondary" @click=${() => this.exportAs('ipynb')}>Export .ipynb</button>
            <button class="fb-secondary" aria-keyshortcuts="?" @click=${() => showShortcuts()}>Keyboard shortcuts</button>
            <span class="fb-toolbar-status" aria-live="polite">${summarize(session)}</span>
          </div>
          ${!this.trusted ? html`<div class="fb-notice fb-untrusted" role="region" aria-label="Untrusted notebook">
                This notebook was imported${this.importedFrom ? html` from <strong>${this.importedFrom}</strong>` : nothing}. Its code does not run and its HTML
                outputs are not shown until you trust it. Read the cells first.
                <button @click=${() => this.trustNotebook()}>Trust this notebook</button>
              </div>` : nothing}
          ${this.storageProblem ? html`<div class="fb-notice fb-storage-problem" role="alert">${this.storageProblem}</div>` : nothing}
          ${this.notice ? html`<div class="fb-notice" role="alert">${this.notice} <button class="fb-link" @click=${() => (this.notice = '')}>Dismiss</button></div>` : nothing}
          ${session.cells.map((cell, i) =>
            cell.kind === 'markdown'
              ? html`<article class="fb-prose" data-cell-id=${cell.id} .innerHTML=${rendered[i] ?? ''}></article>`
              : html`<fb-cell .cell=${cell} .version=${cell.version} .index=${++codeIndex}
                  .edited=${session.isEdited(cell)} .originalChanged=${session.originalChanged(cell)} .trusted=${this.trusted}
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
    if (!cached || cached.source !== cell.source || cached.glossary !== this.glossary.generation) {
      const { html: out, headings: found } = renderMarkdown(cell.source, headings);
      const terms = this.glossary.mark(out);
      cached = { source: cell.source, html: terms.html, headings: found, terms: terms.marked, glossary: this.glossary.generation };
      this.prose.set(cell.id, cached);
    } else this.glossary.reuse(cached.terms);
    headings.push(...cached.headings);
    return cached.html;
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

  private async restartKernel(): Promise<void> {
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
