/**
 * Reading the learner's own ratings: MovieLens's `u.data` (tab-separated `user item rating
 * timestamp`, no header) or a CSV with a `userId,movieId,rating,timestamp` header (MovieLens's
 * `ratings.csv`), plus an optional titles file (`u.item`, pipe-separated, or `movies.csv`). Every
 * bad line is named by its line number in the file, with the reason, and left out.
 */
import { MlError } from '../core/errors';
import { detectDelimiter, readCsvRecords, splitLines, withoutBom, type CsvRecord } from './csv-records';

/** One rating read from a file (ids as they appear in the file). */
export interface FileRating {
  user: string;
  item: string;
  rating: number;
  timestamp: number;
}

/** A line that could not be read. */
export interface FileLineError {
  /** Line number in the file, counting from 1 (the header, when there is one, is line 1). */
  line: number;
  reason: string;
  text: string;
}

/** What `parseRatingsFile` found. */
export interface RatingFile {
  format: 'u.data' | 'csv';
  rows: FileRating[];
  errors: FileLineError[];
  /** One sentence for the learner. */
  summary: string;
}

const HEADER_NAMES = {
  user: ['userid', 'user_id', 'user'],
  item: ['movieid', 'movie_id', 'itemid', 'item_id', 'item', 'movie'],
  rating: ['rating', 'stars'],
  timestamp: ['timestamp', 'time', 'ts'],
};

/**
 * Reads a ratings file; throws only when no line at all is usable. The delimiter is guessed from
 * the file's lines (tab in `u.data`, comma in `ratings.csv`), and a first record with a word in it
 * is the header.
 */
export function parseRatingsFile(text: string, options: { name?: string } = {}): RatingFile {
  const name = options.name ?? 'The file';
  const clean = withoutBom(text);
  // The physical lines, split only if a line must be quoted back to the learner.
  let physical: string[] | null = null;
  const lineText = (line: number): string => (physical ??= splitLines(clean))[line - 1] ?? '';
  // `as`, so that the assignment in the callback below is not narrowed away.
  let format = null as RatingFile['format'] | null;
  let columns = [0, 1, 2, 3];
  let width = 4;
  const rows: FileRating[] = [];
  const errors: FileLineError[] = [];
  const seen = new Set<string>();
  const onHeader = (record: CsvRecord): void => {
    const names = record.fields.map((f) => f.trim().toLowerCase());
    const find = (candidates: string[]) => names.findIndex((f) => candidates.includes(f));
    columns = [find(HEADER_NAMES.user), find(HEADER_NAMES.item), find(HEADER_NAMES.rating), find(HEADER_NAMES.timestamp)];
    const missing = (['user', 'item', 'rating', 'timestamp'] as const).filter((_, k) => columns[k] < 0);
    if (missing.length > 0) {
      throw new MlError(
        'csv-schema',
        `${name} has a header (${lineText(record.line).trim()}) without ${missing.join(', ')}: ` +
          'expected userId,movieId,rating,timestamp (MovieLens ratings.csv) or u.data without a header.',
      );
    }
    width = names.length;
  };
  const onRating = (record: CsvRecord): void => {
    const fields = record.fields.map((f) => f.trim());
    const bad = (reason: string) => {
      const raw = lineText(record.line);
      errors.push({ line: record.line, reason, text: raw.length > 80 ? `${raw.slice(0, 77)}…` : raw });
    };
    if (record.problem && !record.literal) {
      bad(record.problem);
      return;
    }
    if (fields.length !== width) {
      bad(`has ${fields.length} fields, expected ${width} (${format === 'csv' ? 'as the header' : 'user item rating timestamp'})`);
      return;
    }
    const [user, item, ratingText, timeText] = columns.map((c) => fields[c]);
    const rating = Number(ratingText);
    const timestamp = Number(timeText);
    if (!user || !item) bad('has an empty user or item id');
    else if (ratingText === '' || !Number.isFinite(rating)) bad(`rating '${ratingText}' is not a number`);
    else if (rating < 0 || rating > 10) bad(`rating ${rating} is outside 0–10`);
    else if (timeText === '' || !Number.isInteger(timestamp) || timestamp < 0) bad(`timestamp '${timeText}' is not a whole number of seconds`);
    else if (seen.has(`${user}\u0000${item}`)) bad(`repeats user ${user}'s rating of item ${item} (the first one is kept)`);
    else {
      seen.add(`${user}\u0000${item}`);
      rows.push({ user, item, rating, timestamp });
    }
  };
  readCsvRecords(clean, { delimiter: detectDelimiter(clean) }, (record) => {
    if (format === null) {
      const header = record.fields.some((f) => f.trim() !== '' && !Number.isFinite(Number(f.trim())));
      format = header ? 'csv' : 'u.data';
      if (header) return onHeader(record);
    }
    onRating(record);
  });
  if (format === null) throw new MlError('empty-data', `${name} is empty.`);
  if (rows.length === 0) {
    throw new MlError('csv-schema', `${name}: no line could be read (first problem: line ${errors[0]?.line}: ${errors[0]?.reason}).`);
  }
  const users = new Set(rows.map((r) => r.user)).size;
  const items = new Set(rows.map((r) => r.item)).size;
  const summary =
    `${rows.length.toLocaleString('en-US')} ratings by ${users.toLocaleString('en-US')} users of ${items.toLocaleString('en-US')} items ` +
    `(${format === 'csv' ? 'CSV with a header' : 'u.data format'}); skipped ${errors.length} bad line${errors.length === 1 ? '' : 's'}.`;
  return { format, rows, errors, summary };
}

