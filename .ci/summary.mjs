// Prints one line for the whole suite from Vitest's JSON reports: "N passed, N failed" (plus
// skipped or not-run files when there are any). Usage: node .ci/summary.mjs test-results/*.json
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    missing.push(file);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even though none of its tests ran.
  failed += (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
}
const extra = [skipped ? `${skipped} skipped` : '', missing.length ? `not run: ${missing.join(', ')}` : ''].filter(Boolean);
console.log(`${passed} passed, ${failed} failed${extra.length ? ` (${extra.join('; ')})` : ''}`);
