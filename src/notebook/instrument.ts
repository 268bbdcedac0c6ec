/**
 * Hooks the compiler puts into a cell's code for the kernel, as position-preserving insertions
 * (nothing moves to another line):
 *
 * - every loop body starts with `__fb_tick() && __fb_check(() => [grown, …], line, column);`. The
 *   kernel's tick is a countdown, so the cost is a call per iteration; when it says a check is due,
 *   the check looks at memory and at the arrays and maps the loop grows (`rows.push(…)`,
 *   `seen[k] = …`), so a runaway allocation is stopped with an error before the browser runs out
 *   of memory. `line`, `column` are the loop's own place in the cell, for that error;
 * - every `throw x` becomes `throw __fb_throw(x)`, which returns `x` unchanged but lets the kernel
 *   note where a value that is not an `Error` (and so has no stack) was thrown.
 */
import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';

/** Parameter: `() => boolean`, true when a check is due. */
export const TICK_PARAMETER = '__fb_tick';
/** Parameter: `(held: (() => unknown[]) | null, line, column) => void`, throws when the cell must stop. */
export const CHECK_PARAMETER = '__fb_check';
/** Parameter: `(value) => value`, records where a non-Error value was thrown. */
export const THROW_PARAMETER = '__fb_throw';

/** An insertion at an offset of the JavaScript. */
export interface Insertion {
  start: number;
  end: number;
  text: string;
}

type Loop = acorn.ForStatement | acorn.ForInStatement | acorn.ForOfStatement | acorn.WhileStatement | acorn.DoWhileStatement;

/** Names that are the kernel's or the platform's, never data a loop grows. */
const NOT_DATA = new Set(['tf', 'display', 'console', 'Math', 'JSON', 'Object', 'Array', 'Promise', 'Reflect', 'globalThis', 'self', 'performance', 'signal']);

/**
 * The insertions for every loop and `throw` in `program`; `locate` gives the cell line:column
 * (1-based) of an offset in the program's text.
 */
export function collectInstrumentation(program: acorn.Program, locate: (offset: number) => { line: number; column: number }): Insertion[] {
  const insertions: Insertion[] = [];
  const loop = (node: Loop) => insertions.push(...guardLoop(node, locate(node.start)));
  walk.simple(program, {
    ForStatement: loop,
    ForInStatement: loop,
    ForOfStatement: loop,
    WhileStatement: loop,
    DoWhileStatement: loop,
    ThrowStatement(node) {
      insertions.push({ start: node.argument.start, end: node.argument.start, text: `${THROW_PARAMETER}(` });
      insertions.push({ start: node.argument.end, end: node.argument.end, text: ')' });
    },
  });
  return insertions;
}

function guardLoop(node: Loop, at: { line: number; column: number }): Insertion[] {
  const grown = findGrownNames(node.body);
  const held = grown.length > 0 ? `() => [${grown.join(', ')}]` : 'null';
  const guard = `${TICK_PARAMETER}() && ${CHECK_PARAMETER}(${held}, ${at.line}, ${at.column});`;
  const body = node.body;
  if (body.type === 'BlockStatement') return [{ start: body.start + 1, end: body.start + 1, text: ` ${guard} ` }];
  // A single-statement body gets braces, so the guard runs with it on every iteration.
  return [
    { start: body.start, end: body.start, text: `{ ${guard} ` },
    { start: body.end, end: body.end, text: ' }' },
  ];
}

/**
 * Identifiers the loop body grows: the object of a method call (`a.push(x)`) or of a member
 * assignment. Names declared inside the body are left out: they start afresh each iteration, and
 * reading them where the guard runs (before their declaration) would throw.
 */
function findGrownNames(body: acorn.Statement): string[] {
  const names = new Set<string>();
  const local = new Set<string>();
  const note = (node: acorn.Node) => {
    if (node.type !== 'MemberExpression') return;
    const object = (node as acorn.MemberExpression).object;
    if (object.type === 'Identifier' && !NOT_DATA.has(object.name) && !object.name.startsWith('__fb_')) names.add(object.name);
  };
  walk.simple(body, {
    CallExpression(node) {
      note(node.callee);
    },
    AssignmentExpression(node) {
      note(node.left);
    },
    VariableDeclarator(node) {
      if (node.id.type === 'Identifier') local.add(node.id.name);
    },
  });
  return [...names].filter((name) => !local.has(name));
}
