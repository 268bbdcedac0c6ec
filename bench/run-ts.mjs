/**
 * Runs a TypeScript entry (a benchmark) under Node with the project's own Vite: Vite's module
 * runner transpiles the TS on the fly and resolves imports as the app does, so no extra tool
 * (tsx, ts-node, vite-node) is needed.
 *
 *   node bench/run-ts.mjs bench/quality.ts [args…]
 *
 * The entry reads its own arguments from process.argv after the entry path.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bench/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const file = resolve(entry);
try {
  // The module's top-level code runs during the import (its own top-level await included).
  await runnerImport(pathToFileURL(file).href);
} catch (error) {
  console.error(error);
  process.exit(1);
}
