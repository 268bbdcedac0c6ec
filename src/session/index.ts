/**
 * A notebook session, DOM-free: the cells as immutable data, the pure functions that move them
 * (run messages into outputs, staleness, run order, widget re-runs, the kernel's analysis), the
 * session that asks the kernel for runs (queued by `cell-runs.ts`), its autosave, and the Lit
 * controller that re-renders an element on change.
 */
export { NotebookSession, type RunOptions, type RunRequest } from './session';
export { SessionController, type SessionHost } from './controller';
export { Autosaver, loadEdits, sameEdits, SAVE_DELAY_MS, type AutosaveReport, type AutosaveStores, type LoadedEdits } from './autosave';
export { SessionChangeEvent, ContentChangeEvent, SessionNoticeEvent, type SessionEventMap } from './events';
export type { SessionKernel, RestartDetail } from './kernel';
export {
  isCodeCell,
  isEdited,
  isOriginalChanged,
  newCodeCell,
  toMerged,
  toState,
  type CellImportBinding,
  type CellOutput,
  type CellState,
  type CellStatus,
  type CodeCellState,
  type MarkdownCellState,
} from './cell-state';
export { applyRunMessage, resultDisplayId, setWidgetValue, statusAfterMessage, stoppedNote } from './outputs';
export { applyToCell, finishCell, queueCell, NOT_STARTED, type RunProgress } from './run-state';
export {
  afterRestart,
  codeCellsOf,
  countStatuses,
  graphOf,
  hasRun,
  markStale,
  readersOf,
  runAllPlan,
  runPlanFor,
  runStalePlan,
  summarize,
  upstreamOf,
  widgetRerunPlan,
} from './staleness';
export { applyAnalysis, ANALYSIS_DELAY_MS } from './analysis';
export { adoptMerged, type Adopted } from './adopt';
export { UndoStack, UNDO_LIMIT, type DeletedCell } from './undo';
