/**
 * One open notebook's live state: cell sources, statuses and outputs, and the runs it asks the
 * kernel for. Elements render it and call its methods; it never touches the DOM.
 */
import type { KernelClient, RestartDetail, RunOutcome } from '../kernel/client';
import { MIME, type RunMessage, type WidgetData, type WidgetValue } from '../kernel/protocol';
import { toState, type CellOutput, type CellState, type CodeCellState } from './cell-state';
import { downstreamOf, executionOrder, type GraphCell } from '../notebook/graph';
import type { Notebook } from '../notebook/types';
import { applyEdits, type MergedCell } from '../store/edits';

/**
 * Events: `change` (detail: {cellId?}) whenever anything visible changes, `content-change` when
 * the learner's text changes (what must be saved), `notice` (detail: string) for page-level
 * messages such as a hard stop.
 */
export class NotebookSession extends EventTarget {
  readonly cells: CellState[];
  private added = 0;
  private widgetRun: Promise<void> | null = null;
  /** False for an imported notebook the learner has not trusted: nothing in it runs. */
  trusted = true;
  private widgetAgain: string | null = null;

  constructor(
    readonly notebook: Notebook,
    private readonly kernel: KernelClient,
    merged: MergedCell[] = applyEdits(notebook, undefined),
    initialOutputs: Record<string, CellOutput[]> = {},
  ) {
    super();
    this.cells = merged.map(toState);
    for (const cell of this.codeCells) if (initialOutputs[cell.id]) cell.outputs = initialOutputs[cell.id];
    kernel.addEventListener('restarted', this.onRestarted);
    void this.analyse(this.codeCells.map((c) => c.id));
  }

  /**
   * Asks the kernel what cells declare and read (without running them), so stale marking and
   * dependency order work before a cell has ever run.
   */
  async analyse(ids: string[]): Promise<void> {
    const cells = ids.map((id) => this.codeCell(id)).filter((c): c is CodeCellState => Boolean(c));
    if (!cells.length) return;
    const sources = new Map(cells.map((c) => [c.id, c.source]));
    const results = await this.kernel.analyse(cells.map((c) => ({ id: c.id, code: c.source })));
    for (const result of results) {
      const cell = this.codeCell(result.id);
      // Skip a result for text the learner has since changed again.
      if (!cell || cell.source !== sources.get(result.id) || result.error) continue;
      const before = new Set(cell.declared);
      cell.declared = result.declarations;
      cell.references = result.references;
      cell.imports = result.imports;
      if (cell.status === 'stale' && result.declarations.some((d) => !before.has(d))) this.markStale(this.downstreamOf(cell.id));
    }
    this.changed();
  }

  /** Stops listening to the kernel (when the view closes). */
  close(): void {
    this.kernel.removeEventListener('restarted', this.onRestarted);
  }

  private allowRun(): boolean {
    if (!this.trusted) {
      this.dispatchEvent(new CustomEvent('notice', { detail: 'This notebook was imported, so its code does not run until you trust it. Read the cells first; if you trust where the file came from, press "Trust this notebook".' }));
    }
    return this.trusted;
  }

  /** The code cells, in order. */
  get codeCells(): CodeCellState[] {
    return this.cells.filter((c): c is CodeCellState => c.kind === 'code');
  }

  /** Looks up a code cell. */
  codeCell(id: string): CodeCellState | undefined {
    return this.codeCells.find((c) => c.id === id);
  }

  /**
   * Runs one cell; resolves when it has finished. Cells it depends on that are stale or have not
   * run successfully run first, in dependency order.
   */
  async runCell(id: string): Promise<RunOutcome | null> {
    const cell = this.codeCell(id);
    if (!cell || !this.allowRun()) return null;
    const upstream = this.upstreamOf(id).map((u) => this.codeCell(u)!).filter((c) => c.status !== 'ok');
    return this.runInOrder([...upstream, cell]);
  }

  /** The cells `id` reads names from, directly or through others, in dependency order. */
  upstreamOf(id: string): string[] {
    try {
      return executionOrder(this.graph(), [id]).filter((c) => c !== id);
    } catch {
      // A cycle: run the cell alone, and its error says which cells read each other.
      return [];
    }
  }

  /** Every cell that reads, directly or through others, a name `cellId` declares, in dependency order. */
  downstreamOf(cellId: string): string[] {
    return this.codeCell(cellId) ? downstreamOf(this.graph(), cellId) : [];
  }

  /** The cells as the dependency graph sees them: what each declares and reads. */
  private graph(): GraphCell[] {
    return this.codeCells.map((c) => ({ id: c.id, declarations: c.declared, references: c.references, imports: c.imports }));
  }

  /** Runs every code cell not marked `norun`, in order, stopping at the first error. */
  async runAll(): Promise<void> {
    if (this.allowRun()) await this.runInOrder(this.codeCells.filter((c) => !c.flags.norun));
  }

