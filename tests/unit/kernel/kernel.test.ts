import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Kernel, type KernelOptions } from '../../../src/kernel/kernel';
import { MIME, type DoneMessage, type RunMessage, type WorkerMessage } from '../../../src/kernel/protocol';
import { expectNoTensorLeaks } from '../helpers/tensors';

expectNoTensorLeaks();

/** A kernel whose messages are collected, and a helper that runs a cell and returns its messages. */
function makeKernel(options: Partial<KernelOptions> = {}) {
  const messages: WorkerMessage[] = [];
  const kernel = new Kernel({ post: (m) => messages.push(m), ...options });
  let next = 0;
  const of = (runId: string) => messages.filter((m): m is RunMessage => 'runId' in m && m.runId === runId);
  const run = async (cellId: string, code: string) => {
    const runId = `r${++next}`;
    const done = await kernel.run(runId, cellId, code);
    return { runId, done, messages: of(runId) };
  };
  return { kernel, messages, run, of };
}

/** The text of a run's result, when it showed one. */
function resultText(messages: RunMessage[]): string | undefined {
  const result = messages.find((m) => m.type === 'result');
  return result?.type === 'result' && result.mime === MIME.text ? result.data : undefined;
}

function errorOf(messages: RunMessage[]) {
  const error = messages.find((m) => m.type === 'error');
  return error?.type === 'error' ? { ename: error.ename, evalue: error.evalue, line: error.line, column: error.column } : undefined;
}

/** Frees what a cell that cannot free itself (it failed) left: the tensors made while `fn` ran. */
async function withinScope<T>(fn: () => Promise<T>): Promise<T> {
  tf.engine().startScope();
  try {
    return await fn();
  } finally {
    tf.engine().endScope();
  }
}

describe('Kernel: cells share a scope', () => {
  it('lets a later cell read an earlier cell’s names and shows the last expression', async () => {
    const { run } = makeKernel();
    expect((await run('a', 'const rate = 0.5;')).done).toMatchObject({ status: 'ok', declared: ['rate'] });
    const second = await run('b', 'const doubled = rate * 4;\ndoubled + 1');
    expect(second.done).toMatchObject({ status: 'ok', declared: ['doubled'], references: ['rate'] });
    expect(resultText(second.messages)).toBe('3');
  });

  it('re-runs a cell without "already declared" and uses its new value downstream', async () => {
    const { run } = makeKernel();
    await run('a', 'let n = 1;');
    expect((await run('a', 'let n = 2;')).done.status).toBe('ok');
    expect(resultText((await run('b', 'n * 10')).messages)).toBe('20');
  });

  it('runs top-level await and shows nothing for a cell ending in a declaration', async () => {
    const { run } = makeKernel();
    const awaited = await run('a', 'const v = await new Promise((r) => setTimeout(() => r(7), 5));\nv * 6');
    expect(resultText(awaited.messages)).toBe('42');
    expect((await run('b', 'const w = 1;')).messages.some((m) => m.type === 'result')).toBe(false);
  });

  it('imports tfjs and the toolkit through the one module loader, and refuses other modules', async () => {
    const { run } = makeKernel();
    const ok = await run(
      'a',
      'import * as tfx from "@tensorflow/tfjs";\nimport { rmse } from "fieldbook/ml";\n[tfx.tidy(() => tfx.tensor([1, 2, 3]).sum().arraySync()), rmse([0, 0], [3, 4])]',
    );
    expect(resultText(ok.messages)).toBe('[6, 3.53553]');
    const refused = errorOf((await run('b', 'const x = 1;\nimport _ from "lodash";')).messages);
    expect(refused).toMatchObject({ ename: 'UnknownModuleError', line: 2 });
    expect(refused?.evalue).toContain('"@tensorflow/tfjs", "fieldbook/ml"');
  });

  it('routes console output to the run that calls it, also through another cell’s function', async () => {
    const { run } = makeKernel();
    const first = await run('helpers', 'function shout(s: string) { console.log(s.toUpperCase()); }\nconsole.warn("defined");');
    expect(first.messages.filter((m) => m.type === 'stream').map((m) => m.type === 'stream' && [m.name, m.text])).toEqual([['stderr', 'defined\n']]);
    const second = await run('use', 'shout("hi");');
    expect(second.messages.filter((m) => m.type === 'stream').map((m) => m.type === 'stream' && m.text)).toEqual(['HI\n']);
  });
});

