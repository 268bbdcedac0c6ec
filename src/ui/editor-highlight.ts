/**
 * Syntax colours for the code editor, read from CSS variables so light and dark schemes both meet
 * WCAG AA contrast (CodeMirror's default palette does not, and it has no dark variant).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

const style = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--code-keyword)' },
  { tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], color: 'var(--code-atom)' },
  { tag: [t.literal, t.number, t.inserted], color: 'var(--code-number)' },
  { tag: [t.string, t.deleted], color: 'var(--code-string)' },
  { tag: [t.regexp, t.escape, t.special(t.string)], color: 'var(--code-regexp)' },
  { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: 'var(--code-definition)' },
  { tag: t.local(t.variableName), color: 'var(--code-local)' },
  { tag: [t.typeName, t.namespace], color: 'var(--code-type)' },
  { tag: t.className, color: 'var(--code-class)' },
  { tag: [t.special(t.variableName), t.macroName], color: 'var(--code-special)' },
  { tag: t.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: t.invalid, color: 'var(--code-invalid)' },
  { tag: t.strong, fontWeight: 'bold' },
  { tag: t.emphasis, fontStyle: 'italic' },
]);

/** The editor's syntax highlighting (takes precedence over basicSetup's default style). */
export function fieldbookHighlighting(): Extension {
  return syntaxHighlighting(style);
}
