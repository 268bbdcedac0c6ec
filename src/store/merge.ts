/**
 * Three-way merge of a notebook's saved edits, per cell: what this tab has, what another tab saved,
 * and what both started from. A cell only one side changed takes that side; a cell both changed
 * differently keeps this tab's text and is reported, so no edit is dropped without a word.
 */
import type { SavedEdits } from './edits';

/** A cell both sides changed differently, and the text of the version that was not kept. */
export interface EditConflict {
  cellId: string;
  /** The other side's text, shown to the learner so it is not lost; null when it had none (a deletion). */
  dropped: string | null;
}

/** The merge, and the cells both sides changed differently (this tab's text was kept). */
export interface EditsMerge {
  edits: SavedEdits;
  conflicts: EditConflict[];
}

/** Saved edits with nothing in them: the notebook as shipped. */
export function emptyEdits(notebookId: string, savedAt = 0): SavedEdits {
  return { version: 1, notebookId, savedAt, edited: {}, added: [], deleted: [] };
}

type CellView =
  { kind: 'edited'; source: string; base: string } | { kind: 'added'; source: string; after: string | null } | { kind: 'deleted' } | { kind: 'shipped' };

/** What the edits say about one cell id. */
function viewOf(edits: SavedEdits, id: string): CellView {
  if (Object.hasOwn(edits.edited, id)) {
    const e = edits.edited[id]!;
    return { kind: 'edited', source: e.source, base: e.base };
  }
  const added = edits.added.find((a) => a.id === id);
  if (added) return { kind: 'added', source: added.source, after: added.after };
  return edits.deleted.includes(id) ? { kind: 'deleted' } : { kind: 'shipped' };
}

function sameView(a: CellView, b: CellView): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'edited' && b.kind === 'edited') return a.source === b.source && a.base === b.base;
  if (a.kind === 'added' && b.kind === 'added') return a.source === b.source;
  return true;
}

function ids(edits: SavedEdits): string[] {
  return [...Object.keys(edits.edited), ...edits.added.map((a) => a.id), ...edits.deleted];
}

/**
 * Merges `remote` (saved by another tab) into `local` (this tab's edits now), both made from
 * `base` (what this tab last saved or heard of). Added cells keep this tab's order, with the other
 * tab's new cells placed after the cell they followed there.
 */
export function mergeEdits(base: SavedEdits, local: SavedEdits, remote: SavedEdits): EditsMerge {
  const conflicts: EditConflict[] = [];
  const chosen = new Map<string, CellView>();
  for (const id of new Set([...ids(base), ...ids(local), ...ids(remote)])) {
    const b = viewOf(base, id);
    const l = viewOf(local, id);
    const r = viewOf(remote, id);
    if (sameView(l, b)) chosen.set(id, r);
    else if (sameView(r, b) || sameView(l, r)) chosen.set(id, l);
    else {
      const keepLocal = l.kind !== 'deleted';
      chosen.set(id, keepLocal ? l : r);
      const lost = keepLocal ? r : l;
      conflicts.push({ cellId: id, dropped: lost.kind === 'edited' || lost.kind === 'added' ? lost.source : null });
    }
  }
  const edited: SavedEdits['edited'] = Object.create(null) as SavedEdits['edited'];
  const deleted: string[] = [];
  for (const [id, v] of chosen) {
    if (v.kind === 'edited') edited[id] = { source: v.source, base: v.base };
    if (v.kind === 'deleted') deleted.push(id);
  }
  const added: SavedEdits['added'] = [];
  const place = (id: string, after: string | null) => {
    const v = chosen.get(id);
    if (v?.kind !== 'added' || added.some((a) => a.id === id)) return;
    const at = after === null ? -1 : added.findIndex((a) => a.id === after);
    added.splice(at >= 0 ? at + 1 : added.length, 0, { id, source: v.source, after });
  };
  for (const a of local.added) place(a.id, a.after);
  for (const a of remote.added) place(a.id, a.after);
  return { edits: { ...local, savedAt: Math.max(local.savedAt, remote.savedAt), edited: { ...edited }, added, deleted }, conflicts };
}
