/**
 * A notebook's prose as the notebook view shows it: the HTML the build pre-rendered for a shipped
 * notebook (an imported one's renders in the page, sanitised and kept in its box), each glossary
 * term marked at its first use, the outline the build read (for the contents), and the math
 * fonts loaded when the prose has formulas.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Heading } from './markdown';
import type { NotebookOutline } from '../notebook/outline';
import type { Notebook } from '../notebook/types';
import type { CellState, MarkdownCellState } from '../session/index';
import { GlossaryController } from './glossary-terms';
import { prerenderedProse, shippedOutline } from './notebooks';
import { NotebookProse } from './prose';
import { TermMarks } from './term-marks';
import { loadMathFonts } from './type-specimen';

/** The prose of the notebook a view shows, and the articles it is drawn in. */
export class ProseView {
  private prose: NotebookProse | null = null;
  /** Whether the prose came from outside the app (sanitised and kept in its box). */
  private imported = false;
  private math = false;
  private outline: { cells: Notebook['cells']; outline: NotebookOutline } | null = null;
  /** Marks each glossary term's first use in the prose with its definition. */
  private readonly glossary: GlossaryController;
  private readonly terms: TermMarks;

  /** `renderMore` asks the host for a render when more of an imported notebook's prose is ready. */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly renderMore: () => void,
  ) {
    this.glossary = new GlossaryController(host);
    this.terms = new TermMarks(this.glossary, () => host.requestUpdate());
  }

  /** The shipped prose has formulas (the type specimen shown while it opens then has math too). */
  get hasMath(): boolean {
    return this.math;
  }

  /** The outline the build read from a shipped notebook, with the cells it read (for the contents). */
  get shipped(): { cells: Notebook['cells']; outline: NotebookOutline } | null {
    return this.outline;
  }

  /** Takes up a newly shown notebook's prose (the previous notebook's stops rendering). */
  open(notebook: Notebook): void {
    this.prose?.close();
    const shipped = prerenderedProse(notebook);
    this.imported = !shipped;
    this.math = Object.values(shipped ?? {}).some((p) => p.html.includes('class="katex"'));
    if (this.math) loadMathFonts();
    const outline = shippedOutline(notebook);
    this.outline = outline ? { cells: notebook.cells, outline } : null;
    this.prose = new NotebookProse(shipped, this.imported, this.renderMore);
  }

  /** Stops rendering (the view left the page). */
  close(): void {
    this.prose?.close();
  }

  /** The HTML of each prose cell among `cells` (null while it renders) and the headings so far (`NotebookProse.layout`). */
  layout(cells: readonly CellState[]): { html: Map<string, string | null>; headings: Heading[] } {
    return this.prose!.layout(cells.filter((c) => c.kind === 'markdown'));
  }

  /** The article a prose cell is drawn in, given the HTML `layout` returned. */
  article(cell: MarkdownCellState, prose: ReadonlyMap<string, string | null>): TemplateResult {
    return html`<article
      class=${this.imported ? 'fb-prose fb-prose-imported' : 'fb-prose'}
      data-cell-id=${cell.id}
      style=${`contain-intrinsic-size: auto ${this.prose!.estimatedHeight(cell)}px`}
      .innerHTML=${this.terms.mark(cell.id, prose.get(cell.id) ?? '')}
    ></article>`;
  }
}
