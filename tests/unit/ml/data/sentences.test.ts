import { describe, expect, it } from 'vitest';
import { findDuplicates, loadSentences, parseSentences, parseTextCsv, readLabelledTexts } from '../../../../src/ml/index';
import { expectMlError } from '../../helpers/errors';

describe('parseSentences (UCI format)', () => {
  it('splits on the last tab and keeps quotes as part of the sentence', () => {
    const r = parseSentences('He said "wow"\tnot a tab\t1\nBad.\t0\n');
    expect(r.rows).toEqual([
      { text: 'He said "wow"\tnot a tab', label: 1, line: 1 },
      { text: 'Bad.', label: 0, line: 2 },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.lines).toBe(2);
  });

  it('reports every line it cannot read by its file line, and counts blank lines', () => {
    const text = ['Good.\t1', 'no tab here', '', 'Meh.\t2', '\t1', 'Fine.\t0'].join('\r\n');
    const r = parseSentences(text, { name: 'mine.txt' });
    expect(r.rows.map((x) => x.line)).toEqual([1, 6]);
    expect(r.errors).toEqual([
      { line: 2, content: 'no tab here', reason: 'no tab: expected sentence<TAB>label' },
      { line: 4, content: 'Meh.\t2', reason: "label '2' is not 0 or 1" },
      { line: 5, content: '\t1', reason: 'empty sentence' },
    ]);
    expect(r.blankLines).toBe(1);
    expect(r.rows.length + r.errors.length + r.blankLines).toBe(r.lines);
    expect(r.summary).toBe(
      'mine.txt: 6 lines, read 2 (1 positive, 1 negative), skipped 3 (listed by line), 1 blank. Format: sentence<TAB>label; labels 0 → 0, 1 → 1.',
    );
  });

  it('skips a header line', () => {
    const r = parseSentences('sentence\tlabel\nOk.\t1');
    expect(r.rows).toEqual([{ text: 'Ok.', label: 1, line: 2 }]);
    expect(r.errors).toEqual([]);
  });

  it('counts CR-only line ends and drops a byte-order mark', () => {
    const r = parseSentences('\uFEFFGood.\t1\rBad.\t0\r\r');
    expect(r.rows).toEqual([
      { text: 'Good.', label: 1, line: 1 },
      { text: 'Bad.', label: 0, line: 2 },
    ]);
    expect([r.lines, r.blankLines]).toEqual([3, 1]);
  });

  it('does not let an unbalanced quote swallow the following lines', () => {
    const lines = ['"Best phone ever.\t1', ...Array.from({ length: 998 }, (_, i) => `Sentence ${i}.\t${i % 2}`), 'Last one.\t0'];
    const r = parseSentences(lines.join('\n'));
    expect(r.rows.length).toBe(1000);
    expect(r.rows[0].text).toBe('"Best phone ever.');
  });
});

describe('parseTextCsv', () => {
  it('reads quoted texts with commas, doubled quotes and line breaks, with the line each row starts on', () => {
    const csv = 'text,label\n"Great, really ""great"" phone",1\n"Two\nlines",0\nPlain,1\n';
    const r = parseTextCsv(csv);
    expect(r.rows).toEqual([
      { text: 'Great, really "great" phone', label: 1, line: 2 },
      { text: 'Two\nlines', label: 0, line: 3 },
      { text: 'Plain', label: 1, line: 5 },
    ]);
  });

  it('keeps unquoted commas as text when the file has a text and a label column', () => {
    const r = parseTextCsv('review,sentiment\nGreat phone, works well, love it,positive\nAwful,negative');
    expect(r.rows.map((x) => [x.text, x.label])).toEqual([
      ['Great phone, works well, love it', 1],
      ['Awful', 0],
    ]);
    expect(r.labelMapping).toBe('negative → 0, positive → 1');
  });

  it('maps 1–5 stars with 3 left out, and says so', () => {
    const r = parseTextCsv('stars;comment\n5;Love it\n3;It is ok\n1;Broke\n4;Good\n7;What\n');
    expect(r.rows.map((x) => [x.text, x.label])).toEqual([
      ['Love it', 1],
      ['Broke', 0],
      ['Good', 1],
    ]);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, '3 stars: neither positive nor negative, left out'],
      [6, "rating '7' is not a whole number of stars from 1 to 5"],
    ]);
    expect(r.labelMapping).toMatch(/^1–2 stars → 0/);
  });

  it('reports a quote that never closes on its own line and reads on from the next', () => {
    const lines = ['text,label', 'fine,1', '"broken start,0', ...Array.from({ length: 20 }, (_, i) => `row ${i},${i % 2}`)];
    const r = parseTextCsv(lines.join('\n'));
    expect(r.errors).toEqual([{ line: 3, content: '"broken start,0', reason: 'a quote opened on this line never closes; read on from the next line' }]);
    expect(r.rows.length).toBe(21);
    expect(r.rows[r.rows.length - 1].line).toBe(23);
  });

  it('does not let a runaway quote end at the opening quote of a later field', () => {
    const lines = ['text,label', '"runaway start,0', 'plain,1', '"a, quoted",0', 'after,1'];
    const r = parseTextCsv(lines.join('\n'));
    expect(r.errors.map((e) => e.line)).toEqual([2]);
    expect(r.rows.map((x) => [x.text, x.line])).toEqual([
      ['plain', 3],
      ['a, quoted', 4],
      ['after', 5],
    ]);
  });

  it('keeps 0/1 labels when one bad line holds another number (a stray 2 is not a star rating)', () => {
    const r = parseTextCsv('text,label\ngood,1\nbad,0\nodd,2\nfine,1\n');
    expect(r.labelMapping).toBe('0 → 0, 1 → 1');
    expect(r.errors).toEqual([{ line: 4, content: 'odd,2', reason: "label '2' is not 0 or 1" }]);
  });

  it('names rows with the wrong number of fields and bad labels', () => {
    const r = parseTextCsv('id,text,label\n1,good,1\n2,bad\n3,ok,maybe\n');
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'has 2 fields but the header has 3'],
      [4, "label 'maybe' is not 0 or 1"],
    ]);
  });

  it('counts lines with CR-only line ends and a BOM, quotes a bad record with all its lines, and counts blank lines', () => {
    const r = parseTextCsv('\uFEFF\rtext;label\r"Two\r\rlines";7\r\rok;1\rno;0\r');
    expect(r.rows).toEqual([
      { text: 'ok', label: 1, line: 7 },
      { text: 'no', label: 0, line: 8 },
    ]);
    expect(r.errors).toEqual([{ line: 3, content: '"Two\n\nlines";7', reason: "label '7' is not 0 or 1" }]);
    expect(r.lines).toBe(8);
    expect(r.blankLines).toBe(2);
  });

  it('keeps the quotes of a field with text after its closing quote, as the CSV reader does', () => {
    const r = parseTextCsv('text,label\n"So" good,1\nbad,0\n');
    expect(r.rows.map((x) => x.text)).toEqual(['"So" good', 'bad']);
    expect(r.errors).toEqual([]);
  });

  it('rejects a file without two columns', () => {
    expectMlError(() => parseTextCsv('text\nhello'), 'csv-schema', /one column/);
    expectMlError(() => parseTextCsv('\n\n'), 'empty-data');
  });
});

