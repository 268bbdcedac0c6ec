import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDisplayApi, isDisplayHandle } from '../../../src/kernel/display';
import { formatValue, inspect, tableFromRecords } from '../../../src/kernel/format';
import { MIME, type TrainingData, type WorkerMessage } from '../../../src/kernel/protocol';
import { createMlp, train } from '../../../src/ml/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => vi.useRealTimers());

function sink() {
  const messages: WorkerMessage[] = [];
  const controller = new AbortController();
  const api = createDisplayApi({ runId: 'r1', post: (m) => messages.push(m), signal: controller.signal });
  return { messages, controller, ...api };
}

describe('formatValue', () => {
  it('keeps chart specs as charts', () => {
    const spec = { type: 'chart', kind: 'line', series: [{ label: 'a', y: [1, 2] }] };
    expect(formatValue(spec)).toEqual({ mime: MIME.chart, data: spec });
  });

  it('turns an array of records into a table, rounding numbers and marking missing values', () => {
    const f = formatValue([
      { a: 1, b: 'x' },
      { a: 2.123456789, c: null },
    ]);
    expect(f.mime).toBe(MIME.table);
    expect(f.data).toEqual({
      columns: ['a', 'b', 'c'],
      rows: [
        [1, 'x', null],
        [2.12346, null, null],
      ],
      totalRows: 2,
      caption: undefined,
    });
  });

  it('caps table rows but reports the full count', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ i }));
    expect(tableFromRecords(rows, 10)).toMatchObject({ totalRows: 50, rows: Array.from({ length: 10 }, (_, i) => [i]) });
  });

  it('prints tensors as text without sending the tensor', () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const f = formatValue(t);
    t.dispose();
    expect(f.mime).toBe(MIME.text);
    expect(f.data).toContain('Tensor float32 shape [2, 2]');
    expect(f.data).toContain('[[1, 2],');
  });

  it('summarises a layers model', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] });
    const text = formatValue(model).data as string;
    model.dispose();
    expect(text).toContain('dense');
    expect(text).toContain('Total params: 15');
  });

  it('inspects nested values readably and survives cycles', () => {
    const a: Record<string, unknown> = { n: 1.5, s: 'hi', list: [1, 2, 3], map: new Map([['k', 2]]) };
    a.self = a;
    expect(inspect(a)).toBe('{ n: 1.5, s: "hi", list: [1, 2, 3], map: Map(1) {"k" => 2}, self: [Circular] }');
    expect(inspect('plain')).toBe('plain');
    expect(inspect(new Float32Array([1, 2]))).toBe('Float32Array(2) [1, 2]');
  });
});

describe('the display API', () => {
  it('posts a display message per call, with unique ids tied to the run', () => {
    const { display, messages } = sink();
    display('hello');
    display.table([{ a: 1 }], { limit: 5 });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ type: 'display', runId: 'r1', mime: MIME.text, data: 'hello' });
    expect(messages[1]).toMatchObject({ type: 'display', mime: MIME.table, data: { limit: 5, totalRows: 1 } });
    const ids = messages.map((m) => (m.type === 'display' ? m.displayId : ''));
    expect(new Set(ids).size).toBe(2);
  });

  it('returns handles the kernel knows not to display again', () => {
    const { display } = sink();
    expect(isDisplayHandle(display('x'))).toBe(true);
    expect(isDisplayHandle({ displayId: 'x', update() {} })).toBe(false);
  });

  it('throttles updates to one per 100 ms and flushes the last one', () => {
    vi.useFakeTimers();
    const { display, messages, flushAll } = sink();
    const progress = display.progress({ max: 100, label: 'work' });
    for (let i = 1; i <= 100; i++) {
      progress.update(i);
      vi.advanceTimersByTime(2);
    }
    const updates = () => messages.filter((m) => m.type === 'update-display');
    expect(updates().length).toBeLessThanOrEqual(3);
    flushAll();
    const last = updates().at(-1);
    expect(last && last.type === 'update-display' && (last.data as { value: number }).value).toBe(100);
  });
});

