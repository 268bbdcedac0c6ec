import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModuleImporter, executeCell, lazyModule, locateError, UnknownModuleError, type CellResult, type ExecuteEnv } from '../../../src/kernel/execute';
import { compileCell } from '../../../src/notebook/compile';

const mathModule = { default: 'the default', square: (x: number) => x * x, PI: 3 };

function makeEnv(overrides: Partial<ExecuteEnv> = {}): ExecuteEnv {
  return {
    scope: new Map(),
    builtins: {},
    importModule: createModuleImporter({ mathlib: mathModule, '@tensorflow/tfjs': tf }),
    ...overrides,
  };
}

function run(source: string, env: ExecuteEnv = makeEnv(), cellId = 'c'): Promise<CellResult> {
  return executeCell(compileCell(source, { cellId }), env);
}

/** Runs a cell that must fail and describes the failure as the page would show it. */
async function runToError(source: string, env: ExecuteEnv = makeEnv()): Promise<ReturnType<typeof locateError>> {
  let compiled;
  try {
    compiled = compileCell(source, { cellId: 'bad' });
    await executeCell(compiled, env);
  } catch (error) {
    return locateError(error, compiled ?? compileCell('', { cellId: 'bad' }));
  }
  throw new Error('expected the cell to fail');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('executeCell results', () => {
  it('returns const, let, var, destructured, function and class declarations', async () => {
    const { declared } = await run('const a = 1; let b = 2; var c = 3;\nconst { d, e: [f] } = { d: 4, e: [5] };\nfunction g() { return 6; }\nclass H {}');
    expect(Object.keys(declared)).toEqual(['a', 'b', 'c', 'd', 'f', 'g', 'H']);
    expect([declared['a'], declared['b'], declared['c'], declared['d'], declared['f']]).toEqual([1, 2, 3, 4, 5]);
    expect((declared['g'] as () => number)()).toBe(6);
    expect(typeof declared['H']).toBe('function');
  });

  it('returns the last expression as the value', async () => {
    expect(await run('const x = 20;\nx + 22;')).toEqual({ declared: { x: 20 }, value: 42, hasValue: true });
  });

  it('has no value when the cell ends with a declaration', async () => {
    const result = await run('const x = 1;');
    expect([result.hasValue, result.value]).toEqual([false, undefined]);
  });

  it('returns the value of an expression spanning several lines', async () => {
    expect((await run('[1,\n 2,\n 3]\n  .map((v) => v * 2);')).value).toEqual([2, 4, 6]);
  });

  it('supports top-level await', async () => {
    const result = await run('const v = await Promise.resolve(7);\nawait new Promise((r) => setTimeout(r, 1));\nv;');
    expect(result.value).toBe(7);
  });

  it('runs TypeScript with types, casts and enums', async () => {
    const result = await run('interface P { x: number }\nenum Level { Low = 1, High = 10 }\nconst p = { x: 2 } as P;\n(p.x as number) * Level.High;');
    expect(result.value).toBe(20);
  });

  it('runs in strict mode, so assigning an undeclared name fails instead of making a global', async () => {
    expect((await runToError('leaked = 1;')).ename).toBe('ReferenceError');
    expect('leaked' in globalThis).toBe(false);
  });

  it('runs a cell with export keywords as if they were not there', async () => {
    expect((await run('export const a = 2;\nexport function f() { return a; }\nf();')).value).toBe(2);
  });
});

describe('executeCell imports', () => {
  it('imports a namespace', async () => {
    expect((await run('import * as m from "mathlib";\nm.PI;')).value).toBe(3);
  });

  it('imports default, named and aliased bindings', async () => {
    const { declared } = await run('import d, { square, PI as pi } from "mathlib";');
    expect(declared['d']).toBe('the default');
    expect((declared['square'] as (x: number) => number)(3)).toBe(9);
    expect(declared['pi']).toBe(3);
  });

  it('imports the real tfjs module and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const result = await run('import * as tf from "@tensorflow/tfjs";\ntf.tidy(() => tf.tensor([1, 2, 3]).sum().dataSync()[0]);');
    expect(result.value).toBe(6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the specifier and the available ones for an unknown import', async () => {
    const located = await runToError('const a = 1;\nimport * as x from "lodash";');
    expect(located.ename).toBe('UnknownModuleError');
    expect(located.evalue).toContain('"lodash"');
    expect(located.evalue).toContain('"mathlib", "@tensorflow/tfjs"');
    expect(located.line).toBe(2);
  });

  it('throws UnknownModuleError from the module importer', () => {
    expect(() => createModuleImporter({ a: {} })('b')).toThrow(UnknownModuleError);
  });

  it('loads a lazy module once, on its first import, and again after a failed load', async () => {
    let loads = 0;
    let fail = true;
    const importer = createModuleImporter({
      later: lazyModule(async () => {
        loads++;
        if (fail) throw new Error('offline');
        return { answer: 42 };
      }),
    });
    expect(loads).toBe(0);
    await expect(importer('later')).rejects.toThrow('offline');
    fail = false;
    expect(await importer('later')).toEqual({ answer: 42 });
    expect(await importer('later')).toEqual({ answer: 42 });
    expect(loads).toBe(2);
  });

  it('fails like an ES module would for a named export that does not exist', async () => {
    const located = await runToError('import { cube } from "mathlib";');
    expect([located.ename, located.evalue]).toEqual(['SyntaxError', 'The module "mathlib" does not provide an export named "cube"']);
  });
});

describe('executeCell scope', () => {
  it('lets a later cell read an earlier cell’s declaration through the scope', async () => {
    const env = makeEnv();
    const first = await run('const rate = 0.5;', env, 'one');
    for (const [name, value] of Object.entries(first.declared)) env.scope.set(name, value);
    expect((await run('rate * 4;', env, 'two')).value).toBe(2);
  });

  it('does not write to the scope itself', async () => {
    const env = makeEnv();
    await run('const hidden = 1;', env);
    expect(env.scope.has('hidden')).toBe(false);
  });

  it('re-runs the same compiled cell without an already-declared error', async () => {
    const compiled = compileCell('let count = 1;\nclass Model {}\ncount;');
    const env = makeEnv();
    await executeCell(compiled, env);
    expect((await executeCell(compiled, env)).value).toBe(1);
  });

  it('provides builtins to cells that read them', async () => {
    const env = makeEnv({ builtins: { double: (x: number) => 2 * x } });
    expect((await run('double(21);', env)).value).toBe(42);
  });

  it('lets a cell declaration shadow a builtin of the same name', async () => {
    const env = makeEnv({ builtins: { display: () => 'builtin' } });
    expect((await run('const display = () => "mine";\ndisplay();', env)).value).toBe('mine');
  });

  it('prefers a scope value over a builtin of the same name', async () => {
    const env = makeEnv({ builtins: { display: 'builtin' } });
    env.scope.set('display', 'from an earlier cell');
    expect((await run('display;', env)).value).toBe('from an earlier cell');
  });

  it('leaves globals such as Math to the global scope', async () => {
    expect((await run('Math.max(1, 5);')).value).toBe(5);
  });
});

describe('locateError', () => {
  it('reports a syntax error at its cell line and column', async () => {
    const located = await runToError('const a = 1;\nconst b = 2;\nconst c = ;');
    expect(located).toEqual({ ename: 'SyntaxError', evalue: 'Unexpected token (3:11)', line: 3, column: 11 });
  });

  it('reports a runtime error at the cell line and column that threw', async () => {
    const located = await runToError('const a = 1;\nconst b = 2;\n\n  throw new Error("boom");');
    expect(located).toEqual({ ename: 'Error', evalue: 'boom', line: 4, column: 9 });
  });

  it('maps a runtime error after a stripped type annotation to the TypeScript column', async () => {
    const located = await runToError('const o: { x: number } | null = null;\nconst v: number = o!.x;');
    // V8 points a failed property read at the property name: `x`, column 22 of the TypeScript line.
    expect([located.ename, located.line, located.column]).toEqual(['TypeError', 2, 22]);
  });

  it('reports an error inside a cell function at the line in that function', async () => {
    const located = await runToError('function fail(): never {\n  throw new RangeError("no");\n}\nfail();');
    expect([located.ename, located.line, located.column]).toEqual(['RangeError', 2, 9]);
  });

  it('reports an error raised by a builtin at the cell line that called it', async () => {
    const env = makeEnv({
      builtins: {
        fit: () => {
          throw new TypeError('labels must be 0 or 1');
        },
      },
    });
    const located = await runToError('const model = 1;\n\nfit(model);', env);
    expect([located.ename, located.evalue, located.line, located.column]).toEqual(['TypeError', 'labels must be 0 or 1', 3, 1]);
  });

  it('reports the value of a thrown non-error without a position', async () => {
    expect(await runToError('throw "plain string";')).toEqual({ ename: 'Error', evalue: 'Uncaught "plain string"' });
  });

  it('finds the frame when the source name needed sanitising', async () => {
    const compiled = compileCell('\nnull!.x;', { cellId: 'c' });
    const error = await executeCell(compiled, makeEnv(), { sourceName: 'my cell (1).ts' }).catch((e: unknown) => e);
    expect(locateError(error, compiled, 'my cell (1).ts')).toMatchObject({ ename: 'TypeError', line: 2, column: 7 });
  });

  it('gives no position for an error from another cell’s source name', async () => {
    const compiled = compileCell('throw new Error("x");', { cellId: 'c' });
    const error = await executeCell(compiled, makeEnv()).catch((e: unknown) => e);
    expect(locateError(error, compiled, 'another-cell.ts')).toEqual({ ename: 'Error', evalue: 'x' });
  });
});
