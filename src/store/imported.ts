/**
 * Notebooks the learner imported (from `.md` or `.ipynb`), kept in IndexedDB apart from the
 * shipped ones. An imported notebook is untrusted until the learner says otherwise: its cells do
 * not run and its HTML outputs are not rendered (Jupyter's trust model).
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { NbOutput } from '../notebook/ipynb-outputs';
import type { Notebook } from '../notebook/types';
import { describeStorageFailure } from './idb';

/** One imported notebook as stored. */
export interface ImportedNotebook {
  notebook: Notebook;
  /** Outputs saved in an imported `.ipynb`, by code cell id. */
  outputs: Record<string, NbOutput[]>;
  trusted: boolean;
  fileName: string;
  importedAt: number;
}

/** The prefix of imported notebooks' keys in the edits store, so they never collide with shipped ids. */
export const IMPORTED_PREFIX = 'imported:';

let store: UseStore | null = null;

function imported(): UseStore {
  store ??= createStore('fieldbook-imported', 'notebooks');
  return store;
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw describeStorageFailure(e);
  }
}

/** Stores (or replaces) an imported notebook under its id. */
export function saveImported(value: ImportedNotebook): Promise<void> {
  return guard(() => set(value.notebook.meta.id, value, imported()));
}

/** Reads one imported notebook. */
export function loadImported(id: string): Promise<ImportedNotebook | undefined> {
  return guard(() => get<ImportedNotebook>(id, imported()));
}

/** Every imported notebook, newest first. */
export async function listImported(): Promise<ImportedNotebook[]> {
  const all = await guard(() => entries<string, ImportedNotebook>(imported()));
  return all.map(([, v]) => v).sort((a, b) => b.importedAt - a.importedAt);
}

/** Forgets an imported notebook. */
export function removeImported(id: string): Promise<void> {
  return guard(() => del(id, imported()));
}
