/**
 * One open notebook's live state and the runs it asks the kernel for. The cells are immutable
 * data: every change replaces the changed cell (and the array around it) and says so with a
 * `session-change` event. DOM-free, so it runs in Node against a fake kernel. The runs themselves
 * are queued by `cell-runs.ts`, and the kernel's analysis is asked for and taken in by `analysis.ts`.
 */
import type { RunOutcome } from '../kernel/run-queue';
import type { WidgetValue } from '../kernel/protocol';
import { parseWidgetKey } from '../notebook/widget-key';
import type { Notebook } from '../notebook/types';
import { applyEdits, type MergedCell } from '../store/edits';
import { adoptMerged } from './adopt';
import { AnalysisScheduler, applyAnalysis } from './analysis';
import { isCodeCell, newCodeCell, toMerged, toState, type CellOutput, type CellState, type CodeCellState } from './cell-state';
import { CellRuns } from './cell-runs';
import { ContentChangeEvent, SessionChangeEvent, SessionNoticeEvent, type SessionEventMap } from './events';
import { restartDetail, type SessionKernel } from './kernel';
import { setWidgetValue } from './outputs';
import { afterRestart, codeCellsOf, hasRun, markStale, readersOf, runAllPlan, runPlanFor, runStalePlan } from './staleness';
import { UndoStack } from './undo';

/** How `run` is asked: `advance` also moves on to the next cell (adding one after the last). */
export interface RunOptions {
  advance?: boolean;
}

/** What `run` started: the cell to move to (with `advance`), and the run's end. */
export interface RunRequest {
  next: string | null;
  done: Promise<RunOutcome | null>;
}

const UNTRUSTED_NOTICE =
  'This notebook was imported, so its code does not run until you trust it. Read the cells first; if you trust where the file came from, press "Trust this notebook".';

/** An open notebook: cells, statuses, outputs and the runs that change them. */
export class NotebookSession {
  /** False for an imported notebook the learner has not trusted: nothing in it runs. */
  trusted = true;
  private state: readonly CellState[];
  private index = new Map<string, number>();
  private readonly events = new EventTarget();
  private readonly runs: CellRuns;
  private readonly analysis = new AnalysisScheduler((id) => void this.analyse([id]));
  private readonly undo = new UndoStack();
  private added = 0;
  private closed = false;

  constructor(
    readonly notebook: Notebook,
    private readonly kernel: SessionKernel,
    merged: readonly MergedCell[] = applyEdits(notebook, undefined),
    initialOutputs: ReadonlyMap<string, readonly CellOutput[]> = new Map(),
  ) {
    this.state = merged.map((m) => {
      const cell = toState(m);
      const outputs = initialOutputs.get(cell.id);
      return isCodeCell(cell) && outputs ? { ...cell, outputs } : cell;
    });
    this.reindex();
    this.runs = new CellRuns(kernel, {
      cells: () => this.state,
      codeCell: (id) => this.codeCell(id),
      replace: (cell, notify) => this.replace(cell, notify),
      ran: (id, outcome) => this.ran(id, outcome),
    });
    kernel.addEventListener('restarted', this.onRestarted);
    void this.analyse(this.codeCells.map((c) => c.id));
  }

  /** Listens to one of the session's events; returns the function that stops listening. */
  on<K extends keyof SessionEventMap>(type: K, listener: (event: SessionEventMap[K]) => void): () => void {
    const wrapped = (event: Event) => listener(event as SessionEventMap[K]);
    this.events.addEventListener(type, wrapped);
    return () => this.events.removeEventListener(type, wrapped);
  }

  /** Every cell, in notebook order (a new array after each change). */
  get cells(): readonly CellState[] {
    return this.state;
  }

  /** The code cells, in order. */
  get codeCells(): CodeCellState[] {
    return codeCellsOf(this.state);
  }

  /** Looks up a code cell. */
  codeCell(id: string): CodeCellState | undefined {
    const at = this.index.get(id);
    const cell = at === undefined ? undefined : this.state[at];
    return cell && isCodeCell(cell) ? cell : undefined;
  }

  /** The cells as the learner has them, for saving. */
  mergedCells(): MergedCell[] {
    return this.state.map(toMerged);
  }

