/**
 * Syntax colours for code, as classes (`fb-tok-*`) whose colours styles.css reads from CSS
 * variables, so light and dark schemes both meet WCAG AA contrast (CodeMirror's default palette
 * does not, and it has no dark variant). One highlighter serves both the statically drawn code
 * and the CodeMirror editor that replaces it, so the two look the same to the pixel.
 */
import { tagHighlighter, tags as t, type Highlighter } from '@lezer/highlight';

/** Maps Lezer highlight tags to the `fb-tok-*` classes. */
export const fieldbookHighlighter: Highlighter = tagHighlighter([
  { tag: t.keyword, class: 'fb-tok-keyword' },
  { tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], class: 'fb-tok-atom' },
  { tag: [t.literal, t.number, t.inserted], class: 'fb-tok-number' },
  { tag: [t.string, t.deleted], class: 'fb-tok-string' },
  { tag: [t.regexp, t.escape, t.special(t.string)], class: 'fb-tok-regexp' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], class: 'fb-tok-definition' },
  { tag: t.local(t.variableName), class: 'fb-tok-local' },
  { tag: [t.typeName, t.namespace], class: 'fb-tok-type' },
  { tag: t.className, class: 'fb-tok-class' },
  { tag: [t.special(t.variableName), t.macroName], class: 'fb-tok-special' },
  { tag: t.comment, class: 'fb-tok-comment' },
  { tag: t.invalid, class: 'fb-tok-invalid' },
  { tag: t.strong, class: 'fb-tok-strong' },
  { tag: t.emphasis, class: 'fb-tok-emphasis' },
]);
