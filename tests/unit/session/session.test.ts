import { describe, expect, it } from 'vitest';
import { MIME } from '../../../src/kernel/protocol';
import { applyEdits } from '../../../src/store/edits';
import { NotebookSession } from '../../../src/session/session';
import { isEdited, isOriginalChanged, type CellState } from '../../../src/session/cell-state';
import { CHAIN, FakeKernel, flush, notebookOf, type Names } from './fake-kernel';

async function open(ids = ['a', 'b', 'c', 'd'], names: Names = CHAIN) {
  const kernel = new FakeKernel(names);
  const session = new NotebookSession(notebookOf(ids), kernel);
  await flush();
  return { kernel, session, status: (id: string) => session.codeCell(id)?.status };
}

describe('NotebookSession runs', () => {
  it('runs a cell after the upstream cells that have not run, in dependency order', async () => {
    const { kernel, session, status } = await open();
    const { done } = session.run('c');
    expect(kernel.pending.map((r) => r.cellId)).toEqual(['a', 'b', 'c']);
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['queued', 'queued', 'queued', 'idle']);
    await kernel.finishAll();
    expect((await done)?.status).toBe('ok');
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['ok', 'ok', 'ok', 'idle']);
  });

  it('turns run messages into outputs, replacing the cell instead of changing it', async () => {
    const { kernel, session } = await open();
    session.run('d');
    const before = session.codeCell('d')!;
    await kernel.finishNext('ok', [
      { type: 'stream', name: 'stdout', text: 'one ' },
      { type: 'stream', name: 'stdout', text: 'two' },
      { type: 'display', displayId: 'p1', mime: MIME.progress, data: { value: 0, max: 2 } },
      { type: 'update-display', displayId: 'p1', mime: MIME.progress, data: { value: 2, max: 2 } },
    ]);
    const after = session.codeCell('d')!;
    expect(after).not.toBe(before);
    expect(before.outputs).toEqual([]);
    expect(after.outputs).toEqual([
      { kind: 'stream', name: 'stdout', text: 'one two' },
      { kind: 'display', displayId: 'p1', mime: MIME.progress, data: { value: 2, max: 2 } },
    ]);
    expect(after.ms).toBe(7);
  });

  it('keeps a superseded run from setting its cell: Run all twice never shows a stale or done cell early', async () => {
    const { kernel, session } = await open();
    const seen = new Map<string, string[]>();
    session.on('session-change', () => {
      for (const c of session.codeCells) {
        const list = seen.get(c.id) ?? [];
        if (list.at(-1) !== c.status) list.push(c.status);
        seen.set(c.id, list);
      }
    });
    void session.runAll();
    void session.runAll();
    // The first pass finishes while the second is queued behind it.
    for (let i = 0; i < 4; i++) await kernel.finishNext();
    expect(session.codeCells.map((c) => c.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    await kernel.finishAll();
    expect(session.codeCells.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect([...seen.values()].filter((s) => s.includes('stale'))).toEqual([]);
  });

  it('stops a chain at the first error and cancels the rest', async () => {
    const { kernel, session, status } = await open();
    const all = session.runAll();
    await kernel.finishNext('ok');
    await kernel.finishNext('error', [{ type: 'error', ename: 'TypeError', evalue: 'x is not a function', line: 2, column: 5 }]);
    await all;
    expect(kernel.interrupts).toBe(1);
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['ok', 'error', 'idle', 'idle']);
    expect(session.codeCell('b')!.outputs).toEqual([{ kind: 'error', ename: 'TypeError', evalue: 'x is not a function', line: 2, column: 5 }]);
  });

  it('notes a stopped run, and puts a queued cell that never started back as it was', async () => {
    const { kernel, session, status } = await open();
    session.run('a');
    await kernel.finishNext();
    session.run('a');
    const run = kernel.pending[0]!;
    run.onMessage({ type: 'status', runId: run.runId, state: 'busy' });
    session.run('d');
    kernel.interrupt();
    await flush();
    expect(status('a')).toBe('idle');
    expect(session.codeCell('a')!.outputs).toEqual([{ kind: 'note', text: 'Stopped after 0.0 s.' }]);
    expect(status('d')).toBe('idle');
  });

  it('names the next cell with advance, adding one after the last', async () => {
    const { session } = await open();
    expect(session.run('a', { advance: true }).next).toBe('b');
    const { next } = session.run('d', { advance: true });
    expect(next).toMatch(/^added-/);
    expect(session.codeCells.at(-1)!.id).toBe(next);
  });

  it('runs nothing in an untrusted notebook and says why', async () => {
    const { kernel, session } = await open();
    session.trusted = false;
    const notices: string[] = [];
    session.on('session-notice', (e) => notices.push(e.message));
    expect(await session.run('a').done).toBeNull();
    await session.runAll();
    expect(kernel.runs).toEqual([]);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('Trust this notebook');
  });
});

