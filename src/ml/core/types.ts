/**
 * The data shapes the toolkit passes around. Plain arrays on purpose: a learner can print, slice
 * and edit them in a cell, and they cross the worker boundary without copying tensors.
 */

/** One value of a table cell; `null` means missing. */
export type CellValue = number | string | boolean | null;

/** One record, keyed by column name. */
export type Row = Record<string, CellValue>;

/** A row-oriented table with a declared column order. */
export interface Table<R extends Row = Row> {
  columns: string[];
  rows: R[];
}

/** A dense feature matrix: one inner array per example, one entry per feature. */
export type Matrix = number[][];

/** A feature matrix with the names of its columns (after encoding and scaling). */
export interface Features {
  X: Matrix;
  names: string[];
}
