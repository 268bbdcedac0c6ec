/**
 * A notebook's prose, rendered for the page: what the build pre-rendered (shipped notebooks) is
 * used at once; the rest (imported notebooks) renders in the prose chunk in document order, a
 * slice of cells per task, so a notebook of thousands of cells never blocks the page.
 */
import type { Heading, RenderedProse } from './markdown';
import type * as ProseModule from './prose-render';
import type { PrerenderedProse } from './notebooks';

/** A prose cell as the view has it. */
export interface ProseCell {
  id: string;
  source: string;
}

interface Cached {
  source: string;
  html: string;
  headings: Heading[];
}

/** Work per task before yielding to the page. */
const SLICE_MS = 12;

let module: Promise<typeof ProseModule> | null = null;

/** Rendered prose of one notebook; `onRendered` runs when more of it is ready. */
export class NotebookProse {
  private readonly cache = new Map<string, Cached>();
  private cells: readonly ProseCell[] = [];
  private pumping = false;
  private closed = false;
  private headings: Heading[] = [];
  private readonly heights = new Map<string, { source: string; height: number }>();

  constructor(
    private readonly prerendered: PrerenderedProse | undefined,
    private readonly untrusted: boolean,
    private readonly onRendered: () => void,
  ) {}

  /**
   * The HTML of each prose cell (null while it renders) and the headings so far, in order. The
   * headings of a cell are known once it and every cell before it are rendered (ids are unique
   * across the notebook, so each depends on those above it).
   */
  layout(cells: readonly ProseCell[]): { html: Map<string, string | null>; headings: Heading[] } {
    this.cells = cells;
    const html = new Map<string, string | null>();
    const headings: Heading[] = [];
    let complete = true;
    for (const cell of cells) {
      const done = complete ? this.resolve(cell, headings) : null;
      if (!done) complete = false;
      const cached = this.cache.get(cell.id);
      html.set(cell.id, done?.html ?? (cached?.source === cell.source ? cached.html : null));
      if (done) headings.push(...done.headings);
    }
    if (!complete) void this.pump();
    // The same headings as last time come back as the same array, so the contents need no render.
    if (!sameHeadings(headings, this.headings)) this.headings = headings;
    return { html, headings: this.headings };
  }

  /** `estimateProseHeight` of a cell, remembered while its text stays the same (a render asks for every cell). */
  estimatedHeight(cell: ProseCell): number {
    const known = this.heights.get(cell.id);
    if (known?.source === cell.source) return known.height;
    const height = estimateProseHeight(cell.source);
    this.heights.set(cell.id, { source: cell.source, height });
    return height;
  }

  /** Stops rendering (the notebook closed). */
  close(): void {
    this.closed = true;
  }

  /** The cached render of `cell` if it is current, taking the build's when it fits. */
  private resolve(cell: ProseCell, taken: readonly Heading[]): Cached | null {
    const cached = this.cache.get(cell.id);
    if (cached && cached.source === cell.source) return cached;
    const shipped = this.untrusted ? undefined : this.prerendered?.[cell.id];
    // The build's heading ids assumed every cell above; use them only if none collides.
    if (shipped && shipped.source === cell.source && !shipped.headings.some((h) => taken.some((t) => t.id === h.id))) {
      const entry = { source: cell.source, html: shipped.html, headings: shipped.headings };
      this.cache.set(cell.id, entry);
      return entry;
    }
    return null;
  }

  /** Renders the cells still missing, in order, a slice per task. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      const prose = await (module ??= import('./prose-render'));
      for (;;) {
        if (this.closed) return;
        const started = performance.now();
        let progressed = false;
        const taken: Heading[] = [];
        for (const cell of this.cells) {
          const done = this.resolve(cell, taken);
          if (done) {
            taken.push(...done.headings);
            continue;
          }
          if (performance.now() - started > SLICE_MS) break;
          const out: RenderedProse | null = prose.renderProse(cell.source, taken, this.untrusted);
          if (!out) {
            await prose.loadMath();
            break;
          }
          this.cache.set(cell.id, { source: cell.source, html: out.html, headings: out.headings });
          taken.push(...out.headings);
          progressed = true;
        }
        if (progressed) this.onRendered();
        if (this.cells.every((c) => this.cache.get(c.id)?.source === c.source)) return;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.pumping = false;
    }
  }
}

/**
 * A guess at the height of prose not yet laid out (it is skipped while off screen): lines of about
 * 90 characters at the body's line height, plus paragraph and heading spacing. Once the prose has
 * been on screen the browser remembers its real height.
 */
export function estimateProseHeight(source: string): number {
  const lines = source.split('\n');
  const text = lines.reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 90)), 0);
  const blocks = lines.filter((line) => line.trim() === '').length + 1;
  const headings = lines.filter((line) => line.startsWith('#')).length;
  return Math.round(text * 25 + blocks * 8 + headings * 40);
}

function sameHeadings(a: readonly Heading[], b: readonly Heading[]): boolean {
  return a.length === b.length && a.every((h, i) => h.id === b[i].id && h.text === b[i].text && h.depth === b[i].depth);
}
