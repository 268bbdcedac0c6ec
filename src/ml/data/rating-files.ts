/**
 * Reading the learner's own ratings: MovieLens's `u.data` (tab-separated `user item rating
 * timestamp`, no header) or a CSV with a `userId,movieId,rating,timestamp` header (MovieLens's
 * `ratings.csv`), plus an optional titles file (`u.item`, pipe-separated, or `movies.csv`). Every
 * bad line is named by its line number in the file, with the reason, and left out.
 */
import Papa from 'papaparse';
import { MlError } from '../core/errors';

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

/** Reads a ratings file; throws only when no line at all is usable. */
export function parseRatingsFile(text: string, options: { name?: string } = {}): RatingFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new MlError('empty-data', `${options.name ?? 'The file'} is empty.`);
  const firstFields = lines[first].split(/,|\t/).map((f) => f.trim().toLowerCase());
  const hasHeader = firstFields.some((f) => f !== '' && !Number.isFinite(Number(f)));
  const format: RatingFile['format'] = hasHeader ? 'csv' : 'u.data';
  let columns = [0, 1, 2, 3];
  if (hasHeader) {
    const find = (names: string[]) => firstFields.findIndex((f) => names.includes(f.replace(/^"|"$/g, '')));
    columns = [find(HEADER_NAMES.user), find(HEADER_NAMES.item), find(HEADER_NAMES.rating), find(HEADER_NAMES.timestamp)];
    const missing = (['user', 'item', 'rating', 'timestamp'] as const).filter((_, k) => columns[k] < 0);
    if (missing.length > 0) {
      throw new MlError(
        'csv-schema',
        `${options.name ?? 'The file'} has a header (${lines[first].trim()}) without ${missing.join(', ')}: ` +
          'expected userId,movieId,rating,timestamp (MovieLens ratings.csv) or u.data without a header.',
      );
    }
  }
  const width = hasHeader ? firstFields.length : 4;
  const rows: FileRating[] = [];
  const errors: FileLineError[] = [];
  const seen = new Set<string>();
  for (let n = hasHeader ? first + 1 : first; n < lines.length; n++) {
    const raw = lines[n];
    if (raw.trim() === '') continue;
    const fields = (hasHeader ? raw.split(',') : raw.trim().split(/\t|\s+/)).map((f) => f.trim().replace(/^"|"$/g, ''));
    const bad = (reason: string) => errors.push({ line: n + 1, reason, text: raw.length > 80 ? `${raw.slice(0, 77)}…` : raw });
    if (fields.length !== width) {
      bad(`has ${fields.length} fields, expected ${width} (${hasHeader ? 'as the header' : 'user item rating timestamp'})`);
      continue;
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
  }
  if (rows.length === 0) {
    throw new MlError('csv-schema', `${options.name ?? 'The file'}: no line could be read (first problem: line ${errors[0]?.line}: ${errors[0]?.reason}).`);
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

const UITEM_GENRES = ['unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
  'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'];

/** Reads `u.item` (`id|title|date|video|url|19 genre flags`) or `movies.csv` (`movieId,title,genres` with `|` between genres). */
export function parseTitlesFile(text: string): Map<string, FileTitle> {
  const out = new Map<string, FileTitle>();
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes('|') && !/movieid/i.test(firstLine)) {
    for (const line of clean.split(/\r?\n/)) {
      const f = line.split('|');
      if (f.length < 2 || !f[0].trim()) continue;
      const flags = f.slice(-19);
      const own = flags.length === 19 ? UITEM_GENRES.filter((_, k) => flags[k] === '1' && k > 0) : [];
      out.set(f[0].trim(), { title: f[1].trim(), genres: own });
    }
    return out;
  }
  const parsed = Papa.parse<Record<string, string>>(clean, { header: true, skipEmptyLines: true });
  for (const row of parsed.data) {
    const id = row.movieId ?? row.item ?? row.itemId;
    if (!id) continue;
    out.set(String(id).trim(), { title: (row.title ?? String(id)).trim(), genres: (row.genres ?? '').split('|').filter((g) => g && g !== '(no genres listed)') });
  }
  return out;
}

/** Writes ratings in `u.data` format (tab-separated, no header), e.g. to make a fixture. */
export function formatUData(rows: readonly { user: number | string; item: number | string; rating: number; timestamp: number }[]): string {
  return rows.map((r) => `${r.user}\t${r.item}\t${r.rating}\t${r.timestamp}`).join('\n') + '\n';
}
