/**
 * Writes a notebook back to Fieldbook Markdown. The output is canonical (fixed key order, one
 * blank line between cells, `id=` on every code fence, LF line endings), so a file that is already
 * canonical serialises to itself byte for byte and edits diff cleanly in git.
 */
import { formatFrontMatter } from './front-matter';
import { findFence, isCodeFence } from './parse';
import type { CodeCell, Notebook } from './types';

/** Serialises `nb`; `parseNotebook` of the result gives back the same cells and metadata. */
export function serializeNotebook(nb: Notebook): string {
  const { id, title, summary, order, tags } = nb.meta;
  const out = [
    '---',
    ...formatFrontMatter([
      ['id', id],
      ['title', title],
      ['summary', summary],
      ['order', order],
      ['tags', tags],
    ]),
    '---',
  ];
  for (const cell of nb.cells) {
    if (cell.kind === 'code') {
      out.push('', ...formatCodeCell(cell));
      continue;
    }
    const prose = protectProse(cell.source);
    if (prose.some((line) => line.trim() !== '')) out.push('', ...prose);
  }
  return `${out.join('\n')}\n`;
}

function formatCodeCell(cell: CodeCell): string[] {
  const longestRun = Math.max(0, ...(cell.source.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const flags = (['hidden', 'readonly', 'norun'] as const).filter((flag) => cell.flags[flag] === true);
  const info = ['ts', `id=${cell.id}`, ...flags].join(' ');
  return [`${fence}${info}`, ...(cell.source === '' ? [] : cell.source.split('\n')), fence];
}

/**
 * Makes prose that did not come from `parseNotebook` (an imported .ipynb, say) read back as one
 * Markdown cell: a bare ```` ```ts ```` fence is indented by a space so it stays an example, and
 * an unclosed fence is closed, since either would otherwise change the cells or fail to parse.
 */
export function protectProse(source: string): string[] {
  const lines = source.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length;) {
    const fence = findFence(lines, i);
    if (!fence) {
      i += 1;
      continue;
    }
    if (isCodeFence(fence)) lines[i] = ` ${lines[i]!}`;
    if (fence.close < 0) {
      lines.push(fence.marker);
      break;
    }
    i = fence.close + 1;
  }
  return lines;
}
