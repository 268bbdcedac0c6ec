/**
 * The dependency graph between cells: a cell depends on the cells that declare the names it reads.
 * Pure functions over plain cell summaries in notebook order, so the kernel and the UI agree on
 * what is stale and in what order to re-run it.
 */
import type { CellImport } from './compile';
import { CellGraphError } from './errors';

/** What the graph needs to know about a cell (a `CompiledCell` plus its id fits). */
export interface GraphCell {
  id: string;
  declarations: readonly string[];
  references: readonly string[];
  imports?: readonly CellImport[];
}

/** A name declared by more than one cell. */
export interface DuplicateDeclaration {
  name: string;
  /** The declaring cells, in notebook order. */
  cellIds: string[];
}

/** A problem to show in one cell. */
export interface GraphProblem {
  cellId: string;
  kind: 'duplicate' | 'cycle';
  message: string;
}

/**
 * Names declared by two or more cells. Two cells may both import the same binding (same specifier
 * and imported name, e.g. `import * as tf from "@tensorflow/tfjs"`): that is not a duplicate.
 */
export function findDuplicateDeclarations(cells: readonly GraphCell[]): DuplicateDeclaration[] {
  const duplicates: DuplicateDeclaration[] = [];
  for (const [name, indexes] of indexDeclarers(cells)) {
    if (indexes.length > 1 && !isSharedImport(cells, name, indexes)) {
      duplicates.push({ name, cellIds: indexes.map((i) => cells[i]!.id) });
    }
  }
  return duplicates;
}

/**
 * For each cell, the cells it reads names from (never itself). A name imported identically by
 * several cells comes from the nearest such cell above the reader (or the first one below it).
 */
export function dependencies(cells: readonly GraphCell[]): Map<string, Set<string>> {
  return new Map(collectEdges(cells).map((edges, i) => [cells[i]!.id, new Set(edges.keys())]));
}