describe('NotebookSession staleness', () => {
  it('marks an edited cell and its readers stale, not the cells that do not read it', async () => {
    const { kernel, session, status } = await open();
    void session.runAll();
    await kernel.finishAll();
    session.editCell('a', 'const x = 2;');
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['stale', 'stale', 'stale', 'ok']);
    expect(session.codeCell('a')!.source).toBe('const x = 2;');
    void session.runStale();
    expect(kernel.pending.map((r) => r.cellId)).toEqual(['a', 'b', 'c']);
    await kernel.finishAll();
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('marks the readers of a re-run cell stale when it finishes', async () => {
    const { kernel, session, status } = await open();
    void session.runAll();
    await kernel.finishAll();
    session.run('b');
    await kernel.finishAll();
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['ok', 'ok', 'stale', 'ok']);
  });

  it('makes every cell that ran stale after a restart, and says so after a hard stop', async () => {
    const { kernel, session, status } = await open();
    session.run('b');
    await kernel.finishAll();
    const notices: string[] = [];
    session.on('session-notice', (e) => notices.push(e.message));
    await kernel.restart('hard-stop');
    expect(['a', 'b', 'c', 'd'].map(status)).toEqual(['stale', 'stale', 'idle', 'idle']);
    expect(notices).toEqual(['The running cell did not stop within 2 seconds, so the kernel was restarted. Re-run these cells (marked stale): a, b.']);
  });
});

describe('NotebookSession and messages after a run ended', () => {
  it("shows what a finished run's timer throws later in its cell, keeping its status, until the cell runs again", async () => {
    const { kernel, session, status } = await open();
    session.run('a');
    const first = await kernel.finishNext('ok', [{ type: 'stream', name: 'stdout', text: 'scheduled' }]);
    first.onMessage({ type: 'error', runId: first.runId, ename: 'Error', evalue: 'late', line: 2, column: 26 });
    await flush();
    expect(status('a')).toBe('ok');
    expect(session.codeCell('a')!.outputs).toEqual([
      { kind: 'stream', name: 'stdout', text: 'scheduled' },
      { kind: 'error', ename: 'Error', evalue: 'late', line: 2, column: 26 },
    ]);
    session.run('a');
    await kernel.finishNext('ok', [{ type: 'stream', name: 'stdout', text: 'again' }]);
    first.onMessage({ type: 'error', runId: first.runId, ename: 'Error', evalue: 'later still', line: 2, column: 26 });
    await flush();
    expect(session.codeCell('a')!.outputs).toEqual([{ kind: 'stream', name: 'stdout', text: 'again' }]);
  });
});

describe('NotebookSession and restarts the kernel did by itself', () => {
  it("shows the kernel's own account of the restart, with the cells to re-run", async () => {
    const { kernel, session, status } = await open();
    session.run('b');
    await kernel.finishAll();
    const notices: string[] = [];
    session.on('session-notice', (e) => notices.push(e.message));
    kernel.dispatchEvent(
      new CustomEvent('restarted', { detail: { reason: 'dead', executed: ['a', 'b'], message: 'The kernel stopped answering, so it was restarted.' } }),
    );
    expect(['a', 'b'].map(status)).toEqual(['stale', 'stale']);
    expect(notices).toEqual(['The kernel stopped answering, so it was restarted. Re-run these cells (marked stale): a, b.']);
  });
});

