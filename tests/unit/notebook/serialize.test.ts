import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/notebook/parse';
import { serializeNotebook } from '../../../src/notebook/serialize';
import type { Cell, Notebook } from '../../../src/notebook/types';

const INPUT = join(__dirname, '../../fixtures/notebooks/input');
/** Fixtures already in canonical form: serialising their parse must give them back byte for byte. */
const CANONICAL = ['simple.md', 'flags.md', 'nested-fences.md', 'math-html.md'];

function parseFile(fileName: string): Notebook | null {
  try {
    return parseNotebook(readFileSync(join(INPUT, fileName), 'utf8'), fileName);
  } catch {
    return null;
  }
}

/** `line` is where a cell sits in one particular file, not part of its content. */
function withoutLines(nb: Notebook): Notebook {
  return { ...nb, cells: nb.cells.map((c): Cell => (c.kind === 'code' ? { ...c, line: undefined } : c)) };
}

function notebook(cells: Cell[]): Notebook {
  return { meta: { id: 'n', title: 'T', summary: '', order: 0, tags: [] }, cells };
}

describe('serializeNotebook round trip', () => {
  const parsed = readdirSync(INPUT)
    .filter((f) => f.endsWith('.md'))
    .map((f) => [f, parseFile(f)] as const)
    .filter((entry): entry is readonly [string, Notebook] => entry[1] !== null);

  it('has parseable fixtures to round-trip', () => {
    expect(parsed.map(([f]) => f)).toEqual(expect.arrayContaining([...CANONICAL, 'crlf.md']));
  });

  for (const [fileName, nb] of parsed) {
    it(`gives back the same notebook for ${fileName}`, () => {
      const again = parseNotebook(serializeNotebook(nb), fileName);
      expect(withoutLines(again)).toEqual(withoutLines(nb));
    });
  }

  for (const fileName of CANONICAL) {
    it(`writes canonical ${fileName} byte for byte`, () => {
      const text = readFileSync(join(INPUT, fileName), 'utf8');
      expect(serializeNotebook(parseNotebook(text, fileName))).toBe(text);
    });
  }
});

describe('serializeNotebook', () => {
  it('writes every front matter key in a fixed order, quoting only where needed', () => {
    const nb: Notebook = {
      meta: { id: 'x', title: 'Fraud: a case', summary: '42', order: 1, tags: ['a b', 'c,d'] },
      cells: [],
    };
    expect(serializeNotebook(nb)).toBe('---\nid: x\ntitle: "Fraud: a case"\nsummary: "42"\norder: 1\ntags: [a b, "c,d"]\n---\n');
  });

  it('always writes id= and the flags that are set', () => {
    const nb = notebook([{ kind: 'code', id: 'cell-1', source: 'a;', flags: { norun: true, hidden: false } }]);
    expect(serializeNotebook(nb)).toContain('\n```ts id=cell-1 norun\na;\n```\n');
  });

  it('picks a fence longer than any backtick run in the code', () => {
    const nb = notebook([{ kind: 'code', id: 'c', source: 'const s = `````;', flags: {} }]);
    expect(serializeNotebook(nb)).toContain('\n``````ts id=c\nconst s = `````;\n``````\n');
  });

  it('keeps a bare ts fence in prose from becoming a code cell', () => {
    const nb = notebook([{ kind: 'markdown', id: 'md-1', source: 'Example:\n```ts\nx;\n```' }]);
    const again = parseNotebook(serializeNotebook(nb));
    expect(again.cells.map((c) => c.kind)).toEqual(['markdown']);
  });

  it('closes an unclosed fence in prose so the file still parses', () => {
    const nb = notebook([
      { kind: 'markdown', id: 'md-1', source: '```js\nopen' },
      { kind: 'code', id: 'c', source: 'x;', flags: {} },
    ]);
    const again = parseNotebook(serializeNotebook(nb));
    expect(again.cells.map((c) => c.id)).toEqual(['md-1', 'c']);
  });

  it('leaves out prose cells that are only whitespace', () => {
    const nb = notebook([{ kind: 'markdown', id: 'md-1', source: '  \n' }]);
    expect(serializeNotebook(nb)).toBe('---\nid: n\ntitle: T\nsummary: ""\norder: 0\ntags: []\n---\n');
  });
});
