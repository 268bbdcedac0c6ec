/**
 * Runs compiled cells (DESIGN §3.2). DOM-free: the Web Worker uses it, and so do tests under Node.
 *
 * A cell's body becomes an async function whose parameters are the compiler's hooks (`__fb_import`,
 * `__fb_throw`, `__fb_tick`, `__fb_check`) plus every free name the cell reads that the kernel can
 * supply, from the scope of earlier cells or from the builtins.
 * A `//# sourceURL=` comment names the function so stack frames point at the cell, and
 * `locateError` maps such a frame back to the cell's own line:column.
 */
import { IMPORT_PARAMETER, mapBodyPosition, type CompiledCell } from '../notebook/compile';
import { CellSyntaxError } from '../notebook/errors';
import { CHECK_PARAMETER, THROW_PARAMETER, TICK_PARAMETER } from '../notebook/instrument';
import { inspect } from './format';

/** The kernel's side of the hooks the compiler puts into a cell (`notebook/instrument.ts`). */
export interface CellHooks {
  /** Called at the top of every loop iteration: true when a `check` is due. */
  tick(): boolean;
  /**
   * Throws when the cell must stop (memory). From a loop: `held` lists what the loop grows, and
   * `line`, `column` are the loop's place in the cell.
   */
  check(held?: (() => unknown[]) | null, line?: number, column?: number): void;
  /** Called with every value a cell throws; returns it unchanged. */
  thrown(value: unknown): unknown;
}

/** Hooks that do nothing: loops run unchecked and throws are not noted. */
export const NO_HOOKS: CellHooks = { tick: () => false, check: () => {}, thrown: (value) => value };

/**
 * Remembers where the latest value that is not an `Error` was thrown: such a value has no stack,
 * so without this its error could not name a line. One per kernel, shared by every cell's code.
 */
export class ThrowSites {
  private last: { value: unknown; stack: string } | null = null;

  /** Notes `value` with the current stack (when it is not an Error) and returns it. */
  record(value: unknown): unknown {
    if (!(value instanceof Error)) this.last = { value, stack: new Error().stack ?? '' };
    return value;
  }

  /** The stack noted for `value`, if it is the latest non-Error thrown. */
  stackOf(value: unknown): string | undefined {
    return this.last && Object.is(this.last.value, value) ? this.last.stack : undefined;
  }
}

/** What a cell runs against. */
export interface ExecuteEnv {
  /** Values declared by cells that have run, by name. Read, never written, by `executeCell`. */
  scope: Map<string, unknown>;
  /**
   * Names the kernel always provides (tf, display, signal, ...). A name in `scope` wins over a
   * builtin of the same name, and a cell's own declaration shadows both.
   */
  builtins: Record<string, unknown>;
  /** The module for an import specifier; throws for unknown specifiers (see `createModuleImporter`). */
  importModule(specifier: string): Promise<unknown> | unknown;
  /** The kernel's loop and throw hooks (default `NO_HOOKS`). */
  hooks?: CellHooks;
}

/** What a cell run produces. */
export interface CellResult {
  /** The cell's top-level declarations: the kernel publishes them to `scope`. */
  declared: Record<string, unknown>;
  /** The value of the last expression statement (undefined when there is none). */
  value: unknown;
  hasValue: boolean;
}

/** An error as the page shows it: Jupyter's `ename`/`evalue`, plus a cell-relative position. */
export interface LocatedError {
  ename: string;
  evalue: string;
  /** 1-based line in the cell, when the error happened in the cell's own code. */
  line?: number;
  /** 1-based column in that line. */
  column?: number;
}

/** An import of a specifier the kernel does not provide. */
export class UnknownModuleError extends Error {
  override name = 'UnknownModuleError';
  constructor(
    readonly specifier: string,
    readonly available: readonly string[],
  ) {
    super(
      `Cannot import "${specifier}": cells run offline and can import only ` + `${available.map((s) => `"${s}"`).join(', ')}. Import from one of these instead`,
    );
  }
}

/**
 * Lines the `AsyncFunction` constructor puts before the body: `async function anonymous(a,b` and
 * `) {` (measured in V8, i.e. Node and Chromium).
 */
export const FUNCTION_HEADER_LINES = 2;

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...parameters: string[]) => (...args: unknown[]) => Promise<unknown>;

/** Names the body may not take as parameters in strict mode. */
const UNBINDABLE = new Set(['eval', 'arguments']);

/** The default `sourceURL` of a cell: stable, and distinct from the app's own script URLs. */
export function formatCellSourceName(cellId: string): string {
  return `fieldbook-cell/${cellId}.ts`;
}

/**
 * Runs `compiled` against `env`. Resolves to the cell's declarations and last value; rejects with
 * whatever the cell threw (pass it to `locateError`). `sourceName` names the cell in stack frames
 * (default `formatCellSourceName(compiled.cellId)`).
 */
