/**
 * The notebook layer's public API: the document model, reading and writing notebook files,
 * compiling cells, and the dependency graph between cells. Nothing here touches the DOM.
 */
export type { Cell, CellFlags, CodeCell, MarkdownCell, Notebook, NotebookMeta } from './types';
export { parseNotebook, ID_PATTERN } from './parse';
export { serializeNotebook } from './serialize';
export { parseFrontMatter, formatFrontMatter } from './front-matter';
export type { FrontMatterEntry, FrontMatterValue } from './front-matter';
export { compileCell, mapBodyPosition, IMPORT_PARAMETER } from './compile';
export { CHECK_PARAMETER, THROW_PARAMETER, TICK_PARAMETER } from './instrument';
export type { CellImport, CompiledCell } from './compile';
export type { Segment } from './positions';
export { analyzeScopes } from './scope';
export type { ScopeAnalysis } from './scope';
export { dependencies, downstreamOf, executionOrder, findCycle, findDuplicateDeclarations, findGraphProblems } from './graph';
export type { DuplicateDeclaration, GraphCell, GraphProblem } from './graph';
export { widgetKey, parseWidgetKey, isWidgetOf } from './widget-key';
export type { WidgetKeyParts } from './widget-key';
export { CellGraphError, CellSyntaxError, NotebookParseError, isCellSyntaxError, isNotebookParseError } from './errors';
export type { CellGraphErrorKind } from './errors';
export { NotebookImportError, detectNotebookFormat, ipynbToNotebook, isNotebookImportError, notebookToIpynb, serializeIpynb } from './ipynb';
export type { IpynbImport, NotebookImportReason } from './ipynb';
export type { MultilineText, NbDisplayDataOutput, NbErrorOutput, NbExecuteResultOutput, NbMimeBundle, NbOutput, NbStreamOutput } from './ipynb-outputs';
