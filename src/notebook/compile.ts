/**
 * Compiles a TypeScript cell into the body of an async function (DESIGN §3.2): sucrase strips the
 * types (keeping every line where it was), acorn finds what the cell declares and reads, and a few
 * position-based edits turn module syntax into function-body syntax:
 *
 * - `import x from "s"` becomes `const { default: x } = await __fb_import("s");` on the same line,
 *   and `import("s")` becomes `__fb_import("s")`;
 * - `export` keywords are blanked out;
 * - a last expression statement `expr;` becomes `__fb_value = (expr);`;
 * - loops and `throw`s get the kernel's hooks (`instrument.ts`: memory checks, throw sites);
 * - a final generated line returns `{ declared: { ...names }, value: __fb_value, hasValue }`.
 *
 * Body line N is cell line N (only columns move), so the executor maps a stack frame back to the
 * cell with `mapBodyPosition`.
 */
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import { transform } from 'sucrase';
import { CellSyntaxError } from './errors';
import { collectInstrumentation } from './instrument';
import { decodeMappings, locateOffset, mapSegments, mapThroughSegments, type Segment } from './positions';
import { analyzeScopes } from './scope';

/** One binding an `import` statement makes. */
export interface CellImport {
  /** The name the cell uses. */
  local: string;
  /** `'*'` for a namespace import, `'default'`, or the exported name. */
  imported: string;
  /** The module specifier, e.g. `@tensorflow/tfjs`. */
  specifier: string;
}

/** A cell ready to run: plain data, so it can be cached or sent to a worker. */
export interface CompiledCell {
  cellId?: string;
  /** The TypeScript as written. */
  source: string;
  /** The JavaScript sucrase made of it (same lines, columns may differ). */
  js: string;
  /**
   * An async function body. Run it with the parameters `__fb_import(specifier)`, `__fb_throw`,
   * `__fb_tick` and `__fb_check` (see `instrument.ts`) plus one parameter per free name the caller
   * provides; it resolves to `{ declared, value, hasValue }`.
   */
  body: string;
  /** Top-level names the cell declares, in source order. */
  declarations: string[];
  /** Where each of `declarations` is declared in the cell (1-based), for errors about that name. */
  declarationSites: { line: number; column: number }[];
  /** Free names the cell reads (sorted, unique; globals such as `Math` included). */
  references: string[];
  imports: CellImport[];
  /** Whether the last statement is an expression whose value the cell shows. */
  hasValue: boolean;
  /** Lines of the cell source; body lines after these are generated. */
  lineCount: number;
  /**
   * For each 0-based body line, segments `[bodyColumn, sourceLine, sourceColumn]` (0-based,
   * sorted by body column): a body position maps through the nearest segment at or before it.
   */
  positions: Segment[][];
}

/** The parameter through which a cell's imports reach the kernel's modules. */
export const IMPORT_PARAMETER = '__fb_import';

const VALUE_NAME = '__fb_value';
const RESERVED_PREFIX = '__fb_';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Compiles `source`; throws `CellSyntaxError` (cell-relative, 1-based line:column) if it is not valid. */
export function compileCell(cellSource: string, options: { cellId?: string } = {}): CompiledCell {
  const source = cellSource.replace(/\r\n?/g, '\n');
  const { js, segments } = transpile(source);
  const program = parseJs(js, segments);
  const { declarations, declarationOffsets, references } = analyzeScopes(program);
  const reserved = [...declarations, ...references].find((name) => name.startsWith(RESERVED_PREFIX));
  if (reserved !== undefined) {
    const at = locateOffset(source, Math.max(0, source.indexOf(reserved)));
    throw new CellSyntaxError(`Names starting with ${RESERVED_PREFIX} are reserved; rename \`${reserved}\``, at.line, at.column);
  }
  const imports: CellImport[] = [];
  const { edits, hasValue } = collectEdits(program, js, segments, imports);
  const { text, mapOffset } = applyEdits(js, edits);
  const declared = declarations.join(', ');
  const body = `${text}\nvar ${VALUE_NAME}; return { declared: { ${declared} }, value: ${VALUE_NAME}, hasValue: ${hasValue} };`;
  return {
    ...(options.cellId === undefined ? {} : { cellId: options.cellId }),
    source,
    js,
    body,
    declarations,
    declarationSites: declarationOffsets.map((offset) => locateInSource(js, offset, segments)),
    references,
    imports,
    hasValue,
    lineCount: source.split('\n').length,
    positions: mapSegments(js, text, segments, mapOffset),
  };
}

