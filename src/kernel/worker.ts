/// <reference lib="webworker" />
/**
 * The kernel: a module Web Worker that holds the notebook's scope and tfjs, compiles and runs
 * cells, and posts their outputs as plain data. The page stays responsive while a model trains.
 */
import * as tf from '@tensorflow/tfjs';
import * as ml from '../ml/index';
import { compileCell, findCycle, findDuplicateDeclarations, type CompiledCell } from '../notebook/index';
import { installAbortableFit } from './abort-fit';
import { releaseValues } from './release';
import { chooseBackend } from './backend';
import { createDisplayApi, isDisplayHandle } from './display';
import { createExerciseApi } from './exercise';
import { executeCell, locateError } from './execute';
import { formatValue, inspect } from './format';
import type { BackendName, CellAnalysis, PageMessage, SavedModelInfo, WidgetValue, WorkerMessage } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Module specifiers a cell may import; everything is bundled, nothing is fetched. */
const MODULES: Record<string, unknown> = {
  '@tensorflow/tfjs': tf,
  'fieldbook/ml': ml,
};

interface CellState {
  compiled: CompiledCell;
}

const scope = new Map<string, unknown>();
const cells = new Map<string, CellState>();
const declaredBy = new Map<string, string[]>();
/** Values the learner gave widgets, by widget key; a re-run of the cell reads them back. */
const widgetValues = new Map<string, WidgetValue>();
let currentRun: { runId: string; controller: AbortController } | null = null;
let lastRunId = '';
let ready: Promise<void> = Promise.resolve();

const post = (message: WorkerMessage) => self.postMessage(message);

installAbortableFit(() => currentRun?.controller.signal ?? null);
// Embedding layers (and any tf.gather) train on wasm and fast on cpu with the toolkit's gradient.
ml.installFastGatherGradient();
captureConsole();

self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const reason = event.reason instanceof Error ? `${event.reason.name}: ${event.reason.message}` : inspect(event.reason);
  post({ type: 'stream', runId: lastRunId, name: 'stderr', text: `Unhandled promise rejection: ${reason}\n` });
});

self.onmessage = (event: MessageEvent<PageMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      ready = start(message.backend);
      break;
    case 'execute':
      void ready.then(() => execute(message.runId, message.cellId, message.code));
      break;
    case 'interrupt':
      if (currentRun?.runId === message.runId) {
        currentRun.controller.abort(new DOMException('Stopped by the learner.', 'AbortError'));
      }
      break;
    case 'reset':
      resetScope();
      break;
    case 'forget':
      for (const id of message.cellIds) forgetCell(id);
      break;
    case 'analyse':
      post({ type: 'analysis', requestId: message.requestId, cells: message.cells.map(({ id, code }) => analyse(id, code)) });
      break;
    case 'models':
      void manageModels(message.requestId, message.remove);
      break;
    case 'widget':
      widgetValues.set(message.key, message.value);
      break;
    case 'set-backend':
      ready = ready.then(() => switchBackend(message.backend));
      break;
  }
};

async function start(requested?: BackendName): Promise<void> {
  try {
    const info = await chooseBackend(requested);
    post({ type: 'ready', ...info });
  } catch (e) {
    post({ type: 'fatal', message: `tfjs failed to start: ${e instanceof Error ? e.message : String(e)}` });
  }
}

async function switchBackend(backend: BackendName): Promise<void> {
  const info = await chooseBackend(backend);
  post({ type: 'backend', ...info });
}

async function execute(runId: string, cellId: string, code: string): Promise<void> {
  const started = performance.now();
  const controller = new AbortController();
  currentRun = { runId, controller };
  lastRunId = runId;
  post({ type: 'status', runId, state: 'busy' });
  const { display, flushAll } = createDisplayApi({ runId, post, signal: controller.signal, cellId, widgetValues });
  const { exercise, settled } = createExerciseApi({ runId, post, signal: controller.signal });
  let status: 'ok' | 'error' | 'aborted' = 'ok';
  let compiled: CompiledCell | null = null;
  try {
    compiled = compileCell(code, { cellId });
    checkNames(cellId, compiled, code);
    cells.set(cellId, { compiled });
    clearDeclarations(cellId);
    const sourceName = `cell-${cellId}.js`;
    try {
      const outcome = await executeCell(
        compiled,
        {
          scope,
          builtins: { tf, display, exercise, signal: controller.signal },
          importModule: (specifier: string) => importModule(specifier),
        },
        { sourceName },
      );
      for (const [name, value] of Object.entries(outcome.declared)) scope.set(name, value);
      declaredBy.set(cellId, Object.keys(outcome.declared));
      if (outcome.hasValue && outcome.value !== undefined && !isDisplayHandle(outcome.value)) {
        const formatted = formatValue(outcome.value);
        post({ type: 'result', runId, mime: formatted.mime, data: formatted.data });
      }
      if (controller.signal.aborted) status = 'aborted';
    } catch (e) {
      status = controller.signal.aborted ? 'aborted' : 'error';
      if (status === 'error') post({ type: 'error', runId, ...explainRuntimeError(locateError(e, compiled, sourceName)) });
    }
  } catch (e) {
    status = 'error';
    post({ type: 'error', runId, ...describeCompileError(e) });
  } finally {
    // A cell is done when its exercises have their verdicts (an async check may still be running).
    await settled();
    flushAll();
    currentRun = null;
    post({
      type: 'done',
      runId,
      status,
      declared: declaredBy.get(cellId) ?? [],
      references: compiled?.references ?? [],
      ms: Math.round(performance.now() - started),
    });
  }
}

