import { describe, expect, it } from 'vitest';
import { MIME } from '../../../src/kernel/protocol';
import { newCodeCell, type CodeCellState } from '../../../src/session/cell-state';
import { applyToCell, finishCell, NOT_STARTED, queueCell } from '../../../src/session/run-state';

const old = { kind: 'stream', name: 'stdout', text: 'old' } as const;
const cell: CodeCellState = { ...newCodeCell('a', '1', '1', '1'), status: 'ok', outputs: [old] };
const ok = { status: 'ok' as const, declared: ['x'], references: [], ms: 12 };

describe('a run through the cell state', () => {
  it('keeps the old outputs while the run has said nothing yet, then replaces them', () => {
    const queued = queueCell(cell);
    const busy = applyToCell(queued, NOT_STARTED, { type: 'status', runId: 'r', state: 'busy' });
    expect(busy.cell.status).toBe('running');
    expect(busy.cell.outputs).toEqual([old]);
    const first = applyToCell(busy.cell, busy.progress, { type: 'stream', runId: 'r', name: 'stdout', text: 'new' });
    expect(first.cell.outputs).toEqual([{ kind: 'stream', name: 'stdout', text: 'new' }]);
    expect(first.progress.previous).toEqual([old]);
    expect(finishCell(first.cell, first.progress, ok)).toMatchObject({ status: 'ok', declared: ['x'], ms: 12, outputs: [{ text: 'new' }] });
  });

  it('leaves no outputs after a run that produced none', () => {
    const busy = applyToCell(queueCell(cell), NOT_STARTED, { type: 'status', runId: 'r', state: 'busy' });
    expect(finishCell(busy.cell, busy.progress, ok).outputs).toEqual([]);
  });

  it("keeps a widget's output object when the re-run shows it unchanged", () => {
    const widget = { kind: 'display', displayId: 'w', mime: MIME.widget, data: { key: 'a#1', kind: 'slider', label: 'a', value: 1 } } as const;
    const start = { ...cell, outputs: [widget] };
    const busy = applyToCell(start, NOT_STARTED, { type: 'status', runId: 'r', state: 'busy' });
    const shown = applyToCell(busy.cell, busy.progress, {
      type: 'display',
      runId: 'r',
      displayId: 'r-d1',
      mime: MIME.widget,
      data: { key: 'a#1', kind: 'slider', label: 'a', value: 1 },
    });
    expect(shown.cell.outputs[0]).toBe(widget);
  });

  it('notes a stopped run, and sends a queued cell that never started back to stale', () => {
    const aborted = { status: 'aborted' as const, declared: [], references: [], ms: 2500 };
    const busy = applyToCell(queueCell(cell), NOT_STARTED, { type: 'status', runId: 'r', state: 'busy' });
    expect(finishCell(busy.cell, busy.progress, aborted)).toMatchObject({ status: 'idle', outputs: [{ kind: 'note', text: 'Stopped after 2.5 s.' }] });
    expect(finishCell(queueCell(cell), NOT_STARTED, aborted)).toMatchObject({ status: 'stale', outputs: [old] });
    expect(finishCell(queueCell({ ...cell, outputs: [] }), NOT_STARTED, aborted).status).toBe('idle');
  });
});
