/**
 * Typed errors of the notebook layer. Each one carries a 1-based line:column so the UI can point
 * at the place to fix, and a message that says what is wrong and what to do about it.
 */

/** A notebook file that cannot be read: the position is 1-based in the whole file. */
export class NotebookParseError extends Error {
  override name = 'NotebookParseError';
  constructor(
    /** The file the error is in, as given to `parseNotebook` (or `<notebook>`). */
    readonly fileName: string,
    /** 1-based line in the file. */
    readonly line: number,
    /** 1-based column in the line. */
    readonly column: number,
    /** What is wrong and what to do, without the position prefix. */
    readonly reason: string,
  ) {
    super(`${fileName}:${line}:${column}: ${reason}`);
  }
}

/**
 * A code cell that is not valid TypeScript. `line` and `column` are 1-based and relative to the
 * cell's source; the message ends with `(line:column)` in the same coordinates.
 */
export class CellSyntaxError extends Error {
  override name = 'CellSyntaxError';
  constructor(
    /** The reason alone, e.g. `Unexpected token`. */
    readonly reason: string,
    /** 1-based line in the cell. */
    readonly line: number,
    /** 1-based column in the line. */
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(`${reason} (${line}:${column})`, options);
  }
}

/** What went wrong between cells. */
export type CellGraphErrorKind = 'cycle' | 'unknown-cell';

/** Cells that cannot be put in an order: a cycle of names, or an id that is not in the notebook. */
export class CellGraphError extends Error {
  override name = 'CellGraphError';
  constructor(
    readonly kind: CellGraphErrorKind,
    /** The cells involved: the cycle in dependency order, or the unknown ids. */
    readonly cellIds: string[],
    message: string,
  ) {
    super(message);
  }
}

/** Returns true when `e` is a syntax error in a code cell. */
export function isCellSyntaxError(e: unknown): e is CellSyntaxError {
  return e instanceof CellSyntaxError;
}

/** Returns true when `e` is an error in a notebook file. */
export function isNotebookParseError(e: unknown): e is NotebookParseError {
  return e instanceof NotebookParseError;
}
