/**
 * The first-visit backend measurement, taken off the start's critical path. Measuring cpu and
 * wasm before the kernel was ready cost about 1.2 s of every first visit (cpu's warm-up alone
 * 450–900 ms), so a start with no backend to use becomes ready on the likely winner (wasm, 2–5×
 * faster than cpu on the probe wherever it loads) and this measures every candidate afterwards,
 * one probe at a time, only while no cell runs (`IdleGate`). A cell sent meanwhile waits for one
 * probe step at most: the probe stops, the kernel's backend is set back, and the probe of that
 * candidate is taken again from the start at the next idle moment.
 *
 * The winner is switched to only while no cell has ever run (tensors cannot move between
 * backends); otherwise the kernel stays where it is and the page caches the winner for the next
 * start. DOM- and tfjs-free: `backend.ts` supplies the tfjs parts.
 */
import type { IdleGate } from './idle-gate';
import { fastestBackend, type BackendInfo, type BackendName } from './protocol';

/** The tfjs side of a measurement. */
export interface MeasureDeps {
  /** Makes `name` the active tfjs backend; false when it cannot start there. */
  activate(name: BackendName): Promise<boolean>;
  /** Times the probe on the active backend in ms; null when `shouldStop` stopped it first. */
  probe(shouldStop: () => boolean): Promise<number | null>;
  /** Why WebGL is unusable here, or null when it is a candidate. */
  webglProblem(): string | null;
}

/** What the measurement runs alongside. */
export interface MeasureContext {
  /** The backend the kernel runs on now. */
  active: BackendName;
  gate: IdleGate;
  /** True once a cell has been sent to run: from then on the kernel keeps its backend. */
  cellsRan(): boolean;
}

/** The backends a measurement considers, in the order the menu lists them. */
export const CANDIDATES: readonly BackendName[] = ['cpu', 'wasm', 'webgl'];

/** Probe times are shown to a tenth of a millisecond. */
function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Runs `step` while holding the gate. */
async function held<T>(gate: IdleGate, step: () => Promise<T>): Promise<T> {
  const release = await gate.hold();
  try {
    return await step();
  } finally {
    release();
  }
}

/**
 * Measures every usable candidate in idle time (the active backend first, as it needs no switch)
 * and resolves with the result; `backend` in it is the backend in use at the end.
 */
export async function measureInIdle(deps: MeasureDeps, context: MeasureContext): Promise<BackendInfo> {
  const { gate } = context;
  let active = context.active;
  const excluded: BackendInfo['excluded'] = {};
  const webgl = await held(gate, async () => deps.webglProblem());
  if (webgl) excluded.webgl = webgl;
  const candidates = CANDIDATES.filter((name) => name !== 'webgl' || !webgl);
  const timings: BackendInfo['timings'] = {};
  for (const name of [active, ...candidates.filter((c) => c !== active)]) {
    for (;;) {
      const outcome = await held(gate, async () => {
        if (name === active) return deps.probe(() => gate.wanted);
        try {
          if (!(await deps.activate(name))) return 'failed' as const;
          return await deps.probe(() => gate.wanted);
        } finally {
          // A failed start leaves tfjs with no backend: the active one is set back in either case.
          await deps.activate(active);
        }
      });
      if (outcome === 'failed') {
        excluded[name] = 'failed to initialise';
        break;
      }
      if (outcome !== null) {
        timings[name] = roundMs(outcome);
        break;
      }
    }
  }
  const available = candidates.filter((name) => timings[name] !== undefined);
  const winner = fastestBackend({ backend: active, available, timings, excluded });
  if (winner !== active && !context.cellsRan()) {
    active = await held(gate, async () => {
      // Checked again: a cell may have been sent while the gate was awaited.
      if (context.cellsRan()) return active;
      if (await deps.activate(winner)) return winner;
      await deps.activate(active);
      return active;
    });
  }
  return { backend: active, available, timings, excluded };
}
