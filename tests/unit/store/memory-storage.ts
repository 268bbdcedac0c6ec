/** A stand-in for `localStorage` in Node tests. */
import type { SyncStorage } from '../../../src/store/journal';

/** A Map-backed stand-in for localStorage; `full` makes writes throw as a full quota does. */
export class MemoryStorage implements SyncStorage {
  readonly map = new Map<string, string>();
  full = false;
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}