describe('NotebookSession cells', () => {
  it('brings a deleted cell back where it was with undoDelete, stale if it had run', async () => {
    const { kernel, session, status } = await open();
    void session.runAll();
    await kernel.finishAll();
    session.editCell('b', 'const y = x * 3;');
    session.run('b');
    await kernel.finishAll();
    session.deleteCell('b');
    expect(session.codeCells.map((c) => c.id)).toEqual(['a', 'c', 'd']);
    expect(kernel.forgotten).toEqual(['b']);
    expect(status('c')).toBe('stale');
    expect(session.lastDeleted?.id).toBe('b');
    expect(session.undoDelete()).toBe('b');
    expect(session.codeCells.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(session.codeCell('b')!.source).toBe('const y = x * 3;');
    expect(status('b')).toBe('stale');
    expect(session.undoDelete()).toBeNull();
  });

  it('undoes several deletions, last first', async () => {
    const { session } = await open();
    session.deleteCell('b');
    session.deleteCell('c');
    session.undoDelete();
    session.undoDelete();
    expect(session.codeCells.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('says when content changes (what to save), and leaves the previous cell list untouched', async () => {
    const { session } = await open();
    let saves = 0;
    session.on('content-change', () => saves++);
    const before: readonly CellState[] = session.cells;
    const snapshot = JSON.stringify(before);
    const id = session.addCell('a');
    session.editCell(id, '1 + 1');
    session.deleteCell(id);
    expect(saves).toBe(3);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(session.cells).not.toBe(before);
  });

  it('resets a cell to the original and keeps the learner version on keepMine', async () => {
    const notebook = notebookOf(['a', 'b']);
    const saved = { version: 1 as const, notebookId: 'demo', savedAt: 1, edited: { a: { source: 'mine', base: 'old original' } }, added: [], deleted: [] };
    const session = new NotebookSession(notebook, new FakeKernel(), applyEdits(notebook, saved));
    const a = () => session.codeCell('a')!;
    expect(isOriginalChanged(a())).toBe(true);
    session.keepMine('a');
    expect([a().source, isOriginalChanged(a()), isEdited(a())]).toEqual(['mine', false, true]);
    session.resetCell('a');
    expect([a().source, isEdited(a())]).toEqual(['// a', false]);
  });
});

describe('NotebookSession widgets', () => {
  it('stores the value, re-runs the widget cell and its readers that had run, and coalesces inputs during the chain', async () => {
    const { kernel, session } = await open();
    void session.runAll();
    await kernel.finishAll();
    const widget = { key: 'a#1', kind: 'slider' as const, label: 't', value: 0.5, min: 0, max: 1 };
    session.run('a');
    await kernel.finishNext('ok', [{ type: 'display', displayId: 'w', mime: MIME.widget, data: widget }]);
    session.widgetInput('a#1', 0.7);
    session.widgetInput('a#1', 0.8);
    session.widgetInput('a#1', 0.9);
    expect(kernel.widgets.get('a#1')).toBe(0.9);
    expect(session.codeCell('a')!.outputs).toEqual([{ kind: 'display', displayId: 'w', mime: MIME.widget, data: { ...widget, value: 0.9 } }]);
    const order = await kernel.finishAll();
    // One chain for the first input, one more pass for the inputs that came during it.
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('ignores a key that names no cell', async () => {
    const { kernel, session } = await open();
    session.widgetInput('nope#1', 1);
    session.widgetInput('not a key', 1);
    expect(kernel.widgets.size).toBe(0);
  });
});

describe('cell ids that are also names of object members', () => {
  it('opens, runs and shows imported outputs for cells called constructor and toString', async () => {
    const names: Names = { constructor: { declarations: ['k'], references: [] }, toString: { declarations: [], references: ['k'] } };
    const kernel = new FakeKernel(names);
    const notebook = notebookOf(['constructor', 'toString']);
    const outputs = new Map([['toString', [{ kind: 'stream' as const, name: 'stdout' as const, text: 'saved' }]]]);
    const session = new NotebookSession(notebook, kernel, applyEdits(notebook, undefined), outputs);
    await flush();
    expect(session.codeCell('constructor')!.outputs).toEqual([]);
    expect(session.codeCell('toString')!.outputs).toEqual([{ kind: 'stream', name: 'stdout', text: 'saved' }]);
    expect(session.codeCell('hasOwnProperty')).toBeUndefined();
    session.run('toString');
    expect(kernel.pending.map((r) => r.cellId)).toEqual(['constructor', 'toString']);
    await kernel.finishAll();
    expect(session.codeCells.map((c) => c.status)).toEqual(['ok', 'ok']);
    session.widgetInput('constructor#1', 3);
    expect(kernel.widgets.get('constructor#1')).toBe(3);
  });
});
