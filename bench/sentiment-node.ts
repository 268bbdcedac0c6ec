/// <reference types="node" />
/**
 * Runs the sentiment notebook's cells in Node, in order, with a text-only display: prints each
 * cell's status, time, tensor count and what it wrote, and each exercise's verdict. Faster than the
 * browser for checking that every sentence holds for another seed and that every exercise can pass.
 *
 *   node bench/run-ts.mjs bench/sentiment-node.ts [--seed=N] [--solve] [--quiet] [--cpu]
 *
 * --seed=N  replaces `const SEED = 7;` in the setup cell
 * --solve   replaces each "Try it" cell with a right answer computed from the notebook's own names,
 *           so every exercise should then report "passed"
 * --quiet   prints outputs only for cells that fail
 * indexeddb:// URLs are rewritten to memory:// (Node has no IndexedDB).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ml from '../src/ml/index';
import { compileCell, parseNotebook } from '../src/notebook/index';
import { executeCell, locateError } from '../src/kernel/execute';
import { createDisplayApi } from '../src/kernel/display';
import type { WorkerMessage } from '../src/kernel/protocol';

const args = process.argv.slice(3);
const file = fileURLToPath(new URL('../notebooks/sentiment-analysis.md', import.meta.url));
const seed = args.find((a) => a.startsWith('--seed='))?.slice('--seed='.length);
const quiet = args.includes('--quiet');
const solve = args.includes('--solve');
await tf.setBackend(args.includes('--cpu') ? 'cpu' : 'wasm');

/** A right answer for each "Try it" cell, written with the names the notebook declares. */
const answers: Record<string, string> = {
  'try-noise':
    'const suspectedWrongLabels: number[] = mentionLosses.filter((r) => flippedIds.has(r.review)).slice(0, 3).map((r) => r.review).concat(mentionLosses.slice(0, 3).map((r) => r.review)).slice(0, 3);',
  'try-baseline':
    'const myStrongestBaseline = (["majority", "vader", "lexicon"] as const)[[mean(majorityFolds), mean(vaderFolds), mean(lexiconFolds)].reduce((b, v, i, a) => (v > a[b] ? i : b), 0)];',
  'try-epochs': 'const myEmbeddingEpochs = bestEpoch;',
  'try-regularisation': 'const myC = bestC.C;',
  'try-vocabulary':
    'const myMaxFeatures = Number(sizeTable.find((r) => r.terms !== "all" && Number(r.terms) <= 3000 && r["validation accuracy"] >= fullAccuracy - 0.01)?.terms ?? 3000);',
  'try-threshold':
    'const myNegativeThreshold = Array.from({ length: 99 }, (_, k) => (k + 1) / 100).find((t) => oofLogistic.filter((p, i) => p < t && devLabels[i] === 0).length >= 0.9 * devLabels.filter((y) => y === 0).length) ?? 0.99;',
  'try-learning-curve': 'const moreDataWouldHelp = curveRows[curveRows.length - 1].validation - curveRows[curveRows.length - 2].validation > 0.005;',
  'try-negation': 'const negationFix = { negation: true };',
  'try-tuning':
    'const good = grid.filter((r) => r["accuracy (5-fold)"] >= bestSetting["accuracy (5-fold)"] - bestSetting["±"]); const cx = (r) => (r["n-grams"] === "1–2" ? 2 : 0) + (r.negation ? 1 : 0); const pick = good.reduce((a, b) => (cx(b) < cx(a) ? b : a)); const myChosenSetting = { ngrams: pick["n-grams"], negation: pick.negation, C: pick.C };',
  'try-explain':
    'const explainSentence = "The screen is great but the battery died after two days."; const myStrongestNegativeWord = tunedModel.explain(explainSentence).tokens.reduce((a, b) => (b.attribution < a.attribution ? b : a)).token;',
  'try-fairness':
    'const informalWords: Record<string, string> = { gr8: "great", luv: "love", u: "you", gud: "good", dis: "this", da: "the", rly: "really", shud: "should", wat: "what", aftr: "after", wk: "week", im: "i am", gonna: "going to", its: "it is", dont: "do not" };\nfunction myNormaliser(text: string): string { return text.toLowerCase().replace(/[\\w\']+/g, (w) => informalWords[w] ?? w); }',
  'try-model-choice':
    'const myModelChoice = (["vader", "amazon model", "brand model"] as const)[[vaderOnMentions, amazonOnMentions, brandOnMentions.estimate].reduce((b, v, i, a) => (v > a[b] ? i : b), 0)];',
  'try-deployment':
    'const myTrickyReview = "Oh great, another phone that dies by lunchtime."; const myTrickyLabel = (served!.predictProba([myTrickyReview])[0] >= 0.5 ? 0 : 1) as 0 | 1;',
  'try-alarm':
    'const myMinVolume = 10; const myAlarmThreshold = Array.from({ length: 60 }, (_, k) => 0.2 + k / 100).reduce((a, b) => (evaluateAlarm(liveDeviceWeeks, b, 10).cost < evaluateAlarm(liveDeviceWeeks, a, 10).cost ? b : a));',
  'try-drift': 'const myDriftWeek = firstDriftWeek ?? 0;',
  'try-retrain': 'const myPromotionDecision = promote;',
  'try-summary': 'const alarmIsWorthIt = alarmOutcome.cost < noAlarmCost;',
};

