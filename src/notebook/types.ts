/**
 * The notebook document model: plain data, parsed from and serialised to Fieldbook Markdown.
 */

/** Front matter of a notebook file. */
export interface NotebookMeta {
  id: string;
  title: string;
  summary: string;
  order: number;
  tags: string[];
}

/** Flags a code fence's info string may carry: ```` ```ts id=x hidden readonly norun ````. */
export interface CellFlags {
  hidden?: boolean;
  readonly?: boolean;
  norun?: boolean;
}

/** A run of Markdown prose between code cells. */
export interface MarkdownCell {
  kind: 'markdown';
  /** Stable within a file: `md-<n>` by position unless the author gives none (prose has no id syntax). */
  id: string;
  source: string;
}

/** A TypeScript code cell. */
export interface CodeCell {
  kind: 'code';
  /** From `id=` in the info string, else `cell-<n>` by position among code cells. */
  id: string;
  source: string;
  flags: CellFlags;
  /** 1-based line in the file where the cell's first code line is (for error messages). */
  line?: number;
}

/** Any cell. */
export type Cell = MarkdownCell | CodeCell;

/** A whole notebook. */
export interface Notebook {
  meta: NotebookMeta;
  cells: Cell[];
}
