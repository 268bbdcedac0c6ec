import { describe, expect, it } from 'vitest';
import { NotebookProse } from '../../../src/ui/prose';
import type { PrerenderedProse } from '../../../src/ui/notebooks';

const cells = [
  { id: 'md-1', source: '# Intro\n\nHello.' },
  { id: 'md-2', source: '## Results\n\nArea $a^2$.' },
];

/** Waits until `onRendered` has been called `n` times. */
function counter(): { calls: () => number; next: () => Promise<void>; onRendered: () => void } {
  let count = 0;
  let wake: (() => void) | null = null;
  return {
    calls: () => count,
    next: () => new Promise((resolve) => (wake = resolve)),
    onRendered: () => {
      count++;
      wake?.();
    },
  };
}

describe('NotebookProse', () => {
  it("uses the build's rendering of shipped prose at once, headings in order", () => {
    const shipped: PrerenderedProse = {
      'md-1': { source: cells[0].source, html: '<h1 id="sec-intro">Intro</h1>', headings: [{ id: 'sec-intro', text: 'Intro', depth: 1 }] },
      'md-2': { source: cells[1].source, html: '<h2 id="sec-results">Results</h2>', headings: [{ id: 'sec-results', text: 'Results', depth: 2 }] },
    };
    const events = counter();
    const layout = new NotebookProse(shipped, false, events.onRendered).layout(cells);
    expect([...layout.html.values()]).toEqual(['<h1 id="sec-intro">Intro</h1>', '<h2 id="sec-results">Results</h2>']);
    expect(layout.headings.map((h) => h.id)).toEqual(['sec-intro', 'sec-results']);
    expect(events.calls()).toBe(0);
  });

  it('renders what the build did not (here a changed cell, with math) in the prose chunk, then reports it', async () => {
    const shipped: PrerenderedProse = { 'md-1': { source: 'an older text', html: '<p>old</p>', headings: [] } };
    const events = counter();
    const prose = new NotebookProse(shipped, false, events.onRendered);
    const first = prose.layout(cells);
    expect(first.html.get('md-1')).toBeNull();
    expect(first.headings).toEqual([]);
    while (prose.layout(cells).html.get('md-2') === null) await events.next();
    const done = prose.layout(cells);
    expect(done.html.get('md-1')).toContain('<h1 id="sec-intro">Intro</h1>');
    expect(done.html.get('md-2')).toContain('class="katex"');
    expect(done.headings.map((h) => h.id)).toEqual(['sec-intro', 'sec-results']);
  });

  it("does not take the build's heading ids when they would collide with an earlier cell's", async () => {
    const two = [
      { id: 'md-1', source: '## Results' },
      { id: 'md-2', source: '## Results' },
    ];
    const shipped: PrerenderedProse = {
      'md-1': { source: '## Results', html: '<h2 id="sec-results">Results</h2>', headings: [{ id: 'sec-results', text: 'Results', depth: 2 }] },
      // As if built without md-1: its id would clash.
      'md-2': { source: '## Results', html: '<h2 id="sec-results">Results</h2>', headings: [{ id: 'sec-results', text: 'Results', depth: 2 }] },
    };
    const events = counter();
    const prose = new NotebookProse(shipped, false, events.onRendered);
    expect(prose.layout(two).html.get('md-2')).toBeNull();
    while (prose.layout(two).html.get('md-2') === null) await events.next();
    expect(prose.layout(two).headings.map((h) => h.id)).toEqual(['sec-results', 'sec-results-2']);
  });
});