  /**
   * Asks the kernel what cells declare and read (without running them), so stale marking and
   * dependency order work before a cell has ever run.
   */
  async analyse(ids: readonly string[]): Promise<void> {
    const cells = ids.map((id) => this.codeCell(id)).filter((c): c is CodeCellState => Boolean(c));
    if (!cells.length) return;
    const sources = new Map(cells.map((c) => [c.id, c.source]));
    const results = await this.kernel.analyse(cells.map((c) => ({ id: c.id, code: c.source })));
    if (this.closed) return;
    this.setCells(applyAnalysis(this.state, results, sources), false);
    this.changed();
  }

  /**
   * Runs one cell, first running the cells it depends on that are stale or have not run
   * successfully. With `advance`, also names the next cell to move to (adding one after the last,
   * as Jupyter does): Shift+Enter and the Run button both come here.
   */
  run(id: string, options: RunOptions = {}): RunRequest {
    if (!this.codeCell(id)) return { next: null, done: Promise.resolve(null) };
    const done = this.allowRun() ? this.runs.inOrder(runPlanFor(this.state, id)) : Promise.resolve(null);
    let next: string | null = null;
    if (options.advance) {
      const ids = this.codeCells.map((c) => c.id);
      next = ids[ids.indexOf(id) + 1] ?? this.addCell(id);
    }
    return { next, done };
  }

  /** Runs every code cell not marked `norun`, in order, stopping at the first error. */
  async runAll(): Promise<void> {
    if (this.allowRun()) await this.runs.inOrder(runAllPlan(this.state));
  }

  /** Re-runs every stale cell, each after the cells it depends on that are not up to date. */
  async runStale(): Promise<void> {
    if (this.allowRun()) await this.runs.inOrder(runStalePlan(this.state));
  }

  /** Stops the running cell and clears the queue. */
  stop(): void {
    this.kernel.interrupt();
  }

  /** Restarts the kernel: every value is lost, so every cell that ran becomes stale. */
  async restart(): Promise<void> {
    await this.kernel.restart('restart');
  }

  /** Changes a cell's source; the cell and the cells that read its names become stale. */
  editCell(id: string, source: string): void {
    const cell = this.codeCell(id);
    if (!cell || cell.source === source) return;
    this.replace({ ...cell, source }, false);
    if (hasRun(cell)) this.setCells(markStale(this.state, [id, ...readersOf(this.state, id)]), false);
    this.changed(id);
    this.contentChanged();
    this.analysis.schedule(id);
  }

  /** Puts the notebook's text back into a cell. */
  resetCell(id: string): void {
    const cell = this.codeCell(id);
    if (!cell || cell.original === null) return;
    this.replace({ ...cell, base: cell.original }, false);
    this.editCell(id, cell.original);
    this.changed(id);
    this.contentChanged();
  }

  /** Keeps the learner's version of a cell whose original changed, and stops asking. */
  keepMine(id: string): void {
    const cell = this.codeCell(id);
    if (!cell || cell.original === null) return;
    this.replace({ ...cell, base: cell.original });
    this.contentChanged();
  }

  /** Adds an empty code cell below (or above) `afterId`, or at the end, and returns its id. */
  addCell(afterId?: string, source = '', where: 'above' | 'below' = 'below'): string {
    const id = `added-${Date.now().toString(36)}-${++this.added}`;
    const at = afterId === undefined ? undefined : this.index.get(afterId);
    const position = at === undefined ? this.state.length : at + (where === 'below' ? 1 : 0);
    this.insert(newCodeCell(id, source, null, null), position);
    return id;
  }

  /**
   * Removes a cell, its names from the kernel, and marks its readers stale. `undoDelete` brings
   * it back (Jupyter's `z`).
   */
  deleteCell(id: string): void {
    const at = this.index.get(id);
    if (at === undefined) return;
    const cell = this.state[at]!;
    const readers = isCodeCell(cell) ? readersOf(this.state, id) : [];
    this.undo.push(cell, at, at > 0 ? this.state[at - 1]!.id : null);
    this.setCells([...this.state.slice(0, at), ...this.state.slice(at + 1)], false);
    this.reindex();
    if (isCodeCell(cell)) {
      this.runs.forget(id);
      this.setCells(markStale(this.state, readers), false);
      this.kernel.forget([id]);
    }
    this.changed();
    this.contentChanged();
  }

  /** The most recently deleted cell that `undoDelete` would bring back, or null. */
  get lastDeleted(): CellState | null {
    return this.undo.peek();
  }

