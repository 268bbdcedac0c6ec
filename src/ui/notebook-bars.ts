/**
 * What sits above a notebook's cells: the toolbar (Run all, Run stale, Stop, Restart, Reset
 * notebook, the exports, the keyboard shortcuts, the cells' counts) and the notices — the banner
 * of an untrusted import, a storage problem, a notice (with the text another tab's save did not
 * keep), the Undo bar of a deleted cell. The notebook element (`fb-notebook.ts`) says what the
 * buttons do; `NotebookNotices` holds what the notices say.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { summarize, type AutosaveReport, type CellState, type NotebookSession } from '../session/index';
import type { EditConflict } from '../store/index';
import { showShortcuts } from './fb-shortcuts';
import { errorMessage } from './report-error';

/** What the toolbar's buttons do beyond calling the session. */
export interface ToolbarActions {
  /** Runs an action; an app bug it throws goes to the page's error sink instead of vanishing. */
  guard(action: () => unknown): void;
  /** Asks, then puts every cell back to the notebook's version and restarts the kernel. */
  resetNotebook(): Promise<void>;
  /** Downloads the learner's version of the notebook. */
  exportAs(format: 'md' | 'ipynb'): Promise<void>;
}

/**
 * The toolbar of a notebook whose session is open. `busy` says whether the kernel is running or
 * has queued a cell (Stop is enabled only then); Run stale is enabled while a cell is stale.
 */
export function notebookToolbar(session: NotebookSession, busy: boolean, actions: ToolbarActions): TemplateResult {
  const { guard } = actions;
  return html`<div class="fb-toolbar" role="toolbar" aria-label="Notebook">
    <button @click=${() => guard(() => session.runAll())}><span aria-hidden="true">▶▶</span> Run all</button>
    <button @click=${() => guard(() => session.runStale())} ?disabled=${!session.codeCells.some((c) => c.status === 'stale')}>Run stale</button>
    <button @click=${() => session.stop()} ?disabled=${!busy}><span aria-hidden="true">■</span> Stop</button>
    <button @click=${() => guard(() => session.restart())}><span aria-hidden="true">↻</span> Restart</button>
    <button class="fb-secondary" @click=${() => guard(() => actions.resetNotebook())}>Reset notebook</button>
    <button class="fb-secondary" @click=${() => guard(() => actions.exportAs('md'))}>Export .md</button>
    <button class="fb-secondary" @click=${() => guard(() => actions.exportAs('ipynb'))}>Export .ipynb</button>
    <button class="fb-secondary" aria-keyshortcuts="?" @click=${() => showShortcuts()}>Keyboard shortcuts</button>
    <span class="fb-toolbar-status" aria-live="polite">${summarize(session.cells)}</span>
  </div>`;
}

/** The untrusted-import banner's part of the notebook: whether it is trusted, where it came from, and Trust. */
export interface TrustState {
  trusted: boolean;
  /** The file an imported notebook came from ('' when unknown). */
  importedFrom: string;
  /** The banner's "Trust this notebook" button. */
  trust(): void;
}

/**
 * The notices above a notebook's cells: what each says, and their template. As a Lit `@state`
 * would, a change that changes something re-renders the host.
 */
export class NotebookNotices {
  private notice = '';
  /** Cells another tab also changed: the text that was not kept, shown with the notice. */
  private conflicts: readonly EditConflict[] = [];
  private storageProblem = '';
  /** The deleted cell the Undo bar offers to bring back. */
  private undoable: CellState | null = null;

  constructor(private readonly host: Pick<ReactiveControllerHost, 'requestUpdate'>) {}

  /** Shows a notice (replacing the one before), with the text of the cells another tab also changed. */
  say(notice: string, conflicts: readonly EditConflict[] = []): void {
    if (notice === this.notice && conflicts === this.conflicts) return;
    this.notice = notice;
    this.conflicts = conflicts;
    this.host.requestUpdate();
  }

  /** Shows what went wrong with storage ('' when nothing is wrong any more). */
  storage(problem: string): void {
    if (problem === this.storageProblem) return;
    this.storageProblem = problem;
    this.host.requestUpdate();
  }

  /** Takes in what the autosave reports: a save's failure or success, a notice (edits merged from another tab). */
  saveReport(report: AutosaveReport): void {
    if (report.problem !== undefined) this.storage(report.problem === null ? '' : errorMessage(report.problem));
    if (report.notice) this.say(report.notice, report.conflicts ?? []);
  }

  /** Offers to bring back a deleted cell (the Undo bar), or stops offering with null. */
  offerUndo(cell: CellState | null): void {
    if (cell === this.undoable) return;
    this.undoable = cell;
    this.host.requestUpdate();
  }

  /** The notices, in order; `undo` is the Undo bar's button. */
  render(trust: TrustState, undo: () => void): TemplateResult {
    return html`${
      !trust.trusted
        ? html`<div class="fb-notice fb-untrusted" role="region" aria-label="Untrusted notebook">
            This notebook was imported${trust.importedFrom ? html` from <strong>${trust.importedFrom}</strong>` : nothing}. Its code does not run and its HTML
            outputs are not shown until you trust it. Read the cells first.
            <button @click=${() => trust.trust()}>Trust this notebook</button>
          </div>`
        : nothing
    }
    ${this.storageProblem ? html`<div class="fb-notice fb-storage-problem" role="alert">${this.storageProblem}</div>` : nothing}
    ${
      this.notice
        ? html`<div class="fb-notice" role="alert">
            ${this.notice}
            ${this.conflicts
              .filter((c) => c.dropped !== null)
              .map(
                (c) =>
                  html`<details class="fb-conflict" data-conflict=${c.cellId}>
                    <summary>The other tab's text of cell ${c.cellId}</summary>
                    <pre>${c.dropped}</pre>
                  </details>`,
              )} <button class="fb-link" @click=${() => this.say('', [])}>Dismiss</button>
          </div>`
        : nothing
    }
    ${
      this.undoable
        ? html`<div class="fb-notice fb-undo" role="status">
            Deleted cell ${this.undoable.id}.
            <button @click=${undo} aria-keyshortcuts="z">Undo</button>
            <button class="fb-link" @click=${() => this.offerUndo(null)}>Dismiss</button>
          </div>`
        : nothing
    }`;
  }
}
