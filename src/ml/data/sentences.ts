/**
 * Labelled sentences: the UCI "Sentiment Labelled Sentences" files the sentiment notebook ships,
 * and a learner's own file, either in that format (`sentence<TAB>label`, no quoting) or as a
 * `text,label` CSV. Every line of a file is either read or reported with its line number, so
 * "read 990, skipped 10" always adds up to the lines in the file.
 */
import { MlError } from '../core/errors';
import { QUOTE_NEVER_CLOSED, detectDelimiter, readCsvRecords, splitLines, withoutBom, type CsvRecord } from './csv-records';

/** Where the shipped sentences come from, to cite beside any figure computed on them. */
export const SENTENCES_CITATION =
  'Kotzias, D., Denil, M., de Freitas, N. & Smyth, P. (2015). From Group to Individual Labels using Deep Features. ' +
  'KDD 2015. UCI Machine Learning Repository, "Sentiment Labelled Sentences", CC BY 4.0.';

/** The shipped sentence files: Amazon phone reviews and Yelp restaurant reviews, 1,000 each. */
export type SentenceSource = 'amazon' | 'yelp';

/** One labelled text and the file line it came from (1-based). */
export interface LabelledText {
  text: string;
  /** 1 positive, 0 negative. */
  label: number;
  line: number;
}

/** A line that could not be read, and why. */
export interface TextLineError {
  /** 1-based line in the file. */
  line: number;
  /** The line as it is in the file (cut to 120 characters). */
  content: string;
  reason: string;
}

/** What reading a file gave. */
export interface LabelledTexts {
  rows: LabelledText[];
  errors: TextLineError[];
  format: 'uci' | 'csv';
  /** How the file's labels became 0/1, in words (e.g. "1–2 stars → 0, 4–5 stars → 1, 3 stars left out"). */
  labelMapping: string;
  /** Lines in the file, blank ones included. */
  lines: number;
  /** Blank lines, neither read nor errors. */
  blankLines: number;
  /** One sentence for the learner. */
  summary: string;
}

/** Options of {@link readLabelledTexts}. */
export interface ReadTextsOptions {
  /** Force a format instead of guessing it from the file's lines. */
  format?: 'uci' | 'csv';
  /** Name shown in the summary. */
  name?: string;
}

const TEXT_COLUMNS = ['text', 'sentence', 'review', 'reviewtext', 'review_text', 'content', 'body', 'comment'];
const LABEL_COLUMNS = ['label', 'sentiment', 'polarity', 'class', 'target', 'rating', 'stars', 'score'];
const POSITIVE_WORDS = new Set(['positive', 'pos', 'good']);
const NEGATIVE_WORDS = new Set(['negative', 'neg', 'bad']);

const clip = (s: string): string => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

function summarise(result: Omit<LabelledTexts, 'summary'>, name: string): string {
  const positives = result.rows.filter((r) => r.label === 1).length;
  const skipped = result.errors.length;
  return (
    `${name}: ${result.lines} lines, read ${result.rows.length} (${positives} positive, ${result.rows.length - positives} negative)` +
    `${skipped ? `, skipped ${skipped} (listed by line)` : ''}${result.blankLines ? `, ${result.blankLines} blank` : ''}. ` +
    `Format: ${result.format === 'uci' ? 'sentence<TAB>label' : 'CSV'}; labels ${result.labelMapping}.`
  );
}

/**
 * Reads the UCI format: one `sentence<TAB>label` a line, split on the **last** tab (a sentence may
 * hold tabs), no quote handling (quotes are part of the sentence), label 0 or 1. A first line
 * whose label is a word ("text<TAB>label") is taken as a header.
 */
export function parseSentences(text: string, options: { name?: string } = {}): LabelledTexts {
  if (typeof text !== 'string') throw new MlError('wrong-type', `parseSentences() needs the file's text, got ${typeof text}.`);
  const clean = withoutBom(text);
  const rows: LabelledText[] = [];
  const errors: TextLineError[] = [];
  // Tab-separated, quotes as ordinary characters: every tab splits, and the last field is the label.
  readCsvRecords(clean, { delimiter: '\t', quoteChar: '' }, ({ fields, line }) => {
    const raw = fields.join('\t');
    if (fields.length < 2) {
      errors.push({ line, content: clip(raw), reason: 'no tab: expected sentence<TAB>label' });
      return;
    }
    const sentence = fields.slice(0, -1).join('\t').trim();
    const label = fields[fields.length - 1].trim();
    if (line === 1 && LABEL_COLUMNS.includes(label.toLowerCase())) return; // a header line
    if (label !== '0' && label !== '1') {
      errors.push({ line, content: clip(raw), reason: `label '${clip(label)}' is not 0 or 1` });
      return;
    }
    if (sentence === '') {
      errors.push({ line, content: clip(raw), reason: 'empty sentence' });
      return;
    }
    rows.push({ text: sentence, label: Number(label), line });
  });
  const lines = splitLines(clean).length;
  // Blank lines and the header line: neither read nor errors.
  const result = { rows, errors, format: 'uci' as const, labelMapping: '0 → 0, 1 → 1', lines, blankLines: lines - rows.length - errors.length };
  return { ...result, summary: summarise(result, options.name ?? 'file') };
}

