/**
 * Saving the learner's edits to one notebook, bound to that notebook's session and storage key
 * for its whole life (a save can never land under another notebook). Every change goes at once
 * into the synchronous journal and, after a short pause, into IndexedDB; `flush` saves now (on
 * `pagehide`, on leaving the notebook). Saves are announced to other tabs, and theirs are merged
 * in per cell; a cell changed in both keeps this tab's text and the learner is told.
 */
import { applyEdits, collectEdits, type SavedEdits } from '../store/edits';
import type { EditStore } from '../store/idb';
import type { EditJournal, JournalEntry } from '../store/journal';
import { emptyEdits, mergeEdits, type EditConflict } from '../store/merge';
import type { EditsChannel } from '../store/sync';
import type { NotebookSession } from './session';

/** Milliseconds of quiet before edits are written to IndexedDB. */
export const SAVE_DELAY_MS = 300;

/** Where edits go. */
export interface AutosaveStores {
  store: EditStore;
  journal: EditJournal;
  /** Other tabs; null where there is no BroadcastChannel (or in a test that needs none). */
  channel: EditsChannel | null;
}

/** What the autosave tells the page: a storage failure (or null once saving works again), or a notice. */
export interface AutosaveReport {
  /** The error of the last save, or null after one succeeded. */
  problem?: unknown;
  /** A message for the learner (edits merged from another tab). */
  notice?: string;
  /** Cells both tabs changed: the text that was not kept, so the learner can copy it back. */
  conflicts?: EditConflict[];
}

/** What opening a notebook found in storage. */
export interface LoadedEdits {
  /** The edits to open with: IndexedDB's, with newer journaled edits merged in. */
  edits: SavedEdits | null;
  /** What IndexedDB holds (the base the autosave merges against). */
  stored: SavedEdits | null;
  /** Journal entries newer than IndexedDB, replayed into `edits`. */
  replayed: JournalEntry[];
  /** Why IndexedDB could not be read; the notebook then opens as shipped. */
  problem: unknown;
}

/**
 * Reads a notebook's edits: IndexedDB, then any journaled edits it missed (a reload or a closed
 * tab cut their save short). A damaged store opens the notebook as shipped and leaves both alone.
 */
export async function loadEdits(stores: Pick<AutosaveStores, 'store' | 'journal'>, key: string): Promise<LoadedEdits> {
  let stored: SavedEdits | null;
  try {
    stored = (await stores.store.load(key)) ?? null;
  } catch (problem) {
    return { edits: null, stored: null, replayed: [], problem };
  }
  const replayed = stores.journal.read(key).filter((e) => e.edits.savedAt > (stored?.savedAt ?? -1));
  let edits = stored;
  for (const entry of replayed) edits = edits ? mergeEdits(stored ?? emptyEdits(key), edits, entry.edits).edits : entry.edits;
  return { edits, stored, replayed, problem: null };
}

