import { describe, expect, it } from 'vitest';
import { EditJournal } from '../../../src/store/journal';
import { emptyEdits } from '../../../src/store/merge';
import { MemoryStorage } from './memory-storage';

const at = (savedAt: number, source = 'x') => ({ ...emptyEdits('demo', savedAt), edited: { a: { source, base: 'o' } } });

describe('EditJournal', () => {
  it("keeps each tab's entry apart and reads them oldest first", () => {
    const storage = new MemoryStorage();
    new EditJournal(storage, 'tab2').write(at(20, 'two'));
    new EditJournal(storage, 'tab1').write(at(10, 'one'));
    const read = new EditJournal(storage, 'tab3').read('demo');
    expect(read.map((e) => [e.tab, e.edits.edited.a?.source])).toEqual([
      ['tab1', 'one'],
      ['tab2', 'two'],
    ]);
  });

  it('clears an entry only when nothing newer was written since the save', () => {
    const storage = new MemoryStorage();
    const journal = new EditJournal(storage, 't');
    journal.write(at(30));
    journal.clear('demo', 20);
    expect(journal.read('demo')).toHaveLength(1);
    journal.clear('demo', 30);
    expect(journal.read('demo')).toEqual([]);
  });

  it('skips damaged entries and entries of other notebooks', () => {
    const storage = new MemoryStorage();
    storage.setItem('fieldbook.unsaved:demo:bad', '{not json');
    storage.setItem('fieldbook.unsaved:demo:odd', JSON.stringify({ version: 2 }));
    new EditJournal(storage, 't').write({ ...at(1), notebookId: 'other' });
    expect(new EditJournal(storage, 't').read('demo')).toEqual([]);
  });

  it('says false instead of throwing when storage is full or missing', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    expect(new EditJournal(storage, 't').write(at(1))).toBe(false);
    expect(new EditJournal(null, 't').write(at(1))).toBe(false);
    expect(new EditJournal(null, 't').read('demo')).toEqual([]);
  });
});
