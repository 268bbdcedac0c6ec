/// <reference types="node" />
/**
 * What bench/fit-speed.ts and bench/quality.ts share: the UCI sentences, scikit-learn's default
 * tokens, the toolkit's TF-IDF + logistic regression fit, and a scikit-learn process to compare
 * with in the same run (bench/fit-speed-sklearn.py, kept running and asked one fit at a time so
 * the two sides alternate under the same load). scikit-learn is optional: without a Python that
 * imports it, the benches print the toolkit's figures alone.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createLogisticRegression, type LogisticFitReport, type LogisticRegression } from '../src/ml/models/logistic';
import { fitTfidf, type TfidfModel } from '../src/ml/prep/vectorize';
import type { CsrMatrix } from '../src/ml/core/sparse';
import { parseSentences } from '../src/ml/data/sentences';

/**
 * Where the shared real data lives (never shipped, never read by `npm test`): $FIELDBOOK_DATA, or
 * the first `shared/data/` beside the repository or beside one of its parent folders (a git
 * worktree sits one level deeper than the main checkout).
 */
export const DATA = findDataFolder();

function findDataFolder(): string {
  if (process.env.FIELDBOOK_DATA) return process.env.FIELDBOOK_DATA.replace(/\/?$/, '/');
  let folder = dirname(fileURLToPath(new URL('../', import.meta.url)));
  for (;;) {
    const candidate = join(folder, 'shared', 'data');
    if (existsSync(candidate)) return candidate + '/';
    const parent = dirname(folder);
    if (parent === folder) return fileURLToPath(new URL('../../shared/data/', import.meta.url));
    folder = parent;
  }
}

/**
 * Reads a UCI `sentence<TAB>label` file with the toolkit's own reader (`parseSentences`, split on
 * the last tab as the data README says); lines it cannot read are left out.
 */
export function readSentences(file: string): { texts: string[]; labels: number[] } {
  const { rows } = parseSentences(readFileSync(DATA + file, 'utf8'), { name: file });
  return { texts: rows.map((r) => r.text), labels: rows.map((r) => r.label) };
}

/** scikit-learn's default TfidfVectorizer tokens: lower-cased runs of 2+ word characters. */
export function tokenizeLikeSklearn(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

/** The toolkit's pipeline, step by step, with the milliseconds of each step. */
export interface ToolkitFit {
  tfidf: TfidfModel;
  x: CsrMatrix;
  model: LogisticRegression;
  report: LogisticFitReport;
  /** Wall-clock milliseconds of each step, and the process's CPU milliseconds for the whole fit. */
  ms: { tokenize: number; tfidf: number; fit: number; total: number; cpu: number };
}

/** TF-IDF(1, 2) + logistic regression C = 1 on raw texts, as the reference pipeline does it. */
export async function fitToolkit(texts: readonly string[], labels: readonly number[], tokenize = tokenizeLikeSklearn): Promise<ToolkitFit> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const tokens = texts.map(tokenize);
  const t1 = performance.now();
  const tfidf = fitTfidf(tokens, { ngramRange: [1, 2] });
  const x = tfidf.transformSparse(tokens);
  const t2 = performance.now();
  const model = createLogisticRegression({ C: 1 });
  const report = await model.fit(x, labels);
  const t3 = performance.now();
  const used = process.cpuUsage(cpu);
  return { tfidf, x, model, report, ms: { tokenize: t1 - t0, tfidf: t2 - t1, fit: t3 - t2, total: t3 - t0, cpu: (used.user + used.system) / 1000 } };
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A running scikit-learn process: `ask` sends one request and resolves with its reply. */
export interface Sklearn {
  versions: Record<string, string>;
  python: string;
  ask<T = Record<string, unknown>>(request: Record<string, unknown>): Promise<T>;
  close(): void;
}

/** The first Python that imports scikit-learn: `--python`, $PYTHON, Debian's, then the PATH's. */
export function findPython(explicit?: string): string | null {
  const candidates = [explicit, process.env.PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c);
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Starts bench/fit-speed-sklearn.py with the texts loaded, or resolves null without scikit-learn. */
export async function startSklearn(texts: readonly string[], labels: readonly number[], explicitPython?: string): Promise<Sklearn | null> {
  const python = findPython(explicitPython);
  if (!python) return null;
  const script = fileURLToPath(new URL('./fit-speed-sklearn.py', import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(python, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  child.on('exit', () => {
    for (const resolve of waiting.splice(0)) resolve(JSON.stringify({ error: `scikit-learn process ended: ${stderr.trim().slice(-500)}` }));
  });
  const ask = <T>(request: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push((line) => {
        const reply = JSON.parse(line) as T & { error?: string };
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply);
      });
      child.stdin.write(JSON.stringify(request) + '\n');
    });
  const versions = await ask<Record<string, string>>({ cmd: 'load', texts, labels });
  return { versions, python, ask, close: () => child.stdin.end() };
}
