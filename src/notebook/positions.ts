/**
 * Position bookkeeping for compiled cells: sucrase's source map (decoded with
 * `@jridgewell/sourcemap-codec`, the decoder sucrase itself builds on) composed with the compiler's
 * own edits, so a stack frame in the generated body maps back to the cell's line:column.
 */
import { getLineInfo } from 'acorn';
import { decode } from '@jridgewell/sourcemap-codec';

/** `[generatedColumn, sourceLine, sourceColumn]`, all 0-based. */
export type Segment = [number, number, number];

/** Decodes a source map `mappings` string (single source) into segments per generated line. */
export function decodeMappings(mappings: string): Segment[][] {
  // Segments of one field (a generated column with no source) map nothing, so they are left out.
  return decode(mappings).map((line) => line.filter((segment) => segment.length >= 4).map((segment) => [segment[0], segment[2]!, segment[3]!] as Segment));
}

/** The 1-based line and column of `offset` in `text`, as acorn counts them. */
export function locateOffset(text: string, offset: number): { line: number; column: number } {
  const at = getLineInfo(text, Math.max(0, Math.min(offset, text.length)));
  return { line: at.line, column: at.column + 1 };
}

/**
 * Maps a 1-based `line`:`column` through that line's segments: the nearest segment at or before
 * the column gives the source position, plus the distance from it. Unmapped columns stay put.
 */
export function mapThroughSegments(segments: readonly Segment[] | undefined, line: number, column: number): { line: number; column: number } {
  let best: Segment | undefined;
  for (const segment of segments ?? []) {
    if (segment[0] <= column - 1) best = segment;
  }
  if (!best) return { line, column };
  return { line: best[1] + 1, column: Math.max(0, best[2] + (column - 1 - best[0])) + 1 };
}

/**
 * Moves sucrase's segments (on `js` lines) to the edited `body`, through `mapOffset`, which takes
 * a JS offset to the body offset the compiler's edits moved it to.
 */
export function mapSegments(js: string, body: string, segments: Segment[][], mapOffset: (offset: number) => number): Segment[][] {
  const jsStarts = findLineStarts(js);
  const bodyStarts = findLineStarts(body);
  const out: Segment[][] = bodyStarts.map(() => []);
  segments.forEach((line, jsLine) => {
    for (const [column, sourceLine, sourceColumn] of line) {
      const bodyOffset = mapOffset((jsStarts[jsLine] ?? js.length) + column);
      const bodyLine = findLine(bodyStarts, bodyOffset);
      out[bodyLine]!.push([bodyOffset - bodyStarts[bodyLine]!, sourceLine, sourceColumn]);
    }
  });
  for (const line of out) {
    line.sort((a, b) => a[0] - b[0]);
    // Several JS tokens can land on one body column (a replaced import): keep the first.
    for (let k = line.length - 1; k > 0; k -= 1) {
      if (line[k]![0] === line[k - 1]![0]) line.splice(k, 1);
    }
  }
  return out;
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k += 1) {
    if (text.charCodeAt(k) === 10) starts.push(k + 1);
  }
  return starts;
}

/** Index of the last line start at or before `offset`. */
function findLine(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
