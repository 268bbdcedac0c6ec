/**
 * The tfjs backend: which one a start uses, and the probe that measures them. On the small models
 * of the tutorials cpu and wasm beat WebGL, and software WebGL (SwiftShader, as in headless
 * Chromium) is about 15× slower, so it is never a candidate. The wasm binaries are bundled (hashed
 * assets, precached) rather than fetched from a CDN.
 *
 * The page caches the measurement per browser and app version and asks for its winner, so most
 * starts measure nothing. A start with nothing to ask for runs on wasm at once and measures every
 * candidate afterwards, while no cell runs (`backend-measure.ts`). WebGL is only looked at (and its
 * backend only loaded) in that measurement or when it is the backend asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { measureInIdle, type MeasureContext } from './backend-measure';
import { nextTask } from './idle-gate';
import type { BackendInfo, BackendName } from './protocol';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let wasmConfigured = false;

function configureWasm(): void {
  if (wasmConfigured) return;
  wasmConfigured = true;
  // Threads need cross-origin isolation and gained nothing on 2 cores; see TOOLCHAIN.md.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // The worker's script has begun to fetch and compile the binary these name (`wasm-prefetch.ts`).
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    // Never fetched while threads are off; tfjs insists on an entry for it.
    'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
  });
}

/** Why WebGL is unusable here, or null when a hardware WebGL context exists. */
export function webglProblem(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return 'no OffscreenCanvas in this worker';
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return 'no WebGL context';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE_RENDERER.test(renderer) ? `software WebGL (${renderer}) is about 15× slower than cpu` : null;
  } catch (e) {
    return `WebGL failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Steps in each of the probe's two runs. */
const PROBE_STEPS = 15;

/**
 * Times a few steps of training a small MLP (16 → 32 → 1), the shape of the tutorials' heavier
 * work, on the active backend: one run to warm up, then a timed one. Between two steps it lets
 * other tasks run (a cell's `execute` message among them) and stops, resolving with null, as soon
 * as `shouldStop` says so, having freed what it made.
 *
 * The result is the timed run's median step (each step up to its result's read) times the number
 * of steps: the time of a run with no interruption. On a shared machine a step is now and then
 * preempted for tens of milliseconds; a plain sum let one such step decide between two backends.
 */
export async function probe(shouldStop: () => boolean = () => false): Promise<number | null> {
  const run = async (): Promise<number[] | null> => {
    // tf.variable keeps its initial tensor alive unless created inside tidy.
    const [x, y, w1, b1, w2, b2] = tf.tidy(() => [
      tf.randomNormal([512, 16], 0, 1, 'float32', 1),
      tf.randomUniform([512, 1], 0, 1, 'float32', 2).round(),
      tf.variable(tf.randomNormal([16, 32], 0, 0.1, 'float32', 3)),
      tf.variable(tf.zeros([32])),
      tf.variable(tf.randomNormal([32, 1], 0, 0.1, 'float32', 4)),
      tf.variable(tf.zeros([1])),
    ]) as [tf.Tensor2D, tf.Tensor2D, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
    const optimizer = tf.train.adam(0.05);
    const steps: number[] = [];
    try {
      for (let i = 0; i < PROBE_STEPS; i++) {
        await nextTask();
        if (shouldStop()) return null;
        const start = performance.now();
        optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, x.matMul(w1).add(b1).relu().matMul(w2).add(b2)) as tf.Scalar);
        await w2.data();
        steps.push(performance.now() - start);
      }
      return steps;
    } finally {
      tf.dispose([x, y, w1, b1, w2, b2]);
      optimizer.dispose();
    }
  };
  if ((await run()) === null) return null;
  const steps = await run();
  return steps === null ? null : medianOf(steps) * PROBE_STEPS;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Makes `name` the active tfjs backend; false when it cannot start here. */
export async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'wasm') configureWasm();
    // A chunk of its own: most learners never use it (and headless Chromium's is software).
    if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** How a start went: the backend in use, and whether the candidates are still to be measured. */
export interface BackendStart {
  info: BackendInfo;
  /** True when the start had no backend to use: call `measureLater` once ready. */
  measuring: boolean;
}

/**
 * Activates a backend for a start. A `requested` backend (the learner's choice, or the winner of a
 * cached measurement described by `known`) is used when it works; otherwise the likely winner,
 * wasm (cpu where wasm cannot start), and the candidates remain to be measured.
 */
export async function startBackend(requested?: BackendName, known?: BackendInfo): Promise<BackendStart> {
  if (requested) {
    const problem = requested === 'webgl' ? webglProblem() : null;
    if (!problem && (await trySetBackend(requested))) {
      const info = known?.available.includes(requested)
        ? { ...known, backend: requested }
        : { backend: requested, available: [...new Set<BackendName>(['cpu', 'wasm', requested])], timings: {}, excluded: known?.excluded ?? {} };
      return { info, measuring: false };
    }
  }
  for (const likely of ['wasm', 'cpu'] as const) {
    if (await trySetBackend(likely)) return { info: { backend: likely, available: [likely], timings: {}, excluded: {} }, measuring: true };
  }
  throw new Error('neither the wasm nor the cpu backend could start');
}

/** Measures every candidate while the kernel is idle (see `backend-measure.ts`). */
export function measureLater(context: MeasureContext): Promise<BackendInfo> {
  return measureInIdle({ activate: trySetBackend, probe, webglProblem }, context);
}