describe('readLabelledTexts', () => {
  it('recognises the UCI format and CSV', () => {
    expect(readLabelledTexts('Good, really.\t1\nBad.\t0').format).toBe('uci');
    expect(readLabelledTexts('text,label\nGood,1').format).toBe('csv');
    expect(readLabelledTexts('Good\t1', { format: 'csv' }).format).toBe('csv');
  });
});

describe('findDuplicates', () => {
  it('groups exact and near duplicates, first occurrence first', () => {
    const groups = findDuplicates(['Great phone!', 'Bad.', 'great  phone.', 'Bad.', 'Other']);
    expect(groups).toEqual([
      { key: 'great phone', indices: [0, 2], exact: false },
      { key: 'bad', indices: [1, 3], exact: true },
    ]);
  });
});

describe('loadSentences', () => {
  it('loads the 1,000 Amazon sentences, 500 of each class, every line read', async () => {
    const amazon = await loadSentences('amazon');
    expect(amazon.rows.length).toBe(1000);
    expect(amazon.errors).toEqual([]);
    expect(amazon.labels.filter((y) => y === 1).length).toBe(500);
    expect(amazon.texts[0]).toBe('So there is no way for me to plug it in here in the US unless I go by a converter.');
    expect(amazon.labels[0]).toBe(0);
  });

  it('loads the Yelp sentences, with 4 exact duplicate lines (as the file has them)', async () => {
    const yelp = await loadSentences('yelp');
    expect(yelp.rows.length).toBe(1000);
    const exactExtra = findDuplicates(yelp.texts)
      .filter((g) => g.exact)
      .reduce((s, g) => s + g.indices.length - 1, 0);
    expect(exactExtra).toBeGreaterThanOrEqual(4);
  });
});