  /** Re-runs every stale cell, each after the cells it depends on that are not up to date. */
  async runStale(): Promise<void> {
    if (!this.allowRun()) return;
    const stale = this.codeCells.filter((c) => c.status === 'stale').map((c) => c.id);
    let order: string[];
    try {
      order = executionOrder(this.graph(), stale);
    } catch {
      order = stale;
    }
    await this.runInOrder(order.map((id) => this.codeCell(id)!).filter((c) => c.status !== 'ok'));
  }

  /** Queues cells in order; the first that does not finish `ok` cancels the rest. */
  private async runInOrder(cells: CodeCellState[]): Promise<RunOutcome | null> {
    const runs = cells.map((c) => this.enqueue(c));
    let last: RunOutcome | null = null;
    for (const run of runs) {
      last = await run;
      if (last.status !== 'ok') {
        this.kernel.interrupt();
        break;
      }
    }
    return last;
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
  /** The cells as the learner has them, for saving. */
  mergedCells(): MergedCell[] {
    return this.cells.map((c) => (c.kind === 'markdown' ? { ...c } : { kind: 'code', id: c.id, source: c.source, flags: c.flags, original: c.original, base: c.base }));
  }

  /** True when the learner's text differs from the notebook's. */
  isEdited(cell: CodeCellState): boolean {
    return cell.original !== null && cell.source !== cell.original;
  }

  /** True when the notebook changed this cell since the learner edited it. */
  originalChanged(cell: CodeCellState): boolean {
    return cell.original !== null && cell.base !== null && cell.base !== cell.original;
  }

  /** Puts the notebook's text back into a cell. */
  resetCell(id: string): void {
    const cell = this.codeCell(id);
    if (!cell || cell.original === null) return;
    cell.base = cell.original;
    this.editCell(id, cell.original);
    this.changed(cell);
    this.contentChanged();
  }

  /** Keeps the learner's version of a cell whose original changed, and stops asking. */
  keepMine(id: string): void {
    const cell = this.codeCell(id);
    if (!cell || cell.original === null) return;
    cell.base = cell.original;
    this.changed(cell);
    this.contentChanged();
  }

  editCell(id: string, source: string): void {
    const cell = this.codeCell(id);
    if (!cell || cell.source === source) return;
    cell.source = source;
    this.contentChanged();
    if (cell.status === 'ok' || cell.status === 'error') this.markStale([cell.id, ...this.downstreamOf(cell.id)]);
    else this.changed(cell);
    this.scheduleAnalysis(id);
  }

  private analysisTimers = new Map<string, ReturnType<typeof setTimeout>>();

  private scheduleAnalysis(id: string): void {
    clearTimeout(this.analysisTimers.get(id));
    this.analysisTimers.set(id, setTimeout(() => {
      this.analysisTimers.delete(id);
      void this.analyse([id]);
    }, 300));
  }

  /** Adds an empty code cell below (or above) `afterId`, or at the end, and returns its id. */
  addCell(afterId?: string, source = '', where: 'above' | 'below' = 'below'): string {
    const id = `added-${Date.now().toString(36)}-${++this.added}`;
    const cell: CodeCellState = { kind: 'code', id, source, original: null, base: null, flags: {}, status: 'idle', outputs: [], declared: [], references: [], imports: [], version: 0 };
    const index = afterId ? this.cells.findIndex((c) => c.id === afterId) : -1;
    this.cells.splice(index >= 0 ? index + (where === 'below' ? 1 : 0) : this.cells.length, 0, cell);
    this.changed();
    this.contentChanged();
    return id;
  }

  /** Removes a cell the learner added (or any cell), and its names from the kernel. */
  deleteCell(id: string): void {
    const index = this.cells.findIndex((c) => c.id === id);
    if (index < 0) return;
    const readers = this.downstreamOf(id);
    const [cell] = this.cells.splice(index, 1);
    if (cell.kind === 'code') {
      this.markStale(readers);
      this.kernel.forget([id]);
    }
    this.changed();
    this.contentChanged();
  }

  /**
   * The learner changed a widget: the kernel stores the value, then the widget's cell and every
   * cell that (transitively) reads its names re-run, in notebook order. Inputs that arrive while
   * that chain runs are coalesced into one more pass, so dragging a slider never queues a backlog.
   */
  widgetInput(key: string, value: WidgetValue): void {
    const cellId = key.slice(0, key.lastIndexOf('#'));
    const cell = this.codeCell(cellId);
    if (!cell || !this.allowRun()) return;
    this.kernel.setWidget(key, value);
    for (const o of cell.outputs) {
      if (o.kind === 'display' && o.mime === MIME.widget && (o.data as WidgetData).key === key) o.data = { ...(o.data as WidgetData), value };
    }
    this.scheduleRerun(cellId);
  }

  private scheduleRerun(cellId: string): void {
    if (this.widgetRun) {
      this.widgetAgain = cellId;
      return;
    }
    this.widgetRun = this.rerunFrom(cellId).finally(() => {
      this.widgetRun = null;
      const again = this.widgetAgain;
      this.widgetAgain = null;
      if (again) this.scheduleRerun(again);
    });
  }

  /** Re-runs a cell, then the cells downstream of it that had run, stopping at an error. */
  private async rerunFrom(cellId: string): Promise<void> {
    const downstream = new Set(this.downstreamOf(cellId));
    const chain = this.codeCells.filter((c) => c.id === cellId || (downstream.has(c.id) && c.status !== 'idle'));
    for (const cell of chain) {
      const outcome = await this.enqueue(cell);
      if (outcome.status !== 'ok') break;
    }
  }

  private enqueue(cell: CodeCellState): Promise<RunOutcome> {
    cell.status = 'queued';
    this.changed(cell);
    let started = false;
    let previous: CellOutput[] = [];
    const handle = this.kernel.execute(cell.id, cell.source, (message) => {
      if (!started) {
        started = true;
        previous = cell.outputs;
        cell.outputs = [];
      }
      this.apply(cell, message, previous);
    });
    return handle.done.then((outcome) => {
      // Static analysis already knows what the cell declares; a failed run declares nothing, which says nothing.
      if (outcome.status === 'ok') {
        cell.declared = outcome.declared;
        cell.references = outcome.references;
      }
      cell.ms = outcome.ms;
      if (outcome.status === 'aborted') {
        cell.status = started ? 'idle' : cell.outputs.length ? 'stale' : 'idle';
        if (started) cell.outputs.push({ kind: 'note', text: `Stopped after ${(outcome.ms / 1000).toFixed(1)} s.` });
      } else {
        cell.status = outcome.status;
        if (outcome.status === 'ok') this.markStale(this.downstreamOf(cell.id).filter((id) => this.codeCell(id)?.status === 'ok'));
      }
      this.changed(cell);
      return outcome;
    });
  }

  private apply(cell: CodeCellState, message: RunMessage, previous: CellOutput[]): void {
    switch (message.type) {
      case 'status':
        if (message.state === 'busy') cell.status = 'running';
        break;
      case 'stream': {
        const last = cell.outputs.at(-1);
        // A new object, so the output element sees the change.
        if (last?.kind === 'stream' && last.name === message.name) cell.outputs[cell.outputs.length - 1] = { ...last, text: last.text + message.text };
        else cell.outputs.push({ kind: 'stream', name: message.name, text: message.text });
        break;
      }
      case 'display':
      case 'result': {
        // Keep a widget's output object when nothing changed, so a slider being dragged is not rebuilt.
        if (message.mime === MIME.widget) {
          const same = previous.find((o) => o.kind === 'display' && o.mime === MIME.widget && JSON.stringify(o.data) === JSON.stringify(message.data));
          if (same) {
            cell.outputs.push(same);
            break;
          }
        }
        cell.outputs.push({ kind: 'display', displayId: message.type === 'display' ? message.displayId : `${message.runId}-result`, mime: message.mime, data: message.data, version: 0 });
        break;
      }
      case 'update-display': {
        const output = cell.outputs.find((o) => o.kind === 'display' && o.displayId === message.displayId);
        if (output && output.kind === 'display') {
          output.data = message.data;
          output.version++;
        }
        break;
      }
      case 'error':
        cell.outputs.push({ kind: 'error', ename: message.ename, evalue: message.evalue, line: message.line, column: message.column });
        break;
      case 'done':
        return;
    }
    this.changed(cell);
  }

  /** Marks cells stale that have run (their results may no longer hold). */
  private markStale(ids: string[]): void {
    for (const id of ids) {
      const cell = this.codeCell(id);
      if (!cell || (cell.status !== 'ok' && cell.status !== 'error')) continue;
      cell.status = 'stale';
      this.changed(cell);
    }
  }

  private onRestarted = (event: Event) => {
    const { reason, executed, message } = (event as CustomEvent<RestartDetail>).detail;
    const lost = this.codeCells.filter((c) => executed.includes(c.id) || c.status === 'ok' || c.status === 'error');
    for (const cell of lost) {
      if (cell.status !== 'running') cell.status = 'stale';
      else cell.status = 'idle';
      this.changed(cell);
    }
    if (reason === 'hard-stop') {
      const names = lost.map((c) => c.id);
      this.dispatchEvent(
        new CustomEvent('notice', {
          detail: `The running cell did not stop within 2 seconds, so the kernel was restarted.${names.length ? ` Re-run these cells (marked stale): ${names.join(', ')}.` : ''}`,
        }),
      );
    } else if (message) {
      // A restart the kernel did by itself (it stopped answering, or freed memory): say so, like a hard stop.
      const names = lost.map((c) => c.id);
      this.dispatchEvent(new CustomEvent('notice', { detail: `${message}${names.length ? ` Re-run these cells (marked stale): ${names.join(', ')}.` : ''}` }));
    }
  };

  private contentChanged(): void {
    this.dispatchEvent(new CustomEvent('content-change'));
  }

  private changed(cell?: CodeCellState): void {
    if (cell) cell.version++;
    this.dispatchEvent(new CustomEvent('change', { detail: { cellId: cell?.id } }));
  }
}
