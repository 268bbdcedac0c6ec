/**
 * A synchronous journal of unsaved edits. IndexedDB writes are asynchronous and a reload or a
 * closed tab can cut them off, so every change is also written at once to `localStorage`; the
 * next load replays what IndexedDB missed, and a finished save clears it. Each tab writes its own
 * entry (two tabs of one notebook never overwrite each other's journal).
 */
import { isSavedEdits, type SavedEdits } from './edits';

/** The part of `localStorage` the journal uses; tests pass a Map-backed one. */
export interface SyncStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'fieldbook.unsaved:';

/** One journal entry: a tab's edits to a notebook not yet known to be in IndexedDB. */
export interface JournalEntry {
  /** The storage key of the entry (what `clear` takes). */
  slot: string;
  tab: string;
  edits: SavedEdits;
}

/** The journal of one tab. */
export class EditJournal {
  constructor(
    private readonly storage: SyncStorage | null,
    /** This tab's id (kept across reloads of the tab). */
    readonly tab: string,
  ) {}

  /** Writes this tab's unsaved edits of a notebook; false when storage refused (full or blocked). */
  write(edits: SavedEdits): boolean {
    try {
      this.storage?.setItem(slotOf(edits.notebookId, this.tab), JSON.stringify(edits));
      return Boolean(this.storage);
    } catch {
      return false;
    }
  }

  /** Every tab's journaled edits of a notebook, oldest first; damaged entries are skipped. */
  read(notebookId: string): JournalEntry[] {
    const entries: JournalEntry[] = [];
    const prefix = slotOf(notebookId, '');
    try {
      for (let i = 0; this.storage && i < this.storage.length; i++) {
        const slot = this.storage.key(i);
        if (!slot?.startsWith(prefix)) continue;
        const edits = parse(this.storage.getItem(slot));
        if (edits && edits.notebookId === notebookId) entries.push({ slot, tab: slot.slice(prefix.length), edits });
      }
    } catch {
      return entries;
    }
    return entries.sort((a, b) => a.edits.savedAt - b.edits.savedAt);
  }

  /** Removes this tab's entry for a notebook if it holds nothing newer than `savedAt`. */
  clear(notebookId: string, savedAt: number): void {
    this.clearSlot(slotOf(notebookId, this.tab), savedAt);
  }

  /** Removes an entry (of any tab) if it holds nothing newer than `savedAt`. */
  clearSlot(slot: string, savedAt: number): void {
    try {
      const edits = parse(this.storage?.getItem(slot) ?? null);
      if (!edits || edits.savedAt <= savedAt) this.storage?.removeItem(slot);
    } catch {
      // Blocked storage has nothing to clear.
    }
  }
}

function slotOf(notebookId: string, tab: string): string {
  return `${PREFIX}${encodeURIComponent(notebookId)}:${tab}`;
}

function parse(text: string | null): SavedEdits | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isSavedEdits(value) ? value : null;
  } catch {
    return null;
  }
}

/** `localStorage`, or null where the browser blocks it (reading the property itself can throw). */
export function browserStorage(): SyncStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** This tab's id: kept in `sessionStorage`, so a reload is the same tab and a new tab is not. */
export function tabId(): string {
  const make = () => Math.random().toString(36).slice(2, 10);
  try {
    const existing = sessionStorage.getItem('fieldbook.tab');
    if (existing) return existing;
    const id = make();
    sessionStorage.setItem('fieldbook.tab', id);
    return id;
  } catch {
    return make();
  }
}
