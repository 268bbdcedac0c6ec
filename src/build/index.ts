/**
 * Build-time code: what vite.config.ts runs in Node while it builds the app. The app never imports
 * it (an import rule in .ci/dependency-cruiser.cjs keeps it so).
 *
 * - notebook-assets.ts: the shipped notebooks as data — parsed, their prose pre-rendered, one JSON
 *   asset each, and the small index the page reads (`virtual:fieldbook-notebooks`).
 * - early-kernel.ts: the script inlined into index.html that creates the kernel worker before the
 *   page's own JavaScript loads (`src/early-kernel.ts`).
 */
export { earlyKernel } from './early-kernel.js';
export { notebookAssets } from './notebook-assets.js';