/** How a label column's values become 0/1. */
interface LabelReader {
  mapping: string;
  read(value: string): { label: number } | { skip: string };
}

/** Chooses 0/1, positive/negative words or 1–5 stars from the values the column holds. */
function chooseLabelReader(values: string[]): LabelReader {
  const clean = values.map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  const numbers = clean.filter((v) => /^-?\d+(\.0+)?$/.test(v)).map(Number);
  const words = clean.filter((v) => POSITIVE_WORDS.has(v) || NEGATIVE_WORDS.has(v));
  if (words.length > numbers.length) {
    return {
      mapping: 'negative → 0, positive → 1',
      read: (v) => {
        const w = v.trim().toLowerCase();
        if (POSITIVE_WORDS.has(w)) return { label: 1 };
        if (NEGATIVE_WORDS.has(w)) return { label: 0 };
        return { skip: `label '${clip(v)}' is neither positive nor negative` };
      },
    };
  }
  // Star ratings run from 1 to 5, so any 0 means 0/1 labels (and a stray 2 is one bad line, not stars).
  const binary = numbers.some((n) => n === 0) || (numbers.length > 0 && numbers.every((n) => n === 1));
  if (binary || numbers.length === 0) {
    return {
      mapping: '0 → 0, 1 → 1',
      read: (v) => (/^\s*[01](\.0+)?\s*$/.test(v) ? { label: Math.round(Number(v)) } : { skip: `label '${clip(v)}' is not 0 or 1` }),
    };
  }
  return {
    mapping: '1–2 stars → 0 (negative), 4–5 stars → 1 (positive), 3 stars left out (neither)',
    read: (v) => {
      const n = Number(v.trim());
      if (!/^\s*[1-5](\.0+)?\s*$/.test(v)) return { skip: `rating '${clip(v)}' is not a whole number of stars from 1 to 5` };
      if (n === 3) return { skip: '3 stars: neither positive nor negative, left out' };
      return { label: n >= 4 ? 1 : 0 };
    },
  };
}

/**
 * Reads a `text,label` CSV with a header row, through the toolkit's CSV reader (`csv-records.ts`:
 * the delimiter , ; tab or | guessed from many lines, quoted fields, CR/LF/CRLF line ends; a
 * quote that never closes costs its own line only). The text column is the one named text, sentence,
 * review, content, body or comment (else the first); the label column is named label, sentiment,
 * polarity, class, target, rating, stars or score (else the last). Labels may be 0/1,
 * negative/positive, or 1–5 stars (1–2 → 0, 4–5 → 1, 3 left out). An unquoted comma inside the
 * text is kept as text when the file has just the two columns.
 */
export function parseTextCsv(text: string, options: { name?: string } = {}): LabelledTexts {
  if (typeof text !== 'string') throw new MlError('wrong-type', `parseTextCsv() needs the file's text, got ${typeof text}.`);
  const clean = withoutBom(text);
  const lines = splitLines(clean);
  const delimiter = detectDelimiter(clean);
  const records: CsvRecord[] = [];
  readCsvRecords(clean, { delimiter }, (record) => records.push(record));
  if (records.length === 0) throw new MlError('empty-data', `${options.name ?? 'The file'} is empty.`);
  // A record covers its first line up to the last non-blank line before the next record (a
  // record's own last line is never blank); the lines left over are the blank ones.
  const lastLine = (k: number): number => {
    let end = (records[k + 1]?.line ?? lines.length + 1) - 1;
    while (end > records[k].line && (lines[end - 1] ?? '').trim() === '') end--;
    return end;
  };
  const raw = (k: number): string => lines.slice(records[k].line - 1, lastLine(k)).join('\n');
  const blank = lines.length - records.reduce((n, r, k) => n + lastLine(k) - r.line + 1, 0);
  const errors: TextLineError[] = [];
  const header = records[0];
  // A record whose quote never closes is reported; one with text after a closing quote is read
  // literally, as `parseCsv` reads it.
  const data: { fields: string[]; line: number; k: number }[] = [];
  records.forEach((r, k) => {
    if (k === 0) return;
    if (r.problem === QUOTE_NEVER_CLOSED) {
      errors.push({ line: r.line, content: clip(raw(k)), reason: 'a quote opened on this line never closes; read on from the next line' });
    } else data.push({ fields: r.fields, line: r.line, k });
  });
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const find = (candidates: string[]): number => candidates.map((c) => names.indexOf(c)).find((j) => j >= 0) ?? -1;
  let textAt = find(TEXT_COLUMNS);
  let labelAt = find(LABEL_COLUMNS);
  if (names.length < 2) {
    throw new MlError('csv-schema', `The header "${clip(raw(0))}" has one column: a text column and a label column are needed (e.g. text,label).`);
  }
  if (labelAt < 0) labelAt = names.length - 1;
  if (textAt < 0) textAt = labelAt === 0 ? 1 : 0;
  const twoColumns = names.length === 2;
  const fieldsOf = (r: { fields: string[] }): string[] | null => {
    if (r.fields.length === names.length) return r.fields;
    // "Great phone, works well,1": with text first and label last, the extra commas belong to the text.
    if (twoColumns && r.fields.length > 2 && textAt === 0 && labelAt === 1) {
      return [r.fields.slice(0, -1).join(delimiter), r.fields[r.fields.length - 1]];
    }
    return null;
  };
  const reader = chooseLabelReader(data.map((r) => fieldsOf(r)?.[labelAt] ?? ''));
  const rows: LabelledText[] = [];
  for (const r of data) {
    const fields = fieldsOf(r);
    if (!fields) {
      errors.push({ line: r.line, content: clip(raw(r.k)), reason: `has ${r.fields.length} fields but the header has ${names.length}` });
      continue;
    }
    const sentence = fields[textAt].trim();
    if (sentence === '') {
      errors.push({ line: r.line, content: clip(raw(r.k)), reason: 'empty text' });
      continue;
    }
    const read = reader.read(fields[labelAt]);
    if ('skip' in read) errors.push({ line: r.line, content: clip(raw(r.k)), reason: read.skip });
    else rows.push({ text: sentence, label: read.label, line: r.line });
  }
  errors.sort((a, b) => a.line - b.line);
  const result = { rows, errors, format: 'csv' as const, labelMapping: reader.mapping, lines: lines.length, blankLines: blank };
  return { ...result, summary: summarise(result, options.name ?? 'file') };
}

