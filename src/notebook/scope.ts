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
  const declare = (scope: acorn.Node, names: string[]): void => {
    let set = scopes.get(scope);
    if (!set) {
      set = new Set();
      scopes.set(scope, set);
    }
    for (const name of names) {
      set.add(name);
      if (scope === program && !topLevel.includes(name)) topLevel.push(name);
    }
  };
  walk.ancestor(program, {
    VariableDeclaration(node, _state, ancestors) {
      const scope = node.kind === 'var' ? findFunctionScope(ancestors) : findBlockScope(ancestors, ancestors.length - 2);
      declare(scope, node.declarations.flatMap((d) => listPatternNames(d.id)));
    },
    Function(node, _state, ancestors) {
      const names = node.params.flatMap(listPatternNames);
      // `arguments` is implicitly bound in every non-arrow function.
      if (node.type !== 'ArrowFunctionExpression') names.push('arguments');
      if (node.type === 'FunctionExpression' && node.id) names.push(node.id.name);
      declare(node, names);
      if (node.type === 'FunctionDeclaration' && node.id) {
        declare(findBlockScope(ancestors, ancestors.length - 2), [node.id.name]);
      }
    },
    Class(node, _state, ancestors) {
      if (!node.id) return;
      if (node.type === 'ClassDeclaration') declare(findBlockScope(ancestors, ancestors.length - 2), [node.id.name]);
      else declare(node, [node.id.name]);
    },
    CatchClause(node) {
      if (node.param) declare(node, listPatternNames(node.param));
    },
    ImportDeclaration(node) {
      declare(
        program,
        node.specifiers.map((s) => s.local.name),
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
  return { declarations: topLevel, references: [...references].sort() };
}

/** Names bound by a declaration pattern (`a`, `{ a, b: [c, ...d] }`, `e = 1`). */
function listPatternNames(pattern: acorn.Pattern): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => listPatternNames(p.type === 'Property' ? p.value : p.argument));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? listPatternNames(e) : []));
    case 'RestElement':
      return listPatternNames(pattern.argument);
    case 'AssignmentPattern':
      return listPatternNames(pattern.left);
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
