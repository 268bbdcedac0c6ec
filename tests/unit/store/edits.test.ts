import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/notebook/parse';
import { applyEdits, collectEdits, hasOriginalChanged, isEmptyEdits, isSavedEdits, type MergedCell } from '../../../src/store/edits';
import { createMemoryEditStore } from '../../../src/store/idb';

const v1 = parseNotebook(
  [
    '---',
    'id: demo',
    'title: Demo',
    '---',
    'Intro',
    '```ts id=a',
    'const a = 1;',
    '```',
    '```ts id=b',
    'const b = a + 1;',
    '```',
    '```ts id=c',
    'b * 2',
    '```',
    '',
  ].join('\n'),
);

function code(cells: MergedCell[], id: string) {
  const c = cells.find((x) => x.id === id);
  if (!c || c.kind !== 'code') throw new Error(`no code cell ${id}`);
  return c;
}

describe('learner edits', () => {
  it('opens as shipped when nothing is saved, and saves nothing for an untouched notebook', () => {
    const cells = applyEdits(v1, undefined);
    expect(cells.map((c) => c.id)).toEqual(['md-1', 'a', 'b', 'c']);
    expect(isEmptyEdits(collectEdits(v1, cells))).toBe(true);
  });

  it('round-trips an edit, an added cell and a deleted cell', () => {
    const cells = applyEdits(v1, undefined);
    code(cells, 'b').source = 'const b = a + 10;';
    cells.splice(2, 0, { kind: 'code', id: 'added-1', source: 'a * 3', flags: {}, original: null, base: null });
    const withoutC = cells.filter((c) => c.id !== 'c');
    const saved = collectEdits(v1, withoutC, 1000);
    expect(saved).toEqual({
      version: 1,
      notebookId: 'demo',
      savedAt: 1000,
      edited: { b: { source: 'const b = a + 10;', base: 'const b = a + 1;' } },
      added: [{ id: 'added-1', source: 'a * 3', after: 'a' }],
      deleted: ['c'],
    });
    const reopened = applyEdits(v1, saved);
    expect(reopened.map((c) => c.id)).toEqual(['md-1', 'a', 'added-1', 'b']);
    expect(code(reopened, 'b').source).toBe('const b = a + 10;');
    expect(hasOriginalChanged(code(reopened, 'b'))).toBe(false);
  });

  it("keeps the learner's version when a new release changes the original, and says so", () => {
    const cells = applyEdits(v1, undefined);
    code(cells, 'b').source = 'const b = a + 10;';
    const saved = collectEdits(v1, cells);
    const v2 = parseNotebook(
      [
        '---',
        'id: demo',
        'title: Demo',
        '---',
        'Intro',
        '```ts id=a',
        'const a = 1;',
        '```',
        '```ts id=b',
        'const b = a + 2; // fixed',
        '```',
        '```ts id=new',
        'b + 1',
        '```',
        '```ts id=c',
        'b * 2',
        '```',
        '',
      ].join('\n'),
    );
    const merged = applyEdits(v2, saved);
    const b = code(merged, 'b');
    expect(b.source).toBe('const b = a + 10;');
    expect(b.original).toBe('const b = a + 2; // fixed');
    expect(b.base).toBe('const b = a + 1;');
    expect(hasOriginalChanged(b)).toBe(true);
    // A cell the new release adds appears; the learner never deleted it.
    expect(merged.map((c) => c.id)).toEqual(['md-1', 'a', 'b', 'new', 'c']);
  });

  it('ignores saved edits for cells a new release removed, and places an orphaned added cell at the end', () => {
    const saved = {
      version: 1 as const,
      notebookId: 'demo',
      savedAt: 0,
      edited: { gone: { source: 'x', base: 'y' } },
      added: [{ id: 'added-9', source: '1', after: 'gone' }],
      deleted: [],
    };
    const merged = applyEdits(v1, saved);
    expect(merged.map((c) => c.id)).toEqual(['md-1', 'a', 'b', 'c', 'added-9']);
  });

  it('recognises damaged saved data', () => {
    expect(isSavedEdits({ version: 1, notebookId: 'x', savedAt: 0, edited: {}, added: [], deleted: [] })).toBe(true);
    expect(isSavedEdits({ version: 2 })).toBe(false);
    expect(isSavedEdits({ version: 1, notebookId: 'x', edited: { a: { source: 3 } }, added: [], deleted: [] })).toBe(false);
    expect(isSavedEdits('garbage')).toBe(false);
  });

  it('stores and loads through the memory store without sharing objects', async () => {
    const store = createMemoryEditStore();
    const saved = collectEdits(v1, applyEdits(v1, undefined));
    await store.save(saved);
    const loaded = await store.load('demo');
    expect(loaded).toEqual(saved);
    expect(loaded).not.toBe(saved);
    await store.remove('demo');
    expect(await store.load('demo')).toBeUndefined();
  });
});

describe('cell ids that are names of object members', () => {
  const members = parseNotebook(
    ['---', 'id: m', 'title: M', '---', '```ts id=constructor', 'const k = 1;', '```', '```ts id=toString', 'k + 1', '```', ''].join('\n'),
  );

  it('opens unedited cells called constructor and toString with their own text', () => {
    const cells = applyEdits(members, { version: 1, notebookId: 'm', savedAt: 0, edited: {}, added: [], deleted: [] });
    expect(cells.map((c) => [c.id, c.source])).toEqual([
      ['constructor', 'const k = 1;'],
      ['toString', 'k + 1'],
    ]);
  });

  it('round-trips an edit of the cell called toString', () => {
    const cells = applyEdits(members, undefined);
    code(cells, 'toString').source = 'k + 2';
    const saved = collectEdits(members, cells, 5);
    expect(Object.keys(saved.edited)).toEqual(['toString']);
    expect(code(applyEdits(members, structuredClone(saved)), 'toString').source).toBe('k + 2');
    expect(code(applyEdits(members, structuredClone(saved)), 'constructor').source).toBe('const k = 1;');
  });
});
