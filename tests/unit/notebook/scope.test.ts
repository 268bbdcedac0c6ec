import * as acorn from 'acorn';
import { describe, expect, it } from 'vitest';
import { analyzeScopes } from '../../../src/notebook/scope';

function analyze(js: string): { declarations: string[]; references: string[] } {
  const program = acorn.parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true });
  return analyzeScopes(program);
}

const refs = (js: string): string[] => analyze(js).references;
const decls = (js: string): string[] => analyze(js).declarations;

describe('analyzeScopes declarations', () => {
  it('lists const, let and var in source order', () => {
    expect(decls('const a = 1; let b; var c;')).toEqual(['a', 'b', 'c']);
  });

  it('lists every name in destructuring patterns', () => {
    expect(decls('const { a, b: [c, ...d], e = 1, ...f } = obj;')).toEqual(['a', 'c', 'd', 'e', 'f']);
  });

  it('lists function and class declarations', () => {
    expect(decls('function f() {} class K {}')).toEqual(['f', 'K']);
  });

  it('lists import bindings', () => {
    expect(decls('import d, { a as b } from "m"; import * as ns from "n";')).toEqual(['d', 'b', 'ns']);
  });

  it('counts a var nested in a top-level block, since it is function-scoped', () => {
    expect(decls('if (x) { var v = 1; let w = 2; }')).toEqual(['v']);
  });

  it('ignores declarations inside functions', () => {
    expect(decls('function f() { var inner; const also = 1; }')).toEqual(['f']);
  });
});

describe('analyzeScopes references', () => {
  it('lists free names sorted and unique', () => {
    expect(refs('b + a + b;')).toEqual(['a', 'b']);
  });

  it('leaves out names the cell declares at top level, even when used before', () => {
    expect(refs('f(); function f() { return x; } const x = 1;')).toEqual([]);
  });

  it('finds free names inside functions', () => {
    expect(refs('function f() { return model.predict(input); }')).toEqual(['input', 'model']);
  });

  it('leaves out function parameters, including destructured and defaulted ones', () => {
    expect(refs('const f = ({ a }, [b], c = d, ...e) => a + b + c + e;')).toEqual(['d']);
  });

  it('respects block scope: a let inside a block does not hide the outer free name', () => {
    expect(refs('{ let y = 1; y; } y;')).toEqual(['y']);
  });

  it('respects shadowing in an inner function', () => {
    expect(refs('function f() { const data = 1; return data; } data;')).toEqual(['data']);
  });

  it('leaves out catch parameters', () => {
    expect(refs('try { risky(); } catch (err) { err.message; }')).toEqual(['risky']);
  });

  it('leaves out for-let and for-of variables', () => {
    expect(refs('for (let i = 0; i < n; i++) {} for (const k of keys) k;')).toEqual(['keys', 'n']);
  });

  it('leaves out the names of class and function expressions inside themselves', () => {
    expect(refs('const A = class B { m() { return B; } }; const g = function h() { return h; };')).toEqual([]);
  });

  it('leaves out labels', () => {
    expect(refs('outer: for (;;) { break outer; }')).toEqual([]);
  });

  it('leaves out member property names but keeps computed ones', () => {
    expect(refs('a.b.c; a[key];')).toEqual(['a', 'key']);
  });

  it('leaves out object keys but keeps shorthand properties and computed keys', () => {
    expect(refs('({ k: v, short, [ck]: 1 });')).toEqual(['ck', 'short', 'v']);
  });

  it('leaves out method and class field names', () => {
    expect(refs('class K { field = init; method() { return this.field; } }')).toEqual(['init']);
  });

  it('counts a free assignment target, so it is not created as a global', () => {
    expect(refs('counter = counter + 1;')).toEqual(['counter']);
  });

  it('keeps globals such as Math and console for the runtime to filter', () => {
    expect(refs('console.log(Math.max(1, 2));')).toEqual(['Math', 'console']);
  });

  it('treats arguments as bound inside ordinary functions only', () => {
    expect(refs('function f() { return arguments; } const g = () => arguments;')).toEqual(['arguments']);
  });
});
