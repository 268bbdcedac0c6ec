/// <reference types="node" />
/**
 * Matrix-factorisation speed: one epoch over 80,000 ratings (MovieLens-100k-sized data from the
 * simulator, 943 users × 1,682 titles) for the toolkit's solvers, beside a plain typed-array SGD
 * loop written out by hand, in the same run — under Node and in the kernel's Web Worker in
 * headless Chromium. It prints figures and asserts nothing.
 *
 *   node bench/run-ts.mjs bench/mf-speed.ts [--epochs 5] [--no-browser]
 *
 * Each figure is a median over epochs (setup excluded); the plain loop and the default solver
 * alternate three times and the fastest of each is kept, because the machine may be shared.
 * The browser part (bench/app.mjs) builds dist/ if it is missing (`npx vite build` first after
 * changing src/), serves it with `vite preview` on a free port, opens 00-start-here, adds a cell
 * that runs the same measurement through `fieldbook/ml`, and reads its output.
 */
import { addCell, openNotebook, outputOf, runFocusedCell } from './app.mjs';
import { generateRatings } from '../src/ml/data/ratings';
import { createMatrixFactorization } from '../src/ml/models/matrix-factorization';
import { createImplicitModel } from '../src/ml/models/implicit-als';

const args = process.argv.slice(3);
const EPOCHS = Number(args[args.indexOf('--epochs') + 1] ?? 5) || 5;
const BROWSER = !args.includes('--no-browser');

/**
 * The measurement, as source text: it runs here and, unchanged, in a notebook cell (where
 * `fieldbook/ml` provides the same functions). Returns milliseconds per epoch for each path.
 */
const MEASURE = `
const world = generateRatings({ users: 943, items: 1682, ratingsPerUser: 106, minRatingsPerUser: 20, seed: 1 });
const ratings = world.table.rows.slice(0, 80000).map((r) => ({ user: r.user - 1, item: r.item - 1, rating: r.rating }));
const EPOCHS = ${EPOCHS};
const factors = 48;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Per-epoch times from the epoch callbacks (setup excluded); the median, as the machine is shared.
const timeFit = async (model, epochs, options = {}) => {
  const marks = [performance.now()];
  await model.fit(ratings, { epochs, validation: null, ...options, onEpoch: () => { marks.push(performance.now()); } });
  return median(marks.slice(1).map((m, e) => m - marks[e]).slice(epochs > 2 ? 1 : 0));
};
// The plain loop: Surprise's SVD update in typed arrays, nothing else.
const plain = () => {
  const P = new Float32Array(943 * factors).map(() => (Math.random() - 0.5) * 0.2);
  const Q = new Float32Array(1682 * factors).map(() => (Math.random() - 0.5) * 0.2);
  const bu = new Float32Array(943), bi = new Float32Array(1682);
  const u = Int32Array.from(ratings, (r) => r.user), i = Int32Array.from(ratings, (r) => r.item), y = Float32Array.from(ratings, (r) => r.rating);
  const mean = y.reduce((s, v) => s + v, 0) / y.length, lr = 0.007, reg = 0.05;
  const times = [];
  for (let e = 0; e < EPOCHS; e++) {
    const t = performance.now();
    for (let n = 0; n < y.length; n++) {
      const pu = u[n] * factors, qi = i[n] * factors;
      let pred = mean + bu[u[n]] + bi[i[n]];
      for (let k = 0; k < factors; k++) pred += P[pu + k] * Q[qi + k];
      const err = y[n] - pred;
      bu[u[n]] += lr * (err - reg * bu[u[n]]);
      bi[i[n]] += lr * (err - reg * bi[i[n]]);
      for (let k = 0; k < factors; k++) {
        const p = P[pu + k], q = Q[qi + k];
        P[pu + k] += lr * (err * q - reg * p);
        Q[qi + k] += lr * (err * p - reg * q);
      }
    }
    times.push(performance.now() - t);
  }
  return median(times);
};
// Alternate the two, three times, and keep the fastest of each: the nearest to an idle machine.
let plainMs = Infinity, sgdMs = Infinity;
for (let rep = 0; rep < 3; rep++) {
  plainMs = Math.min(plainMs, plain());
  sgdMs = Math.min(sgdMs, await timeFit(createMatrixFactorization({ numUsers: 943, numItems: 1682 }), EPOCHS));
}
const alsMs = await timeFit(createMatrixFactorization({ numUsers: 943, numItems: 1682, solver: "als", factors: 32 }), EPOCHS);
const adamMs = await timeFit(createMatrixFactorization({ numUsers: 943, numItems: 1682, solver: "adam" }), 1, { batchSize: 256 });
const ialsMs = await timeFit(createImplicitModel({ numUsers: 943, numItems: 1682 }), EPOCHS);
JSON.stringify({ ratings: ratings.length, plainMs, sgdMs, alsMs, adamMs, ialsMs });
`;

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...a: string[]) => (...v: unknown[]) => Promise<string>;

interface Figures {
  ratings: number;
  plainMs: number;
  sgdMs: number;
  alsMs: number;
  adamMs: number;
  ialsMs: number;
}

async function inNode(): Promise<Figures> {
  const body = MEASURE.trim().replace(/\n(JSON\.stringify[^\n]*)\s*$/, '\nreturn $1');
  const run = new AsyncFunction('generateRatings', 'createMatrixFactorization', 'createImplicitModel', body);
  return JSON.parse(await run(generateRatings, createMatrixFactorization, createImplicitModel)) as Figures;
}

async function inWorker(): Promise<Figures> {
  const { page, close } = await openNotebook('00-start-here');
  try {
    const code = `import { generateRatings, createMatrixFactorization, createImplicitModel } from "fieldbook/ml";\n${MEASURE.trim()}`;
    const id = await addCell(page, code);
    await runFocusedCell(page, id, 300_000, 200);
    const text = (await outputOf(page, id)).trim();
    const json = /\{.*\}/s.exec(text)?.[0];
    if (!json) throw new Error(`the benchmark cell printed: ${text.slice(0, 300)}`);
    return JSON.parse(json.replace(/\\"/g, '"')) as Figures;
  } finally {
    await close();
  }
}

function print(where: string, f: Figures): void {
  const row = (name: string, ms: number) => `  ${name.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / f.plainMs).toFixed(2).padStart(6)}× the plain loop`;
  console.log(`${where}: one epoch over ${f.ratings.toLocaleString('en-US')} ratings`);
  console.log(row('plain typed-array SGD loop (48 factors)', f.plainMs));
  console.log(row("toolkit MF, solver 'sgd' (default, 48 factors)", f.sgdMs));
  console.log(row("toolkit MF, solver 'als' (32 factors, one sweep)", f.alsMs));
  console.log(row("toolkit MF, solver 'adam' (tfjs autodiff, batch 256)", f.adamMs));
  console.log(row('toolkit iALS ranking model (32 factors, one sweep)', f.ialsMs));
}

const node = await inNode();
print('Node', node);
let worker: Figures | null = null;
if (BROWSER) {
  worker = await inWorker();
  print('Chromium kernel worker', worker);
}
console.log(JSON.stringify({ node, worker }));
