import { describe, expect, it } from 'vitest';
import type { SavedEdits } from '../../../src/store/edits';
import { emptyEdits, mergeEdits } from '../../../src/store/merge';

function edits(edited: Record<string, string>, extra: Partial<SavedEdits> = {}): SavedEdits {
  return { ...emptyEdits('demo', 1), edited: Object.fromEntries(Object.entries(edited).map(([id, source]) => [id, { source, base: `orig ${id}` }])), ...extra };
}

describe('mergeEdits', () => {
  it("takes each side's change to a different cell", () => {
    const { edits: merged, conflicts } = mergeEdits(emptyEdits('demo'), edits({ a: 'mine' }), edits({ b: 'theirs' }));
    expect(merged.edited).toEqual({ a: { source: 'mine', base: 'orig a' }, b: { source: 'theirs', base: 'orig b' } });
    expect(conflicts).toEqual([]);
  });

  it("takes the other tab's text for a cell this tab has not changed since the base", () => {
    const base = edits({ a: 'v1' });
    expect(mergeEdits(base, base, edits({ a: 'v2' })).edits.edited.a?.source).toBe('v2');
    expect(mergeEdits(base, edits({ a: 'v3' }), base).edits.edited.a?.source).toBe('v3');
  });

  it("keeps this tab's text when both changed a cell differently, and names the cell", () => {
    const { edits: merged, conflicts } = mergeEdits(emptyEdits('demo'), edits({ a: 'mine' }), edits({ a: 'theirs' }));
    expect(merged.edited.a?.source).toBe('mine');
    expect(conflicts).toEqual([{ cellId: 'a', dropped: 'theirs' }]);
  });

  it('does not call the same change on both sides a conflict', () => {
    expect(mergeEdits(emptyEdits('demo'), edits({ a: 'same' }), edits({ a: 'same' })).conflicts).toEqual([]);
  });

  it("keeps an edit over the other side's deletion of the cell", () => {
    const { edits: merged, conflicts } = mergeEdits(emptyEdits('demo'), edits({}, { deleted: ['a'] }), edits({ a: 'theirs' }));
    expect(merged.edited.a?.source).toBe('theirs');
    expect(merged.deleted).toEqual([]);
    expect(conflicts).toEqual([{ cellId: 'a', dropped: null }]);
  });

  it("keeps cells added on either side, the other tab's after the cell they followed", () => {
    const local = edits({}, { added: [{ id: 'added-1', source: 'one', after: 'a' }] });
    const remote = edits({}, { added: [{ id: 'added-2', source: 'two', after: 'added-1' }] });
    expect(mergeEdits(emptyEdits('demo'), local, remote).edits.added.map((a) => a.id)).toEqual(['added-1', 'added-2']);
  });

  it('merges cells whose ids are names of object members', () => {
    const { edits: merged } = mergeEdits(emptyEdits('demo'), edits({ constructor: 'mine' }), edits({ toString: 'theirs' }));
    expect(Object.keys(merged.edited).sort()).toEqual(['constructor', 'toString']);
    expect(merged.edited.toString).toEqual({ source: 'theirs', base: 'orig toString' });
  });
});
