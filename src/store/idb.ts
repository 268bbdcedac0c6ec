/**
 * IndexedDB storage for the learner's edits (idb-keyval), with failures turned into messages a
 * learner can act on. Nothing here throws past `save`: the page keeps working from memory.
 */
import { clear, createStore, del, get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { isEmptyEdits } from './edits';
import { isSavedEdits, type SavedEdits } from './edits';

/** Why storage failed, in words for the learner. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly kind: 'quota' | 'blocked' | 'corrupt' | 'unknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where edits live. Tests and private windows can substitute a memory store. */
export interface EditStore {
  load(notebookId: string): Promise<SavedEdits | undefined>;
  save(edits: SavedEdits): Promise<void>;
  remove(notebookId: string): Promise<void>;
  clearAll(): Promise<void>;
  /** The keys of every notebook with saved edits, sorted. */
  keys(): Promise<string[]>;
  /**
   * Replaces a notebook's edits with `next(current)` in one transaction (so two tabs saving at
   * once cannot lose either save), stamped with a higher revision; empty edits remove the entry.
   * Resolves with what was written.
   */
  update(notebookId: string, next: (current: SavedEdits | undefined) => SavedEdits): Promise<SavedEdits>;
}

/** The revision a write after `current` gets: higher than it, and than any earlier write (a clock). */
function nextRevision(current: SavedEdits | undefined): number {
  return Math.max(Date.now(), (current?.revision ?? 0) + 1);
}

let store: UseStore | null = null;

function edits(): UseStore {
  store ??= createStore('fieldbook-edits', 'notebooks');
  return store;
}

/** Translates a storage exception into a StorageError that says what the learner can do. */
export function describeStorageFailure(e: unknown): StorageError {
  const name = (e as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message))) {
    return new StorageError(
      'quota',
      'The browser storage for this site is full, so your latest edits are not saved. They stay in this tab: export the notebook to keep them, or free space under "Storage" (saved models take the most).',
      { cause: e },
    );
  }
  if (name === 'SecurityError' || name === 'InvalidStateError' || typeof indexedDB === 'undefined') {
    return new StorageError(
      'blocked',
      'This browser blocks storage for this site (a private window, or a privacy setting), so edits cannot be saved between visits. They stay in this tab: export the notebook to keep them.',
      { cause: e },
    );
  }
  return new StorageError(
    'unknown',
    `Your edits could not be saved (${name || 'error'}: ${(e as Error)?.message ?? String(e)}). They stay in this tab: export the notebook to keep them.`,
    { cause: e },
  );
}

/** The IndexedDB store of edits, keyed by notebook id. */
export const idbEditStore: EditStore = {
  async load(notebookId) {
    let value: unknown;
    try {
      value = await get(notebookId, edits());
    } catch (e) {
      throw describeStorageFailure(e);
    }
    if (value === undefined) return undefined;
    if (!isSavedEdits(value)) {
      throw new StorageError(
        'corrupt',
        'Your saved edits for this notebook could not be read (the stored data is damaged). The notebook opened as shipped; the damaged copy was left untouched.',
      );
    }
    return value;
  },
  async save(value) {
    try {
      await set(value.notebookId, value, edits());
    } catch (e) {
      throw describeStorageFailure(e);
    }
  },
  async remove(notebookId) {
    try {
      await del(notebookId, edits());
    } catch (e) {
      throw describeStorageFailure(e);
    }
  },
  async clearAll() {
    try {
      await clear(edits());
    } catch (e) {
      throw describeStorageFailure(e);
    }
  },
  async keys() {
    try {
      return (await keys(edits())).map(String).sort();
    } catch (e) {
      throw describeStorageFailure(e);
    }
  },
  async update(notebookId, next) {
    let written: SavedEdits | undefined;
    // A put that throws (a full disk) aborts the transaction; the thrown error says why, the abort does not.
    let failure: unknown;
    try {
      await edits()('readwrite', (store) => {
        const request = store.get(notebookId);
        request.onsuccess = () => {
          try {
            const value: unknown = request.result;
            const current = isSavedEdits(value) ? value : undefined;
            written = { ...next(current), notebookId, revision: nextRevision(current) };
            if (isEmptyEdits(written)) store.delete(notebookId);
            else store.put(written, notebookId);
          } catch (e) {
            failure = e;
            written = undefined;
            store.transaction.abort();
          }
        };
        return promisifyRequest(store.transaction);
      });
    } catch (e) {
      throw describeStorageFailure(failure ?? e);
    }
    if (!written)
      throw new StorageError('unknown', 'Your edits could not be saved (the write did not happen). They stay in this tab: export the notebook to keep them.');
    return written;
  },
};

/** A store in memory, for tests and as the fallback when IndexedDB is unavailable. */
export function createMemoryEditStore(): EditStore {
  const map = new Map<string, SavedEdits>();
  return {
    load: async (id) => structuredClone(map.get(id)),
    save: async (value) => void map.set(value.notebookId, structuredClone(value)),
    remove: async (id) => void map.delete(id),
    clearAll: async () => map.clear(),
    keys: async () => [...map.keys()].sort(),
    update: async (id, next) => {
      const current = map.get(id);
      const written = { ...next(structuredClone(current)), notebookId: id, revision: nextRevision(current) };
      if (isEmptyEdits(written)) map.delete(id);
      else map.set(id, structuredClone(written));
      return structuredClone(written);
    },
  };
}
