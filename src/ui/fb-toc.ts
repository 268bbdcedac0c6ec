/**
 * A notebook's table of contents: its headings, the exercises under each with the learner's
 * progress ("1 of 2" beside a chapter, passed or not beside each exercise), and the notebook's
 * total. On a narrow screen it collapses into a "Contents" disclosure so the cells come first.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { outlineNotebook, exercisesUnder, type NotebookOutline, type OutlineSource } from '../notebook/outline';
import { countPassed, formatExerciseCount } from '../store/progress';
import type { Heading } from './markdown';
import { progressTracker, type ProgressTracker } from './progress-tracker';

/** Below this width the contents sit above the notebook (styles.css) and start collapsed. */
export const NARROW_QUERY = '(max-width: 60rem)';

@customElement('fb-toc')
export class FbToc extends LitElement {
  /** The headings as the prose renderer numbered them. */
  @property({ attribute: false }) headings: Heading[] = [];
  /** The learner's current cells (for the exercises under each heading). */
  @property({ attribute: false }) cells: OutlineSource['cells'] = [];
  /** Route prefix of the notebook, e.g. `#/notebook/fraud-detection`. */
  @property() base = '';
  @property() progressKey = '';
  /**
   * The outline the build read from the notebook's own cells, if it shipped: while the learner's
   * cells are still those, it is the outline, and no cell need be read.
   */
  @property({ attribute: false }) shipped: { cells: OutlineSource['cells']; outline: NotebookOutline } | null = null;
  @state() private narrow = false;
  @state() private open = true;
  @state() private tick = 0;
  private outline: NotebookOutline = outlineNotebook({ cells: [] });
  /** The outline's sections and exercises by heading id, for the render (one lookup a heading). */
  private bySection: SectionIndex = indexSections(this.outline);
  private outlineOf = '';
  private outlinePending = false;
  private tracker: ProgressTracker | null = null;
  private media: MediaQueryList | null = null;
  private scrolledToRoute = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.media = window.matchMedia(NARROW_QUERY);
    this.media.addEventListener('change', this.onMedia);
    this.onMedia();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.media?.removeEventListener('change', this.onMedia);
    this.tracker?.removeEventListener('change', this.onProgress);
    this.tracker = null;
  }

  private onMedia = (): void => {
    this.narrow = this.media?.matches ?? false;
    this.open = !this.narrow;
  };

  private onProgress = (): void => {
    this.tick++;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('progressKey') && this.progressKey) {
      this.tracker?.removeEventListener('change', this.onProgress);
      this.tracker = progressTracker(this.progressKey);
      this.tracker.addEventListener('change', this.onProgress);
    }
    // The session may change a cell in place, so compare the text rather than the array.
    const key = this.cells.map((c) => `${c.id}\u0001${c.source}`).join('\u0000');
    if (key !== this.outlineOf) {
      this.outlineOf = key;
      if (this.shipped && sameCells(this.cells, this.shipped.cells)) this.setOutline(this.shipped.outline);
      else this.outlineSoon();
    }
  }

  private setOutline(outline: NotebookOutline): void {
    this.outline = outline;
    this.bySection = indexSections(outline);
    this.tick++;
  }

  /**
   * Reading the outline tokenises every cell (tens of milliseconds for a long notebook): it runs
   * in idle time, once however many renders changed the text, not inside the render (the
   * notebook's first, or one per keystroke).
   */
  private outlineSoon(): void {
    if (this.outlinePending) return;
    this.outlinePending = true;
    const run = () => {
      this.outlinePending = false;
      this.setOutline(this.shipped && sameCells(this.cells, this.shipped.cells) ? this.shipped.outline : outlineNotebook({ cells: this.cells }));
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 });
    else setTimeout(run, 50);
  }

  protected override updated(): void {
    // A route to a section (a deep link, "continue where you left off") scrolls once the heading exists.
    if (this.scrolledToRoute || !this.headings.length) return;
    this.scrolledToRoute = true;
    const section = location.hash.startsWith(`${this.base}/`) ? decodeURIComponent(location.hash.slice(this.base.length + 1)) : '';
    if (section) requestAnimationFrame(() => document.getElementById(section)?.scrollIntoView({ block: 'start' }));
  }

  protected override render(): TemplateResult {
    const progress = this.tracker?.progress;
    const total = this.outline.exerciseIds.length;
    const passed = countPassed(progress, this.outline.exerciseIds);
    const list = html` ${
        total && this.tracker?.loaded
          ? html`<p class="fb-toc-progress" data-exercise-progress>
              ${formatExerciseCount(passed, total)} passed <progress max=${total} .value=${passed} aria-hidden="true"></progress>
            </p>`
          : nothing
      }
      <ol>
        ${this.headings.filter((h) => h.depth <= 3).map((h) => this.renderHeading(h))}
      </ol>`;
    return html`<a class="fb-back" href="#/"><span aria-hidden="true">←</span> All notebooks</a> ${
        this.narrow
          ? html`<details class="fb-toc-details" ?open=${this.open} @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}>
              <summary><h2>Contents</h2></summary>
              ${list}
            </details>`
          : html`<h2>Contents</h2>
              ${list}`
      }`;
  }

  private renderHeading(h: Heading): TemplateResult {
    const index = this.bySection.sections.get(h.id) ?? -1;
    const section = index >= 0 ? this.outline.sections[index] : undefined;
    const under = index >= 0 && h.depth === 2 ? exercisesUnder(this.outline, index) : (section?.exerciseIds ?? []);
    const progress = this.tracker?.progress;
    const done = countPassed(progress, under);
    const own = this.bySection.exercises.get(h.id) ?? [];
    return html`<li class="depth-${h.depth}">
      <a href=${`${this.base}/${h.id}`} @click=${(e: Event) => this.jump(e, h.id)}>${h.text}</a>
      ${under.length && h.depth === 2 ? html`<span class="fb-toc-count" title="Exercises passed in this section">${done}/${under.length}<span class="fb-visually-hidden"> exercises passed</span></span>` : nothing}
      ${
        own.length
          ? html`<ul class="fb-toc-exercises">
              ${own.map((e) => {
                const ok = progress?.exercises[e.id]?.passed ?? false;
                return html`<li data-exercise-ref=${e.id} data-passed=${ok ? 'true' : 'false'}>
                  <a href=${`${this.base}/${h.id}`} @click=${(ev: Event) => this.jumpToExercise(ev, e.id, e.cellId)}>
                    <span class="fb-toc-mark" aria-hidden="true">${ok ? '✓' : '○'}</span>
                    <span class="fb-visually-hidden">${ok ? 'Passed' : 'Not passed yet'}: </span>${e.title ?? e.id}</a
                  >
                </li>`;
              })}
            </ul>`
          : nothing
      }
    </li>`;
  }

  private jump(event: Event, id: string): void {
    event.preventDefault();
    focusTarget(document.getElementById(id));
  }

  private jumpToExercise(event: Event, id: string, cellId: string): void {
    event.preventDefault();
    const panel = document.querySelector<HTMLElement>(`[data-exercise="${CSS.escape(id)}"]`);
    focusTarget(panel ?? document.querySelector<HTMLElement>(`fb-cell[data-cell-id="${CSS.escape(cellId)}"]`));
  }
}

/** Where each heading's section is in an outline, and the exercises declared under each. */
interface SectionIndex {
  /** The first section with each id (as `findIndex` would find it). */
  sections: Map<string, number>;
  exercises: Map<string, NotebookOutline['exercises']>;
}

function indexSections(outline: NotebookOutline): SectionIndex {
  const sections = new Map<string, number>();
  outline.sections.forEach((s, i) => {
    if (!sections.has(s.id)) sections.set(s.id, i);
  });
  const exercises = new Map<string, NotebookOutline['exercises']>();
  for (const e of outline.exercises) {
    if (e.sectionId === undefined) continue;
    exercises.set(e.sectionId, [...(exercises.get(e.sectionId) ?? []), e]);
  }
  return { sections, exercises };
}

/** Whether two lists hold the same cells (kind, id and text), in the same order. */
function sameCells(a: OutlineSource['cells'], b: OutlineSource['cells']): boolean {
  return a.length === b.length && a.every((c, i) => c.kind === b[i].kind && c.id === b[i].id && c.source === b[i].source);
}

function focusTarget(target: HTMLElement | null): void {
  if (!target) return;
  target.scrollIntoView({ behavior: 'smooth', block: 'start' });
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-toc': FbToc;
  }
}