describe('the training view', () => {
  it('records history from model.fit, drives progress, and finishes as done', async () => {
    const { display, messages, flushAll } = sink();
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.tensor2d([[0], [1], [2], [3]]);
    const y = tf.tensor2d([[1], [3], [5], [7]]);
    const view = display.training({ epochs: 3 });
    await model.fit(x, y, { epochs: 3, batchSize: 2, validationData: [x, y], callbacks: view.callbacks, verbose: 0 });
    flushAll();
    tf.dispose([x, y]);
    model.dispose();
    const last = messages.filter((m) => m.type === 'update-display').at(-1);
    const data = (last && last.type === 'update-display' ? last.data : null) as TrainingData;
    expect(data.state).toBe('done');
    expect(data.epoch).toBe(3);
    expect(data.batchesPerEpoch).toBe(2);
    expect(data.history.loss).toHaveLength(3);
    expect(data.history.val_loss).toHaveLength(3);
    expect(view.history.loss).toEqual(data.history.loss);
  });

  it('stops model.fit at the next batch once the run is aborted', async () => {
    const { display, controller } = sink();
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.tensor2d([[0], [1], [2], [3]]);
    const view = display.training({ epochs: 50 });
    const stopper = new tf.CustomCallback({ onEpochEnd: async (epoch) => (epoch === 1 ? controller.abort() : undefined) });
    const history = await model.fit(x, x, { epochs: 50, batchSize: 2, callbacks: [view.callbacks, stopper], verbose: 0 });
    tf.dispose(x);
    model.dispose();
    expect(history.epoch.length).toBe(3);
  });

  it('works with a custom loop through onEpoch and onBatch', () => {
    vi.useFakeTimers();
    const { display, messages, flushAll } = sink();
    const view = display.training({ epochs: 2, batchesPerEpoch: 4 });
    for (let e = 0; e < 2; e++) {
      for (let b = 0; b < 4; b++) view.onBatch(b, { loss: 1 });
      view.onEpoch(e, { loss: 1 / (e + 1), val_loss: 1.2 / (e + 1) });
    }
    view.finish();
    flushAll();
    const last = messages.at(-1);
    const data = (last && last.type === 'update-display' ? last.data : null) as TrainingData;
    expect(data).toMatchObject({ epoch: 2, state: 'done', history: { loss: [1, 0.5], val_loss: [1.2, 0.6] } });
  });

  it('spreads into train(): planned batches, epochs, the end of the run, and nothing else', async () => {
    const { display, messages, flushAll } = sink();
    const view = display.training({ epochs: 1 });
    expect(Object.keys(view).sort()).toEqual(['onBatch', 'onEpoch', 'onTrainBegin', 'onTrainEnd', 'signal']);
    const mlp = createMlp({ inputDim: 1, hidden: [2], seed: 3 });
    const x = [[0], [1], [2], [3], [4], [5]];
    const y = [0, 0, 0, 1, 1, 1];
    await train(mlp, { x, y }, { epochs: 2, batchSize: 4, ...view });
    mlp.dispose();
    flushAll();
    const last = messages.filter((m) => m.type === 'update-display').at(-1);
    const data = (last && last.type === 'update-display' ? last.data : null) as TrainingData;
    expect(data).toMatchObject({ epochs: 2, epoch: 2, batchesPerEpoch: 2, state: 'done' });
    expect(data.history.loss).toHaveLength(2);
  });

  it('shows a run stopped from its signal as stopped', async () => {
    const { display, messages, flushAll, controller } = sink();
    const view = display.training({ epochs: 5 });
    const mlp = createMlp({ inputDim: 1, hidden: [2], seed: 3 });
    const result = await train(
      mlp,
      { x: [[0], [1], [2], [3]], y: [0, 0, 1, 1] },
      {
        epochs: 5,
        batchSize: 2,
        ...view,
        onEpoch: (epoch, logs) => {
          view.onEpoch(epoch, logs);
          if (epoch === 1) controller.abort();
        },
      },
    );
    mlp.dispose();
    flushAll();
    expect(result.aborted).toBe(true);
    const last = messages.filter((m) => m.type === 'update-display').at(-1);
    expect((last && last.type === 'update-display' ? last.data : null) as TrainingData).toMatchObject({ state: 'stopped', epoch: 2 });
  });

  it('draws only the metrics asked for, each with its validation twin', () => {
    const { display, messages, flushAll } = sink();
    const view = display.training({ epochs: 1, metrics: ['loss'] });
    view.onEpoch(0, { loss: 0.5, val_loss: 0.6, acc: 0.99, val_acc: 0.98 });
    view.finish();
    flushAll();
    const last = messages.at(-1);
    const data = (last && last.type === 'update-display' ? last.data : null) as TrainingData;
    expect(data.history).toEqual({ loss: [0.5], val_loss: [0.6] });
    // The page draws one chart per metric asked for, so it needs the list, not just the history.
    expect(data.metrics).toEqual(['loss']);
  });
});
