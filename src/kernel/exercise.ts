/**
 * The `exercise({...})` global of cells (contracts.md, "Exercise API"): it shows an exercise
 * panel and runs the exercise's check in the kernel, while the cell runs. A check may be sync or
 * async, may return `true`, a message string, or `{ status, message }`, and may throw: a thrown
 * error is a failed verdict with the error's message, never a broken cell. The run's `done` waits
 * for every check the cell started (`settled`), so a finished cell always shows its verdict.
 */
import { mark, type DisplaySink } from './display';
import { MIME, type ExerciseData, type ExerciseStatus } from './protocol';

/** The outcome of a check, as the panel shows it. */
export interface ExerciseVerdict {
  status: ExerciseStatus;
  message: string;
}

/** What a cell passes to `exercise(...)`. */
export interface ExerciseSpec {
  /** Unique in the notebook: letters, digits, `-` and `_`. */
  id: string;
  /** Short heading of the panel. */
  title: string;
  /** Optional Markdown: what to do. */
  task?: string;
  /** Recomputes from the learner's own parameters; sync or async; a throw is a failed verdict. */
  check: () => unknown;
  /** Shown one at a time by "Show hint". */
  hints?: readonly string[];
  /** Markdown or code; "Show solution" asks first. */
  solution?: string;
}

/** What `exercise(...)` returns: the panel's display id and a promise of the verdict. */
export interface ExerciseHandle {
  readonly displayId: string;
  readonly id: string;
  readonly verdict: Promise<ExerciseVerdict>;
}

/** An `exercise({...})` call the kernel cannot show (a missing id or check, say): the cell fails with it. */
export class ExerciseDefinitionError extends TypeError {
  override name = 'ExerciseDefinitionError';
}

const STATUSES: readonly ExerciseStatus[] = ['pending', 'passed', 'failed'];
const ID_PATTERN = /^[A-Za-z0-9][\w-]*$/;

/** The message a bare `true` earns. */
export const PASSED_MESSAGE = 'Well done: that is right.';
/** The message a bare `false` or an empty string earns. */
export const FAILED_MESSAGE = 'Not yet: change your code and run the cell again.';
/** What a check that was still running when the learner pressed Stop shows. */
export const STOPPED: ExerciseVerdict = { status: 'pending', message: 'The check was stopped before it finished. Run the cell again to check.' };
const SHAPE = 'A check returns true (passed), a message string (not yet), or { status: "pending" | "passed" | "failed", message }.';

/**
 * Turns whatever a check returned into a verdict: `true` passes, `false` and strings fail (the
 * string is the message), `{ status, message }` is taken as it is; anything else is an authoring
 * mistake, reported as failed with what a check should return.
 */
export function normalizeVerdict(value: unknown): ExerciseVerdict {
  if (value === true) return { status: 'passed', message: PASSED_MESSAGE };
  if (value === false) return { status: 'failed', message: FAILED_MESSAGE };
  if (typeof value === 'string') return { status: 'failed', message: value.trim() || FAILED_MESSAGE };
  if (typeof value === 'object' && value !== null && 'status' in value) {
    const { status, message } = value as { status: unknown; message?: unknown };
    if (STATUSES.includes(status as ExerciseStatus)) {
      const text = typeof message === 'string' && message.trim() ? message : defaultMessage(status as ExerciseStatus);
      return { status: status as ExerciseStatus, message: text };
    }
    return { status: 'failed', message: `The check returned the status ${JSON.stringify(status)}. ${SHAPE}` };
  }
  if (value === undefined || value === null) return { status: 'failed', message: `The check returned nothing. ${SHAPE}` };
  return { status: 'failed', message: `The check returned ${typeof value} ${String(value)}. ${SHAPE}` };
}

/** A check that threw failed with the error's message (a `ReferenceError` names the missing name). */
export function verdictFromError(error: unknown): ExerciseVerdict {
  if (error instanceof Error) return { status: 'failed', message: error.message || error.name };
  return { status: 'failed', message: typeof error === 'string' && error ? error : `The check threw ${String(error)}.` };
}

function defaultMessage(status: ExerciseStatus): string {
  if (status === 'passed') return PASSED_MESSAGE;
  if (status === 'failed') return FAILED_MESSAGE;
  return 'Not done yet.';
}

