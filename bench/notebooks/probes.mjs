/**
 * Part of bench/notebooks.mjs: the clocks it reads. Two probes run inside the page (on its clock,
 * 0 = navigation start): one from before the page's own scripts, for when the kernel and the
 * first cell were there, one installed before Run all, for how long the run took and which long
 * tasks fell in it. The kernel's start-up marks come from the page and the worker, on one clock.
 */

/**
 * Runs in every page before its own scripts: records, on the page's clock (0 = navigation start),
 * when the kernel became ready and when that and the first code cell were both there.
 */
export function installLoadProbe() {
  if (!location.hash.startsWith('#/notebook/')) return;
  const marks = { kernelReadyAt: null, cellsAt: null, interactiveAt: null, longTasks: [] };
  window.__fbBench = marks;
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) marks.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    marks.longTasks = null; // this browser has no Long Tasks API
  }
  const check = () => {
    const now = performance.now();
    const ready = document.documentElement.dataset.kernel === 'ready';
    if (ready && marks.kernelReadyAt === null) marks.kernelReadyAt = now;
    if (marks.cellsAt === null && document.querySelector('fb-cell[data-status]')) marks.cellsAt = now;
    if (ready && marks.interactiveAt === null && document.querySelector('fb-cell[data-status]')) {
      marks.interactiveAt = now;
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-kernel', 'data-status'] });
}

/**
 * Runs in the page before Run all is clicked: times the run from the click event to the moment no
 * cell is queued or running, remembers which cells ran, and collects long tasks (buffered, so
 * none is lost to the observer starting late; only those starting during the run count).
 */
export function installRunProbe() {
  const run = { clickAt: null, endAt: null, busySeen: false, ran: [], longTasks: [] };
  window.__fbRun = run;
  const busy = (s) => s === 'queued' || s === 'running';
  document.addEventListener('click', () => (run.clickAt ??= performance.now()), { capture: true, once: true });
  const statusObserver = new MutationObserver((records) => {
    if (run.clickAt === null || run.endAt !== null) return;
    for (const r of records) {
      const el = r.target;
      if (busy(r.oldValue) || busy(el.dataset.status)) run.busySeen = true;
      if (el.dataset.status === 'running' && !run.ran.includes(el.dataset.cellId)) run.ran.push(el.dataset.cellId);
    }
    const cells = [...document.querySelectorAll('fb-cell[data-status]')];
    if (run.busySeen && cells.every((c) => !busy(c.dataset.status))) {
      run.endAt = performance.now();
      statusObserver.disconnect();
    }
  });
  statusObserver.observe(document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-status'] });
  try {
    new PerformanceObserver((list) => {
      for (const t of list.getEntries()) run.longTasks.push({ start: t.startTime, duration: t.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    run.longTasks = null; // this browser has no Long Tasks API
  }
}

/**
 * The kernel's start-up marks, on the page's clock (0 = navigation start): `worker` when the page
 * called `new Worker` (a page mark), then the worker's own marks, shifted by the difference of the
 * two clocks' origins: `boot` its script had run (the wasm download and the kernel chunk's import
 * start there), `script` the kernel chunk had been evaluated (tfjs included), `init` the start was
 * taken (from the worker's name), `ready` tfjs had its backend (the worker posted `ready`),
 * `measured` a first visit's idle-time backend measurement was done.
 */
export async function startupMarks(page, worker) {
  const [onPage, inWorker] = await Promise.all([
    page.evaluate(() => ({ origin: performance.timeOrigin, worker: performance.getEntriesByName('kernel-worker', 'mark').at(-1)?.startTime ?? null })),
    worker.evaluate(() => ({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) })),
  ]);
  const shift = inWorker.origin - onPage.origin;
  const marks = { worker: onPage.worker };
  for (const [name, at] of inWorker.marks) if (name.startsWith('kernel-')) marks[name.slice('kernel-'.length)] = at + shift;
  return marks;
}
