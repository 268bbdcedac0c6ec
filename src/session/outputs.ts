/**
 * How a run's messages become a cell's outputs: a pure reducer, `applyRunMessage(outputs,
 * message)`, that returns a new array (and new objects for what changed) and never mutates.
 */
import { MIME, type RunMessage, type WidgetData, type WidgetValue } from '../kernel/protocol';
import type { CellOutput, CellStatus } from './cell-state';

/** The display id of a run's result (a run has one result at most). */
export function resultDisplayId(runId: string): string {
  return `${runId}-result`;
}

/**
 * The outputs after one message of a run. `previous` is what the cell showed before this run: a
 * widget displayed again with the same data keeps its old object, so a slider being dragged is
 * not rebuilt under the learner's pointer.
 */
export function applyRunMessage(outputs: readonly CellOutput[], message: RunMessage, previous: readonly CellOutput[] = []): readonly CellOutput[] {
  switch (message.type) {
    case 'stream': {
      const last = outputs.at(-1);
      if (last?.kind === 'stream' && last.name === message.name) return [...outputs.slice(0, -1), { ...last, text: last.text + message.text }];
      return [...outputs, { kind: 'stream', name: message.name, text: message.text }];
    }
    case 'display':
    case 'result': {
      if (message.mime === MIME.widget) {
        const same = previous.find((o) => o.kind === 'display' && o.mime === MIME.widget && sameData(o.data, message.data));
        if (same) return [...outputs, same];
      }
      const displayId = message.type === 'display' ? message.displayId : resultDisplayId(message.runId);
      return [...outputs, { kind: 'display', displayId, mime: message.mime, data: message.data }];
    }
    case 'update-display': {
      const at = outputs.findIndex((o) => o.kind === 'display' && o.displayId === message.displayId);
      const old = outputs[at];
      if (!old || old.kind !== 'display') return outputs;
      // An update may change the type too: display(x).update(rows) turns text into a table.
      const updated: CellOutput = { ...old, mime: message.mime, data: message.data };
      return outputs.map((o, i) => (i === at ? updated : o));
    }
    case 'error':
      return [...outputs, { kind: 'error', ename: message.ename, evalue: message.evalue, line: message.line, column: message.column }];
    case 'status':
    case 'done':
      return outputs;
  }
}

/** The status a message puts a cell in, or null when it leaves the status alone. */
export function statusAfterMessage(message: RunMessage): CellStatus | null {
  return message.type === 'status' && message.state === 'busy' ? 'running' : null;
}

/** The note a cell shows when the learner stopped its run. */
export function stoppedNote(ms: number): CellOutput {
  return { kind: 'note', text: `Stopped after ${(ms / 1000).toFixed(1)} s.` };
}

/** The outputs with the widget `key` showing `value` (what the learner just set). */
export function setWidgetValue(outputs: readonly CellOutput[], key: string, value: WidgetValue): readonly CellOutput[] {
  return outputs.map((o) =>
    o.kind === 'display' && o.mime === MIME.widget && isWidget(o.data) && o.data.key === key ? { ...o, data: { ...o.data, value } } : o,
  );
}

function isWidget(data: unknown): data is WidgetData {
  return typeof data === 'object' && data !== null && typeof (data as { key?: unknown }).key === 'string';
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