describe('Kernel: errors name the cell line and column', () => {
  it('reports a runtime error at the cell line that threw', async () => {
    const { run } = makeKernel();
    const failed = await run('a', 'const ok = 1;\n\nconst missing: any = null;\nmissing.property;');
    expect(failed.done.status).toBe('error');
    expect(errorOf(failed.messages)).toMatchObject({ ename: 'TypeError', line: 4, column: 9 });
  });

  it('reports a syntax error with its position', async () => {
    const { run } = makeKernel();
    expect(errorOf((await run('a', 'const fine = 1;\nconst broken = ;')).messages)).toEqual({
      ename: 'SyntaxError',
      evalue: 'Unexpected token (2:16)',
      line: 2,
      column: 16,
    });
  });

  it('refuses a name another cell declares, naming that cell and pointing at the declaration', async () => {
    const { run } = makeKernel();
    await run('make-data', 'const rng = 1;');
    const clash = await run('mine', 'const other = 2;\nconst { rng } = { rng: 5 };');
    expect(clash.done).toMatchObject({ status: 'error', declared: [] });
    expect(errorOf(clash.messages)).toMatchObject({ ename: 'DuplicateDeclaration', line: 2, column: 9 });
    expect(errorOf(clash.messages)?.evalue).toMatch(/^`rng` is already declared in cell make-data\./);
  });

  it('refuses a cell that closes a cycle of names', async () => {
    const { run } = makeKernel();
    await run('a', 'const x = typeof y === "undefined" ? 1 : y;');
    const cycle = errorOf((await run('b', 'const y = x + 1;')).messages);
    expect(cycle?.ename).toBe('DependencyCycle');
    expect(cycle?.evalue).toContain('a reads `y` from b; b reads `x` from a');
  });

  it('says which cell declares a name that is missing because that cell failed', async () => {
    const { run } = makeKernel();
    await run('setup', 'const data = [1];\nthrow new Error("not yet");');
    expect(errorOf((await run('use', 'data.length')).messages)?.evalue).toBe(
      'data is not defined. It is declared in cell setup, which has not run successfully: run that cell first.',
    );
  });

  it('gives a thrown plain object its message and a line', async () => {
    const { run } = makeKernel();
    expect(errorOf((await run('a', 'const n = 1;\nthrow { message: "x" };')).messages)).toEqual({ ename: 'Error', evalue: 'x', line: 2, column: 7 });
    expect(
      errorOf(
        (await run('b', 'function check(n: number) {\n  if (n > 0) throw { name: "RangeProblem", message: "too big", code: 3 };\n}\ncheck(1);')).messages,
      ),
    ).toEqual({
      ename: 'RangeProblem',
      evalue: 'too big',
      line: 2,
      column: 20,
    });
  });

  it('gives other thrown values a readable message and a line', async () => {
    const { run } = makeKernel();
    expect(errorOf((await run('a', '\nthrow 42;')).messages)).toEqual({ ename: 'Error', evalue: 'Uncaught 42', line: 2, column: 7 });
    expect(errorOf((await run('b', 'throw { code: 7 };')).messages)).toEqual({ ename: 'Error', evalue: 'Uncaught { code: 7 }', line: 1, column: 7 });
    expect(errorOf((await run('c', 'throw "plain";')).messages)).toEqual({ ename: 'Error', evalue: 'Uncaught "plain"', line: 1, column: 7 });
  });

  it('keeps what a cell catches to itself: a caught plain object is still the object', async () => {
    const { run } = makeKernel();
    expect(resultText((await run('a', 'let got: unknown;\ntry { throw { code: 7 }; } catch (e) { got = (e as { code: number }).code; }\ngot')).messages)).toBe(
      '7',
    );
  });
});

describe('Kernel: errors a cell’s timers throw later', () => {
  it('shows a timer’s error in the cell that scheduled it, with its line, after that cell is done', async () => {
    const { run, of } = makeKernel();
    const scheduled = await run('timer', 'const started = 1;\nsetTimeout(() => { throw new Error("late"); }, 20);');
    expect(scheduled.done.status).toBe('ok');
    await run('other', 'const unrelated = 2;');
    await new Promise((r) => setTimeout(r, 60));
    expect(errorOf(of(scheduled.runId))).toEqual({ ename: 'Error', evalue: 'late', line: 2, column: 26 });
  });

  it('shows a timer’s console output and an async callback’s rejection in its own cell', async () => {
    const { run, of } = makeKernel();
    const scheduled = await run('timer', 'setTimeout(async () => {\n  console.log("tick");\n  await null;\n  throw new RangeError("after await");\n}, 10);');
    const other = await run('other', 'const unrelated = 2;');
    await new Promise((r) => setTimeout(r, 50));
    const mine = of(scheduled.runId);
    expect(mine.filter((m) => m.type === 'stream').map((m) => m.type === 'stream' && m.text)).toEqual(['tick\n']);
    expect(errorOf(mine)).toMatchObject({ ename: 'RangeError', evalue: 'after await', line: 4 });
    expect(of(other.runId).map((m) => m.type)).toEqual(['status', 'done']);
  });

  it('routes an error no timer of its own wrapped to the last run', async () => {
    const { kernel, run, of } = makeKernel();
    const last = await run('a', 'const a = 1;');
    kernel.reportUncaught(new TypeError('from elsewhere'));
    expect(errorOf(of(last.runId))).toEqual({ ename: 'TypeError', evalue: 'from elsewhere' });
  });
});

