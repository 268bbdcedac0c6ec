/**
 * Golden-file tests for the notebook parser: every tests/fixtures/notebooks/input/*.md has its
 * expected parse (or error) in output/*.json. After a deliberate format change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/notebook/parse.test.ts` and review the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotebookParseError } from '../../../src/notebook/errors';
import { parseNotebook } from '../../../src/notebook/parse';
import type { Notebook } from '../../../src/notebook/types';

const FIXTURES = join(__dirname, '../../fixtures/notebooks');
const INPUTS = readdirSync(join(FIXTURES, 'input'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function parseOrError(fileName: string): unknown {
  const text = readFileSync(join(FIXTURES, 'input', fileName), 'utf8');
  try {
    return parseNotebook(text, fileName);
  } catch (error) {
    if (!(error instanceof NotebookParseError)) throw error;
    return { error: { name: error.name, message: error.message, line: error.line, column: error.column } };
  }
}

function parseFixture(source: string): Notebook {
  return parseNotebook(source, 'test.md');
}

describe('parseNotebook golden files', () => {
  it('has fixtures to check', () => {
    expect(INPUTS.length).toBeGreaterThanOrEqual(12);
  });

  for (const fileName of INPUTS) {
    it(`parses ${fileName} as recorded`, () => {
      const actual = parseOrError(fileName);
      const outputPath = join(FIXTURES, 'output', fileName.replace(/\.md$/, '.json'));
      if (UPDATE) writeFileSync(outputPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(outputPath, 'utf8')));
    });
  }
});

describe('parseNotebook', () => {
  const head = '---\ntitle: T\n---\n';

  it('reads front matter fields with their types', () => {
    const nb = parseFixture('---\nid: x\ntitle: "A: b"\nsummary: s\norder: 3\ntags: [a, b]\n---\n');
    expect(nb.meta).toEqual({ id: 'x', title: 'A: b', summary: 's', order: 3, tags: ['a', 'b'] });
  });

  it('defaults the id to the file name without directory or extension', () => {
    expect(parseNotebook(head, 'notebooks/fraud-detection.md').meta.id).toBe('fraud-detection');
  });

  it('turns a ts fence into a code cell with its first code line recorded', () => {
    const nb = parseFixture(`${head}\nText\n\n\`\`\`ts\nlet a = 1;\n\`\`\`\n`);
    expect(nb.cells).toEqual([
      { kind: 'markdown', id: 'md-1', source: 'Text' },
      { kind: 'code', id: 'cell-1', source: 'let a = 1;', flags: {}, line: 8 },
    ]);
  });

  it('numbers code cells without id= by their position among code cells', () => {
    const nb = parseFixture(`${head}\`\`\`ts id=first\n\`\`\`\n\`\`\`ts\n\`\`\`\n`);
    expect(nb.cells.map((c) => c.id)).toEqual(['first', 'cell-2']);
  });

  it('keeps blank lines inside a code cell', () => {
    const nb = parseFixture(`${head}\`\`\`ts\n\na;\n\n\`\`\`\n`);
    expect(nb.cells[0]?.source).toBe('\na;\n');
  });

  it('drops prose that is only blank lines between code cells', () => {
    const nb = parseFixture(`${head}\n\n\`\`\`ts\n\`\`\`\n   \n\n\`\`\`ts\n\`\`\`\n\n`);
    expect(nb.cells.map((c) => c.kind)).toEqual(['code', 'code']);
  });

  it('treats a longer closing fence as closing and a shorter one as content', () => {
    const nb = parseFixture(`${head}\`\`\`\`ts\n\`\`\`\nx;\n\`\`\`\`\`\n`);
    expect(nb.cells[0]?.source).toBe('```\nx;');
  });

  it('does not close a backtick fence with tildes', () => {
    const nb = parseFixture(`${head}\`\`\`ts\n~~~\n\`\`\`\n`);
    expect(nb.cells[0]?.source).toBe('~~~');
  });

  it('accepts the typescript info string in any case', () => {
    const nb = parseFixture(`${head}\`\`\`TypeScript\n\`\`\`\n`);
    expect(nb.cells[0]?.kind).toBe('code');
  });

  it('strips a byte order mark', () => {
    expect(parseFixture(`\uFEFF${head}`).meta.title).toBe('T');
  });

  it('reports an unclosed fence at the opening fence', () => {
    expect(() => parseFixture(`${head}\n\`\`\`ts\nx;\n`)).toThrow(/^test\.md:5:1: Unclosed code fence ```\./);
  });

  it('rejects a markdown-looking cell id that would clash', () => {
    expect(() => parseFixture(`${head}Prose\n\n\`\`\`ts id=md-1\n\`\`\`\n`)).toThrow(/md-1/);
  });

  it('rejects a cell id with characters that cannot go in a URL', () => {
    expect(() => parseFixture(`${head}\`\`\`ts id=a/b\n\`\`\`\n`)).toThrow(/^test\.md:4:7: Bad cell id `a\/b`/);
  });

  it('rejects unknown front matter keys so typos are caught', () => {
    expect(() => parseFixture('---\ntitle: T\ntittle: U\n---\n')).toThrow(/^test\.md:3:1: Unknown front matter key `tittle`/);
  });

  it('rejects a file without front matter as missing a title', () => {
    expect(() => parseFixture('# Just prose\n')).toThrow(/^test\.md:1:1: Missing front matter with a title/);
  });

  it('names the file as <notebook> when no file name is given', () => {
    expect(() => parseNotebook('---\nid: x\n---\n')).toThrow(/^<notebook>:/);
  });
});
