/**
 * A notebook page: toolbar (Run all, Run stale, Stop, Restart), table of contents, prose and
 * code cells. It opens a NotebookSession with the learner's saved edits (a `@lit/task`), renders
 * it through a SessionController, autosaves it, and turns cell events into session calls. Its
 * parts live beside it: the toolbar and notices (`notebook-bars.ts`), the prose (`prose-view.ts`),
 * the autosave (`autosave-controller.ts`) and the cell gestures with the keyboard (`cell-actions.ts`).
 *
 * @fires notebook-trust - the learner trusted this imported notebook ({@link NotebookTrustEvent})
 * @fires app-error - an app bug for the page's error sink ({@link AppErrorEvent})
 */
import { Task } from '@lit/task';
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { KernelClient } from '../kernel/client';
import type { Notebook } from '../notebook/types';
import type { NbOutput } from '../notebook/ipynb-outputs';
import { isEdited, isOriginalChanged, loadEdits, NotebookSession, SessionController, type LoadedEdits } from '../session/index';
import { applyEdits, browserEditJournal, browserEditsChannel, idbEditStore, type EditJournal, type EditsChannel, type EditStore } from '../store/index';
import { confirmDialog } from './dialog';
import { AppErrorEvent, NotebookTrustEvent, type CellRunEvent } from './events';
import { downloadFile, exportIpynb, exportMarkdown, fromNbOutputs } from './transfer';
import './fb-cell';
import './fb-toc';
import { ProseView } from './prose-view';
import { routeOf, VisitController } from './visits';
import { errorMessage } from './report-error';
import { drawPendingCharts } from '../charts/index';
import { holdEditorsUntil } from './editor-queue';
import { notebookOpening } from './first-render-queue';
import { lineCount } from './static-code';
import { SessionFrames } from './frame-coalescer';
import { typeSpecimen } from './type-specimen';
import { GrowingList } from './growing-list';
import { AutosaveController } from './autosave-controller';
import { CellActions } from './cell-actions';
import { NotebookNotices, notebookToolbar, type ToolbarActions } from './notebook-bars';

/** What the opening task read, for the session it opens. */
interface Opened {
  notebook: Notebook;
  key: string;
  loaded: LoadedEdits;
}

@customElement('fb-notebook')
export class FbNotebook extends LitElement {
  @property({ attribute: false }) notebook!: Notebook;
  @property({ attribute: false }) kernel!: KernelClient;
  /** Where the learner's edits are kept (IndexedDB unless a test substitutes one). */
  @property({ attribute: false }) store: EditStore = idbEditStore;
  /** The synchronous journal of edits not yet in the store. */
  @property({ attribute: false }) journal: EditJournal = browserEditJournal();
  /** Saves announced between tabs; null to work alone. */
  @property({ attribute: false }) channel: EditsChannel | null = browserEditsChannel();
  /** Key of the learner's edits in the store: the notebook id, prefixed for imported notebooks. */
  @property() storageKey = '';
  /** False for an imported notebook the learner has not trusted yet. */
  @property({ type: Boolean }) trusted = true;
  /** The file an imported notebook came from (shown in the trust banner). */
  @property() importedFrom = '';
  /** Outputs saved in an imported `.ipynb`, shown until the cells run. */
  @property({ attribute: false }) initialOutputs: Record<string, NbOutput[]> = {};
  @state() private kernelBusy = false;
  /** Bumped to open the notebook afresh (after Reset notebook). */
  @state() private generation = 0;
  /** Renders coalesced per frame (a running cell sends floods of messages). */
  private readonly frames = new SessionFrames(() => this.requestUpdate());
  private readonly sessions = new SessionController({ addController: (c) => this.addController(c), requestUpdate: () => this.frames.request() });
  /** Saves the session's edits (at once when the page is hidden or left). */
  private readonly saves: AutosaveController;
  /** What the learner does to cells, by button, editor key or command-mode key. */
  private readonly cellActions: CellActions;
  /** The notebook's prose, with the glossary's terms marked. */
  private readonly prose = new ProseView(this, () => this.frames.request());
  /** How many cells are in the page (a very long notebook's are added a slice per frame). */
  private readonly growing = new GrowingList(() => this.requestUpdate());
  /** What the notices above the cells say. */
  private readonly notices = new NotebookNotices(this);

