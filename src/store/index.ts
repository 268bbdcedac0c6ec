/** Browser storage: the learner's edits (IndexedDB), with clear failures. */
export { applyEdits, collectEdits, hasOriginalChanged, isEmptyEdits, isSavedEdits, type MergedCell, type SavedEdits } from './edits';
export { idbEditStore, createMemoryEditStore, describeStorageFailure, StorageError, type EditStore } from './idb';
export { saveImported, loadImported, listImported, removeImported, IMPORTED_PREFIX, type ImportedNotebook } from './imported';
export { countPassed, createMemoryProgressStore, emptyProgress, formatExerciseCount, idbProgressStore, sanitizeProgress, withHints, withSolution, withVerdict, type ExerciseProgress, type LastVisit, type NotebookProgress, type ProgressStore } from './progress';
