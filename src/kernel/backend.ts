/**
 * Picks the tfjs backend by measurement. On the small models of the tutorials cpu and wasm beat
 * WebGL, and software WebGL (SwiftShader, as in headless Chromium) is about 15× slower, so it is
 * never a candidate. The wasm binaries are bundled (hashed assets, precached) rather than fetched.
 *
 * The page caches the measurement per browser and app version and asks for its winner, so most
 * starts measure nothing; WebGL is only looked at (and its backend only loaded) when measuring or
 * when it is the backend asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { BackendInfo, BackendName } from './protocol';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let wasmConfigured = false;

function configureWasm(): void {
  if (wasmConfigured) return;
  wasmConfigured = true;
  // Threads need cross-origin isolation and gained nothing on 2 cores; see TOOLCHAIN.md.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
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

/** A few steps of training a small MLP (16 → 32 → 1), the shape of the tutorials' heavier work. */
async function probe(): Promise<number> {
  const run = async () => {
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
    try {
      for (let i = 0; i < 15; i++) {
        optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, x.matMul(w1).add(b1).relu().matMul(w2).add(b2)) as tf.Scalar);
      }
      await w2.data();
    } finally {
      tf.dispose([x, y, w1, b1, w2, b2]);
      optimizer.dispose();
    }
  };
  await run();
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function trySetBackend(name: BackendName): Promise<boolean> {
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

/**
 * Chooses and activates a backend. A `requested` backend (the learner's choice, or the winner of a
 * cached measurement described by `known`) is used when it works, without measuring; otherwise
 * every usable candidate is measured and the fastest kept.
 */
export async function chooseBackend(requested?: BackendName, known?: BackendInfo): Promise<BackendInfo> {
  if (requested) {
    const problem = requested === 'webgl' ? webglProblem() : null;
    if (!problem && (await trySetBackend(requested))) {
      if (known?.available.includes(requested)) return { ...known, backend: requested };
      return { backend: requested, available: [...new Set<BackendName>(['cpu', 'wasm', requested])], timings: {}, excluded: {} };
    }
  }
  return measureBackends();
}

/** Measures every usable backend with the probe and activates the fastest. */
async function measureBackends(): Promise<BackendInfo> {
  const excluded: BackendInfo['excluded'] = {};
  const webgl = webglProblem();
  if (webgl) excluded.webgl = webgl;
  const candidates: BackendName[] = webgl ? ['cpu', 'wasm'] : ['cpu', 'wasm', 'webgl'];
  const timings: BackendInfo['timings'] = {};
  const available: BackendName[] = [];
  for (const name of candidates) {
    if (!(await trySetBackend(name))) {
      excluded[name] = 'failed to initialise';
      continue;
    }
    available.push(name);
    timings[name] = Math.round((await probe()) * 10) / 10;
  }
  const best = available.reduce<BackendName>((a, b) => ((timings[b] ?? Infinity) < (timings[a] ?? Infinity) ? b : a), available[0] ?? 'cpu');
  await trySetBackend(best);
  return { backend: best, available, timings, excluded };
}
