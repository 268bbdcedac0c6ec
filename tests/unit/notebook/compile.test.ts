import { describe, expect, it } from 'vitest';
import { compileCell, mapBodyPosition } from '../../../src/notebook/compile';
import { CellSyntaxError } from '../../../src/notebook/errors';

function syntaxError(source: string): CellSyntaxError {
  try {
    compileCell(source);
  } catch (error) {
    if (error instanceof CellSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CellSyntaxError');
}

/** The 1-based body position of the first `needle` on body line `line`, mapped to the cell. */
function mapNeedle(source: string, line: number, needle: string): { line: number; column: number } | null {
  const compiled = compileCell(source);
  const column = compiled.body.split('\n')[line - 1]!.indexOf(needle) + 1;
  expect(column).toBeGreaterThan(0);
  return mapBodyPosition(compiled, line, column);
}

describe('compileCell analysis', () => {
  it('records import bindings with their specifier and imported name', () => {
    const compiled = compileCell('import * as tf from "@tensorflow/tfjs";\nimport d, { a as b, c } from "m";\nimport "side-effect";');
    expect(compiled.imports).toEqual([
      { local: 'tf', imported: '*', specifier: '@tensorflow/tfjs' },
      { local: 'd', imported: 'default', specifier: 'm' },
      { local: 'b', imported: 'a', specifier: 'm' },
      { local: 'c', imported: 'c', specifier: 'm' },
    ]);
    expect(compiled.declarations).toEqual(['tf', 'd', 'b', 'c']);
  });

  it('compiles TypeScript types, interfaces and casts away', () => {
    const compiled = compileCell(
      'interface P { x: number }\ntype Q = P[];\nconst p: P = { x: 1 } as P;\nconst n = (p as unknown as P).x satisfies number;\nfunction id<T>(v: T): T { return v; }',
    );
    expect(compiled.declarations).toEqual(['p', 'n', 'id']);
    expect(compiled.js).not.toMatch(/interface|type Q|\bas\b|satisfies|<T>/);
  });

  it('turns an enum into a declared object', () => {
    expect(compileCell('enum Color { Red, Green }').declarations).toEqual(['Color']);
  });

  it('drops type-only imports entirely', () => {
    const compiled = compileCell('import type { Table } from "fieldbook";\nimport { type Row, csv } from "fieldbook";');
    expect(compiled.declarations).toEqual(['csv']);
  });

  it('keeps imports the cell does not use itself, for later cells', () => {
    expect(compileCell('import * as tf from "@tensorflow/tfjs";').declarations).toEqual(['tf']);
  });

  it('keeps the cell id it was given', () => {
    expect(compileCell('1;', { cellId: 'train' }).cellId).toBe('train');
  });
  it('records the cell line:column where each top-level name is declared', () => {
    const compiled = compileCell(
      'import m from "m";\nconst a: number = 1, { b, c: [d] } = { b: 2, c: [3] } as any;\n  function f(x: string): void {}\nclass K {}',
    );
    expect(compiled.declarations).toEqual(['m', 'a', 'b', 'd', 'f', 'K']);
    expect(compiled.declarationSites).toEqual([
      { line: 1, column: 8 },
      { line: 2, column: 7 },
      { line: 2, column: 24 },
      { line: 2, column: 31 },
      { line: 3, column: 12 },
      { line: 4, column: 7 },
    ]);
  });
});

describe('compileCell body', () => {
  it('keeps every cell line on the same body line and adds one return line', () => {
    const source = 'import {\n  a,\n  b,\n} from "m";\nconst c: number = a + b;\nc;';
    const lines = compileCell(source).body.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[4]).toContain('const c = a + b;');
    expect(lines[6]).toMatch(/^var __fb_value; return \{ declared: \{ a, b, c \}/);
  });

  it('rewrites a namespace import to an awaited __fb_import', () => {
    expect(compileCell('import * as tf from "@tensorflow/tfjs";').body).toContain('const tf = await __fb_import("@tensorflow/tfjs");');
  });

  it('rewrites default, named and aliased imports to one destructuring', () => {
    expect(compileCell('import d, { a as b, c } from "m";').body).toContain('const { default: d, a: b, c } = await __fb_import("m");');
  });

  it('rewrites a default plus namespace import', () => {
    expect(compileCell('import d, * as ns from "m";').body).toContain('const ns = await __fb_import("m"), { default: d } = ns;');
  });

  it('rewrites dynamic import() to __fb_import()', () => {
    expect(compileCell('const m = await import("m");').body).toContain('const m = await __fb_import("m");');
  });

  it('blanks out export keywords, keeping columns', () => {
    const compiled = compileCell('export const a = 1;\nexport function f() {}\nexport { a as b };');
    expect(compiled.body.split('\n').slice(0, 3)).toEqual(['"use strict";        const a = 1;', '       function f() {}', '                  ']);
    expect(compiled.declarations).toEqual(['a', 'f']);
  });

  it('captures the last expression statement as the value', () => {
    const compiled = compileCell('const x = 1;\nx * 2;');
    expect(compiled.hasValue).toBe(true);
    expect(compiled.body).toContain('__fb_value = (x * 2);');
  });

  it('has no value when the last statement is a declaration', () => {
    const compiled = compileCell('const x = 1;');
    expect(compiled.hasValue).toBe(false);
    expect(compiled.body).toMatch(/hasValue: false \};$/);
  });

  it('wraps a last expression that spans lines and ends in a comment', () => {
    const body = compileCell('f("a;b",\n  2) // done;').body;
    expect(body.split('\n').slice(0, 2)).toEqual(['"use strict"; __fb_value = (f("a;b",', '  2)) // done;']);
  });

  it('wraps a sequence expression whole', () => {
    expect(compileCell('a, b;').body).toContain('__fb_value = (a, b);');
  });
});

describe('compileCell errors', () => {
  it('reports a syntax error at its cell line and 1-based column', () => {
    const error = syntaxError('const a = 1;\nconst b = 2;\nconst c = ;');
    expect([error.line, error.column, error.reason]).toEqual([3, 11, 'Unexpected token']);
    expect(error.message).toBe('Unexpected token (3:11)');
  });

  it('reports a sucrase syntax error in cell coordinates', () => {
    const error = syntaxError('let ok = 1;\nlet x: = 3;');
    expect([error.line, error.column]).toEqual([2, 8]);
  });

  it('maps an error after a stripped type annotation back to the TypeScript column', () => {
    const error = syntaxError('const n: number = 1;\nconst m: Array<number> = [1]; let let = 2;');
    expect([error.line, error.column]).toEqual([2, 35]);
  });

  it('reports a redeclaration as acorn words it', () => {
    expect(syntaxError('let a = 1;\nlet a = 2;').message).toBe("Identifier 'a' has already been declared (2:5)");
  });

  it('rejects re-exports', () => {
    expect(syntaxError('\nexport * from "m";')).toMatchObject({ line: 2, column: 1 });
  });

  it('rejects an anonymous default export', () => {
    expect(syntaxError('export default 42;').reason).toMatch(/no default export/);
  });

  it('rejects names that would clash with the compiler’s own', () => {
    expect(syntaxError('const __fb_value = 1;').reason).toMatch(/reserved/);
  });

  it('rejects a top-level return', () => {
    expect(syntaxError('return 1;').reason).toMatch(/return/);
  });
});

describe('mapBodyPosition', () => {
  it('maps a column moved by a stripped type back to the source', () => {
    expect(mapNeedle('let a = 0;\nconst x: number = oops();', 2, 'oops')).toEqual({ line: 2, column: 19 });
  });

  it('maps a column moved by the value wrapper back to the source', () => {
    expect(mapNeedle('1;\n  boom();', 2, 'boom')).toEqual({ line: 2, column: 3 });
  });

  it('maps a column on the first line past the use-strict prefix', () => {
    expect(mapNeedle('const y = broken();', 1, 'broken')).toEqual({ line: 1, column: 11 });
  });

  it('returns null for the generated return line', () => {
    const compiled = compileCell('const a = 1;');
    expect(mapBodyPosition(compiled, 2, 1)).toBeNull();
  });
});

describe('compileCell hooks for the kernel', () => {
  it('starts every loop body with the tick-and-check guard, naming what the loop grows and where the loop is', () => {
    const body = compileCell('const rows = [];\nfor (let i = 0; i < 3; i++) { rows.push(i); }\nwhile (false) seen[k] = 1;').body.split('\n');
    expect(body[1]).toBe('for (let i = 0; i < 3; i++) { __fb_tick() && __fb_check(() => [rows], 2, 1);  rows.push(i); }');
    expect(body[2]).toBe('while (false) { __fb_tick() && __fb_check(() => [seen], 3, 1); seen[k] = 1; }');
  });

  it('leaves names a loop body declares out of the guard, and guards a loop with nothing to grow', () => {
    const body = compileCell('for (const x of xs) { const row = []; row.push(x); }\ndo n++; while (n < 3)').body.split('\n');
    expect(body[0]).toContain('for (const x of xs) { __fb_tick() && __fb_check(null, 1, 1);  const row = [];');
    expect(body[1]).toBe('do { __fb_tick() && __fb_check(null, 2, 1); n++; } while (n < 3)');
  });

  it('passes every thrown value through __fb_throw, keeping lines', () => {
    const compiled = compileCell('if (bad) throw { message: "x" };\nthrow new Error("y");');
    expect(compiled.body.split('\n').slice(0, 2)).toEqual(['"use strict"; if (bad) throw __fb_throw({ message: "x" });', 'throw __fb_throw(new Error("y"));']);
  });

  it('maps positions after an inserted guard back to the cell', () => {
    const compiled = compileCell('for (;;) { const v = null as any; v.x; }');
    const column = compiled.body.split('\n')[0]!.indexOf('v.x') + 1;
    expect(mapBodyPosition(compiled, 1, column)).toEqual({ line: 1, column: 35 });
  });
});
