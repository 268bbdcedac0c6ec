/**
 * Part of bench/notebooks.mjs: what it prints to stdout. A header with the Chromium version, the
 * summary table of the notebooks, each notebook's details (start-up marks, files, failures, page
 * errors), and the table of the generated notebooks.
 */
import { CHROMIUM } from '../app.mjs';
import { SETTLE_MS } from './steps.mjs';

/** Milliseconds, rounded, or — when not measured. */
export const ms = (x) => (typeof x === 'number' ? `${Math.round(x)}` : '—');
/** Bytes as KB with one decimal, or — when not measured. */
export const kb = (x) => (typeof x === 'number' ? `${(x / 1024).toFixed(1)}` : '—');

/** Prints a plain-text table with right-aligned numbers. */
export function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Prints the summary table, then each notebook's details (files, failures, page errors). */
export function printReport(results, chromiumVersion) {
  console.log(`Chromium ${chromiumVersion}  (${CHROMIUM}, headless)`);
  console.log('');
  printTable(
    [
      'notebook',
      'backend',
      'cold ms',
      'warm ms',
      'main JS gz KB',
      'open task ms',
      'worker gz KB',
      'wasm gz KB',
      'run all ms',
      'cells ok',
      'longest task ms',
      'tasks>50ms',
      'tasks>100ms',
      'tensors 1',
      'tensors 2',
      'growth',
    ],
    results.map((r) => [
      r.id,
      r.backend ?? '—',
      ms(r.coldMs),
      ms(r.warmMs),
      kb(r.mainJsGzip),
      ms(r.openLongestTaskMs),
      kb(r.workerStartGzip),
      kb(r.workerWasm?.reduce((s, f) => s + (f.gzip ?? 0), 0)),
      ms(r.runAllMs),
      r.cells === undefined ? '—' : `${r.cells - r.notOk.length - r.skipped.length}/${r.cells - r.skipped.length}`,
      ms(r.longestTaskMs),
      r.tasksOver50 ?? '—',
      r.tasksOver100 ?? '—',
      r.tensorsAfterRun1 ?? '—',
      r.tensorsAfterRun2 ?? '—',
      r.tensorGrowth === undefined ? '—' : r.tensorGrowth > 0 ? `+${r.tensorGrowth}` : String(r.tensorGrowth),
    ]),
  );
  for (const r of results) {
    console.log('');
    console.log(`${r.id}: ${r.ok ? 'ok' : `FAILED — ${r.error}`}`);
    if (r.backendProbe?.length) console.log(`  backend choices: ${r.backendProbe.join(', ')}`);
    if (r.coldKernelReadyMs !== undefined)
      console.log(
        `  cold: kernel ready at ${ms(r.coldKernelReadyMs)} ms, cells shown at ${ms(r.coldCellsMs)} ms, both at ${ms(r.coldMs)} ms; warm (service worker controls: ${r.warmControlled}): kernel ${ms(r.warmKernelReadyMs)} ms, cells ${ms(r.warmCellsMs)} ms, both ${ms(r.warmMs)} ms`,
      );
    for (const [visit, m] of [
      ['cold', r.coldStartup],
      ['warm', r.warmStartup],
    ]) {
      if (!m) continue;
      const measured = m.measured === undefined ? '' : `, backends measured ${ms(m.measured)}`;
      console.log(
        `  kernel start-up, ${visit} (ms on the page's clock): new Worker ${ms(m.worker)}, boot ${ms(m.boot)}, script ${ms(m.script)}, init ${ms(m.init)}, ready ${ms(m.ready)}${measured}`,
      );
    }
    if (r.openLongestTaskMs !== undefined)
      console.log(
        `  longest main-thread task while opening (until ${SETTLE_MS} ms after interactive): cold ${ms(r.openLongestTaskMs)} ms (${r.openTasksOver100 ?? '—'} over 100 ms), warm ${ms(r.warmOpenLongestTaskMs)} ms`,
      );
    const files = [
      ['main JS', r.mainJs],
      ['later JS', r.lateJs],
      ['worker', r.workerChunk ? [r.workerChunk] : []],
      ['worker JS', r.workerImports],
      ['wasm', r.workerWasm],
    ];
    for (const [label, list] of files) {
      for (const f of list ?? []) console.log(`  ${label.padEnd(9)} ${f.file.padEnd(48)} ${kb(f.raw).padStart(8)} KB raw ${kb(f.gzip).padStart(8)} KB gz`);
    }
    if (r.skipped?.length) console.log(`  not in Run all: ${r.skipped.join(', ')}`);
    if (r.notOk?.length) console.log(`  not ok after Run all: ${r.notOk.join(', ')}`);
    if (r.notOkRun2?.length) console.log(`  not ok after the second Run all: ${r.notOkRun2.join(', ')}`);
    if (r.run2Ms !== undefined) console.log(`  second Run all: ${ms(r.run2Ms)} ms`);
    for (const e of r.pageErrors ?? []) console.log(`  page: ${e.slice(0, 300)}`);
  }
  console.log('');
}

/** Prints the table of the generated notebooks opened through "Import notebook", and their failures. */
export function printGenerated(opened) {
  console.log('Generated notebooks, imported (untrusted) on one page:');
  console.log('');
  printTable(
    ['cells', 'open ms', 'all cells ms', 'longest task ms', 'tasks>100ms', 'editors built'],
    opened.map((r) => [r.cells, ms(r.openMs), ms(r.allMs), ms(r.longestTaskMs), r.tasksOver100 ?? '—', r.editors ?? '—']),
  );
  for (const r of opened.filter((o) => !o.ok)) console.log(`  ${r.cells} cells: FAILED — ${r.error}`);
  console.log('');
}