  /** Reads the learner's edits for the notebook; a newer notebook or key supersedes a read under way. */
  private readonly opening = new Task(this, {
    args: () => [this.notebook, this.key, this.kernel, this.generation] as const,
    task: async ([notebook, key], { signal }): Promise<Opened> => {
      const loaded = await loadEdits({ store: this.store, journal: this.journal }, key);
      signal.throwIfAborted();
      return { notebook, key, loaded };
    },
    onComplete: (opened) => this.guard(() => this.open(opened)),
    onError: (error) => this.reportError(error),
  });

  /** What the toolbar's buttons do beyond calling the session. */
  private readonly toolbarActions: ToolbarActions = {
    guard: (action) => this.guard(action),
    resetNotebook: () => this.resetNotebook(),
    exportAs: (format) => this.exportAs(format),
  };

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The live session (for tests and the app shell). */
  get current(): NotebookSession | null {
    return this.session;
  }

  private get session(): NotebookSession | null {
    return this.sessions.session;
  }

  private get key(): string {
    return this.storageKey || this.notebook.meta.id;
  }

  /** This notebook's route, e.g. `#/notebook/fraud-detection` (`#/imported/…` for an import). */
  private get route(): string {
    return routeOf(this.key);
  }

  constructor() {
    super();
    // Remembers where the learner works, for "continue where you left off" on the home page.
    new VisitController(this, () => (this.session ? { key: this.key, title: this.notebook.meta.title } : null));
    this.saves = new AutosaveController(this, (report) => this.notices.saveReport(report));
    this.cellActions = new CellActions(this, {
      session: () => this.session,
      guard: (action) => this.guard(action),
      offerUndo: (cell) => this.notices.offerUndo(cell),
      save: () => void this.saveAndOfferExport(),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.closeSession();
    this.prose.close();
    this.growing.stop();
    this.kernel?.removeEventListener('state', this.onKernelState);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The open session's pending save goes to its own notebook before another opens.
    if (changed.has('notebook') || changed.has('storageKey') || changed.has('kernel')) this.closeSession();
    if (changed.has('kernel')) {
      (changed.get('kernel') as KernelClient | undefined)?.removeEventListener('state', this.onKernelState);
      this.kernel.addEventListener('state', this.onKernelState);
    }
    if (changed.has('notebook')) {
      this.prose.open(this.notebook);
      document.title = `${this.notebook.meta.title} · Fieldbook`;
    }
    // Code shows at once, drawn statically; editors (and their chunk) wait for the kernel.
    if (changed.has('notebook') || changed.has('kernel')) holdEditorsUntil(this.kernel.whenReady());
    if (changed.has('trusted') && this.session) this.session.trusted = this.trusted;
  }

  /** Opens the notebook with the learner's saved edits; a storage failure opens it as shipped and says so. */
  private open({ notebook, key, loaded }: Opened): void {
    this.closeSession();
    this.notices.storage(loaded.problem === null ? '' : errorMessage(loaded.problem));
    const outputs = new Map(Object.entries(this.initialOutputs).map(([id, list]) => [id, fromNbOutputs(list)]));
    const session = new NotebookSession(notebook, this.kernel, applyEdits(notebook, loaded.edits ?? undefined), outputs);
    session.trusted = this.trusted;
    session.on('session-notice', (e) => this.notices.say(e.message));
    this.saves.start(session, key, { store: this.store, journal: this.journal, channel: this.channel }, loaded);
    this.frames.watch(session);
    this.growing.reset();
    notebookOpening(session.codeCells.reduce((n, c) => n + lineCount(c.source), 0));
    this.sessions.session = session;
  }

  private closeSession(): void {
    this.saves.close();
    this.notices.offerUndo(null);
    this.sessions.session = null;
  }

  /** Writes the learner's edits now; on failure the page keeps working from memory and says what to do. */
  async save(): Promise<void> {
    await this.saves.flush();
  }

  /** Ctrl/Cmd+S: writes the edits now and downloads the learner's version as Fieldbook Markdown. */
  private async saveAndOfferExport(): Promise<void> {
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
    const canvas = this.cellActions.cellElement(cellId)?.querySelectorAll('canvas')[n];
    if (!canvas) return null;
    try {
      return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    } catch {
      return null;
    }
  }

  private async trustNotebook(): Promise<void> {
    const ok = await confirmDialog(
      'Trust this notebook?',
      'Its code will be able to run in this page like any cell you write, and its HTML outputs will be shown. Only trust files from people you trust.',
      'Trust this notebook',
    );
    if (!ok) return;
    this.trusted = true;
    if (this.session) this.session.trusted = true;
    this.dispatchEvent(new NotebookTrustEvent(this.notebook.meta.id));
  }

  private async resetNotebook(): Promise<void> {
    const ok = await confirmDialog(
      'Reset this notebook?',
      'Every cell goes back to the notebook’s version: your edits and added cells are removed, and the kernel restarts. Export first if you want to keep a copy.',
      'Reset notebook',
    );
    if (!ok || !this.session) return;
    this.saves.discard();
    try {
      await this.store.remove(this.key);
    } catch (e) {
      this.notices.storage(errorMessage(e));
    }
    this.sessions.session = null;
    await this.kernel.restart('restart');
    this.generation++;
  }

  private onKernelState = (): void => {
    this.kernelBusy = this.kernel.busy;
  };

  protected override render(): unknown {
    const session = this.session;
    if (!session) {
      return this.opening.render({
        error: (e) =>
          html`<main class="fb-notebook" id="main">
            <div class="fb-error" role="alert"><pre>This notebook could not be opened: ${errorMessage(e)}</pre></div>
          </main>`,
        initial: () =>
          html`<main class="fb-notebook" id="main">
            <p aria-busy="true">Opening notebook…</p>
            ${typeSpecimen({ withMath: this.prose.hasMath })}
          </main>`,
        pending: () =>
          html`<main class="fb-notebook" id="main">
            <p aria-busy="true">Opening notebook…</p>
            ${typeSpecimen({ withMath: this.prose.hasMath })}
          </main>`,
        complete: () =>
          html`<main class="fb-notebook" id="main">
            <p aria-busy="true">Opening notebook…</p>
            ${typeSpecimen({ withMath: this.prose.hasMath })}
          </main>`,
      });
    }
    const { html: prose, headings } = this.prose.layout(session.cells);
    this.frames.rendered(session.codeCells);
    let codeIndex = 0;
    return html` <div
      class=${GrowingList.isLong(session.cells.length) ? 'fb-notebook-layout fb-notebook-long' : 'fb-notebook-layout'}
      data-progress-key=${this.key}
    >
      <nav class="fb-toc" aria-label="Table of contents">
        <fb-toc .headings=${headings} .cells=${session.cells} .shipped=${this.prose.shipped} base=${this.route} progressKey=${this.key}></fb-toc>
      </nav>
      <main class="fb-notebook" id="main">
        ${notebookToolbar(session, this.kernelBusy, this.toolbarActions)}
        ${this.notices.render({ trusted: this.trusted, importedFrom: this.importedFrom, trust: () => void this.trustNotebook() }, () => this.cellActions.undoDelete())}
        ${session.cells
          .slice(0, this.growing.count(session.cells.length))
          .map((cell) =>
            cell.kind === 'markdown'
              ? this.prose.article(cell, prose)
              : html`<fb-cell
                  data-cell-id=${cell.id}
                  data-status=${cell.status}
                  .cell=${cell}
                  .index=${++codeIndex}
                  .edited=${isEdited(cell)}
                  .originalChanged=${isOriginalChanged(cell)}
                  .trusted=${this.trusted}
                  @cell-reset=${(e: HTMLElementEventMap['cell-reset']) => this.guard(() => this.cellActions.reset(e.cellId))}
                  @cell-compare=${(e: HTMLElementEventMap['cell-compare']) => this.guard(() => this.cellActions.compare(e.cellId))}
                  @cell-run=${(e: CellRunEvent) => this.cellActions.onRun(e)}
                  @cell-edit=${(e: HTMLElementEventMap['cell-edit']) => session.editCell(e.cellId, e.source)}
                  @cell-add=${(e: HTMLElementEventMap['cell-add']) => this.cellActions.add(e.afterId)}
                  @cell-delete=${(e: HTMLElementEventMap['cell-delete']) => this.cellActions.delete(e.cellId)}
                  @widget-input=${(e: HTMLElementEventMap['widget-input']) => session.widgetInput(e.key, e.value)}
                ></fb-cell>`,
          )}
      </main>
    </div>`;
  }

  /** Runs an action; an app bug it throws goes to the page's error sink instead of vanishing. */
  private guard(action: () => unknown): void {
    try {
      const result = action();
      if (result instanceof Promise) result.catch((e: unknown) => this.reportError(e));
    } catch (e) {
      this.reportError(e);
    }
  }

  private reportError(error: unknown): void {
    this.dispatchEvent(new AppErrorEvent(error));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-notebook': FbNotebook;
  }
}