/** What an exercise call hands over (the notebook's own shape; only id and check are used here). */
interface ExerciseSpec {
  id: string;
  check(): unknown;
}
const exercises: ExerciseSpec[] = [];

let source = readFileSync(file, 'utf8').replaceAll('indexeddb://', 'memory://');
if (seed) source = source.replace(/const SEED = \d+;/, `const SEED = ${seed};`);
const notebook = parseNotebook(source, file);
const scope = new Map<string, unknown>();
let total = 0;
for (const cell of notebook.cells) {
  if (cell.kind !== 'code' || cell.flags.norun) continue;
  const code = solve && answers[cell.id] ? answers[cell.id] : cell.source;
  const lines: string[] = [];
  const post = (m: WorkerMessage): void => {
    if (m.type !== 'display' && m.type !== 'update-display') return;
    const data = m.data as unknown as Record<string, unknown> & { rows?: unknown[]; columns?: string[] };
    const mime = m.type === 'display' ? m.mime : '';
    if (mime.includes('chart')) lines.push(`[chart: ${String(data.title ?? '')}]`);
    else if (mime.includes('table')) lines.push(`[table ${String(data.caption ?? '')}: ${data.rows?.length ?? 0} rows]`);
    else if (mime.includes('widget')) lines.push(`[widget ${String(data.label ?? '')}]`);
    else if (typeof m.data === 'string') lines.push(m.data);
  };
  const controller = new AbortController();
  const { display, flushAll } = createDisplayApi({ runId: 'node', post, signal: controller.signal, cellId: cell.id });
  const started = performance.now();
  let status = 'ok';
  try {
    const compiled = compileCell(code, { cellId: cell.id });
    try {
      const result = await executeCell(compiled, {
        scope,
        builtins: { tf, display, signal: controller.signal, exercise: (spec: ExerciseSpec) => void exercises.push(spec) },
        importModule: (specifier) => {
          if (specifier === 'fieldbook/ml') return ml;
          if (specifier === '@tensorflow/tfjs') return tf;
          throw new Error(`Cannot import ${specifier}`);
        },
      });
      for (const [name, value] of Object.entries(result.declared)) scope.set(name, value);
      if (result.hasValue && (typeof result.value === 'string' || typeof result.value === 'number')) lines.push(String(result.value));
    } catch (e) {
      status = 'ERROR';
      lines.push(JSON.stringify(locateError(e, compiled)));
    }
  } catch (e) {
    status = 'COMPILE ERROR';
    lines.push(String(e));
  }
  flushAll();
  const ms = performance.now() - started;
  total += ms;
  console.log(`--- ${cell.id} ${status} ${ms.toFixed(0)} ms (tensors ${tf.memory().numTensors})`);
  if (!quiet || status !== 'ok') for (const line of lines) console.log(`  ${line.replace(/\n/g, '\n  ')}`);
  for (const spec of exercises.splice(0)) {
    let verdict: unknown;
    try {
      verdict = await spec.check();
    } catch (e) {
      verdict = { status: 'failed', message: String(e) };
    }
    console.log(`  [exercise ${spec.id}] ${JSON.stringify(verdict)}`);
  }
}
console.log(`TOTAL ${total.toFixed(0)} ms`);