/** A title and its genres, from a titles file. */
export interface FileTitle {
  title: string;
  genres: string[];
}

/** The 19 genre flags of MovieLens's `u.item`, in the file's column order. */
export const UITEM_GENRES: readonly string[] = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/**
 * Reads `u.item` (`id|title|date|video|url|19 genre flags`, no header, quotes as ordinary
 * characters) or `movies.csv` (`movieId,title,genres` with `|` between genres). A first line with
 * a `|` and no `movieId` is taken to be `u.item`.
 */
export function parseTitlesFile(text: string): Map<string, FileTitle> {
  const out = new Map<string, FileTitle>();
  const clean = withoutBom(text);
  const firstLine = splitLines(clean, 1)[0] ?? '';
  if (firstLine.includes('|') && !/movieid/i.test(firstLine)) {
    readCsvRecords(clean, { delimiter: '|', quoteChar: '' }, ({ fields: f }) => {
      if (f.length < 2 || !f[0].trim()) return;
      const flags = f.slice(-19);
      const own = flags.length === 19 ? UITEM_GENRES.filter((_, k) => flags[k] === '1' && k > 0) : [];
      out.set(f[0].trim(), { title: f[1].trim(), genres: own });
    });
    return out;
  }
  let names: readonly string[] | null = null;
  readCsvRecords(clean, { delimiter: ',' }, ({ fields }) => {
    if (names === null) {
      names = fields;
      return;
    }
    const header = names;
    // The first of the named columns that this row has a field for.
    const value = (...candidates: string[]): string | undefined =>
      candidates.map((c) => (header.includes(c) ? fields[header.indexOf(c)] : undefined)).find((v) => v !== undefined);
    const id = value('movieId', 'item', 'itemId');
    if (!id) return;
    out.set(id.trim(), { title: (value('title') ?? id).trim(), genres: (value('genres') ?? '').split('|').filter((g) => g && g !== '(no genres listed)') });
  });
  return out;
}

/** Writes ratings in `u.data` format (tab-separated, no header), e.g. to make a fixture. */
export function formatUData(rows: readonly { user: number | string; item: number | string; rating: number; timestamp: number }[]): string {
  return rows.map((r) => `${r.user}\t${r.item}\t${r.rating}\t${r.timestamp}`).join('\n') + '\n';
}
