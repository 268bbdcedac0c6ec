import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyEdits } from '../../../src/store/merge';
import { EditsChannel, type RemoteSave } from '../../../src/store/sync';

const open: EditsChannel[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const channel = (tab: string) => {
  const c = new EditsChannel(tab, 'sync-test');
  open.push(c);
  return c;
};

describe('EditsChannel', () => {
  it('delivers a save to the other tabs, not back to the tab that made it', async () => {
    const one = channel('one');
    const two = channel('two');
    const atOne: RemoteSave[] = [];
    const atTwo: RemoteSave[] = [];
    one.subscribe((s) => atOne.push(s));
    two.subscribe((s) => atTwo.push(s));
    one.post(emptyEdits('demo', 3));
    await vi.waitFor(() => expect(atTwo).toEqual([{ tab: 'one', edits: emptyEdits('demo', 3) }]));
    expect(atOne).toEqual([]);
  });

  it('ignores messages that are not saves', async () => {
    const two = channel('two');
    const got: RemoteSave[] = [];
    two.subscribe((s) => got.push(s));
    const raw = new BroadcastChannel('sync-test');
    raw.postMessage({ tab: 'x', edits: { version: 9 } });
    raw.postMessage('hello');
    raw.postMessage({ tab: 'y', edits: emptyEdits('demo') });
    await vi.waitFor(() => expect(got.map((s) => s.tab)).toEqual(['y']));
    raw.close();
  });
});