/**
 * Maps a 1-based body `line`:`column` back to the cell source. Returns null for positions in the
 * generated last line.
 */
export function mapBodyPosition(
  compiled: Pick<CompiledCell, 'positions' | 'lineCount'>,
  line: number,
  column: number,
): { line: number; column: number } | null {
  if (line < 1 || line > compiled.lineCount) return null;
  return mapThroughSegments(compiled.positions[line - 1], line, column);
}

/** The edits that turn the module-syntax `js` into a function body, sorted for `applyEdits`. */
function collectEdits(program: acorn.Program, js: string, segments: Segment[][], imports: CellImport[]): { edits: Edit[]; hasValue: boolean } {
  // Strict like the module code acorn checked: an undeclared assignment throws instead of leaking a global.
  const edits: Edit[] = [{ start: 0, end: 0, text: '"use strict"; ' }];
  for (const statement of program.body) {
    edits.push(...rewriteTopLevel(statement, js, segments, imports));
  }
  edits.push(...collectInstrumentation(program, (offset) => locateInSource(js, offset, segments)));
  walk.simple(program, {
    ImportExpression(node) {
      edits.push({ start: node.start, end: node.start + 'import'.length, text: IMPORT_PARAMETER });
    },
    MetaProperty(node) {
      if (node.meta.name === 'import') {
        throw createSyntaxError('import.meta is not available in a cell', js, node.start, segments);
      }
    },
  });
  const last = program.body[program.body.length - 1];
  if (last?.type === 'ExpressionStatement') {
    edits.push({ start: last.expression.start, end: last.expression.start, text: `${VALUE_NAME} = (` });
    edits.push({ start: last.expression.end, end: last.expression.end, text: ')' });
  }
  // Insertions sort before a replacement that starts at the same offset, so they stay outside it.
  edits.sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  return { edits, hasValue: last?.type === 'ExpressionStatement' };
}

function transpile(source: string): { js: string; segments: Segment[][] } {
  try {
    const result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      // Without this sucrase drops imports the cell does not use itself, but a later cell may.
      keepUnusedImports: true,
      sourceMapOptions: { compiledFilename: 'cell.js' },
      filePath: 'cell.ts',
    });
    return { js: result.code, segments: decodeMappings(result.sourceMap?.mappings ?? '') };
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    const at = locateOffset(source, typeof pos === 'number' ? pos : 0);
    throw new CellSyntaxError(cleanMessage(error), at.line, at.column, { cause: error });
  }
}

function parseJs(js: string, segments: Segment[][]): acorn.Program {
  try {
    return acorn.parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowAwaitOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    throw createSyntaxError(cleanMessage(error), js, typeof pos === 'number' ? pos : 0, segments, error);
  }
}

