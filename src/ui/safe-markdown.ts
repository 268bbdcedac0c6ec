/**
 * Markdown that came from cell output (an exercise's task, hints and solution) to sanitised HTML:
 * a notebook's code writes it, so it goes through DOMPurify like any HTML a cell shows. It loads
 * with the exercise panel, not with the notebook view.
 */
import DOMPurify from 'dompurify';
import { renderMarkdown } from './markdown';

/** Renders `source` (formulas as TeX) and sanitises the HTML. */
export function renderSafeMarkdown(source: string): string {
  return DOMPurify.sanitize(renderMarkdown(source).html, { ADD_ATTR: ['target'], FORBID_TAGS: ['style', 'form'] });
}
