/**
 * How a cell's failure reads on the page: Jupyter's `ename`/`evalue` with a cell-relative
 * line:column. Compile errors carry their position, runtime errors are located through the stack
 * (`locateError`), and name conflicts between cells come from the notebook's one graph check.
 */
import { CellSyntaxError, findDuplicateDeclarations, findGraphProblems, type CompiledCell, type GraphCell } from '../notebook/index';
import { describeThrown, locateError, type LocatedError, type ThrowSites } from './execute';
import { MemoryLimitError } from './memory-guard';

/** A cell refused before it runs: it declares another cell's name, or closes a cycle of names. */
export class CellNameError extends Error {
  constructor(
    override readonly name: 'DuplicateDeclaration' | 'DependencyCycle',
    message: string,
    /** Where the clashing name is declared in this cell (1-based), when known. */
    readonly at?: { line: number; column: number },
  ) {
    super(message);
  }
}

function toGraphCell(id: string, compiled: CompiledCell): GraphCell {
  return { id, declarations: compiled.declarations, references: compiled.references, imports: compiled.imports };
}

/**
 * Throws `CellNameError` when `compiled` (about to run as `cellId`) declares a name another known
 * cell declares, or reads names in a cycle with them. `known` are the cells that have run, in the
 * order they first ran; the running cell goes last, so a clash is reported here, not there.
 */
export function checkCellNames(known: ReadonlyMap<string, CompiledCell>, cellId: string, compiled: CompiledCell): void {
  const cells = [...known].filter(([id]) => id !== cellId).map(([id, c]) => toGraphCell(id, c));
  cells.push(toGraphCell(cellId, compiled));
  const problem = findGraphProblems(cells).find((p) => p.cellId === cellId);
  if (!problem) return;
  if (problem.kind === 'cycle') throw new CellNameError('DependencyCycle', problem.message);
  const name = findDuplicateDeclarations(cells).find((d) => d.cellIds.includes(cellId))?.name;
  const index = name === undefined ? -1 : compiled.declarations.indexOf(name);
  throw new CellNameError('DuplicateDeclaration', problem.message, compiled.declarationSites[index]);
}

/** What the page shows for an error a run raised; `compiled` is null when the cell did not compile. */
export function describeRunError(
  error: unknown,
  compiled: CompiledCell | null,
  sourceName: string,
  sites: ThrowSites,
  known: ReadonlyMap<string, CompiledCell>,
): LocatedError {
  if (error instanceof CellNameError) return { ename: error.name, evalue: error.message, ...error.at };
  if (error instanceof MemoryLimitError && error.at) return { ename: error.name, evalue: error.message, ...error.at };
  if (!compiled) {
    if (error instanceof CellSyntaxError) return { ename: 'SyntaxError', evalue: error.message, line: error.line, column: error.column };
    return error instanceof Error ? { ename: error.name || 'Error', evalue: error.message } : describeThrown(error);
  }
  return explainMissingName(locateError(error, compiled, sourceName, sites), known);
}

/** Adds a hint when a name is missing because the cell that declares it has not run. */
function explainMissingName(error: LocatedError, known: ReadonlyMap<string, CompiledCell>): LocatedError {
  const missing = /^(\S+) is not defined$/.exec(error.evalue);
  if (error.ename !== 'ReferenceError' || !missing) return error;
  const owner = [...known].find(([, c]) => c.declarations.includes(missing[1]!))?.[0];
  return owner ? { ...error, evalue: `${error.evalue}. It is declared in cell ${owner}, which has not run successfully: run that cell first.` } : error;
}
