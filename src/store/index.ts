/**
 * Browser storage: the learner's edits (IndexedDB) with a synchronous journal for what a reload
 * would cut off, a per-cell merge of saves from other tabs, imported notebooks, and the figures of
 * the Storage panel — every failure turned into a message the learner can act on.
 */
import { EditJournal, browserStorage, tabId } from './journal';
import { EditsChannel } from './sync';

export { applyEdits, collectEdits, hasOriginalChanged, isEmptyEdits, isSavedEdits, type MergedCell, type SavedEdits } from './edits';
export { idbEditStore, createMemoryEditStore, describeStorageFailure, StorageError, type EditStore } from './idb';
export { saveImported, loadImported, listImported, removeImported, IMPORTED_PREFIX, type ImportedNotebook } from './imported';
export {
  backendAtStart,
  clearMeasuredBackends,
  loadMeasuredBackends,
  savedBackend,
  saveBackendChoice,
  saveMeasuredBackends,
  type MeasuredFor,
} from './settings';
export { EditJournal, browserStorage, tabId, type JournalEntry, type SyncStorage } from './journal';
export { mergeEdits, emptyEdits, type EditConflict, type EditsMerge } from './merge';
export { EditsChannel, type RemoteSave } from './sync';
export { readStorageInfo, requestPersistence, type StorageInfo } from './storage-info';
export {
  countPassed,
  createMemoryProgressStore,
  emptyProgress,
  formatExerciseCount,
  idbProgressStore,
  sanitizeProgress,
  withHints,
  withSolution,
  withVerdict,
  type ExerciseProgress,
  type LastVisit,
  type NotebookProgress,
  type ProgressStore,
} from './progress';

let journal: EditJournal | null = null;
let channel: EditsChannel | null = null;

/** This tab's journal in `localStorage` (one per page). */
export function browserEditJournal(): EditJournal {
  journal ??= new EditJournal(browserStorage(), tabId());
  return journal;
}

/** This page's channel to the other tabs (one per page; never closed, it lives as long as the page). */
export function browserEditsChannel(): EditsChannel {
  channel ??= new EditsChannel(browserEditJournal().tab);
  return channel;
}