/** A cycle of dependencies as cell ids (each depends on the next, the last on the first), or null. */
export function findCycle(cells: readonly GraphCell[]): string[] | null {
  const deps = dependencies(cells);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of deps.get(id) ?? []) {
      if (state.get(dep) === 'visiting') return stack.slice(stack.indexOf(dep));
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const cell of cells) {
    if (!state.has(cell.id)) {
      const found = visit(cell.id);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The cells that read, directly or through other cells, a name `cellId` declares: what goes
 * stale when it is edited. Dependencies first, ties in notebook order; `cellId` itself excluded.
 * Cells caught in a cycle come last in notebook order rather than failing: staleness still holds.
 */
export function downstreamOf(cells: readonly GraphCell[], cellId: string): string[] {
  requireIds(cells, [cellId]);
  const readers = new Map<string, Set<string>>(cells.map((c) => [c.id, new Set()]));
  for (const [id, deps] of dependencies(cells)) {
    for (const dep of deps) readers.get(dep)!.add(id);
  }
  const reached = collectReachable([cellId], (id) => readers.get(id) ?? []);
  reached.delete(cellId);
  const { order, stuck } = orderTopologically(cells, reached);
  return [...order, ...stuck];
}

/**
 * The cells to run so that `targetIds` run with fresh inputs: the targets and everything they
 * depend on, dependencies first, ties in notebook order. Throws `CellGraphError` for an unknown id
 * or a cycle.
 */
export function executionOrder(cells: readonly GraphCell[], targetIds: readonly string[]): string[] {
  requireIds(cells, targetIds);
  const deps = dependencies(cells);
  const needed = collectReachable(targetIds, (id) => deps.get(id) ?? []);
  const { order, stuck } = orderTopologically(cells, needed);
  if (stuck.length > 0) {
    const cycle = findCycle(cells.filter((c) => needed.has(c.id))) ?? stuck;
    throw new CellGraphError(
      'cycle',
      cycle,
      `Cells ${[...cycle, cycle[0]].join(' → ')} read each other's names in a cycle. ` + 'Move a declaration so that names flow one way, top to bottom',
    );
  }
  return order;
}

/** Duplicate declarations and cycles as messages for the cells to show them in. */
export function findGraphProblems(cells: readonly GraphCell[]): GraphProblem[] {
  const problems: GraphProblem[] = [];
  for (const { name, cellIds } of findDuplicateDeclarations(cells)) {
    for (const cellId of cellIds.slice(1)) {
      problems.push({
        cellId,
        kind: 'duplicate',
        message:
          `\`${name}\` is already declared in cell ${cellIds[0]}. ` + 'Rename it here, or change that cell instead: each name has one cell that declares it',
      });
    }
  }
  const cycle = findCycle(cells);
  if (cycle) {
    const edges = collectEdges(cells);
    const index = new Map(cells.map((c, i) => [c.id, i]));
    const steps = cycle.map((id, k) => {
      const next = cycle[(k + 1) % cycle.length]!;
      const names = edges[index.get(id)!]!.get(next) ?? [];
      return `${id} reads ${names.map((n) => `\`${n}\``).join(', ')} from ${next}`;
    });
    for (const cellId of cycle) {
      problems.push({
        cellId,
        kind: 'cycle',
        message: `This cell is in a cycle: ${steps.join('; ')}. Move a declaration so that names flow one way`,
      });
    }
  }
  return problems;
}

/** Name -> indexes of the cells declaring it, in notebook order. */
function indexDeclarers(cells: readonly GraphCell[]): Map<string, number[]> {
  const declarers = new Map<string, number[]>();
  cells.forEach((cell, i) => {
    for (const name of new Set(cell.declarations)) {
      const list = declarers.get(name) ?? [];
      list.push(i);
      declarers.set(name, list);
    }
  });
  return declarers;
}

function isSharedImport(cells: readonly GraphCell[], name: string, indexes: number[]): boolean {
  const keys = indexes.map((i) => {
    const binding = cells[i]!.imports?.find((b) => b.local === name);
    return binding ? `${binding.specifier}\u0000${binding.imported}` : null;
  });
  return keys.every((key) => key !== null && key === keys[0]);
}

/** Per cell (by index): dependency cell id -> the names read from it. */
function collectEdges(cells: readonly GraphCell[]): Array<Map<string, string[]>> {
  const declarers = indexDeclarers(cells);
  return cells.map((cell, i) => {
    const edges = new Map<string, string[]>();
    for (const name of cell.references) {
      const indexes = (declarers.get(name) ?? []).filter((j) => j !== i);
      if (indexes.length === 0) continue;
      let sources = indexes;
      if (indexes.length > 1 && isSharedImport(cells, name, indexes)) {
        const above = indexes.filter((j) => j < i);
        sources = [above.length > 0 ? above[above.length - 1]! : indexes[0]!];
      }
      for (const j of sources) {
        const id = cells[j]!.id;
        edges.set(id, [...(edges.get(id) ?? []), name]);
      }
    }
    return edges;
  });
}

function requireIds(cells: readonly GraphCell[], ids: readonly string[]): void {
  const known = new Set(cells.map((c) => c.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new CellGraphError('unknown-cell', unknown, `No cell with id ${unknown.join(', ')} in this notebook. Use one of ${[...known].join(', ')}`);
  }
}

/** Everything reachable from `start` through `next`, `start` included. */
function collectReachable(start: readonly string[], next: (id: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>(start);
  const queue = [...start];
  while (queue.length > 0) {
    for (const id of next(queue.pop()!)) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

/**
 * Kahn's algorithm restricted to `ids`, always taking the earliest ready cell in notebook order
 * (a notebook has tens of cells, so the quadratic scan is fine). Cells in a cycle end up in `stuck`.
 */
function orderTopologically(cells: readonly GraphCell[], ids: ReadonlySet<string>): { order: string[]; stuck: string[] } {
  const deps = dependencies(cells);
  const pending = cells.filter((c) => ids.has(c.id)).map((c) => c.id);
  const done = new Set<string>();
  const order: string[] = [];
  for (;;) {
    const ready = pending.find((id) => !done.has(id) && [...deps.get(id)!].every((dep) => done.has(dep) || !ids.has(dep)));
    if (ready === undefined) break;
    done.add(ready);
    order.push(ready);
  }
  return { order, stuck: pending.filter((id) => !done.has(id)) };
}
