/**
 * One notebook's exercise progress as the page holds it: read once from the store, changed by the
 * exercise panels (verdicts, hints, solutions), written through, and announced to the table of
 * contents. One tracker per notebook key, shared by every panel of that notebook.
 */
import type { ExerciseStatus } from '../kernel/protocol';
import { emptyProgress, idbProgressStore, withHints, withSolution, withVerdict, type NotebookProgress, type ProgressStore } from '../store/progress';

/**
 * @fires change - the progress changed (read `progress`)
 */
export class ProgressTracker extends EventTarget {
  /** The latest progress (empty until `ready` resolves). */
  progress: NotebookProgress;
  /** Set when storage failed: progress then lives in this tab only. */
  problem = '';
  /** True once the stored progress has been read (or failed to be): until then counts would be wrong. */
  loaded = false;
  /** Resolves once the stored progress has been read. */
  readonly ready: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly key: string,
    private readonly store: ProgressStore,
  ) {
    super();
    this.progress = emptyProgress(key);
    this.ready = store.load(key).then(
      (p) => {
        this.loaded = true;
        this.set(p);
      },
      (e: unknown) => {
        this.loaded = true;
        this.fail(e);
      },
    );
  }

  /** Records a check's verdict (a pass is kept for good). */
  recordVerdict(id: string, status: ExerciseStatus): Promise<void> {
    return this.change((p) => withVerdict(p, id, status));
  }

  /** Records that `count` hints of an exercise are showing. */
  recordHints(id: string, count: number): Promise<void> {
    return this.change((p) => withHints(p, id, count));
  }

  /** Records that an exercise's solution was revealed. */
  recordSolution(id: string): Promise<void> {
    return this.change((p) => withSolution(p, id));
  }

  /** Applies a change at once in memory, then writes it (one write at a time, in order). */
  private change(update: (p: NotebookProgress) => NotebookProgress): Promise<void> {
    const run = async () => {
      await this.ready;
      this.set(update(this.progress));
      try {
        this.set(await this.store.update(this.key, update));
        this.problem = '';
      } catch (e) {
        this.fail(e);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next;
    return next;
  }

  private set(progress: NotebookProgress): void {
    this.progress = progress;
    this.dispatchEvent(new Event('change'));
  }

  private fail(e: unknown): void {
    this.problem = `Your exercise progress could not be saved: ${e instanceof Error ? e.message : String(e)}`;
    this.dispatchEvent(new Event('change'));
  }
}

const trackers = new Map<string, ProgressTracker>();

/** The tracker of a notebook key (created on first use). */
export function progressTracker(key: string, store: ProgressStore = idbProgressStore): ProgressTracker {
  let tracker = trackers.get(key);
  if (!tracker) {
    tracker = new ProgressTracker(key, store);
    trackers.set(key, tracker);
  }
  return tracker;
}

/** The progress key of the notebook an element sits in (fb-notebook marks its layout with it). */
export function progressKeyOf(element: Element): string {
  return element.closest<HTMLElement>('[data-progress-key]')?.dataset.progressKey ?? '';
}