  /**
   * Puts the last deleted cell back where it was and returns its id (null when nothing was
   * deleted). Its values left the kernel with it, so a cell that had run comes back stale.
   */
  undoDelete(): string | null {
    const entry = this.undo.pop();
    if (!entry) return null;
    const after = entry.after === null ? -1 : (this.index.get(entry.after) ?? entry.index - 1);
    const position = Math.min(after + 1, this.state.length);
    const cell = entry.cell;
    const restored = isCodeCell(cell) ? { ...cell, status: cell.outputs.length || cell.status !== 'idle' ? ('stale' as const) : ('idle' as const) } : cell;
    this.insert(restored, position);
    return cell.id;
  }

  /**
   * The learner changed a widget: the kernel stores the value, then the widget's cell and every
   * cell that (transitively) reads its names re-run, in notebook order. Inputs that arrive while
   * that chain runs are coalesced into one more pass, so dragging a slider never queues a backlog.
   */
  widgetInput(key: string, value: WidgetValue): void {
    const cellId = parseWidgetKey(key)?.cellId;
    const cell = cellId === undefined ? undefined : this.codeCell(cellId);
    if (!cell || !this.allowRun()) return;
    this.kernel.setWidget(key, value);
    this.replace({ ...cell, outputs: setWidgetValue(cell.outputs, key, value) });
    this.runs.rerunWidget(cell.id);
  }

  /**
   * Takes in cells saved elsewhere (another tab): cells whose text changed get it (and go stale
   * with their readers if they had run), new cells appear, cells gone from `merged` leave.
   * Statuses and outputs of unchanged cells stay as they are.
   */
  adoptCells(merged: readonly MergedCell[]): void {
    const { cells, changed, gone } = adoptMerged(this.state, merged);
    this.setCells(cells, false);
    this.reindex();
    for (const id of gone) this.runs.forget(id);
    if (gone.length) this.kernel.forget(gone);
    this.changed();
    for (const id of changed) this.analysis.schedule(id);
  }

  /** Stops listening to the kernel and cancels pending analysis (when the view closes). */
  close(): void {
    this.closed = true;
    this.kernel.removeEventListener('restarted', this.onRestarted);
    this.analysis.cancelAll();
  }

  private allowRun(): boolean {
    if (!this.trusted) this.events.dispatchEvent(new SessionNoticeEvent(UNTRUSTED_NOTICE));
    return this.trusted;
  }

  /** A cell's latest run ended: after a success, the readers that were up to date may no longer be. */
  private ran(id: string, outcome: RunOutcome): void {
    if (outcome.status === 'ok')
      this.setCells(
        markStale(
          this.state,
          readersOf(this.state, id).filter((r) => this.codeCell(r)?.status === 'ok'),
        ),
        false,
      );
    this.changed(id);
  }

  private onRestarted = (event: Event): void => {
    const { reason, executed, message } = restartDetail(event);
    const { cells, lost } = afterRestart(this.state, executed);
    this.setCells(cells);
    const rerun = lost.length ? ` Re-run these cells (marked stale): ${lost.join(', ')}.` : '';
    if (reason === 'hard-stop') {
      this.events.dispatchEvent(new SessionNoticeEvent(`The running cell did not stop within 2 seconds, so the kernel was restarted.${rerun}`));
    } else if (message) {
      // A restart the kernel did by itself (a worker that stopped answering, memory to free): say so the same way.
      this.events.dispatchEvent(new SessionNoticeEvent(`${message}${rerun}`));
    }
  };

  private insert(cell: CellState, position: number): void {
    this.setCells([...this.state.slice(0, position), cell, ...this.state.slice(position)], false);
    this.reindex();
    this.changed();
    this.contentChanged();
  }

  /** Puts a new version of a cell in place of the old one (same id). */
  private replace(cell: CellState, notify = true): void {
    const at = this.index.get(cell.id);
    if (at === undefined || this.state[at] === cell) return;
    const next = this.state.slice();
    next[at] = cell;
    this.state = next;
    if (notify) this.changed(cell.id);
  }

  private setCells(cells: readonly CellState[], notify = true): void {
    if (cells === this.state) return;
    this.state = cells;
    if (notify) this.changed();
  }

  private reindex(): void {
    this.index = new Map(this.state.map((c, i) => [c.id, i]));
  }

  private changed(cellId?: string): void {
    this.events.dispatchEvent(new SessionChangeEvent(cellId));
  }

  private contentChanged(): void {
    this.events.dispatchEvent(new ContentChangeEvent());
  }
}
