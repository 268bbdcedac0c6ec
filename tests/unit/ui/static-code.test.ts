import { describe, expect, it } from 'vitest';
import { lineCount, staticCodeHtml } from '../../../src/ui/static-code';
import { highlightLines } from '../../../src/ui/static-highlight';

describe('highlightLines', () => {
  it('colours tokens with the shared highlighter classes, line by line', () => {
    const { lines } = highlightLines('const x = 1; // one\nlet s = "a";');
    expect(lines).toEqual([
      '<span class="fb-tok-keyword">const</span> <span class="fb-tok-definition">x</span> = <span class="fb-tok-number">1</span>; <span class="fb-tok-comment">// one</span>',
      '<span class="fb-tok-keyword">let</span> <span class="fb-tok-definition">s</span> = <span class="fb-tok-string">&quot;a&quot;</span>;',
    ]);
  });

  it('splits a token that spans lines, as CodeMirror does', () => {
    const { lines } = highlightLines('/* a\nb */ 1');
    expect(lines).toEqual(['<span class="fb-tok-comment">/* a</span>', '<span class="fb-tok-comment">b */</span> <span class="fb-tok-number">1</span>']);
  });

  it('escapes the text', () => {
    expect(highlightLines('a < b && c > "d"').lines[0]).toBe('a &lt; b &amp;&amp; c &gt; <span class="fb-tok-string">&quot;d&quot;</span>');
  });

  it('marks the lines where a block, object, array or comment spanning lines starts', () => {
    const source = ['function f() {', '  return { a: 1 };', '}', 'const xs = [', '  1,', '];', '/* one', 'two */', 'const y = { b: 2 };'].join('\n');
    expect(highlightLines(source).foldable).toEqual([true, false, false, true, false, false, true, false, false]);
  });

  it('keeps empty lines and TypeScript types', () => {
    const { lines } = highlightLines('interface P {\n\n  x: number;\n}');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('  <span class="fb-tok-definition">x</span>: <span class="fb-tok-type">number</span>;');
  });
});

describe('staticCodeHtml', () => {
  it("draws CodeMirror's DOM: line numbers sized for 9 lines, fold markers, the error line and an accessible name", () => {
    const html = staticCodeHtml('if (a) {\n  b();\n}', { label: 'Code cell 1 source', readonly: false, errorLine: 2, highlight: highlightLines });
    expect(html).toContain('<div class="cm-gutterElement fb-gutter-spacer">9</div>');
    expect(html.match(/<div class="cm-gutterElement">\d+<\/div>/g)).toEqual([
      '<div class="cm-gutterElement">1</div>',
      '<div class="cm-gutterElement">2</div>',
      '<div class="cm-gutterElement">3</div>',
    ]);
    expect(html.match(/title="Fold line"/g)).toHaveLength(1);
    expect(html).toContain('<div class="cm-line cm-error-line" data-error-line="2">');
    expect(html).toContain('role="textbox" aria-multiline="true" aria-label="Code cell 1 source"');
    expect(html).not.toContain('aria-readonly');
  });

  it('sizes the gutter for 99 lines past nine, and marks read-only code', () => {
    const html = staticCodeHtml(Array.from({ length: 12 }, (_, i) => `x${i};`).join('\n'), {
      label: 'c',
      readonly: true,
      errorLine: null,
      highlight: highlightLines,
    });
    expect(html).toContain('fb-gutter-spacer">99</div>');
    expect(html).toContain('aria-readonly="true"');
    expect(html).not.toContain('cm-error-line');
  });

  it('gives an empty line a line break, so it keeps its height', () => {
    expect(staticCodeHtml('a\n\nb', { label: 'c', readonly: false, errorLine: null, highlight: highlightLines })).toContain('<div class="cm-line"><br></div>');
  });
});

describe('lineCount', () => {
  it('counts the lines the static copy draws: one per line break, plus one', () => {
    expect(lineCount('')).toBe(1);
    expect(lineCount('a\n\nb')).toBe(3);
    expect(lineCount('a\n')).toBe(2);
    expect(staticCodeHtml('a\n\nb', { label: 'c', readonly: false, errorLine: null }).match(/class="cm-line"/g)).toHaveLength(lineCount('a\n\nb'));
  });
});
