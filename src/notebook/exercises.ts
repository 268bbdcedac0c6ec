/**
 * Finds the exercises a cell declares without running it: every `exercise({ id: '…', … })` call,
 * read from the cell's tokens, so the table of contents and the home page can say "N of M
 * exercises" before anything ran. A small tokenizer (strings, template literals, comments and
 * regular expressions skipped as JavaScript does) rather than the full TypeScript compile: it runs
 * on the home page for every notebook, where loading sucrase and acorn would triple the JavaScript.
 * Calls it cannot read statically (an id held in a variable) are not counted.
 */

type Token = { kind: 'name' | 'punct'; value: string } | { kind: 'string'; value: string } | { kind: 'template' };

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** Splits JavaScript or TypeScript source into the tokens the exercise search needs. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  /** Open brackets; `t` marks a `${` whose `}` resumes a template literal. */
  const stack: string[] = [];
  let i = 0;
  const n = source.length;
  const regexAllowed = (): boolean => {
    const last = tokens.at(-1);
    if (!last) return true;
    if (last.kind === 'string' || last.kind === 'template') return false;
    if (last.kind === 'name') return BEFORE_REGEX.has(last.value);
    return !(last.value === ')' || last.value === ']' || last.value === '}');
  };
  /** Scans template text from `i` (after a backtick or a closing `}`); true when it ended at a `${`. */
  const scanTemplate = (): { text: string; open: boolean } => {
    let text = '';
    while (i < n) {
      const c = source[i];
      if (c === '\\') {
        text += source[i + 1] ?? '';
        i += 2;
      } else if (c === '`') {
        i++;
        return { text, open: false };
      } else if (c === '$' && source[i + 1] === '{') {
        i += 2;
        return { text, open: true };
      } else {
        text += c;
        i++;
      }
    }
    return { text, open: false };
  };
  while (i < n) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      let value = '';
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') i++;
        value += source[i] ?? '';
        i++;
      }
      i++;
      tokens.push({ kind: 'string', value });
    } else if (c === '`') {
      i++;
      const part = scanTemplate();
      if (part.open) {
        stack.push('t');
        tokens.push({ kind: 'template' });
      } else tokens.push({ kind: 'string', value: part.text });
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      while (i < n && source[i] !== '\n' && (inClass || source[i] !== '/')) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        i++;
      }
      i++;
      while (i < n && /\w/.test(source[i])) i++;
      tokens.push({ kind: 'string', value: '' });
    } else if (/[\p{L}_$]/u.test(c)) {
      const start = i;
      while (i < n && /[\p{L}\p{N}_$]/u.test(source[i])) i++;
      tokens.push({ kind: 'name', value: source.slice(start, i) });
    } else if (/\d/.test(c)) {
      while (i < n && /[\w.]/.test(source[i])) i++;
      tokens.push({ kind: 'string', value: '' });
    } else if (c === '}' && stack.at(-1) === 't') {
      stack.pop();
      i++;
      const part = scanTemplate();
      if (part.open) stack.push('t');
    } else {
      if (c === '{' || c === '(' || c === '[') stack.push(c);
      else if (c === '}' || c === ')' || c === ']') stack.pop();
      tokens.push({ kind: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

const OPEN = new Set(['(', '{', '[']);
const CLOSE = new Set([')', '}', ']']);

/** An exercise found in a cell's text: its id and, when written as a literal, its title. */
export interface ExerciseRef {
  id: string;
  title?: string;
}

/** The ids of the `exercise({ id: '…' })` calls in `source`, in order (see `findExercises`). */
export function findExerciseIds(source: string): string[] {
  return findExercises(source).map((e) => e.id);
}

/**
 * The `exercise({ id: '…', title: '…' })` calls in `source`, in order. Only a direct call of the
 * global counts (not `x.exercise(…)`, not a declaration), and only keys of the object itself,
 * written as string literals.
 */
export function findExercises(source: string): ExerciseRef[] {
  const tokens = tokenize(source);
  const found: ExerciseRef[] = [];
  for (let k = 0; k + 2 < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'name' || t.value !== 'exercise') continue;
    const before = tokens[k - 1];
    if (before?.kind === 'punct' && before.value === '.') continue;
    if (before?.kind === 'name' && ['function', 'const', 'let', 'var', 'class'].includes(before.value)) continue;
    if (!isPunct(tokens[k + 1], '(') || !isPunct(tokens[k + 2], '{')) continue;
    const keys = objectKeys(tokens, k + 2);
    if (keys.id) found.push(keys.title ? { id: keys.id, title: keys.title } : { id: keys.id });
  }
  return found;
}

/** Reads the string-literal `id` and `title` entries of the object literal whose `{` is at `open`. */
function objectKeys(tokens: Token[], open: number): { id?: string; title?: string } {
  const keys: { id?: string; title?: string } = {};
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct' && OPEN.has(t.value)) depth++;
    else if (t.kind === 'punct' && CLOSE.has(t.value)) {
      if (--depth === 0) break;
    } else if (depth === 1 && (isKey(t, 'id') || isKey(t, 'title')) && isPunct(tokens[k + 1], ':')) {
      const prev = tokens[k - 1];
      const value = tokens[k + 2];
      const next = tokens[k + 3];
      const whole = isPunct(next, ',') || isPunct(next, '}');
      if ((isPunct(prev, '{') || isPunct(prev, ',')) && value?.kind === 'string' && value.value && whole)
        keys[(t as { value: 'id' | 'title' }).value] ??= value.value;
    }
  }
  return keys;
}

function isPunct(t: Token | undefined, value: string): boolean {
  return t?.kind === 'punct' && t.value === value;
}

function isKey(t: Token, name: string): boolean {
  return (t.kind === 'name' || t.kind === 'string') && t.value === name;
}
