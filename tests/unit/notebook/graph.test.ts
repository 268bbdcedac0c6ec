import { describe, expect, it } from 'vitest';
import { compileCell } from '../../../src/notebook/compile';
import { CellGraphError } from '../../../src/notebook/errors';
import {
  dependencies,
  downstreamOf,
  executionOrder,
  findCycle,
  findDuplicateDeclarations,
  findGraphProblems,
  type GraphCell,
} from '../../../src/notebook/graph';

/** Builds graph cells from real cell sources, as the kernel would. */
function cellsOf(sources: Record<string, string>): GraphCell[] {
  return Object.entries(sources).map(([id, source]) => ({ ...compileCell(source), id }));
}

function cell(id: string, declarations: string[], references: string[]): GraphCell {
  return { id, declarations, references };
}

/** load -> clean -> (train, plot); train -> report. */
const pipeline = cellsOf({
  load: 'const raw = [3, 1, 2];',
  clean: 'const data = raw.filter((v) => v > 1);',
  train: 'const model = { w: data.length };',
  plot: 'data.map((v) => v * 2);',
  report: 'console.log(model.w, Math.PI);',
});

describe('findDuplicateDeclarations', () => {
  it('finds a name declared by two cells', () => {
    const cells = [cell('a', ['x', 'y'], []), cell('b', ['y'], []), cell('c', ['x'], [])];
    expect(findDuplicateDeclarations(cells)).toEqual([
      { name: 'x', cellIds: ['a', 'c'] },
      { name: 'y', cellIds: ['a', 'b'] },
    ]);
  });

  it('allows two cells to import the same binding', () => {
    const cells = cellsOf({
      a: 'import * as tf from "@tensorflow/tfjs";',
      b: 'import * as tf from "@tensorflow/tfjs";',
    });
    expect(findDuplicateDeclarations(cells)).toEqual([]);
  });

  it('flags the same local name imported from different modules', () => {
    const cells = cellsOf({ a: 'import { fit } from "m1";', b: 'import { fit } from "m2";' });
    expect(findDuplicateDeclarations(cells)).toEqual([{ name: 'fit', cellIds: ['a', 'b'] }]);
  });

  it('flags an import and a const of the same name', () => {
    const cells = cellsOf({ a: 'import * as tf from "@tensorflow/tfjs";', b: 'const tf = 1;' });
    expect(findDuplicateDeclarations(cells)).toEqual([{ name: 'tf', cellIds: ['a', 'b'] }]);
  });
});

describe('dependencies', () => {
  it('links each cell to the cells declaring the names it reads', () => {
    const deps = dependencies(pipeline);
    expect(Object.fromEntries([...deps].map(([id, set]) => [id, [...set].sort()]))).toEqual({
      load: [],
      clean: ['load'],
      train: ['clean'],
      plot: ['clean'],
      report: ['train'],
    });
  });

  it('never makes a cell depend on itself', () => {
    expect(dependencies([cell('a', ['x'], ['x'])]).get('a')).toEqual(new Set());
  });

  it('takes a shared import from the nearest cell above the reader', () => {
    const cells = cellsOf({
      a: 'import * as tf from "@tensorflow/tfjs";',
      b: 'tf.scalar(1);',
      c: 'import * as tf from "@tensorflow/tfjs";',
      d: 'tf.scalar(2);',
    });
    const deps = dependencies(cells);
    expect([deps.get('b'), deps.get('d')]).toEqual([new Set(['a']), new Set(['c'])]);
  });
});

describe('findCycle', () => {
  it('returns null for an acyclic notebook', () => {
    expect(findCycle(pipeline)).toBeNull();
  });

  it('returns the cells of a cycle, each depending on the next', () => {
    const cells = [cell('a', ['x'], ['z']), cell('b', ['y'], ['x']), cell('c', ['z'], ['y']), cell('d', [], ['x'])];
    expect(findCycle(cells)).toEqual(['a', 'c', 'b']);
  });
});

describe('downstreamOf', () => {
  it('lists every cell that reads the cell’s names, directly or not, in dependency order', () => {
    expect(downstreamOf(pipeline, 'clean')).toEqual(['train', 'plot', 'report']);
  });

  it('is empty for a cell nobody reads', () => {
    expect(downstreamOf(pipeline, 'report')).toEqual([]);
  });

  it('orders by dependency even when a reader sits above its source', () => {
    const cells = [cell('late-reader', [], ['b']), cell('a', ['a'], []), cell('b', ['b'], ['a'])];
    expect(downstreamOf(cells, 'a')).toEqual(['b', 'late-reader']);
  });

  it('still lists cells caught in a cycle', () => {
    const cells = [cell('root', ['r'], []), cell('x', ['x'], ['r', 'y']), cell('y', ['y'], ['x'])];
    expect(downstreamOf(cells, 'root')).toEqual(['x', 'y']);
  });
});

describe('executionOrder', () => {
  it('runs a target after everything it depends on', () => {
    expect(executionOrder(pipeline, ['report'])).toEqual(['load', 'clean', 'train', 'report']);
  });

  it('leaves out cells the targets do not need', () => {
    expect(executionOrder(pipeline, ['plot'])).toEqual(['load', 'clean', 'plot']);
  });

  it('merges several targets into one order', () => {
    expect(executionOrder(pipeline, ['report', 'plot'])).toEqual(['load', 'clean', 'train', 'plot', 'report']);
  });

  it('throws a cycle error naming the cells', () => {
    const cells = [cell('a', ['x'], ['y']), cell('b', ['y'], ['x'])];
    expect(() => executionOrder(cells, ['a'])).toThrow(CellGraphError);
    expect(() => executionOrder(cells, ['a'])).toThrow(/a → b → a/);
  });

  it('throws for an unknown cell id', () => {
    expect(() => executionOrder(pipeline, ['nope'])).toThrow(/No cell with id nope/);
  });
});

describe('findGraphProblems', () => {
  it('puts a duplicate declaration on the later cell, naming the first', () => {
    const problems = findGraphProblems([cell('a', ['model'], []), cell('b', ['model'], [])]);
    expect(problems).toEqual([
      {
        cellId: 'b',
        kind: 'duplicate',
        message: expect.stringMatching(/^`model` is already declared in cell a\./),
      },
    ]);
  });

  it('puts a cycle on every cell in it, naming the names that close it', () => {
    const problems = findGraphProblems([cell('a', ['x'], ['y']), cell('b', ['y'], ['x'])]);
    expect(problems.map((p) => p.cellId)).toEqual(['a', 'b']);
    expect(problems[0]?.message).toContain('a reads `y` from b; b reads `x` from a');
  });
});
