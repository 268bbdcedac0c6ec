/**
 * What the browser keeps for this site: space used and allowed, whether it promised to keep it,
 * and which notebooks have saved edits — the figures of the Storage panel.
 */
import type { EditStore } from './idb';

/** The Storage panel's figures. */
export interface StorageInfo {
  /** Bytes used and allowed, where the browser says. */
  usage: { used: number; quota: number } | null;
  /** Whether the browser promised to keep this site's data (null where it cannot say). */
  persisted: boolean | null;
  /** Storage keys of the notebooks with saved edits. */
  edited: string[];
}

/** Reads the figures; throws a StorageError when the edits cannot be listed. */
export async function readStorageInfo(store: EditStore): Promise<StorageInfo> {
  const estimate = await navigator.storage?.estimate?.();
  return {
    usage: estimate ? { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null,
    persisted: (await navigator.storage?.persisted?.()) ?? null,
    edited: await store.keys(),
  };
}

/** Asks the browser to keep this site's data; resolves with whether it agreed. */
export async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}