export async function executeCell(compiled: CompiledCell, env: ExecuteEnv, options: { sourceName?: string } = {}): Promise<CellResult> {
  const sourceName = sanitizeSourceName(options.sourceName ?? formatCellSourceName(compiled.cellId ?? 'cell'));
  const own = new Set(compiled.declarations);
  const parameters: string[] = [];
  const args: unknown[] = [];
  for (const name of compiled.references) {
    if (own.has(name) || UNBINDABLE.has(name)) continue;
    if (env.scope.has(name)) {
      parameters.push(name);
      args.push(env.scope.get(name));
    } else if (Object.prototype.hasOwnProperty.call(env.builtins, name)) {
      parameters.push(name);
      args.push(env.builtins[name]);
    }
  }
  const run = new AsyncFunction(
    IMPORT_PARAMETER,
    THROW_PARAMETER,
    TICK_PARAMETER,
    CHECK_PARAMETER,
    ...parameters,
    `${compiled.body}\n//# sourceURL=${sourceName}`,
  );
  const importer = async (specifier: string): Promise<unknown> => {
    const module = await env.importModule(specifier);
    checkNamedImports(compiled, specifier, module);
    return module;
  };
  const hooks = env.hooks ?? NO_HOOKS;
  return (await run(importer, hooks.thrown, hooks.tick, hooks.check, ...args)) as CellResult;
}

/**
 * Describes `error` for the page. For a `CellSyntaxError` the position comes with the error; for
 * anything else it is read from the first stack frame in the cell named `sourceName` (frames look
 * like `at eval (<sourceName>:L:C)` in V8 and `@<sourceName>:L:C` in Firefox) and mapped back to
 * the cell. Errors raised elsewhere (inside the toolkit, say) still get the line of the cell that
 * called into them, since that frame is further down the same stack. A thrown value that is not
 * an Error gets a readable message, and its position when `sites` noted where it was thrown.
 */
export function locateError(error: unknown, compiled: CompiledCell, sourceName?: string, sites?: ThrowSites): LocatedError {
  if (error instanceof CellSyntaxError) {
    return { ename: 'SyntaxError', evalue: error.message, line: error.line, column: error.column };
  }
  const located: LocatedError = error instanceof Error ? { ename: error.name || 'Error', evalue: error.message } : describeThrown(error);
  const stack = error instanceof Error ? error.stack : sites?.stackOf(error);
  const name = sanitizeSourceName(sourceName ?? formatCellSourceName(compiled.cellId ?? 'cell'));
  const frame = new RegExp(`(?:^|[\\s(@])${escapeRegExp(name)}:(\\d+):(\\d+)`, 'm').exec(stack ?? '');
  if (frame) {
    const position = mapBodyPosition(compiled, Number(frame[1]) - FUNCTION_HEADER_LINES, Number(frame[2]));
    if (position) Object.assign(located, position);
  }
  return located;
}

/**
 * Jupyter-style name and message for a thrown value that is not an Error: an object with a string
 * `message` (`throw { message: "x" }`) reads as that message, anything else as `Uncaught <value>`.
 */
export function describeThrown(value: unknown): { ename: string; evalue: string } {
  if (typeof value === 'object' && value !== null) {
    const { name, message } = value as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return { ename: typeof name === 'string' && name ? name : 'Error', evalue: message };
  }
  return { ename: 'Error', evalue: `Uncaught ${typeof value === 'string' ? JSON.stringify(value) : inspect(value)}` };
}

const LAZY = Symbol('lazy module');

/** A module loaded on its first import, e.g. a chunk of its own: see `lazyModule`. */
export interface LazyModule {
  readonly [LAZY]: () => Promise<unknown>;
}

/**
 * Marks a module as loaded on first use: `lazyModule(() => import('../ml/index'))` keeps the
 * toolkit out of the worker's first chunk until a cell imports it.
 */
export function lazyModule(load: () => Promise<unknown>): LazyModule {
  return { [LAZY]: load };
}

function isLazyModule(value: unknown): value is LazyModule {
  return typeof value === 'object' && value !== null && LAZY in value;
}

/**
 * An `importModule` over a fixed table of modules, for the worker and for tests: an unknown
 * specifier throws `UnknownModuleError` listing the ones that exist; a lazy module is loaded once,
 * on its first import.
 */
export function createModuleImporter(modules: Readonly<Record<string, unknown>>): (specifier: string) => unknown {
  const loaded = new Map<string, Promise<unknown>>();
  return (specifier) => {
    if (!Object.prototype.hasOwnProperty.call(modules, specifier)) {
      throw new UnknownModuleError(specifier, Object.keys(modules));
    }
    const module = modules[specifier];
    if (!isLazyModule(module)) return module;
    let promise = loaded.get(specifier);
    if (!promise) {
      promise = module[LAZY]();
      // A failed load (e.g. offline before the chunk was cached) is tried again on the next import.
      promise.catch(() => loaded.delete(specifier));
      loaded.set(specifier, promise);
    }
    return promise;
  };
}

/** Fails like a real ES module link would when a named import does not exist. */
function checkNamedImports(compiled: CompiledCell, specifier: string, module: unknown): void {
  const isObject = (typeof module === 'object' || typeof module === 'function') && module !== null;
  for (const binding of compiled.imports) {
    if (binding.specifier !== specifier || binding.imported === '*') continue;
    if (!isObject || !(binding.imported in module)) {
      throw new SyntaxError(`The module "${specifier}" does not provide an export named "${binding.imported}"`);
    }
  }
}

/** V8 ends a sourceURL at whitespace, so keep the name to URL-safe characters. */
function sanitizeSourceName(name: string): string {
  return name.replace(/[^\w./-]/g, '-');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
