/**
 * The learner's edits to a notebook, kept apart from the notebook itself so that a new release of
 * the notebook never silently discards or shadows them: each edit remembers the original it was
 * made against, and an original that changed since is reported, not overwritten.
 */
import type { Cell, CellFlags, Notebook } from '../notebook/types';

/** What is saved per notebook. */
export interface SavedEdits {
  version: 1;
  notebookId: string;
  savedAt: number;
  /**
   * Grows with every write to storage (a tab that saves after another gets a higher one), so a tab
   * can tell an announcement of a save it has already merged from a newer one. Absent before any write.
   */
  revision?: number;
  /** Notebook code cells the learner changed: the text, and the original it was an edit of. */
  edited: Record<string, { source: string; base: string }>;
  /** Cells the learner added, in order, each placed after a cell id (null: at the top). */
  added: { id: string; source: string; after: string | null }[];
  /** Notebook cells the learner deleted. */
  deleted: string[];
}

/** A cell after the learner's edits are applied. */
export type MergedCell =
  | { kind: 'markdown'; id: string; source: string }
  | {
      kind: 'code';
      id: string;
      source: string;
      flags: CellFlags;
      /** The notebook's text for this cell; null for a cell the learner added. */
      original: string | null;
      /** The original the learner's edit was made against (equal to `original` unless it changed). */
      base: string | null;
    };

/** A saved edit whose original has changed in this release: keep the learner's text, offer a choice. */
export function hasOriginalChanged(cell: MergedCell): boolean {
  return cell.kind === 'code' && cell.original !== null && cell.base !== null && cell.base !== cell.original;
}

/** Applies saved edits to the shipped notebook. Unknown ids in the save are dropped, never fatal. */
export function applyEdits(notebook: Notebook, saved: SavedEdits | undefined): MergedCell[] {
  const deleted = new Set(saved?.deleted ?? []);
  const cells: MergedCell[] = notebook.cells.filter((c) => !deleted.has(c.id)).map((c) => merge(c, saved));
  for (const add of saved?.added ?? []) {
    if (cells.some((c) => c.id === add.id)) continue;
    const index = add.after === null ? -1 : cells.findIndex((c) => c.id === add.after);
    const cell: MergedCell = { kind: 'code', id: add.id, source: add.source, flags: {}, original: null, base: null };
    if (add.after !== null && index < 0) cells.push(cell);
    else cells.splice(index + 1, 0, cell);
  }
  return cells;
}

function merge(cell: Cell, saved: SavedEdits | undefined): MergedCell {
  if (cell.kind === 'markdown') return { kind: 'markdown', id: cell.id, source: cell.source };
  // Own entries only: a cell id such as `constructor` must not find Object.prototype's member.
  const edit = saved && Object.hasOwn(saved.edited, cell.id) ? saved.edited[cell.id] : undefined;
  return {
    kind: 'code',
    id: cell.id,
    source: edit ? edit.source : cell.source,
    flags: { ...cell.flags },
    original: cell.source,
    base: edit ? edit.base : cell.source,
  };
}

/** Records the current cells as edits against the shipped notebook (what `applyEdits` reads back). */
export function collectEdits(notebook: Notebook, cells: readonly MergedCell[], now = Date.now()): SavedEdits {
  const present = new Set(cells.map((c) => c.id));
  const edited: SavedEdits['edited'] = {};
  const added: SavedEdits['added'] = [];
  cells.forEach((cell, i) => {
    if (cell.kind !== 'code') return;
    if (cell.original === null) {
      added.push({ id: cell.id, source: cell.source, after: i === 0 ? null : cells[i - 1].id });
    } else if (cell.source !== cell.original || (cell.base !== null && cell.base !== cell.original)) {
      edited[cell.id] = { source: cell.source, base: cell.base ?? cell.original };
    }
  });
  const deleted = notebook.cells.filter((c) => !present.has(c.id)).map((c) => c.id);
  return { version: 1, notebookId: notebook.meta.id, savedAt: now, edited, added, deleted };
}

/** True when the save holds nothing worth keeping. */
export function isEmptyEdits(edits: SavedEdits): boolean {
  return !Object.keys(edits.edited).length && !edits.added.length && !edits.deleted.length;
}

/** Checks that a value read from storage has the shape of SavedEdits (storage may hold anything). */
export function isSavedEdits(value: unknown): value is SavedEdits {
  const v = value as SavedEdits;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    typeof v.notebookId === 'string' &&
    typeof v.edited === 'object' &&
    v.edited !== null &&
    Array.isArray(v.added) &&
    Array.isArray(v.deleted) &&
    Object.values(v.edited).every((e) => typeof e?.source === 'string' && typeof e?.base === 'string') &&
    v.added.every((a) => typeof a?.id === 'string' && typeof a?.source === 'string')
  );
}
