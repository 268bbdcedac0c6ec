/**
 * The nbformat 4 JSON values under a notebook: cell outputs, read from an imported `.ipynb`
 * (checked field by field, since the file is untrusted) and written the way Jupyter does (text as
 * arrays of lines, images as one base64 string); multiline text; and where a damaged file's JSON
 * breaks. Nothing here renders or runs anything: HTML stays a string for the UI to sanitise.
 */

/** Text that nbformat stores either as one string or as an array of lines. */
export type MultilineText = string | string[];

/**
 * A MIME-keyed bundle of one output's representations. After import every text value is a single
 * string; JSON types (`application/json`, `…+json`) keep their parsed value.
 */
export interface NbMimeBundle {
  'text/plain'?: MultilineText;
  'text/html'?: MultilineText;
  /** Base64 PNG, without a `data:` prefix. */
  'image/png'?: string;
  [mime: string]: unknown;
}

/** Text a cell printed on stdout or stderr. */
export interface NbStreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineText;
}

/** A rich display (chart image, table HTML) that is not the cell's result. */
export interface NbDisplayDataOutput {
  output_type: 'display_data';
  data: NbMimeBundle;
  metadata: Record<string, unknown>;
}

/** The value of a cell's last expression. */
export interface NbExecuteResultOutput {
  output_type: 'execute_result';
  data: NbMimeBundle;
  metadata: Record<string, unknown>;
  execution_count: number | null;
}

/** An exception a cell raised. */
export interface NbErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}

/** One output of a code cell, as nbformat 4 stores it. */
export type NbOutput = NbStreamOutput | NbDisplayDataOutput | NbExecuteResultOutput | NbErrorOutput;

/**
 * Splits `text` into lines that each keep their `\n` except the last, the way Jupyter writes
 * `source` and text outputs; `''` gives `[]`.
 */
export function splitSourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Joins nbformat multiline text back into one string. */
export function joinMultilineText(value: MultilineText): string {
  return typeof value === 'string' ? value : value.join('');
}

/** Returns true for a string or an array of strings: the only shapes nbformat allows for text. */
export function isMultilineText(value: unknown): value is MultilineText {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** Returns true when `value` is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON MIME types hold structured data, not text; the nbformat schema exempts them likewise. */
function isJsonMime(mime: string): boolean {
  return /^application\/(.*\+)?json$/.test(mime);
}

/** Binary types are one base64 string in Jupyter's files; line-splitting them only adds noise. */
function isBase64Mime(mime: string): boolean {
  return mime.startsWith('image/') && mime !== 'image/svg+xml';
}

/**
 * Reads the `outputs` of the imported code cell `where` (e.g. `cell 3 (id train)`). Outputs that do
 * not have the nbformat shape are left out and described in `warnings`, because losing a stale
 * output is better than refusing the code, and a silent loss would hide it.
 */
export function readOutputs(raw: unknown, where: string, warnings: string[]): NbOutput[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    warnings.push(`Left out the outputs of ${where}: \`outputs\` is not a list. Run the cell again to recreate them.`);
    return [];
  }
  const outputs: NbOutput[] = [];
  raw.forEach((item: unknown, k) => {
    const result = readOutput(item);
    if (typeof result === 'string') {
      warnings.push(`Left out output ${k + 1} of ${where}: ${result}. Run the cell again to recreate it.`);
    } else {
      outputs.push(result);
    }
  });
  return outputs;
}

/** Returns the output, or a string saying why it is not one. */
function readOutput(item: unknown): NbOutput | string {
  if (!isJsonObject(item)) return 'it is not a JSON object';
  const type = item['output_type'];
  if (type === 'stream') {
    const name = item['name'];
    if (name !== 'stdout' && name !== 'stderr') return `stream name \`${String(name)}\` is not stdout or stderr`;
    const text = item['text'];
    if (!isMultilineText(text)) return 'its stream text is not text';
    return { output_type: 'stream', name, text: joinMultilineText(text) };
  }
  if (type === 'display_data' || type === 'execute_result') {
    const data = readBundle(item['data']);
    if (typeof data === 'string') return data;
    const metadata = isJsonObject(item['metadata']) ? item['metadata'] : {};
    if (type === 'display_data') return { output_type: type, data, metadata };
    return { output_type: type, data, metadata, execution_count: readExecutionCount(item['execution_count']) };
  }
  if (type === 'error') {
    const { ename, evalue, traceback } = item;
    if (typeof ename !== 'string' || typeof evalue !== 'string') return 'its ename or evalue is not text';
    if (!Array.isArray(traceback) || !traceback.every((line) => typeof line === 'string')) {
      return 'its traceback is not a list of strings';
    }
    return { output_type: 'error', ename, evalue, traceback: [...traceback] };
  }
  return `output_type \`${String(type)}\` is not stream, display_data, execute_result or error`;
}

