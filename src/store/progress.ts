/**
 * The learner's exercise progress per notebook (passed, hints and solution revealed) and where
 * they left off, in IndexedDB. Progress only ever grows: an exercise passed once stays passed when
 * a later edit breaks it again, and a learner who revealed the solution and then passed is passed
 * (with the solution noted). The reducers are pure so they are tested without a browser; every
 * write is one read-modify-write transaction, so a hint and a verdict a moment apart both land.
 */
import { createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';
import type { ExerciseStatus } from '../kernel/protocol';
import { describeStorageFailure } from './idb';

/** One exercise's progress. */
export interface ExerciseProgress {
  passed: boolean;
  /** When it first passed (ms since the epoch). */
  passedAt?: number;
  /** The verdict of its latest check. */
  lastStatus?: ExerciseStatus;
  /** How many hints the learner revealed (they stay revealed). */
  hintsShown: number;
  solutionShown: boolean;
  /** The solution was revealed before the first pass. */
  passedWithSolution?: boolean;
}

/** Everything kept for one notebook (keyed like the edits: the id, `imported:`-prefixed for imports). */
export interface NotebookProgress {
  version: 1;
  notebookKey: string;
  exercises: Record<string, ExerciseProgress>;
  updatedAt: number;
}

/** The last place the learner worked, for "continue where you left off". */
export interface LastVisit {
  notebookKey: string;
  title: string;
  /** The route to open, e.g. `#/notebook/fraud-detection/sec-5-model-development`. */
  href: string;
  sectionTitle?: string;
  cellId?: string;
  at: number;
}

/** Progress of a notebook nobody has worked on. */
export function emptyProgress(notebookKey: string, now = Date.now()): NotebookProgress {
  return { version: 1, notebookKey, exercises: {}, updatedAt: now };
}

function exerciseOf(progress: NotebookProgress, id: string): ExerciseProgress {
  return progress.exercises[id] ?? { passed: false, hintsShown: 0, solutionShown: false };
}

function withExercise(progress: NotebookProgress, id: string, next: ExerciseProgress, now: number): NotebookProgress {
  return { ...progress, exercises: { ...progress.exercises, [id]: next }, updatedAt: now };
}

/** Records a check's verdict: `passed` is remembered for good; other verdicts only update `lastStatus`. */
export function withVerdict(progress: NotebookProgress, id: string, status: ExerciseStatus, now = Date.now()): NotebookProgress {
  const current = exerciseOf(progress, id);
  const firstPass = status === 'passed' && !current.passed;
  return withExercise(
    progress,
    id,
    {
      ...current,
      lastStatus: status,
      passed: current.passed || status === 'passed',
      ...(firstPass ? { passedAt: now, passedWithSolution: current.solutionShown } : {}),
    },
    now,
  );
}

/** Records that `count` hints are revealed (never fewer than before). */
export function withHints(progress: NotebookProgress, id: string, count: number, now = Date.now()): NotebookProgress {
  const current = exerciseOf(progress, id);
  return withExercise(progress, id, { ...current, hintsShown: Math.max(current.hintsShown, Math.floor(count)) }, now);
}

/** Records that the solution was revealed. */
export function withSolution(progress: NotebookProgress, id: string, now = Date.now()): NotebookProgress {
  return withExercise(progress, id, { ...exerciseOf(progress, id), solutionShown: true }, now);
}

/** How many of `ids` (the notebook's exercises, counted statically) are passed. */
export function countPassed(progress: NotebookProgress | undefined, ids: readonly string[]): number {
  return ids.filter((id) => progress?.exercises[id]?.passed).length;
}

/** "3 of 10 exercises" (or "1 exercise", "no exercises"). */
export function formatExerciseCount(passed: number, total: number): string {
  if (total === 0) return 'no exercises';
  return `${passed} of ${total} exercise${total === 1 ? '' : 's'}`;
}

/** Reads stored progress back, dropping whatever does not have the right shape (storage may hold anything). */
export function sanitizeProgress(value: unknown, notebookKey: string): NotebookProgress {
  const v = value as Partial<NotebookProgress> | undefined;
  const clean = emptyProgress(notebookKey, typeof v?.updatedAt === 'number' ? v.updatedAt : 0);
  if (typeof v !== 'object' || v === null || v.version !== 1 || typeof v.exercises !== 'object' || v.exercises === null) return clean;
  for (const [id, e] of Object.entries(v.exercises)) {
    if (typeof e !== 'object' || e === null || typeof e.passed !== 'boolean') continue;
    clean.exercises[id] = {
      passed: e.passed,
      hintsShown: Number.isFinite(e.hintsShown) ? Math.max(0, e.hintsShown) : 0,
      solutionShown: e.solutionShown === true,
      ...(typeof e.passedAt === 'number' ? { passedAt: e.passedAt } : {}),
      ...(e.lastStatus === 'pending' || e.lastStatus === 'passed' || e.lastStatus === 'failed' ? { lastStatus: e.lastStatus } : {}),
      ...(e.passedWithSolution === true ? { passedWithSolution: true } : {}),
    };
  }
  return clean;
}

/** Where progress lives. Tests substitute the memory store. */
export interface ProgressStore {
  load(notebookKey: string): Promise<NotebookProgress>;
  /** Applies `change` to the stored progress in one transaction and returns the result. */
  update(notebookKey: string, change: (p: NotebookProgress) => NotebookProgress): Promise<NotebookProgress>;
  /** Every notebook's progress, by key. */
  loadAll(): Promise<Map<string, NotebookProgress>>;
  remove(notebookKey: string): Promise<void>;
  lastVisit(): Promise<LastVisit | undefined>;
  saveVisit(visit: LastVisit): Promise<void>;
}

const VISIT_KEY = 'last-visit';
let progressDb: UseStore | null = null;
let visitDb: UseStore | null = null;
const progressStore = () => (progressDb ??= createStore('fieldbook-progress', 'notebooks'));
const visitStore = () => (visitDb ??= createStore('fieldbook-visits', 'visits'));

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw describeStorageFailure(e);
  }
}

