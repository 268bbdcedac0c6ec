import { describe, expect, it } from 'vitest';
import { formatFrontMatter, parseFrontMatter, type FrontMatterValue } from '../../../src/notebook/front-matter';

function values(lines: string[]): Record<string, FrontMatterValue> {
  return Object.fromEntries(parseFrontMatter(lines, 2, 'f.md').map((e) => [e.key, e.value]));
}

function errorOf(lines: string[]): string {
  try {
    parseFrontMatter(lines, 2, 'f.md');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseFrontMatter', () => {
  it('reads plain strings and keeps colons inside them', () => {
    expect(values(['title: Fraud: the whole job'])).toEqual({ title: 'Fraud: the whole job' });
  });

  it('reads integers, decimals and exponents as numbers', () => {
    expect(values(['a: 3', 'b: -2.5', 'c: 1e3'])).toEqual({ a: 3, b: -2.5, c: 1000 });
  });

  it('reads double-quoted strings with escapes', () => {
    expect(values(['t: "say \\"hi\\"\\n"'])).toEqual({ t: 'say "hi"\n' });
  });

  it("reads single-quoted strings with '' as a quote", () => {
    expect(values(["t: 'it''s # here'"])).toEqual({ t: "it's # here" });
  });

  it('keeps a quoted number a string', () => {
    expect(values(['t: "42"'])).toEqual({ t: '42' });
  });

  it('drops a comment after whitespace but not a # inside a word', () => {
    expect(values(['t: C# basics # comment'])).toEqual({ t: 'C# basics' });
  });

  it('reads inline lists with quoted and plain items', () => {
    expect(values(['tags: [a, "b, c", 3, \'d\']'])).toEqual({ tags: ['a', 'b, c', 3, 'd'] });
  });

  it('reads an empty inline list', () => {
    expect(values(['tags: [ ]'])).toEqual({ tags: [] });
  });

  it('reads block lists, skipping blank and comment lines', () => {
    expect(values(['tags:', '  - one', '', '  # note', '  - "two"', 'order: 1'])).toEqual({
      tags: ['one', 'two'],
      order: 1,
    });
  });

  it('reads a key with nothing after it as an empty string', () => {
    expect(values(['summary:', 'order: 1'])).toEqual({ summary: '', order: 1 });
  });

  it('records the 1-based line and column of each value', () => {
    const [entry] = parseFrontMatter(['', 'order:   5'], 2, 'f.md');
    expect(entry).toMatchObject({ key: 'order', line: 3, column: 10 });
  });

  it('points at a line that is not key: value', () => {
    expect(errorOf(['title: ok', '  nested: no'])).toMatch(/^f\.md:3:3: Bad front matter line/);
  });

  it('points at an unclosed quote', () => {
    expect(errorOf(['title: "open'])).toMatch(/^f\.md:2:8: Unclosed double quote/);
  });

  it('points at an unclosed inline list', () => {
    expect(errorOf(['tags: [a, b'])).toMatch(/^f\.md:2:\d+: Unclosed list/);
  });

  it('rejects YAML beyond the subset, such as flow maps', () => {
    expect(errorOf(['t: {a: 1}'])).toMatch(/^f\.md:2:4: Unsupported YAML value/);
  });

  it('rejects a repeated key', () => {
    expect(errorOf(['t: a', 't: b'])).toMatch(/^f\.md:3:1: Duplicate front matter key `t`/);
  });
});

describe('formatFrontMatter', () => {
  it('writes safe strings plain and everything else JSON-quoted', () => {
    const lines = formatFrontMatter([
      ['a', 'plain words'],
      ['b', 'x: y'],
      ['c', '12'],
      ['d', 'true'],
      ['e', ''],
      ['f', '- dash'],
      ['g', 'line\nbreak'],
    ]);
    expect(lines).toEqual(['a: plain words', 'b: "x: y"', 'c: "12"', 'd: "true"', 'e: ""', 'f: "- dash"', 'g: "line\\nbreak"']);
  });

  it('writes lists inline, quoting items with commas or brackets', () => {
    expect(formatFrontMatter([['tags', ['a', 'b]', 'c,d', 2]]])).toEqual(['tags: [a, "b]", "c,d", 2]']);
  });

  it('reads back every value it writes', () => {
    const entries: Array<[string, FrontMatterValue]> = [
      ['a', ' padded '],
      ['b', 'it\'s "quoted" # not a comment'],
      ['c', 'ünïcödé — dash'],
      ['d', ['x y', '#tag', 'null']],
      ['e', -0.25],
    ];
    expect(values(formatFrontMatter(entries))).toEqual(Object.fromEntries(entries));
  });
});
