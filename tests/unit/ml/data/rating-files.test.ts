import { describe, expect, it } from 'vitest';
import { formatUData, parseRatingsFile, parseTitlesFile } from '../../../../src/ml/index';
import { errorCode } from '../../helpers/errors';

describe('parseRatingsFile', () => {
  it('reads u.data (tab-separated, no header)', () => {
    const f = parseRatingsFile('196\t242\t3\t881250949\n186\t302\t3\t891717742\n');
    expect(f.format).toBe('u.data');
    expect(f.rows).toEqual([
      { user: '196', item: '242', rating: 3, timestamp: 881250949 },
      { user: '186', item: '302', rating: 3, timestamp: 891717742 },
    ]);
    expect(f.errors).toEqual([]);
  });

  it('reads a ratings.csv with a header, in any column order', () => {
    const f = parseRatingsFile('userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n');
    expect(f.format).toBe('csv');
    expect(f.rows[1]).toEqual({ user: '1', item: '1029', rating: 3, timestamp: 1260759179 });
    expect(parseRatingsFile('rating,timestamp,movieId,userId\n4,10,7,8\n').rows[0]).toEqual({ user: '8', item: '7', rating: 4, timestamp: 10 });
  });

  it('names every bad line by its line number in the file', () => {
    const text = 'userId,movieId,rating,timestamp\n1,2,4,100\n1,3,abc,101\n\n1,4,5\n1,2,5,102\n2,5,4,-3\n';
    const f = parseRatingsFile(text, { name: 'r.csv' });
    expect(f.rows).toHaveLength(1);
    expect(f.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, "rating 'abc' is not a number"],
      [5, 'has 3 fields, expected 4 (as the header)'],
      [6, "repeats user 1's rating of item 2 (the first one is kept)"],
      [7, "timestamp '-3' is not a whole number of seconds"],
    ]);
    expect(f.summary).toContain('skipped 4 bad lines');
  });

  it('says which columns a header lacks, and refuses a file with no usable line', () => {
    expect(errorCode(() => parseRatingsFile('user,film,score\n1,2,3\n'))).toBe('csv-schema');
    expect(errorCode(() => parseRatingsFile('1\t2\n'))).toBe('csv-schema');
    expect(errorCode(() => parseRatingsFile('\n\n'))).toBe('empty-data');
  });

  it('counts CR-only and CRLF line ends alike, and quotes the bad line as it is in the file', () => {
    const f = parseRatingsFile('\uFEFFuserId,movieId,rating,timestamp\r1,2,4,100\r\r1,3,4.5\r2,3,11,104\r');
    expect(f.rows).toEqual([{ user: '1', item: '2', rating: 4, timestamp: 100 }]);
    expect(f.errors).toEqual([
      { line: 4, reason: 'has 3 fields, expected 4 (as the header)', text: '1,3,4.5' },
      { line: 5, reason: 'rating 11 is outside 0–10', text: '2,3,11,104' },
    ]);
  });

  it('reads quoted CSV fields and a tab-separated file with a header', () => {
    expect(parseRatingsFile('"userId","movieId","rating","timestamp"\n"u 1","m,1","3.5","7"\n').rows).toEqual([
      { user: 'u 1', item: 'm,1', rating: 3.5, timestamp: 7 },
    ]);
    const tsv = parseRatingsFile('user_id\titem_id\trating\ttimestamp\n5\t6\t2\t9\n');
    expect(tsv.format).toBe('csv');
    expect(tsv.rows).toEqual([{ user: '5', item: '6', rating: 2, timestamp: 9 }]);
  });

  it('reports a quote that never closes on its own line and reads on from the next', () => {
    const f = parseRatingsFile('userId,movieId,rating,timestamp\n"1,2,4\n1,3,4,100\n');
    expect(f.errors).toEqual([{ line: 2, reason: 'has a quote (") that is never closed', text: '"1,2,4' }]);
    expect(f.rows).toEqual([{ user: '1', item: '3', rating: 4, timestamp: 100 }]);
  });

  it('reads back what formatUData writes', () => {
    const rows = [{ user: 1, item: 2, rating: 5, timestamp: 9 }];
    expect(parseRatingsFile(formatUData(rows)).rows).toEqual([{ user: '1', item: '2', rating: 5, timestamp: 9 }]);
  });
});

describe('parseTitlesFile', () => {
  it("reads u.item's pipe-separated titles and genre flags", () => {
    const line = '1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0';
    expect(parseTitlesFile(line).get('1')).toEqual({ title: 'Toy Story (1995)', genres: ['Animation', "Children's", 'Comedy'] });
  });

  it("reads movies.csv with quoted titles and '|' between genres", () => {
    const t = parseTitlesFile('movieId,title,genres\n11,"American President, The (1995)",Comedy|Drama|Romance\n');
    expect(t.get('11')).toEqual({ title: 'American President, The (1995)', genres: ['Comedy', 'Drama', 'Romance'] });
  });

  it("keeps u.item's quote characters as part of the title (u.item never quotes)", () => {
    const text =
      '7|"Twelve Monkeys" (1995)|01-Jan-1995||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|1|0|0|0\r\n8|Babe (1995)|01-Jan-1995||http://x|0|0|0|0|1|1|0|0|1|0|0|0|0|0|0|0|0|0|0';
    const t = parseTitlesFile(text);
    expect(t.get('7')).toEqual({ title: '"Twelve Monkeys" (1995)', genres: ['Drama', 'Sci-Fi'] });
    expect(t.get('8')).toEqual({ title: 'Babe (1995)', genres: ["Children's", 'Comedy', 'Drama'] });
  });

  it('reads movies.csv with CRLF line ends and a title with doubled quotes, without the empty-genre marker', () => {
    const t = parseTitlesFile('\uFEFFmovieId,title,genres\r\n1,"Dr. ""Love"" (1999)",(no genres listed)\r\n\r\n2,Heat (1995),Action|Crime\r\n');
    expect([...t]).toEqual([
      ['1', { title: 'Dr. "Love" (1999)', genres: [] }],
      ['2', { title: 'Heat (1995)', genres: ['Action', 'Crime'] }],
    ]);
  });
});