/** The autosave of one session under one storage key. */
export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** What this tab last saved or heard another tab save: the base of a merge. */
  private baseline: SavedEdits;
  private absorbed: JournalEntry[];
  private readonly unsubscribe: Array<() => void> = [];
  private closed = false;
  private discarded = false;
  /** The stamp of the last reading of the edits (see `current`). */
  private stamp = 0;

  constructor(
    private readonly session: NotebookSession,
    readonly key: string,
    private readonly stores: AutosaveStores,
    loaded: LoadedEdits,
    private readonly report: (report: AutosaveReport) => void,
  ) {
    this.baseline = loaded.stored ?? emptyEdits(key);
    this.absorbed = loaded.replayed;
    this.unsubscribe.push(session.on('content-change', () => this.changed()));
    if (stores.channel) this.unsubscribe.push(stores.channel.subscribe(({ edits }) => edits.notebookId === key && this.receive(edits)));
    // Journaled edits IndexedDB missed are written back at once.
    if (loaded.replayed.length) this.schedule();
  }

  /** True while a save is waiting to be written. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /**
   * The learner's edits as they stand, under this autosave's key. Each reading is stamped later than
   * the one before (even within one millisecond): a journal entry is replayed on the next load when
   * it is newer than what IndexedDB holds, so the order of the stamps must be the order of the text.
   */
  current(): SavedEdits {
    this.stamp = Math.max(Date.now(), this.stamp + 1);
    return { ...collectEdits(this.session.notebook, this.session.mergedCells(), this.stamp), notebookId: this.key };
  }

  /** Writes a waiting save now; resolves when the last save has finished. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.saving = this.saving.then(() => this.write());
    }
    return this.saving;
  }

  /** Forgets what is waiting (the notebook is being reset): nothing more is written. */
  discard(): void {
    this.discarded = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.stores.journal.clear(this.key, Number.MAX_SAFE_INTEGER);
    for (const entry of this.stores.journal.read(this.key)) this.stores.journal.clearSlot(entry.slot, Number.MAX_SAFE_INTEGER);
    this.stop();
  }

  /** Saves what is waiting and stops listening (the notebook closes). */
  close(): Promise<void> {
    const done = this.flush();
    this.stop();
    return done;
  }

  private stop(): void {
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private changed(): void {
    this.stores.journal.write(this.current());
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saving = this.saving.then(() => this.write());
    }, SAVE_DELAY_MS);
  }

  /**
   * Writes this tab's edits merged with what storage holds now (another tab may have saved since),
   * in one transaction; what the other tab changed comes into this session.
   */
  private async write(): Promise<void> {
    if (this.discarded) return;
    // The edits are read inside the transaction, so the saved record says when they were read:
    // typing that comes while the write finishes is stamped later, and the journal keeps it.
    let local = this.current();
    let conflicts: EditConflict[] = [];
    let written: SavedEdits;
    try {
      written = await this.stores.store.update(this.key, (stored) => {
        local = this.current();
        const merge = mergeEdits(this.baseline, local, stored ?? emptyEdits(this.key));
        conflicts = merge.conflicts;
        return { ...merge.edits, notebookId: this.key, savedAt: local.savedAt };
      });
    } catch (problem) {
      this.report({ problem });
      return;
    }
    this.stores.journal.clear(this.key, local.savedAt);
    for (const entry of this.absorbed.splice(0)) this.stores.journal.clearSlot(entry.slot, entry.edits.savedAt);
    this.baseline = written;
    // What another tab had saved comes in; what the learner typed while the save was written
    // (after `local` was read) stays, and the next save takes it.
    if (!this.closed && !sameEdits(written, local)) {
      const now = this.current();
      const { edits } = mergeEdits(local, now, written);
      if (!sameEdits(edits, now)) this.session.adoptCells(applyEdits(this.session.notebook, edits));
    }
    this.stores.channel?.post(written);
    this.report({ problem: null });
    if (conflicts.length) this.report({ notice: conflictNotice(conflicts), conflicts });
  }

  /** Another tab saved this notebook: take in its cells, keep ours where both changed. */
  private receive(remote: SavedEdits): void {
    // An announcement of a save this tab has already merged (or overwritten with a merge) is old news.
    if (this.closed || (remote.revision ?? 0) <= (this.baseline.revision ?? 0)) return;
    const local = this.current();
    const { edits, conflicts } = mergeEdits(this.baseline, local, remote);
    this.baseline = remote;
    if (!sameEdits(edits, local)) this.session.adoptCells(applyEdits(this.session.notebook, edits));
    if (!sameEdits(edits, remote)) this.schedule();
    if (conflicts.length) this.report({ notice: conflictNotice(conflicts), conflicts });
    else if (!sameEdits(edits, local)) this.report({ notice: 'Edits you made to this notebook in another tab were brought in here.' });
  }
}

function conflictNotice(conflicts: readonly EditConflict[]): string {
  const ids = conflicts.map((c) => c.cellId);
  const cells = ids.length === 1 ? `cell ${ids[0]}` : `cells ${ids.join(', ')}`;
  return `This notebook is also open in another tab, and both tabs changed ${cells}. This tab's version was kept and saved, and the other tab now shows it too; the other tab's text is below if you want it back.`;
}

/** True when two saves hold the same cells (whenever and under whatever key they were made). */
export function sameEdits(a: SavedEdits, b: SavedEdits): boolean {
  const shape = (e: SavedEdits) => JSON.stringify([Object.entries(e.edited).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)), e.added, [...e.deleted].sort()]);
  return shape(a) === shape(b);
}