/** Refuses a cell that redeclares another cell's name or closes a dependency cycle. */
function checkNames(cellId: string, compiled: CompiledCell, code: string): void {
  const list = [...cells].filter(([id]) => id !== cellId).map(([id, c]) => ({ id, ...c.compiled }));
  list.push({ id: cellId, ...compiled });
  const duplicate = findDuplicateDeclarations(list).find((d) => d.cellIds.includes(cellId));
  if (duplicate) {
    const other = duplicate.cellIds.find((id) => id !== cellId);
    const where = findDeclarationLine(code, duplicate.name);
    throw Object.assign(
      new Error(`"${duplicate.name}" is already declared in cell ${other}. Each name can be declared by one cell: rename it here, or change that cell.`),
      { name: 'DuplicateDeclaration', ...where },
    );
  }
  const cycle = findCycle(list);
  if (cycle && cycle.includes(cellId)) {
    throw Object.assign(
      new Error(`Cells ${cycle.join(' → ')} read each other's names in a circle, so none can run first. Move the shared names into one cell.`),
      { name: 'DependencyCycle' },
    );
  }
}

/** Lists the models tfjs saved in IndexedDB (after removing one, when asked). */
async function manageModels(requestId: number, remove?: string): Promise<void> {
  try {
    if (remove) await tf.io.removeModel(remove);
    const listed = await tf.io.listModels();
    const models: SavedModelInfo[] = Object.entries(listed)
      .filter(([url]) => url.startsWith('indexeddb://'))
      .map(([url, info]) => ({
        url,
        savedAt: info.dateSaved ? new Date(info.dateSaved).toISOString() : null,
        bytes: (info.modelTopologyBytes ?? 0) + (info.weightSpecsBytes ?? 0) + (info.weightDataBytes ?? 0),
      }));
    post({ type: 'models', requestId, models });
  } catch (e) {
    post({ type: 'models', requestId, models: [], error: e instanceof Error ? e.message : String(e) });
  }
}

/** Compiles without running: what a cell declares and reads, for stale marking on the page. */
function analyse(id: string, code: string): CellAnalysis {
  try {
    const compiled = compileCell(code, { cellId: id });
    return { id, declarations: compiled.declarations, references: compiled.references, imports: compiled.imports };
  } catch (e) {
    const err = e as { message?: string; line?: number; column?: number };
    return { id, declarations: [], references: [], imports: [], error: { message: err.message ?? String(e), line: err.line, column: err.column } };
  }
}

function findDeclarationLine(code: string, name: string): { line?: number; column?: number } {
  const pattern = new RegExp(`\\b(const|let|var|function|class)\\b[^\\n=]*\\b${name.replace(/\$/g, '\\$')}\\b`);
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = pattern.exec(lines[i]);
    if (match) return { line: i + 1, column: lines[i].indexOf(name, match.index) + 1 };
  }
  return {};
}

function describeCompileError(e: unknown): { ename: string; evalue: string; line?: number; column?: number } {
  const err = e as { name?: string; message?: string; line?: number; column?: number };
  return { ename: err?.name ?? 'Error', evalue: err?.message ?? String(e), line: err?.line, column: err?.column };
}

/** Adds a hint when a name is missing because the cell that declares it has not run. */
function explainRuntimeError<T extends { ename: string; evalue: string }>(error: T): T {
  const missing = /^(\S+) is not defined$/.exec(error.evalue);
  if (error.ename === 'ReferenceError' && missing) {
    const owner = [...cells].find(([, c]) => c.compiled.declarations.includes(missing[1]))?.[0];
    if (owner) return { ...error, evalue: `${error.evalue}. It is declared in cell ${owner}, which has not run successfully: run that cell first.` };
  }
  return error;
}

function importModule(specifier: string): unknown {
  const module = MODULES[specifier];
  if (module === undefined) {
    throw new Error(`Cannot import "${specifier}": cells can import ${Object.keys(MODULES).map((s) => `"${s}"`).join(' and ')} (bundled, so they work offline).`);
  }
  return module;
}

/** Removes a cell's names from the scope and frees the tensors they held (unless another name still holds them). */
function clearDeclarations(cellId: string): void {
  const names = declaredBy.get(cellId) ?? [];
  const values = names.map((name) => scope.get(name));
  for (const name of names) scope.delete(name);
  declaredBy.delete(cellId);
  releaseValues(values, new Set(scope.values()));
}

function forgetCell(cellId: string): void {
  clearDeclarations(cellId);
  cells.delete(cellId);
  for (const key of [...widgetValues.keys()]) if (key.startsWith(`${cellId}#`)) widgetValues.delete(key);
}

function resetScope(): void {
  scope.clear();
  widgetValues.clear();
  cells.clear();
  declaredBy.clear();
}

function captureConsole(): void {
  const methods = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;
  for (const [method, name] of Object.entries(methods)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      if (!lastRunId) return;
      const text = args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
      post({ type: 'stream', runId: lastRunId, name, text: `${text}\n` });
    };
  }
}
