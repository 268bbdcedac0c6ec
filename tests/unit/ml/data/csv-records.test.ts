import { describe, expect, it } from 'vitest';
import {
  QUOTE_NEVER_CLOSED,
  TEXT_AFTER_QUOTE,
  detectDelimiter,
  readCsvRecords,
  splitLines,
  withoutBom,
  type CsvRecord,
} from '../../../../src/ml/data/csv-records';

function read(text: string, delimiter = ',', quoteChar?: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  readCsvRecords(text, { delimiter, quoteChar }, (r) => out.push(r));
  return out;
}

describe('splitLines', () => {
  it('splits on CRLF, LF and CR alone, without a trailing empty line', () => {
    expect(splitLines('a\r\nb\nc\rd\r')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
  });
});

describe('withoutBom', () => {
  it('drops a leading byte-order mark and nothing else', () => {
    expect(withoutBom('\uFEFFuser,item')).toBe('user,item');
    expect(withoutBom('user,\uFEFFitem')).toBe('user,\uFEFFitem');
    expect(withoutBom('')).toBe('');
  });
});

describe('detectDelimiter', () => {
  it('guesses from many lines, so a first sentence with commas does not make a tab file comma-separated', () => {
    const text = 'Great phone, good battery, fast charging\t1\nBad\t0\nOkay I guess\t1\nNot, really\t0\n';
    expect(detectDelimiter(text)).toBe('\t');
  });

  it('prefers the separator that every line has the same number of, over decimal commas', () => {
    expect(detectDelimiter('amount;v1;label\n1,5;-0,25;0\n2,75;3,5;1\n')).toBe(';');
  });

  it('ignores delimiters inside quotes and falls back to a comma for one column', () => {
    expect(detectDelimiter('text,label\n"a; b; c",1\n"d; e",0\n')).toBe(',');
    expect(detectDelimiter('just\nwords\n')).toBe(',');
  });
});

describe('readCsvRecords', () => {
  it('numbers records by the file line they start on, with CR-only line ends and blank lines', () => {
    const records = read('a,b\r1,2\r\r3,4\r');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', '4']],
    ]);
  });

  it("keeps a quoted field that spans lines when the record has the header's field count", () => {
    const records = read('text,label\n"two\nlines",0\nnext,1\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['text', 'label']],
      [2, ['two\nlines', '0']],
      [4, ['next', '1']],
    ]);
  });

  it('does not let an unbalanced quote in a tab-separated file swallow the lines after it', () => {
    const lines = ['text\tlabel', '"Great phone\t1', ...Array.from({ length: 20 }, (_, i) => `sentence ${i}\t${i % 2}`)];
    const records = read(lines.join('\n'), '\t');
    expect(records).toHaveLength(22);
    expect(records[1]).toEqual({ fields: ['"Great phone', '1'], line: 2, literal: true, problem: 'has a quote (") that is never closed' });
    expect(records[21]).toEqual({ fields: ['sentence 19', '1'], line: 22 });
  });

  it('reports a line whose quote is never closed and whose literal reading has the wrong field count', () => {
    const records = read('a,b\n"x,1,2\n3,4\n');
    expect(records[1]).toEqual({ fields: ['"x', '1', '2'], line: 2, problem: 'has a quote (") that is never closed' });
    expect(records[2]).toEqual({ fields: ['3', '4'], line: 3 });
  });

  it('re-reads a record with text after a closing quote literally', () => {
    const records = read('a,b\n"x"y,1\n');
    expect(records[1]).toEqual({ fields: ['"x"y', '1'], line: 2, literal: true, problem: 'has text after a closing quote (")' });
  });

  it('reads quotes literally when quoteChar is empty', () => {
    expect(read('"a\t1\n"b"\t0\n', '\t', '').map((r) => r.fields)).toEqual([
      ['"a', '1'],
      ['"b"', '0'],
    ]);
  });

  it('unescapes doubled quotes', () => {
    expect(read('"say ""hi""",1\n')[0].fields).toEqual(['say "hi"', '1']);
  });

  it('names its two problems by exported constants, so callers can tell them apart', () => {
    expect(read('a,b\n"x,1\n')[1].problem).toBe(QUOTE_NEVER_CLOSED);
    expect(read('a,b\n"x"y,1\n')[1].problem).toBe(TEXT_AFTER_QUOTE);
  });

  it('splits on an explicitly given delimiter, and numbers records from line 1 without a header', () => {
    const records = read('1|Toy Story (1995)|0|1\n\n2|"Quoted" title|1|0\n', '|', '');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['1', 'Toy Story (1995)', '0', '1']],
      [3, ['2', '"Quoted" title', '1', '0']],
    ]);
  });
});
