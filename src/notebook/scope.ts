/**
 * Scope analysis of a cell's JavaScript: the names it declares at top level and the free names it
 * reads. This is what lets cells share variables the way a learner expects (DESIGN §3.2): a cell
 * becomes a function of its free names that returns its top-level declarations.
 */
import type * as acorn from 'acorn';
import * as walk from 'acorn-walk';

/** What a program declares at top level and which free names it reads. */
export interface ScopeAnalysis {
  /** Top-level names (const/let/var, also `var` nested in blocks, function, class, import), in source order. */
  declarations: string[];
  /** For each of `declarations`, the offset in the program text of the identifier that declares it. */
  declarationOffsets: number[];
  /** Free names read or written anywhere, sorted and unique; globals such as `Math` included. */
  references: string[];
}

type Scopes = Map<acorn.Node, Set<string>>;
type Ancestors = acorn.AnyNode[];

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Analyses a program parsed by acorn (with `sourceType: 'module'`). */
export function analyzeScopes(program: acorn.Program): ScopeAnalysis {
  const scopes: Scopes = new Map();
  const topLevel: string[] = [];
  const topLevelOffsets: number[] = [];
  /** Declares names in a scope; `at` is each name's identifier offset (for top-level positions). */
  const declare = (scope: acorn.Node, names: string[], at: number[] = []): void => {
    let set = scopes.get(scope);
    if (!set) {
      set = new Set();
      scopes.set(scope, set);
    }
    names.forEach((name, k) => {
      set.add(name);
      if (scope === program && !topLevel.includes(name)) {
        topLevel.push(name);
        topLevelOffsets.push(at[k] ?? scope.start);
      }
    });
  };
  const declareIdentifiers = (scope: acorn.Node, ids: acorn.Identifier[]): void =>
    declare(
      scope,
      ids.map((id) => id.name),
      ids.map((id) => id.start),
    );
  walk.ancestor(program, {
    VariableDeclaration(node, _state, ancestors) {
      const scope = node.kind === 'var' ? findFunctionScope(ancestors) : findBlockScope(ancestors, ancestors.length - 2);
      declareIdentifiers(
        scope,
        node.declarations.flatMap((d) => listPatternIdentifiers(d.id)),
      );
    },
    Function(node, _state, ancestors) {
      const names = node.params.flatMap(listPatternIdentifiers).map((id) => id.name);
      // `arguments` is implicitly bound in every non-arrow function.
      if (node.type !== 'ArrowFunctionExpression') names.push('arguments');
      if (node.type === 'FunctionExpression' && node.id) names.push(node.id.name);
      declare(node, names);
      if (node.type === 'FunctionDeclaration' && node.id) {
        declareIdentifiers(findBlockScope(ancestors, ancestors.length - 2), [node.id]);
      }
    },
    Class(node, _state, ancestors) {
      if (!node.id) return;
      if (node.type === 'ClassDeclaration') declareIdentifiers(findBlockScope(ancestors, ancestors.length - 2), [node.id]);
      else declare(node, [node.id.name]);
    },
    CatchClause(node) {
      if (node.param) declareIdentifiers(node, listPatternIdentifiers(node.param));
    },
    ImportDeclaration(node) {
      declareIdentifiers(
        program,
        node.specifiers.map((s) => s.local),
      );
    },
  });

  const references = new Set<string>();
  const visitIdentifier = (node: acorn.Identifier, _state: unknown, ancestors: Ancestors): void => {
    for (let k = ancestors.length - 1; k >= 0; k -= 1) {
      if (scopes.get(ancestors[k]!)?.has(node.name)) return;
    }
    references.add(node.name);
  };
  // Identifiers in binding or assignment position are visited as the pseudo-type `VariablePattern`,
  // which acorn-walk's typings do not list.
  const visitors = { Identifier: visitIdentifier, VariablePattern: visitIdentifier };
  walk.ancestor(program, visitors as walk.AncestorVisitors<unknown>);
  return { declarations: topLevel, declarationOffsets: topLevelOffsets, references: [...references].sort() };
}

/** Identifiers bound by a declaration pattern (`a`, `{ a, b: [c, ...d] }`, `e = 1`). */
function listPatternIdentifiers(pattern: acorn.Pattern): acorn.Identifier[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => listPatternIdentifiers(p.type === 'Property' ? p.value : p.argument));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? listPatternIdentifiers(e) : []));
    case 'RestElement':
      return listPatternIdentifiers(pattern.argument);
    case 'AssignmentPattern':
      return listPatternIdentifiers(pattern.left);
    default:
      return [];
  }
}

/** The scope `var` declarations land in: the nearest enclosing function, else the program. */
function findFunctionScope(ancestors: Ancestors): acorn.AnyNode {
  for (let k = ancestors.length - 1; k >= 0; k -= 1) {
    if (FUNCTION_TYPES.has(ancestors[k]!.type)) return ancestors[k]!;
  }
  return ancestors[0]!;
}

/**
 * The scope of a lexical declaration whose parent is `ancestors[index]`: that block, `for`
 * statement or program, skipping wrappers (a `case`, an `export`) that do not make a scope.
 */
function findBlockScope(ancestors: Ancestors, index: number): acorn.AnyNode {
  let k = index;
  while (k > 0) {
    const type = ancestors[k]!.type;
    if (type !== 'SwitchCase' && type !== 'ExportNamedDeclaration' && type !== 'ExportDefaultDeclaration') break;
    k -= 1;
  }
  return ancestors[Math.max(k, 0)]!;
}
