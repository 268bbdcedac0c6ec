import { describe, expect, it } from 'vitest';
import { AnalysisQueue } from '../../../src/kernel/analysis-queue';
import type { CellAnalysis } from '../../../src/kernel/protocol';

/** What a fake analysis finds in a cell: it declares the cell's code as a name. */
const found = (id: string, code: string): CellAnalysis => ({ id, declarations: [code], references: [], imports: [] });

/** A queue whose analysis takes `costMs` of a fake clock per cell, and records what happens. */
function makeQueue(costMs: number, sliceMs = 8) {
  let now = 0;
  const log: string[] = [];
  const answers: { requestId: number; cells: CellAnalysis[] }[] = [];
  let yields = 0;
  const queue = new AnalysisQueue({
    analyse: (cells) =>
      cells.map((c) => {
        if (c.code === 'boom') throw new Error('the compiler broke');
        now += costMs;
        log.push(c.id);
        return found(c.id, c.code);
      }),
    answer: (requestId, cells) => {
      log.push(`answer ${requestId}`);
      answers.push({ requestId, cells });
    },
    nextTask: async () => {
      yields++;
      log.push('yield');
      await new Promise((r) => setTimeout(r, 0));
    },
    enter: async () => {
      log.push('enter');
      return () => log.push('leave');
    },
    sliceMs,
    now: () => now,
  });
  return { queue, log, answers, yields: () => yields };
}

const cells = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, code: `x${i}` }));

/** Waits until the queue has answered everything. */
async function drained(queue: AnalysisQueue): Promise<void> {
  while (queue.pending) await new Promise((r) => setTimeout(r, 0));
}

describe('AnalysisQueue', () => {
  it('answers each request whole and in order, with every cell analysed once', async () => {
    const { queue, answers } = makeQueue(1);
    queue.request(1, cells(3, 'a'));
    queue.request(2, cells(2, 'b'));
    await drained(queue);
    expect(answers).toEqual([
      { requestId: 1, cells: [found('a0', 'x0'), found('a1', 'x1'), found('a2', 'x2')] },
      { requestId: 2, cells: [found('b0', 'x0'), found('b1', 'x1')] },
    ]);
  });

  it('lets other tasks run between slices of about sliceMs', async () => {
    // 3 ms a cell, 8 ms slices: 3 cells (9 ms) between two yields.
    const { queue, log } = makeQueue(3, 8);
    queue.request(1, cells(7));
    await drained(queue);
    expect(log).toEqual(['enter', 'c0', 'c1', 'c2', 'yield', 'c3', 'c4', 'c5', 'yield', 'c6', 'answer 1', 'leave']);
  });

  it('counts as foreground work from the first request to the last answer', async () => {
    const { queue, log } = makeQueue(10);
    queue.request(1, cells(2));
    await new Promise((r) => setTimeout(r, 0));
    queue.request(2, cells(1, 'late'));
    await drained(queue);
    expect(log.filter((e) => e === 'enter' || e === 'leave')).toEqual(['enter', 'leave']);
    expect(log.at(-2)).toBe('answer 2');
  });

  it('answers a cell whose analysis throws with its error, and goes on', async () => {
    const { queue, answers } = makeQueue(1);
    queue.request(7, [
      { id: 'a', code: 'boom' },
      { id: 'b', code: 'ok' },
    ]);
    await drained(queue);
    expect(answers).toEqual([
      { requestId: 7, cells: [{ id: 'a', declarations: [], references: [], imports: [], error: { message: 'the compiler broke' } }, found('b', 'ok')] },
    ]);
  });
});
