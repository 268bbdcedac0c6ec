/**
 * Tabs of the same site tell each other what they saved, over a `BroadcastChannel`, so a notebook
 * open in two tabs merges per cell instead of the last save silently winning.
 */
import { isSavedEdits, type SavedEdits } from './edits';

/** A save another tab made. */
export interface RemoteSave {
  tab: string;
  edits: SavedEdits;
}

/** The channel of saved edits; a no-op where `BroadcastChannel` is missing. */
export class EditsChannel {
  private readonly channel: BroadcastChannel | null;
  private readonly listeners = new Set<(save: RemoteSave) => void>();

  constructor(
    /** This tab's id, sent with each save so a tab ignores its own. */
    readonly tab: string,
    name = 'fieldbook-edits',
  ) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
    if (this.channel) this.channel.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
  }

  /** Tells the other tabs this tab saved `edits`. */
  post(edits: SavedEdits): void {
    this.channel?.postMessage({ tab: this.tab, edits } satisfies RemoteSave);
  }

  /** Listens to other tabs' saves; returns the function that stops listening. */
  subscribe(listener: (save: RemoteSave) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the channel. */
  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }

  private receive(data: unknown): void {
    const save = data as Partial<RemoteSave> | null;
    if (typeof save?.tab !== 'string' || save.tab === this.tab || !isSavedEdits(save.edits)) return;
    for (const listener of this.listeners) listener({ tab: save.tab, edits: save.edits });
  }
}