/** Checks the spec a cell passed, so a mistake fails the cell with a message that says what to fix. */
export function validateExerciseSpec(spec: unknown): ExerciseSpec {
  const fail = (what: string) => new ExerciseDefinitionError(`exercise({...}): ${what}`);
  if (typeof spec !== 'object' || spec === null) throw fail('pass one object: { id, title, check, hints, solution }.');
  const s = spec as Record<string, unknown>;
  if (typeof s.id !== 'string' || !ID_PATTERN.test(s.id)) throw fail(`id must be a string of letters, digits, "-" and "_" (got ${JSON.stringify(s.id)}).`);
  if (typeof s.title !== 'string' || !s.title.trim()) throw fail(`exercise "${s.id}" needs a title.`);
  if (typeof s.check !== 'function') throw fail(`exercise "${s.id}" needs a check function.`);
  if (s.task !== undefined && typeof s.task !== 'string') throw fail(`the task of "${s.id}" must be Markdown text.`);
  if (s.hints !== undefined && !(Array.isArray(s.hints) && s.hints.every((h) => typeof h === 'string')))
    throw fail(`the hints of "${s.id}" must be an array of strings.`);
  if (s.solution !== undefined && typeof s.solution !== 'string') throw fail(`the solution of "${s.id}" must be text.`);
  return spec as ExerciseSpec;
}

/**
 * Creates the `exercise` global for one run. `settled()` resolves once every check this run
 * started has a verdict (or the run was stopped), so the kernel can report `done` after them.
 */
export function createExerciseApi(sink: Pick<DisplaySink, 'runId' | 'post' | 'signal'>): {
  exercise: (spec: ExerciseSpec) => ExerciseHandle;
  settled: () => Promise<void>;
} {
  const pending: { verdict: Promise<unknown>; stop(): void }[] = [];
  const seen = new Set<string>();
  let counter = 0;

  const exercise = (input: ExerciseSpec): ExerciseHandle => {
    const spec = validateExerciseSpec(input);
    if (seen.has(spec.id))
      throw new ExerciseDefinitionError(`exercise({...}): the id "${spec.id}" is used twice in this cell; each exercise needs its own id.`);
    seen.add(spec.id);
    const displayId = `${sink.runId}-x${++counter}`;
    const base = { id: spec.id, title: spec.title, task: spec.task, hints: [...(spec.hints ?? [])], solution: spec.solution };
    const panel = (verdict: ExerciseVerdict, checking: boolean): ExerciseData => ({ ...base, ...verdict, checking });

    let outcome: unknown;
    try {
      outcome = spec.check();
    } catch (e) {
      outcome = Promise.reject(e);
    }
    if (!isThenable(outcome)) {
      const verdict = normalizeVerdict(outcome);
      sink.post({ type: 'display', runId: sink.runId, displayId, mime: MIME.exercise, data: panel(verdict, false) });
      return mark({ displayId, id: spec.id, verdict: Promise.resolve(verdict) });
    }
    sink.post({ type: 'display', runId: sink.runId, displayId, mime: MIME.exercise, data: panel({ status: 'pending', message: 'Checking…' }, true) });
    let open = true;
    const sendOnce = (data: ExerciseData) => {
      if (!open) return;
      open = false;
      // The update names its MIME type too, as every output message does once outputs are one typed union.
      const update = { type: 'update-display', runId: sink.runId, displayId, mime: MIME.exercise, data } as const;
      sink.post(update);
    };
    const verdict = Promise.resolve(outcome)
      .then(normalizeVerdict, verdictFromError)
      .then((v) => {
        sendOnce(panel(v, false));
        return v;
      });
    pending.push({ verdict, stop: () => sendOnce(panel(STOPPED, false)) });
    return mark({ displayId, id: spec.id, verdict });
  };

  const settled = async (): Promise<void> => {
    if (!pending.length) return;
    const stopped = new Promise<void>((resolve) => {
      if (sink.signal.aborted) resolve();
      else sink.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([Promise.allSettled(pending.map((p) => p.verdict)), stopped]);
    // A check the learner stopped says so, instead of "Checking…" for ever.
    if (sink.signal.aborted) for (const p of pending) p.stop();
  };

  return { exercise, settled };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
