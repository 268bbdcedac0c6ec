/**
 * The runs a session asks the kernel for: cells queued in order (the first that fails cancels
 * the rest), a widget's re-run chain (inputs that come while it runs make one more pass, not a
 * backlog), and which run may change a cell — only its latest; an older one was superseded.
 * What goes stale around a run is the session's (`session.ts`).
 */
import type { RunOutcome } from '../kernel/run-queue';
import type { CellState, CodeCellState } from './cell-state';
import type { SessionKernel } from './kernel';
import { applyToCell, finishCell, NOT_STARTED, queueCell, type RunProgress } from './run-state';
import { widgetRerunPlan } from './staleness';

/** The part of a session its runs read and change. */
export interface RunTarget {
  /** Every cell, as the session has it now. */
  cells(): readonly CellState[];
  /** Looks up a code cell. */
  codeCell(id: string): CodeCellState | undefined;
  /** Puts a new version of a cell in place; with `notify` false the change is announced later. */
  replace(cell: CellState, notify?: boolean): void;
  /** A cell's latest run ended, its final version already in place (unannounced). */
  ran(id: string, outcome: RunOutcome): void;
}

/** Queues a session's cell runs on its kernel and applies what they send to the cells. */
export class CellRuns {
  /** The latest run of each cell: only it may change the cell (an older one was superseded). */
  private readonly latestRun = new Map<string, string>();
  /**
   * Each cell's last finished run: a timer it started may still print or throw after `done`,
   * and that belongs in the cell (until the cell runs again).
   */
  private readonly finishedRun = new Map<string, string>();
  private widgetRun: Promise<void> | null = null;
  private widgetAgain: string | null = null;

  constructor(
    private readonly kernel: SessionKernel,
    private readonly target: RunTarget,
  ) {}

  /** Queues cells in order; the first that does not finish `ok` cancels the rest. */
  async inOrder(ids: readonly string[]): Promise<RunOutcome | null> {
    const runs = ids.filter((id) => this.target.codeCell(id)).map((id) => this.enqueue(id));
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

  /**
   * Re-runs a widget's cell, then the cells downstream of it that had run, stopping at an error.
   * A request while such a chain runs waits for it, and only the latest waiting one runs then.
   */
  rerunWidget(cellId: string): void {
    if (this.widgetRun) {
      this.widgetAgain = cellId;
      return;
    }
    this.widgetRun = this.rerunFrom(cellId).finally(() => {
      this.widgetRun = null;
      const again = this.widgetAgain;
      this.widgetAgain = null;
      if (again) this.rerunWidget(again);
    });
  }

  /** The cell left the notebook: a run of it still under way changes nothing now. */
  forget(id: string): void {
    this.latestRun.delete(id);
  }

  private async rerunFrom(cellId: string): Promise<void> {
    for (const id of widgetRerunPlan(this.target.cells(), cellId)) {
      if (!this.target.codeCell(id)) continue;
      const outcome = await this.enqueue(id);
      if (outcome.status !== 'ok') break;
    }
  }

  /**
   * Queues one run of a cell. Only the cell's latest run changes it: the outcome of a run that a
   * newer one superseded (Run all pressed twice) is ignored, so the cell stays queued for the newer run.
   */
  private enqueue(id: string): Promise<RunOutcome> {
    const cell = this.target.codeCell(id)!;
    this.target.replace(queueCell(cell));
    let progress: RunProgress = NOT_STARTED;
    // Not const: the callback may run before execute() returns, while runId is still undefined.
    // eslint-disable-next-line prefer-const
    let runId: string | undefined;
    const handle = this.kernel.execute(id, cell.source, (message) => {
      const current = this.target.codeCell(id);
      const live = this.latestRun.get(id) === runId;
      const late = !this.latestRun.has(id) && this.finishedRun.get(id) === runId;
      if (runId === undefined || !(live || late) || !current) return;
      const step = applyToCell(current, progress, message);
      progress = step.progress;
      this.target.replace(step.cell);
    });
    runId = handle.runId;
    this.latestRun.set(id, runId);
    return handle.done.then((outcome) => {
      const current = this.target.codeCell(id);
      if (this.latestRun.get(id) !== runId || !current) return outcome;
      this.latestRun.delete(id);
      this.finishedRun.set(id, runId!);
      this.target.replace(finishCell(current, progress, outcome), false);
      this.target.ran(id, outcome);
      return outcome;
    });
  }
}