function isLastVisit(v: unknown): v is LastVisit {
  const x = v as LastVisit;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.notebookKey === 'string' &&
    typeof x.title === 'string' &&
    typeof x.href === 'string' &&
    typeof x.at === 'number'
  );
}

/** Progress in IndexedDB (`fieldbook-progress`), the last visit in `fieldbook-visits`. */
export const idbProgressStore: ProgressStore = {
  load: (key) => guard(async () => sanitizeProgress(await get(key, progressStore()), key)),
  async update(key, change) {
    let result = emptyProgress(key);
    await guard(() => update(key, (old) => (result = change(sanitizeProgress(old, key))), progressStore()));
    return result;
  },
  loadAll: () => guard(async () => new Map((await entries<string, unknown>(progressStore())).map(([k, v]) => [k, sanitizeProgress(v, k)]))),
  remove: (key) => guard(() => del(key, progressStore())),
  lastVisit: () =>
    guard(async () => {
      const v = await get(VISIT_KEY, visitStore());
      return isLastVisit(v) ? v : undefined;
    }),
  saveVisit: (visit) => guard(() => set(VISIT_KEY, visit, visitStore())),
};

/** Progress in memory: for tests, and where IndexedDB is unavailable. */
export function createMemoryProgressStore(): ProgressStore {
  const map = new Map<string, NotebookProgress>();
  let visit: LastVisit | undefined;
  return {
    load: async (key) => structuredClone(map.get(key) ?? emptyProgress(key)),
    async update(key, change) {
      const next = change(structuredClone(map.get(key) ?? emptyProgress(key)));
      map.set(key, structuredClone(next));
      return next;
    },
    loadAll: async () => new Map([...map].map(([k, v]) => [k, structuredClone(v)])),
    remove: async (key) => void map.delete(key),
    lastVisit: async () => (visit ? { ...visit } : undefined),
    saveVisit: async (v) => void (visit = { ...v }),
  };
}
