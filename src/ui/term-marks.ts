/**
 * Prose HTML with the glossary's terms marked at their first use, a few cells per task. Marking
 * reads every word of the prose (about 60 ms for a long notebook on a loaded 2-core machine), and
 * each term is marked where it is first used, so the cells are marked strictly in reading order:
 * each render marks cells until its budget is spent, shows the rest as they were, and asks for
 * another render that carries on where it stopped. The top of the page, which the learner sees
 * first, is marked first; once every cell is marked the page is what one long task would have made.
 */

/** What `TermMarks` needs of the glossary (glossary-terms.ts' controller). */
export interface TermMarker {
  /** Bumped when the glossary arrives: prose marked before it is stale. */
  readonly generation: number;
  /** Bumped at the start of each render of the host, when no term counts as used yet. */
  readonly pass: number;
  /** Marks the first uses in one cell's HTML, given the cells before it in this pass. */
  mark(html: string): { html: string; marked: string[] };
  /** Records the terms a cell marked when it was marked before. */
  reuse(marked: readonly string[]): void;
}

/** How marking is paced (tests give their own clock and scheduler). */
export interface MarkPacing {
  /** Marking time a render may spend before the rest waits for the next. */
  budgetMs: number;
  now(): number;
  /** Runs `callback` in a later task. */
  later(callback: () => void): void;
}

/** Marking per render, in milliseconds: the cells on screen fit in the first. */
const BUDGET_MS = 5;

const defaultPacing: MarkPacing = {
  budgetMs: BUDGET_MS,
  now: () => performance.now(),
  later: (callback) => void setTimeout(callback, 0),
};

interface Marked {
  from: string;
  html: string;
  terms: string[];
  generation: number;
}

/**
 * The marked HTML of each prose cell, cached per cell: call `mark` for every prose cell in
 * reading order on each render. `again` asks the host for another render (the cells left for later).
 */
export class TermMarks {
  private readonly cache = new Map<string, Marked>();
  private pass = -1;
  private spent = 0;
  /** A cell of this pass was left for later, so no cell after it may be marked in this pass. */
  private deferred = false;
  private scheduled = false;

  constructor(
    private readonly glossary: TermMarker,
    private readonly again: () => void,
    private readonly pacing: MarkPacing = defaultPacing,
  ) {}

  /** `html` of cell `cellId` with the terms first used in it marked (or as shown so far, when its turn is to come). */
  mark(cellId: string, html: string): string {
    if (this.pass !== this.glossary.pass) {
      this.pass = this.glossary.pass;
      this.spent = 0;
      this.deferred = false;
    }
    const cached = this.cache.get(cellId);
    const current = cached !== undefined && cached.from === html;
    if (current && cached.generation === this.glossary.generation) {
      if (!this.deferred) this.glossary.reuse(cached.terms);
      return cached.html;
    }
    if (this.deferred || this.spent >= this.pacing.budgetMs) {
      this.deferred = true;
      this.carryOn();
      return current ? cached.html : html;
    }
    const started = this.pacing.now();
    const marked = this.glossary.mark(html);
    this.spent += this.pacing.now() - started;
    this.cache.set(cellId, { from: html, html: marked.html, terms: marked.marked, generation: this.glossary.generation });
    return marked.html;
  }

  private carryOn(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.pacing.later(() => {
      this.scheduled = false;
      this.again();
    });
  }
}
