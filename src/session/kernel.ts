/**
 * The part of the kernel a session uses. `KernelClient` has it; unit tests pass a fake that
 * answers like the worker would.
 */
import type { RestartReason, RunHandle } from '../kernel/client';
import type { CellAnalysis, RunMessage, WidgetValue } from '../kernel/protocol';

/** What a session asks of the kernel. Run messages must arrive after `execute` returns (as a worker's do). */
export interface SessionKernel {
  execute(cellId: string, code: string, onMessage: (message: RunMessage) => void): RunHandle;
  interrupt(): void;
  restart(reason?: RestartReason): Promise<unknown>;
  analyse(cells: { id: string; code: string }[]): Promise<CellAnalysis[]>;
  setWidget(key: string, value: WidgetValue): void;
  forget(cellIds: string[]): void;
  /** `restarted` events carry `detail: {reason, executed}` (the cells whose values were lost). */
  addEventListener(type: 'restarted', listener: (event: Event) => void): void;
  removeEventListener(type: 'restarted', listener: (event: Event) => void): void;
}

/** What a `restarted` event says. */
export interface RestartDetail {
  reason: string;
  executed: string[];
  /** The kernel's own account of a restart it did by itself (it stopped answering, it freed memory). */
  message?: string;
}

/** Reads a `restarted` event's detail, tolerating an event without one. */
export function restartDetail(event: Event): RestartDetail {
  const detail: unknown = 'detail' in event ? event.detail : undefined;
  const d = (typeof detail === 'object' && detail !== null ? detail : {}) as Partial<RestartDetail>;
  return {
    reason: typeof d.reason === 'string' ? d.reason : 'restart',
    executed: Array.isArray(d.executed) ? d.executed.filter((x): x is string => typeof x === 'string') : [],
    ...(typeof d.message === 'string' ? { message: d.message } : {}),
  };
}
