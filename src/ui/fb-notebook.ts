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
import type { FbCell } from './fb-cell';
import { prerenderedProse } from './notebooks';
import { NotebookProse } from './prose';
import { NotebookSession } from './session';
import { drawPendingCharts } from '../charts/index';
import { holdEditorsUntil } from './editor-queue';

/** A frame, for coalescing re-renders. */
const FRAME_MS = 16;

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
  private prose: NotebookProse | null = null;
  /** Whether the prose came from outside the app (sanitised and kept in its box). */
  private importedProse = false;
  private frame = 0;
  private renderedAt = -Infinity;

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
    this.prose?.close();
    this.kernel?.removeEventListener('state', this.onKernelState);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('notebook') || changed.has('kernel')) {
      this.flushSave();
      this.session?.close();
      this.session = null;
      this.kernel.addEventListener('state', this.onKernelState);
      this.prose?.close();
      const shipped = prerenderedProse(this.notebook);
      this.importedProse = !shipped;
      this.prose = new NotebookProse(shipped, this.importedProse, () => this.tick++);
      // Code shows at once, drawn statically; editors (and their chunk) wait for the kernel to start.
      holdEditorsUntil(this.kernel.whenReady());
      document.title = `${this.notebook.meta.title} · Fieldbook`;
      void this.openSession(this.notebook);
    }
  }

  private get key(): string {
    return this.storageKey || this.notebook.meta.id;
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
    session.addEventListener('change', this.scheduleTick);
    session.addEventListener('content-change', () => this.scheduleSave());
    session.addEventListener('notice', (e) => (this.notice = (e as CustomEvent<string>).detail));
    this.session = session;
    this.tick++;
  }

  /**
   * Re-renders at most once per frame however many run messages arrive (a cell printing in a loop
   * sends thousands a second). A change after a quiet spell renders at once, so an edit or a run
   * shows without delay; a timer stands in for frames in a hidden tab.
   */
  private scheduleTick = (event: Event): void => {
    // Cells added, removed or reordered render at once: the keyboard selects them right after.
    const structural = (event as CustomEvent<{ cellId?: string }>).detail?.cellId === undefined;
    if (structural || (!this.frame && performance.now() - this.renderedAt >= FRAME_MS)) {
      if (this.frame) cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.renderedAt = performance.now();
      this.tick++;
      return;
    }
    if (this.frame) return;
    const flush = () => {
      if (!this.frame) return;
      cancelAnimationFrame(this.frame);
      clearTimeout(timer);
      this.frame = 0;
      this.renderedAt = performance.now();
      this.tick++;
    };
    this.frame = requestAnimationFrame(flush);
    const timer = setTimeout(flush, 100);
  };

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
    await this.exportAs('md');
  }

  /** Downloads the learner's version of the notebook (with every chart drawn, for `.ipynb`). */
  async exportAs(format: 'md' | 'ipynb'): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (format === 'ipynb') await drawPendingCharts();
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
    const { html: prose, headings } = this.prose!.layout(session.cells.filter((c) => c.kind === 'markdown'));
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
            <button @click=${() => this.restartKernel()}>↻ Restart</button>
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
          ${session.cells.map((cell) =>
            cell.kind === 'markdown'
              ? html`<article class=${this.importedProse ? 'fb-prose fb-prose-imported' : 'fb-prose'} data-cell-id=${cell.id}
                  style=${`contain-intrinsic-size: auto ${estimateProseHeight(cell.source)}px`} .innerHTML=${prose.get(cell.id) ?? ''}></article>`
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

  private async restartKernel(): Promise<void> {
    await this.session!.restart();
  }
}

/**
 * A guess at the height of prose not yet laid out (it is skipped while off screen): lines of about
 * 90 characters at the body's line height, plus paragraph and heading spacing. Once the prose has
 * been on screen the browser remembers its real height.
 */
function estimateProseHeight(source: string): number {
  const lines = source.split('\n');
  const text = lines.reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 90)), 0);
  const blocks = lines.filter((line) => line.trim() === '').length + 1;
  const headings = lines.filter((line) => line.startsWith('#')).length;
  return Math.round(text * 25 + blocks * 8 + headings * 40);
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
