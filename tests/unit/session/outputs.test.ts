import { describe, expect, it } from 'vitest';
import { MIME, type RunMessage } from '../../../src/kernel/protocol';
import type { CellOutput } from '../../../src/session/cell-state';
import { applyRunMessage, resultDisplayId, setWidgetValue } from '../../../src/session/outputs';

/** Deep-freezes outputs, so a reducer that mutates them throws. */
function frozen(outputs: CellOutput[]): readonly CellOutput[] {
  for (const o of outputs) Object.freeze(o);
  return Object.freeze(outputs);
}

const run = 'r1';

describe('applyRunMessage', () => {
  it('joins consecutive stream text of one name into one output, in a new array', () => {
    const before = frozen([{ kind: 'stream', name: 'stdout', text: 'a' }]);
    const after = applyRunMessage(before, { type: 'stream', runId: run, name: 'stdout', text: 'b' });
    expect(after).toEqual([{ kind: 'stream', name: 'stdout', text: 'ab' }]);
    expect(before).toEqual([{ kind: 'stream', name: 'stdout', text: 'a' }]);
  });

  it('starts a new stream output when the name changes', () => {
    const after = applyRunMessage(frozen([{ kind: 'stream', name: 'stdout', text: 'a' }]), { type: 'stream', runId: run, name: 'stderr', text: 'b' });
    expect(after.map((o) => (o.kind === 'stream' ? o.name : o.kind))).toEqual(['stdout', 'stderr']);
  });

  it("adds displays under their id and the result under the run's result id", () => {
    let outputs = applyRunMessage([], { type: 'display', runId: run, displayId: 'd1', mime: MIME.text, data: 'hi' });
    outputs = applyRunMessage(frozen([...outputs]), { type: 'result', runId: run, mime: MIME.text, data: '42' });
    expect(outputs).toEqual([
      { kind: 'display', displayId: 'd1', mime: MIME.text, data: 'hi' },
      { kind: 'display', displayId: resultDisplayId(run), mime: MIME.text, data: '42' },
    ]);
    expect(resultDisplayId(run)).toBe('r1-result');
  });

  it('replaces an updated display with a new object and leaves the others as they were', () => {
    const first: CellOutput = { kind: 'display', displayId: 'a', mime: MIME.progress, data: { value: 1, max: 3 } };
    const second: CellOutput = { kind: 'display', displayId: 'b', mime: MIME.progress, data: { value: 0, max: 3 } };
    const before = frozen([first, second]);
    const after = applyRunMessage(before, { type: 'update-display', runId: run, displayId: 'b', mime: MIME.progress, data: { value: 3, max: 3 } });
    expect(after[0]).toBe(first);
    expect(after[1]).not.toBe(second);
    expect(after[1]).toEqual({ ...second, data: { value: 3, max: 3 } });
  });

  it('returns the same array for an update of a display it does not have, and for status and done', () => {
    const before = frozen([{ kind: 'note', text: 'n' }]);
    const messages: RunMessage[] = [
      { type: 'update-display', runId: run, displayId: 'missing', mime: MIME.text, data: '1' },
      { type: 'status', runId: run, state: 'busy' },
      { type: 'done', runId: run, status: 'ok', declared: [], references: [], ms: 1 },
    ];
    for (const m of messages) expect(applyRunMessage(before, m)).toBe(before);
  });

  it('records an error with its cell-relative position', () => {
    const after = applyRunMessage([], { type: 'error', runId: run, ename: 'ReferenceError', evalue: 'q is not defined', line: 3, column: 1 });
    expect(after).toEqual([{ kind: 'error', ename: 'ReferenceError', evalue: 'q is not defined', line: 3, column: 1 }]);
  });

  it('reuses a widget output of the previous run when it comes back unchanged, so a dragged slider is not rebuilt', () => {
    const widget = { key: 'c#1', kind: 'slider' as const, label: 'x', value: 2 };
    const old: CellOutput = { kind: 'display', displayId: 'old', mime: MIME.widget, data: widget };
    const same = applyRunMessage([], { type: 'display', runId: 'r2', displayId: 'new', mime: MIME.widget, data: { ...widget } }, [old]);
    expect(same[0]).toBe(old);
    const moved = applyRunMessage([], { type: 'display', runId: 'r2', displayId: 'new', mime: MIME.widget, data: { ...widget, value: 3 } }, [old]);
    expect(moved[0]).not.toBe(old);
  });
});

describe('setWidgetValue', () => {
  it('changes the value of the widget with that key only', () => {
    const a: CellOutput = { kind: 'display', displayId: 'a', mime: MIME.widget, data: { key: 'c#1', value: 1 } };
    const b: CellOutput = { kind: 'display', displayId: 'b', mime: MIME.widget, data: { key: 'c#2', value: 1 } };
    const after = setWidgetValue(frozen([a, b]), 'c#2', 5);
    expect(after[0]).toBe(a);
    expect(after[1]).toEqual({ ...b, data: { key: 'c#2', value: 5 } });
  });
});