/** Rewrites one top-level statement's module syntax; records its import bindings. */
function rewriteTopLevel(statement: acorn.Statement | acorn.ModuleDeclaration, js: string, segments: Segment[][], imports: CellImport[]): Edit[] {
  switch (statement.type) {
    case 'ImportDeclaration': {
      const specifier = String(statement.source.value);
      for (const s of statement.specifiers) {
        const imported =
          s.type === 'ImportNamespaceSpecifier'
            ? '*'
            : s.type === 'ImportDefaultSpecifier'
              ? 'default'
              : s.imported.type === 'Identifier'
                ? s.imported.name
                : String(s.imported.value);
        imports.push({ local: s.local.name, imported, specifier });
      }
      const original = js.slice(statement.start, statement.end);
      const newlines = '\n'.repeat(original.split('\n').length - 1);
      return [{ start: statement.start, end: statement.end, text: formatImport(statement, specifier) + newlines }];
    }
    case 'ExportNamedDeclaration':
      if (statement.source) {
        throw createSyntaxError('A cell cannot re-export a module. Import the names instead', js, statement.start, segments);
      }
      return [blankOut(js, statement.start, statement.declaration ? statement.declaration.start : statement.end)];
    case 'ExportDefaultDeclaration': {
      const declaration = statement.declaration;
      const named = (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id;
      if (!named) {
        throw createSyntaxError('A cell has no default export. Give the value a name, e.g. `const result = …`', js, statement.start, segments);
      }
      return [blankOut(js, statement.start, declaration.start)];
    }
    case 'ExportAllDeclaration':
      throw createSyntaxError('A cell cannot re-export a module. Import the names instead', js, statement.start, segments);
    default:
      return [];
  }
}

function formatImport(statement: acorn.ImportDeclaration, specifier: string): string {
  const load = `await ${IMPORT_PARAMETER}(${JSON.stringify(specifier)})`;
  const namespace = statement.specifiers.find((s) => s.type === 'ImportNamespaceSpecifier');
  const parts = statement.specifiers.flatMap((s) => {
    if (s.type === 'ImportNamespaceSpecifier') return [];
    if (s.type === 'ImportDefaultSpecifier') return [`default: ${s.local.name}`];
    const key = s.imported.type === 'Identifier' ? s.imported.name : JSON.stringify(String(s.imported.value));
    return [key === s.local.name ? key : `${key}: ${s.local.name}`];
  });
  if (namespace) {
    const rest = parts.length > 0 ? `, { ${parts.join(', ')} } = ${namespace.local.name}` : '';
    return `const ${namespace.local.name} = ${load}${rest};`;
  }
  return parts.length > 0 ? `const { ${parts.join(', ')} } = ${load};` : `${load};`;
}

/** Replaces a range with spaces, keeping its newlines, so nothing else moves. */
function blankOut(js: string, start: number, end: number): Edit {
  return { start, end, text: js.slice(start, end).replace(/[^\n]/g, ' ') };
}

/** Applies sorted, non-overlapping edits; `mapOffset` takes a JS offset to its body offset. */
function applyEdits(js: string, edits: Edit[]): { text: string; mapOffset: (offset: number) => number } {
  let text = '';
  let cursor = 0;
  const placed: Array<{ start: number; end: number; bodyStart: number; bodyEnd: number }> = [];
  for (const edit of edits) {
    text += js.slice(cursor, edit.start);
    const bodyStart = text.length;
    text += edit.text;
    placed.push({ start: edit.start, end: edit.end, bodyStart, bodyEnd: text.length });
    cursor = edit.end;
  }
  text += js.slice(cursor);
  const mapOffset = (offset: number): number => {
    let shift = 0;
    for (const edit of placed) {
      if (offset < edit.start) break;
      // Inside a replaced range: the whole replacement stands for it.
      if (offset < edit.end) return edit.bodyStart;
      shift = edit.bodyEnd - edit.end;
    }
    return offset + shift;
  };
  return { text, mapOffset };
}

function createSyntaxError(reason: string, js: string, offset: number, segments: Segment[][], cause?: unknown): CellSyntaxError {
  const mapped = locateInSource(js, offset, segments);
  return new CellSyntaxError(reason, mapped.line, mapped.column, cause === undefined ? {} : { cause });
}

/** The cell-source line:column (1-based) of an offset in sucrase's output. */
function locateInSource(js: string, offset: number, segments: Segment[][]): { line: number; column: number } {
  const at = locateOffset(js, offset);
  return mapThroughSegments(segments[at.line - 1], at.line, at.column);
}

/**
 * Drops sucrase's file prefix and the `(line:column)` sucrase and acorn append: that position is in
 * their coordinates, not the cell's.
 */
function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^Error transforming [^:]*: /, '')
    .replace(/\s*\(\d+:\d+\)\s*$/, '')
    .split('\n')[0]!;
}
