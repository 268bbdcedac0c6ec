import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEdits } from '../../../src/store/edits';
import { createMemoryEditStore, type EditStore } from '../../../src/store/idb';
import { EditJournal } from '../../../src/store/journal';
import { EditsChannel } from '../../../src/store/sync';
import { Autosaver, loadEdits, type AutosaveReport } from '../../../src/session/autosave';
import { NotebookSession } from '../../../src/session/session';
import { MemoryStorage } from '../store/memory-storage';
import { FakeKernel, notebookOf } from './fake-kernel';

const channels: EditsChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) c.close();
});

/** One tab: a session of the notebook, its autosave, and what it reported. */
async function tab(store: EditStore, storage: MemoryStorage, tabId: string, channelName: string | null, ids = ['a', 'b', 'c'], key = 'demo') {
  const notebook = notebookOf(ids, key);
  const journal = new EditJournal(storage, tabId);
  const channel = channelName ? new EditsChannel(tabId, channelName) : null;
  if (channel) channels.push(channel);
  const loaded = await loadEdits({ store, journal }, key);
  const session = new NotebookSession(notebook, new FakeKernel(), applyEdits(notebook, loaded.edits ?? undefined));
  const reports: AutosaveReport[] = [];
  const saver = new Autosaver(session, key, { store, journal, channel }, loaded, (r) => reports.push(r));
  return { session, saver, reports, journal, source: (id: string) => session.codeCell(id)?.source };
}

describe('Autosaver', () => {
  it('saves under its own key even after another notebook opened', async () => {
    const store = createMemoryEditStore();
    const storage = new MemoryStorage();
    const one = await tab(store, storage, 't', null, ['features'], 'one');
    one.session.editCell('features', 'typed in one');
    const two = await tab(store, storage, 't', null, ['features'], 'two');
    await one.saver.close();
    expect((await store.load('one'))?.edited.features?.source).toBe('typed in one');
    expect(await store.load('two')).toBeUndefined();
    expect(two.source('features')).toBe('// features');
  });

  it('writes the journal at once and clears it when the save lands', async () => {
    const store = createMemoryEditStore();
    const storage = new MemoryStorage();
    const t = await tab(store, storage, 't', null);
    t.session.editCell('a', 'typed');
    expect(t.journal.read('demo').map((e) => e.edits.edited.a?.source)).toEqual(['typed']);
    expect(t.saver.pending).toBe(true);
    await t.saver.flush();
    expect((await store.load('demo'))?.edited.a?.source).toBe('typed');
    expect(t.journal.read('demo')).toEqual([]);
    expect(t.reports).toEqual([{ problem: null }]);
  });

  it('replays journaled edits that storage missed, and writes them back', async () => {
    const store = createMemoryEditStore();
    const storage = new MemoryStorage();
    const first = await tab(store, storage, 't', null);
    first.session.editCell('b', 'lost by the reload');
    // The page goes away before the save's pause is over: only the journal has the text.
    const again = await tab(store, storage, 't', null);
    expect(await store.load('demo')).toBeUndefined();
    expect(again.source('b')).toBe('lost by the reload');
    await again.saver.flush();
    expect((await store.load('demo'))?.edited.b?.source).toBe('lost by the reload');
    expect(again.journal.read('demo')).toEqual([]);
    first.saver.discard();
  });

  it('opens as shipped when storage is damaged, leaving the journal alone', async () => {
    const storage = new MemoryStorage();
    const journal = new EditJournal(storage, 't');
    journal.write({ version: 1, notebookId: 'demo', savedAt: 5, edited: { a: { source: 'j', base: '// a' } }, added: [], deleted: [] });
    const broken: EditStore = { ...createMemoryEditStore(), load: () => Promise.reject(new Error('damaged')) };
    const loaded = await loadEdits({ store: broken, journal }, 'demo');
    expect([loaded.edits, (loaded.problem as Error).message]).toEqual([null, 'damaged']);
    expect(journal.read('demo')).toHaveLength(1);
  });

  it('keeps what the learner types while a save is being written, also in the journal a reload replays', async () => {
    // One millisecond for everything: the order of what was typed must not depend on the clock moving.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_700_000_000_000);
    const memory = createMemoryEditStore();
    const storage = new MemoryStorage();
    let release = () => {};
    let entered = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writing = new Promise<void>((resolve) => (entered = resolve));
    // IndexedDB has read the edits and put the record, and the transaction is still finishing.
    const slow: EditStore = {
      ...memory,
      update: async (key, change) => {
        const written = await memory.update(key, change);
        entered();
        await gate;
        return written;
      },
    };
    const t = await tab(slow, storage, 't', null);
    t.session.editCell('a', 'first');
    const saving = t.saver.flush();
    await writing;
    t.session.editCell('a', 'first and more');
    t.session.editCell('b', 'typed during the save');
    release();
    await saving;
    expect([t.source('a'), t.source('b')]).toEqual(['first and more', 'typed during the save']);
    expect((await memory.load('demo'))?.edited.a?.source).toBe('first');
    expect(t.journal.read('demo').map((e) => e.edits.edited.a?.source)).toEqual(['first and more']);
    expect(t.saver.pending).toBe(true);
    // The tab closes now: the next visit replays the journal over what IndexedDB holds.
    const again = await tab(memory, storage, 't', null);
    expect([again.source('a'), again.source('b')]).toEqual(['first and more', 'typed during the save']);
    await again.saver.close();
    await t.saver.flush();
    const saved = await memory.load('demo');
    expect([saved?.edited.a?.source, saved?.edited.b?.source]).toEqual(['first and more', 'typed during the save']);
    vi.useRealTimers();
  });

  it('reports a failed save and keeps the journal', async () => {
    const failing: EditStore = { ...createMemoryEditStore(), update: () => Promise.reject(new Error('full')) };
    const t = await tab(failing, new MemoryStorage(), 't', null);
    t.session.editCell('a', 'kept');
    await t.saver.flush();
    expect((t.reports[0]?.problem as Error).message).toBe('full');
    expect(t.journal.read('demo')).toHaveLength(1);
  });
});

describe('two tabs of one notebook', () => {
  it("bring each other's edits of different cells, and storage ends with both", async () => {
    const store = createMemoryEditStore();
    const storage = new MemoryStorage();
    const one = await tab(store, storage, 'one', 'merge-different');
    const two = await tab(store, storage, 'two', 'merge-different');
    one.session.editCell('a', 'from one');
    two.session.editCell('b', 'from two');
    await one.saver.flush();
    await two.saver.flush();
    await vi.waitFor(() => expect([one.source('b'), two.source('a')]).toEqual(['from two', 'from one']));
    const saved = await store.load('demo');
    expect([saved?.edited.a?.source, saved?.edited.b?.source]).toEqual(['from one', 'from two']);
  });

  it('keep one version of a cell both changed, agree on it, and say so', async () => {
    const store = createMemoryEditStore();
    const storage = new MemoryStorage();
    const one = await tab(store, storage, 'one', 'merge-same');
    const two = await tab(store, storage, 'two', 'merge-same');
    one.session.editCell('c', 'one wrote this');
    two.session.editCell('c', 'two wrote this');
    await one.saver.flush();
    await two.saver.flush();
    await vi.waitFor(() => expect(one.source('c')).toBe('two wrote this'));
    expect(two.source('c')).toBe('two wrote this');
    expect((await store.load('demo'))?.edited.c?.source).toBe('two wrote this');
    const told = two.reports.find((r) => r.notice?.includes('both tabs changed cell c'));
    expect(told?.conflicts).toEqual([{ cellId: 'c', dropped: 'one wrote this' }]);
  });
});