describe('Kernel: freeing a re-run cell’s tensors', () => {
  const trainCell = [
    'const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: "relu" }), tf.layers.dense({ units: 1 })] });',
    'model.compile({ optimizer: tf.train.adam(0.05), loss: "meanSquaredError" });',
    'const [x, y] = tf.tidy(() => [tf.randomNormal([16, 2], 0, 1, "float32", 1), tf.randomNormal([16, 1], 0, 1, "float32", 2)]);',
    'await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });',
    'const results = [{ l2: 0.1, model: tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] }) }];',
    'const cache = new Map([["mean", tf.mean(x)]]);',
  ].join('\n');

  it('returns tf.memory().numTensors to its level after each re-run, and to the start when forgotten', async () => {
    const { kernel, run } = makeKernel();
    const start = tf.memory().numTensors;
    expect((await run('train', trainCell)).done.status).toBe('ok');
    const afterFirst = tf.memory().numTensors;
    expect(afterFirst).toBeGreaterThan(start);
    await run('train', trainCell);
    expect(tf.memory().numTensors).toBe(afterFirst);
    await run('train', trainCell);
    expect(tf.memory().numTensors).toBe(afterFirst);
    kernel.forget(['train']);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('keeps a value another cell still holds', async () => {
    const { kernel, run } = makeKernel();
    await run('make', 'const t = tf.ones([3]);');
    await run('keep', 'const kept = { inner: [t] };');
    await run('make', 'const t = tf.zeros([3]);');
    expect(resultText((await run('read', 'kept.inner[0].isDisposed')).messages)).toBe('false');
    kernel.forget(['make', 'keep']);
  });
});

describe('Kernel: widgets', () => {
  it('returns a widget’s value, keeps the learner’s value across re-runs, and forgets it with its cell', async () => {
    const { kernel, run } = makeKernel();
    const first = await run('w', 'const t = display.slider({ label: "threshold", min: 0, max: 1, value: 0.5 });\nt');
    const widget = first.messages.find((m) => m.type === 'display');
    expect(widget?.type === 'display' && widget.mime === MIME.widget ? widget.data : null).toMatchObject({ key: 'w#1', kind: 'slider', value: 0.5 });
    expect(resultText(first.messages)).toBe('0.5');
    kernel.setWidget('w#1', 0.8);
    expect(resultText((await run('w', 'const t = display.slider({ label: "threshold", min: 0, max: 1, value: 0.5 });\nt')).messages)).toBe('0.8');
    kernel.forget(['w']);
    expect(resultText((await run('w', 'const t = display.slider({ label: "threshold", min: 0, max: 1, value: 0.5 });\nt')).messages)).toBe('0.5');
  });
});

describe('Kernel: interrupt', () => {
  it('stops model.fit at the next batch and ends the run aborted, keeping the kernel usable', async () => {
    const { kernel, run } = makeKernel();
    const code = [
      'const slow = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });',
      'slow.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
      'const xs = tf.ones([64, 1]);',
      'let epochs = 0;',
      'try {',
      '  await slow.fit(xs, xs, { epochs: 100000, batchSize: 8, verbose: 0, callbacks: { onEpochEnd: async () => { epochs++; } } });',
      '} finally {',
      '  xs.dispose();',
      '  slow.dispose();',
      '}',
    ].join('\n');
    setTimeout(() => kernel.interrupt('r1'), 150);
    const stopped = await run('loop', code);
    expect(stopped.done.status).toBe('aborted');
    expect(stopped.messages.some((m) => m.type === 'error')).toBe(false);
    expect(resultText((await run('after', '1 + 1')).messages)).toBe('2');
  });

  it('ignores an interrupt for a run that is not the current one', async () => {
    const { kernel, run } = makeKernel();
    kernel.interrupt('r1');
    expect((await run('a', 'await new Promise((r) => setTimeout(r, 5));\n1')).done.status).toBe('ok');
  });
});

describe('Kernel: cell ids and names that are also Object.prototype’s', () => {
  it('runs, re-runs, analyses and forgets cells called constructor, toString and __proto__', async () => {
    const { kernel, run } = makeKernel();
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect((await run(id, `const from${id.replace(/_/g, '')} = "${id}";`)).done.status).toBe('ok');
      expect((await run(id, `const from${id.replace(/_/g, '')} = "${id}";`)).done.status).toBe('ok');
    }
    expect(resultText((await run('valueOf', 'const constructor = 1, toString = 2;\n[fromconstructor, fromproto, constructor + toString]')).messages)).toBe(
      '["constructor", "__proto__", 3]',
    );
    expect(kernel.analyse([{ id: 'constructor', code: 'const a = fromtoString;' }])).toEqual([
      { id: 'constructor', declarations: ['a'], references: ['fromtoString'], imports: [] },
    ]);
    kernel.setWidget('constructor#1', 3);
    expect(resultText((await run('constructor', 'display.slider({ label: "n", min: 0, max: 5 })')).messages)).toBe('3');
    kernel.forget(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']);
    expect(errorOf((await run('check', 'fromconstructor')).messages)?.ename).toBe('ReferenceError');
  });
});

describe('Kernel: the memory guard', () => {
  it('stops a loop that piles up tensors, with a clear error, and asks for a restart', async () => {
    const { run } = makeKernel({ limits: { tensorBytes: 4 * 1024 * 1024, heapBytes: Infinity, dataBytes: Infinity } });
    const hog = await withinScope(() => run('hog', 'const kept = [];\nfor (;;) kept.push(tf.ones([256, 256]));'));
    expect(hog.done).toMatchObject({ status: 'error', restart: 'memory' });
    const error = errorOf(hog.messages);
    expect(error).toMatchObject({ ename: 'MemoryLimitError', line: 2, column: 1 });
    expect(error?.evalue).toMatch(/^This cell was stopped: tensors take \d+ MB, over the kernel's limit of 4 MB\./);
  });

  it('stops a loop that grows a plain array past the data limit, even when the cell catches errors', async () => {
    let clock = 0;
    const { run } = makeKernel({
      limits: { tensorBytes: Infinity, heapBytes: Infinity, dataBytes: 8 * 1024 * 1024 },
      memory: { heapBytes: () => null, now: () => (clock += 30) },
    });
    const hog = await run('hog', 'const hog = [];\nfor (;;) { try { hog.push(new Array(1e5).fill(1)); } catch {} }');
    expect(hog.done.status).toBe('error');
    expect(hog.done.restart).toBeUndefined();
    expect(errorOf(hog.messages)).toMatchObject({ ename: 'MemoryLimitError', line: 2, column: 1 });
    expect(errorOf(hog.messages)?.evalue).toContain('the arrays and objects it builds hold about');
    expect((await run('after', 'const fine = [1, 2, 3];\nfine.length')).done.status).toBe('ok');
  });

  it('reads the heap where the runtime lets it, and stops training between batches', async () => {
    let heap = 10;
    const { run } = makeKernel({ limits: { tensorBytes: Infinity, heapBytes: 100, dataBytes: Infinity }, memory: { heapBytes: () => heap } });
    setTimeout(() => (heap = 1000), 100);
    const code = [
      'const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });',
      'm.compile({ optimizer: "sgd", loss: "meanSquaredError" });',
      'const xs = tf.ones([64, 1]);',
      'try {',
      '  await m.fit(xs, xs, { epochs: 100000, batchSize: 8, verbose: 0 });',
      '} finally {',
      '  xs.dispose();',
      '  m.dispose();',
      '}',
    ].join('\n');
    const stopped = await run('fit', code);
    expect(stopped.done.status).toBe('error');
    expect(errorOf(stopped.messages)).toMatchObject({ ename: 'MemoryLimitError', line: 5 });
  });
});

describe('Kernel: messages', () => {
  it('posts status busy first and done last, with what the cell declared and read', async () => {
    const { run } = makeKernel();
    const { messages, done } = await run('a', 'const total = [1, 2].reduce((s, v) => s + v, 0);\nconsole.log(total);');
    expect(messages.map((m) => m.type)).toEqual(['status', 'stream', 'done']);
    expect(done).toEqual<DoneMessage>({ type: 'done', runId: 'r1', status: 'ok', declared: ['total'], references: ['console'], ms: done.ms });
  });
});
