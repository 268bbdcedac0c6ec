/**
 * The `tf` the app build gives the kernel and cells (`vite.config.ts` aliases `@tensorflow/tfjs`
 * here; Vitest keeps the full package): tfjs-core with every gradient and chained op, tfjs-layers,
 * and the cpu backend. The wasm backend is added by `backend.ts`; WebGL is loaded only when chosen.
 *
 * Left out, because no notebook uses them and they cost a third of the worker: the converter
 * (`tf.loadGraphModel`, which fetches weights anyway) and `tf.data`.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { version_core } from '@tensorflow/tfjs-core';
import { version_layers } from '@tensorflow/tfjs-layers';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';

/** The versions bundled, as `tf.version` reports them in the full package. */
export const version = { 'tfjs-core': version_core, 'tfjs-layers': version_layers, 'tfjs-backend-cpu': version_cpu, tfjs: version_core };
