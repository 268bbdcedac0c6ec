/**
 * A kernel stand-in for session tests: it queues runs like the worker client (one at a time, in
 * order), answers analysis from a table of what each cell declares and reads, and lets the test
 * say how each run ends. Messages arrive asynchronously, as a worker's do.
 */
import type { RunHandle, RunOutcome } from '../../../src/kernel/client';
import type { CellAnalysis, RunMessage, WidgetValue } from '../../../src/kernel/protocol';
import { parseNotebook } from '../../../src/notebook/parse';
import type { Notebook } from '../../../src/notebook/types';
import type { SessionKernel } from '../../../src/session/kernel';

/** A run message as a test writes it: the fake adds the run id. */
export type TestMessage = RunMessage extends infer M ? (M extends unknown ? Omit<M, 'runId'> : never) : never;

/** What a cell declares and reads, for analysis and for a run's outcome. */
export type Names = Record<string, { declarations: string[]; references: string[] }>;

interface FakeRun {
  runId: string;
  cellId: string;
  code: string;
  onMessage: (message: RunMessage) => void;
  resolve: (outcome: RunOutcome) => void;
  settled: boolean;
}

/** A fake kernel; `names` says what each cell id declares and reads. */
export class FakeKernel extends EventTarget implements SessionKernel {
  readonly runs: FakeRun[] = [];
  readonly forgotten: string[] = [];
  readonly widgets = new Map<string, WidgetValue>();
  interrupts = 0;
  private next = 1;

  constructor(private readonly names: Names = {}) {
    super();
  }

  execute(cellId: string, code: string, onMessage: (message: RunMessage) => void): RunHandle {
    const runId = `r${this.next++}`;
    let resolve!: (outcome: RunOutcome) => void;
    const done = new Promise<RunOutcome>((r) => (resolve = r));
    this.runs.push({ runId, cellId, code, onMessage, resolve, settled: false });
    return { runId, cellId, done };
  }

  /** The runs not yet finished, in queue order. */
  get pending(): FakeRun[] {
    return this.runs.filter((r) => !r.settled);
  }

  /** Finishes the oldest pending run: busy, the given messages, then done. Resolves after the session saw it. */
  async finishNext(status: 'ok' | 'error' = 'ok', messages: TestMessage[] = []): Promise<FakeRun> {
    const run = this.pending[0];
    if (!run) throw new Error('no run is pending');
    run.settled = true;
    run.onMessage({ type: 'status', runId: run.runId, state: 'busy' });
    for (const m of messages) run.onMessage({ ...m, runId: run.runId } as RunMessage);
    const names = this.names[run.cellId] ?? { declarations: [], references: [] };
    const outcome: RunOutcome = { status, declared: status === 'ok' ? names.declarations : [], references: names.references, ms: 7 };
    run.onMessage({ type: 'done', runId: run.runId, ...outcome });
    run.resolve(outcome);
    await flush();
    return run;
  }

  /** Runs every pending run to `ok`, including runs queued while doing so. */
  async finishAll(): Promise<string[]> {
    const order: string[] = [];
    while (this.pending.length) order.push((await this.finishNext()).cellId);
    return order;
  }

  interrupt(): void {
    this.interrupts++;
    for (const run of this.pending) {
      run.settled = true;
      run.resolve({ status: 'aborted', declared: [], references: [], ms: 0 });
    }
  }

  async restart(reason = 'restart'): Promise<void> {
    const executed = [...new Set(this.runs.filter((r) => r.settled).map((r) => r.cellId))];
    this.interrupt();
    this.dispatchEvent(new CustomEvent('restarted', { detail: { reason, executed } }));
  }

  async analyse(cells: { id: string; code: string }[]): Promise<CellAnalysis[]> {
    await Promise.resolve();
    return cells.map((c) => ({ id: c.id, declarations: this.names[c.id]?.declarations ?? [], references: this.names[c.id]?.references ?? [], imports: [] }));
  }

  setWidget(key: string, value: WidgetValue): void {
    this.widgets.set(key, value);
  }

  forget(cellIds: string[]): void {
    this.forgotten.push(...cellIds);
  }
}

/** Lets promise callbacks (the session's reactions) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A notebook of code cells with the given ids (each cell's source is `// <id>`), with prose first. */
export function notebookOf(ids: string[], id = 'demo'): Notebook {
  const cells = ids.map((c) => ['```ts id=' + c, `// ${c}`, '```']).flat();
  return parseNotebook(['---', `id: ${id}`, `title: ${id}`, '---', 'Intro', ...cells, ''].join('\n'));
}

/** a declares x; b reads x and declares y; c reads y; d stands alone. */
export const CHAIN: Names = {
  a: { declarations: ['x'], references: [] },
  b: { declarations: ['y'], references: ['x'] },
  c: { declarations: [], references: ['y'] },
  d: { declarations: ['z'], references: [] },
};