function readBundle(raw: unknown): NbMimeBundle | string {
  if (!isJsonObject(raw)) return 'its data is not a MIME bundle object';
  const bundle: NbMimeBundle = {};
  for (const [mime, value] of Object.entries(raw)) {
    if (isJsonMime(mime)) {
      bundle[mime] = value;
    } else if (isMultilineText(value)) {
      bundle[mime] = joinMultilineText(value);
    } else {
      return `its \`${mime}\` data is not text`;
    }
  }
  return bundle;
}

function readExecutionCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * The `execution_count` Jupyter shows for a code cell: the one its `execute_result` carries, else
 * null (never run, or run without a result).
 */
export function findExecutionCount(outputs: readonly NbOutput[]): number | null {
  for (const output of outputs) {
    if (output.output_type === 'execute_result') {
      const count = readExecutionCount(output.execution_count);
      if (count !== null) return count;
    }
  }
  return null;
}

/**
 * Writes outputs as nbformat 4 JSON objects: only the fields the schema allows, text as arrays of
 * lines, base64 images as one string.
 */
export function writeOutputs(outputs: readonly NbOutput[]): Array<Record<string, unknown>> {
  return outputs.map((output): Record<string, unknown> => {
    switch (output.output_type) {
      case 'stream':
        return { output_type: 'stream', name: output.name, text: splitSourceLines(joinMultilineText(output.text)) };
      case 'display_data':
        return { output_type: 'display_data', data: writeBundle(output.data), metadata: writeMetadata(output.metadata) };
      case 'execute_result':
        return {
          output_type: 'execute_result',
          data: writeBundle(output.data),
          metadata: writeMetadata(output.metadata),
          execution_count: readExecutionCount(output.execution_count),
        };
      case 'error':
        return {
          output_type: 'error',
          ename: output.ename,
          evalue: output.evalue,
          traceback: output.traceback.map(String),
        };
    }
  });
}

function writeBundle(bundle: NbMimeBundle): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(bundle)) {
    if (value === undefined) continue;
    if (isJsonMime(mime)) {
      out[mime] = value;
    } else if (isMultilineText(value)) {
      const text = joinMultilineText(value);
      out[mime] = isBase64Mime(mime) ? text : splitSourceLines(text);
    }
    // Anything else cannot be stored under a text MIME type in a valid notebook, so it is not written.
  }
  return out;
}

function writeMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  return isJsonObject(metadata) ? metadata : {};
}

/**
 * The offset of the first JSON syntax error in `text`, or -1 when there is none (or the nesting is
 * too deep to scan). Engines word and place their `JSON.parse` errors differently, and Node 20
 * often gives no position at all, so this scans the text itself.
 */
export function findJsonErrorOffset(text: string): number {
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const readPattern = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) return false;
    i = pattern.lastIndex;
    return true;
  };
  const readString = (): boolean => {
    i += 1;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i += 1;
        return true;
      }
      if (ch < ' ') return false;
      if (ch === '\\' && !readPattern(/\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y)) return false;
      if (ch !== '\\') i += 1;
    }
    return false;
  };
  const readContainer = (close: '}' | ']'): boolean => {
    i += 1;
    skipSpace();
    if (text[i] === close) {
      i += 1;
      return true;
    }
    for (;;) {
      if (close === '}') {
        skipSpace();
        if (text[i] !== '"' || !readString()) return false;
        skipSpace();
        if (text[i] !== ':') return false;
        i += 1;
      }
      if (!readValue()) return false;
      skipSpace();
      if (text[i] === close) {
        i += 1;
        return true;
      }
      if (text[i] !== ',') return false;
      i += 1;
    }
  };
  const readValue = (): boolean => {
    skipSpace();
    if (text[i] === '{') return readContainer('}');
    if (text[i] === '[') return readContainer(']');
    if (text[i] === '"') return readString();
    return readPattern(/true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y);
  };
  try {
    if (!readValue()) return i;
    skipSpace();
    return i < text.length ? i : -1;
  } catch {
    return -1;
  }
}
