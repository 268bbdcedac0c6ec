/**
 * Splitting CSV text into records, each with the file line it starts on. Written for real files
 * rather than for the RFC alone: line ends may be CRLF, LF or CR alone; the delimiter is guessed
 * from many lines, not the first; and a quote that is never closed (common in tab-separated
 * sentence files) costs its own line only, instead of swallowing the rest of the file.
 */

/** One record of the file. `line` is the 1-based file line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** Set when the record could not be read as written, e.g. an unterminated quote. */
  problem?: string;
  /** Set when the record was read with its quote characters taken literally (see `readCsvRecords`). */
  literal?: boolean;
}

/** How `readCsvRecords` splits the text. */
export interface RecordOptions {
  delimiter: string;
  /** The quote character; '' reads every character literally (e.g. the UCI sentence files). */
  quoteChar?: string;
}

/** `CsvRecord.problem` of a record whose opening quote is never closed (it was read from its own line only). */
export const QUOTE_NEVER_CLOSED = 'has a quote (") that is never closed';
/** `CsvRecord.problem` of a record with text between a closing quote and the next delimiter. */
export const TEXT_AFTER_QUOTE = 'has text after a closing quote (")';

const LF = 10;
const CR = 13;

/** `text` without a leading byte-order mark (Excel and Notepad write one; it would stick to the first name). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The physical lines of `text` (line ends CRLF, LF or CR), without their line ends. */
export function splitLines(text: string, limit = Infinity): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length && lines.length < limit; i++) {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) continue;
    lines.push(text.slice(start, i));
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    start = i + 1;
  }
  if (start < text.length && lines.length < limit) lines.push(text.slice(start));
  return lines;
}

const CANDIDATES = [',', '\t', ';', '|'];

/**
 * Guesses the delimiter from up to `sampleLines` non-blank lines: for each candidate, how many
 * times it occurs in each line (outside "quoted" parts), then the candidate whose most common
 * count is above zero and shared by the most lines. A sentence with commas in a tab-separated
 * file has a varying comma count but always one tab, so the tab wins. Ties go to the larger
 * count, then to the order , tab ; |. A file with none of them is read as one comma-separated column.
 */
export function detectDelimiter(text: string, sampleLines = 50): string {
  const lines = splitLines(text, sampleLines * 2)
    .filter((l) => l.trim() !== '')
    .slice(0, sampleLines)
    .map((l) => l.replace(/"[^"]*"/g, '""'));
  let best = { delimiter: ',', share: 0, count: 0 };
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const tally = new Map<number, number>();
    for (const c of counts) if (c > 0) tally.set(c, (tally.get(c) ?? 0) + 1);
    for (const [count, lineCount] of tally) {
      const share = lineCount / lines.length;
      if (share > best.share || (share === best.share && count > best.count)) best = { delimiter: d, share, count };
    }
  }
  return best.delimiter;
}

/**
 * Reads every record of `text`, calling `onRecord` for each one, blank lines skipped.
 * A quoted field may span lines, but only if the record it belongs to then has `expectedFields`
 * fields (the header's count; the header itself sets it when not given). Otherwise the opening
 * quote is taken to be unbalanced: that record's first line is read again on its own with quotes
 * taken literally (`literal: true`) — or reported with a `problem` if that does not give the
 * right number of fields either — and reading goes on at the next line. So every line of the
 * file is either read or reported, by its own line number.
 */
export function readCsvRecords(text: string, options: RecordOptions, onRecord: (record: CsvRecord) => void, expectedFields?: number): void {
  const delimiter = options.delimiter;
  const quote = options.quoteChar ?? '"';
  const d = delimiter.charCodeAt(0);
  const q = quote === '' ? -1 : quote.charCodeAt(0);
  let expected = expectedFields;
  let pos = 0;
  let line = 1;
  const n = text.length;

  /** Position just after the line end that follows `from`, and whether there was one. */
  const nextLineStart = (from: number): number => {
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) return i + 1;
      if (c === CR) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    }
    return n;
  };

  // Files use one kind of line end; knowing which lets a line without quotes be cut natively.
  const lineBreak = text.indexOf('\n') >= 0 ? '\n' : '\r';
  while (pos < n) {
    const start = pos;
    const startLine = line;
    let stop = text.indexOf(lineBreak, pos);
    if (stop < 0) stop = n;
    const lineText = text.slice(pos, stop > pos && lineBreak === '\n' && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop);
    if (q < 0 || lineText.indexOf(quote) < 0) {
      if (lineText.trim() !== '') {
        const cut = lineText.split(delimiter);
        onRecord({ fields: cut, line: startLine });
        expected ??= cut.length;
      }
      pos = stop + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let spanned = 0;
    let unterminated = false;
    let malformed = false;
    let i = pos;
    // One record: fields until an unquoted line end or the end of the text.
    for (;;) {
      if (i < n && text.charCodeAt(i) === q) {
        let value = '';
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= n) {
            unterminated = true;
            break;
          }
          const c = text.charCodeAt(j);
          if (c === q) {
            if (text.charCodeAt(j + 1) === q) {
              value += text.slice(from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) spanned++;
          j++;
        }
        value += text.slice(from, j);
        i = j + 1;
        if (unterminated) {
          fields.push(value);
          i = n;
          break;
        }
        // Text between a closing quote and the next delimiter is kept, but the record is suspect.
        let k = i;
        while (k < n && text.charCodeAt(k) !== d && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
        if (k > i) {
          malformed = true;
          value += text.slice(i, k);
        }
        fields.push(value);
        i = k;
      } else {
        let k = i;
        while (k < n && text.charCodeAt(k) !== d && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
        fields.push(text.slice(i, k));
        i = k;
      }
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      break;
    }
    const end = i >= n ? n : nextLineStart(i);
    const wrongCount = expected !== undefined && fields.length !== expected;
    if (unterminated || malformed || (spanned > 0 && (wrongCount || expected === undefined))) {
      // Read the first line alone, quotes taken literally, and go on from the next line.
      const lineEnd = nextLineStart(start);
      const raw = text.slice(start, lineEnd).replace(/\r?\n$|\r$/, '');
      const literal = raw.split(delimiter);
      const problem = unterminated || spanned > 0 ? QUOTE_NEVER_CLOSED : TEXT_AFTER_QUOTE;
      if (raw.trim() !== '') {
        if (expected === undefined || literal.length === expected) onRecord({ fields: literal, line: startLine, literal: true, problem });
        else onRecord({ fields: literal, line: startLine, problem });
      }
      expected ??= literal.length;
      pos = lineEnd;
      line = startLine + 1;
      continue;
    }
    const blank = fields.length === 1 && fields[0].trim() === '';
    if (!blank) {
      onRecord({ fields, line: startLine });
      expected ??= fields.length;
    }
    line = startLine + spanned + (end > i ? 1 : 0);
    pos = end;
  }
}