/**
 * Reads a learner's labelled-text file in either format. The UCI format is chosen when most
 * non-blank lines end in a tab and a 0/1 label; otherwise the file is read as CSV with a header.
 */
export function readLabelledTexts(text: string, options: ReadTextsOptions = {}): LabelledTexts {
  if (typeof text !== 'string') throw new MlError('wrong-type', `readLabelledTexts() needs the file's text, got ${typeof text}.`);
  const lines = splitLines(withoutBom(text)).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new MlError('empty-data', `${options.name ?? 'The file'} is empty.`);
  const uciLike = lines.filter((l) => /\t\s*[01]\s*$/.test(l)).length;
  const format = options.format ?? (uciLike >= lines.length / 2 ? 'uci' : 'csv');
  return format === 'uci' ? parseSentences(text, options) : parseTextCsv(text, options);
}

/** The shipped sentences of one source, in file order, with what reading them reported. */
export interface SentenceSet extends LabelledTexts {
  source: SentenceSource;
  texts: string[];
  labels: number[];
}

/**
 * Loads the shipped UCI sentences (1,000 Amazon phone or Yelp restaurant reviews). The files are
 * imported on first use, as a separate chunk, so they cost nothing until a notebook asks for them
 * and are cached for offline use with the rest of the app.
 */
export async function loadSentences(source: SentenceSource): Promise<SentenceSet> {
  let text: string;
  if (source === 'amazon') text = (await import('./uci/amazon_cells_labelled.txt?raw')).default;
  else if (source === 'yelp') text = (await import('./uci/yelp_labelled.txt?raw')).default;
  else throw new MlError('bad-argument', `loadSentences(): source must be 'amazon' or 'yelp', got '${String(source)}'.`);
  const read = parseSentences(text, { name: `${source} sentences` });
  return { ...read, source, texts: read.rows.map((r) => r.text), labels: read.rows.map((r) => r.label) };
}

/** A group of texts that are the same once case, punctuation and spacing are ignored. */
export interface DuplicateGroup {
  /** Indices of the texts, first occurrence first. */
  indices: number[];
  /** True when every text of the group is character-for-character the same. */
  exact: boolean;
  /** The normalised text they share. */
  key: string;
}

/** Lower case, letters and digits only, single spaces: the key near-duplicates share. */
export function duplicateKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/**
 * Groups exact and near duplicates ("Great phone!" and "great phone.") so they can be dropped
 * before splitting: a sentence on both sides of a split makes the test score too good.
 */
export function findDuplicates(texts: readonly string[]): DuplicateGroup[] {
  const byKey = new Map<string, number[]>();
  texts.forEach((t, i) => {
    const key = duplicateKey(t);
    const group = byKey.get(key);
    if (group) group.push(i);
    else byKey.set(key, [i]);
  });
  return [...byKey.entries()]
    .filter(([, indices]) => indices.length > 1)
    .map(([key, indices]) => ({ key, indices, exact: indices.every((i) => texts[i] === texts[indices[0]]) }));
}
