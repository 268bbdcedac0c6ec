import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/ui/markdown';

describe('renderMarkdown', () => {
  it('renders math through the given renderer and reports it', () => {
    const out = renderMarkdown('Area $a^2$ and\n\n$$b$$\n', [], (tex, display) => `[${display ? 'D' : 'I'}:${tex}]`);
    expect(out.math).toBe(true);
    expect(out.html).toContain('Area [I:a^2] and');
    expect(out.html).toContain('[D:b]');
  });

  it('without a math renderer, shows the TeX as code and says the page has math', () => {
    const out = renderMarkdown('Cost $x < 1$ here');
    expect(out.math).toBe(true);
    expect(out.html).toContain('<code>$x &lt; 1$</code>');
  });

  it('reports no math for prose without formulas, and "$5 and $10" is not math', () => {
    const out = renderMarkdown('It costs $5 and $10.');
    expect(out.math).toBe(false);
    expect(out.html).toContain('It costs $5 and $10.');
  });

  it('gives headings ids unique across the notebook', () => {
    const first = renderMarkdown('## Results');
    const second = renderMarkdown('## Results\n\n### Other', first.headings);
    expect(first.headings).toEqual([{ id: 'sec-results', text: 'Results', depth: 2 }]);
    expect(second.headings.map((h) => h.id)).toEqual(['sec-results-2', 'sec-other']);
    expect(second.html).toContain('<h2 id="sec-results-2">Results</h2>');
  });
});
