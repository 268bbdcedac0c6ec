/**
 * Build-time code: what vite.config.ts runs in Node while it builds the app. The app never imports
 * it (an import rule in .ci/dependency-cruiser.cjs keeps it so).
 *
 * - notebook-assets.ts: the shipped notebooks as data — parsed, their prose pre-rendered, one JSON
 *   asset each, and the small index the page reads (`virtual:fieldbook-notebooks`).
 */
export { notebookAssets } from './notebook-assets.js';
