/**
 * An exercise panel (what a cell's `exercise({...})` shows): the title, the task, the verdict of
 * the check with its message, "Show hint" (one more hint each press) and "Show solution" (after
 * the app's confirm dialog). The host carries the stable hooks `data-exercise` and
 * `data-exercise-status`. Verdicts, hints and solutions revealed go to the notebook's progress, so
 * a re-run or a reload keeps what the learner has seen, and a pass stays counted.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ExerciseData, ExerciseStatus } from '../kernel/protocol';
import { confirmDialog } from './dialog';
import { looksLikeCode } from './exercise-text';
import { renderSafeMarkdown } from './safe-markdown';
import { progressKeyOf, progressTracker, type ProgressTracker } from './progress-tracker';

const STATUS_LABEL: Record<ExerciseStatus, string> = {
  pending: 'To do',
  passed: 'Passed',
  failed: 'Not yet',
};

const STATUS_ICON: Record<ExerciseStatus, string> = { pending: '○', passed: '✓', failed: '✗' };

let panels = 0;

@customElement('fb-exercise')
export class FbExercise extends LitElement {
  /** The exercise and its verdict, as the kernel sent them. */
  @property({ attribute: false }) data!: ExerciseData;
  /** The notebook's progress key; by default that of the notebook the panel sits in. */
  @property({ attribute: false }) progressKey = '';
  @state() private hintsShown = 0;
  @state() private solutionShown = false;
  @state() private passedBefore = false;
  @state() private passedWithSolution = false;
  @state() private problem = '';
  private tracker: ProgressTracker | null = null;
  private readonly uid = `fb-ex-${++panels}`;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const key = this.progressKey || progressKeyOf(this);
    if (!key) return;
    this.tracker = progressTracker(key);
    this.tracker.addEventListener('change', this.onProgress);
    void this.tracker.ready.then(this.onProgress);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tracker?.removeEventListener('change', this.onProgress);
    this.tracker = null;
  }

  private onProgress = (): void => {
    const tracker = this.tracker;
    if (!tracker || !this.data) return;
    const saved = tracker.progress.exercises[this.data.id];
    this.hintsShown = Math.min(this.data.hints.length, Math.max(this.hintsShown, saved?.hintsShown ?? 0));
    this.solutionShown ||= saved?.solutionShown ?? false;
    this.passedBefore = saved?.passed ?? false;
    this.passedWithSolution = saved?.passedWithSolution ?? false;
    this.problem = tracker.problem;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('data') || !this.data) return;
    this.dataset.exercise = this.data.id;
    this.dataset.exerciseStatus = this.data.status;
    const previous = changed.get('data') as ExerciseData | undefined;
    if (previous?.id !== this.data.id) this.onProgress();
    // A finished check is progress (an imported notebook's saved outputs are text, never panels).
    if (!this.data.checking && (previous?.status !== this.data.status || previous?.checking)) void this.tracker?.recordVerdict(this.data.id, this.data.status);
  }

  private showHint(): void {
    if (this.hintsShown >= this.data.hints.length) return;
    this.hintsShown++;
    void this.tracker?.recordHints(this.data.id, this.hintsShown);
  }

  private async showSolution(): Promise<void> {
    const ok = await confirmDialog(
      'Show the solution?',
      'You learn the most by getting there yourself, and the hints point the way. If you look now, the exercise still counts as passed once your own code passes its check.',
      'Show solution',
    );
    if (!ok) return;
    this.solutionShown = true;
    void this.tracker?.recordSolution(this.data.id);
    await this.updateComplete;
    this.querySelector<HTMLElement>('.fb-exercise-solution')?.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const d = this.data;
    if (!d) return nothing;
    const titleId = `${this.uid}-title`;
    const hintCountId = `${this.uid}-hints`;
    const moreHints = this.hintsShown < d.hints.length;
    return html`<section class="fb-exercise fb-exercise-${d.status}" aria-labelledby=${titleId}>
      <div class="fb-exercise-head">
        <h3 id=${titleId}><span class="fb-exercise-kicker">Exercise</span> ${d.title}</h3>
        <span class="fb-exercise-badge"><span aria-hidden="true">${STATUS_ICON[d.status]}</span> ${d.checking ? 'Checking' : STATUS_LABEL[d.status]}</span>
      </div>
      ${d.task ? html`<div class="fb-exercise-task" .innerHTML=${renderSafeMarkdown(d.task)}></div>` : nothing}
      <p class="fb-exercise-message">${d.message}</p>
      ${this.passedBefore && d.status !== 'passed' ? html`<p class="fb-note">You passed this exercise before, and it stays counted.</p>` : nothing}
      ${d.status === 'passed' && this.passedWithSolution ? html`<p class="fb-note">Passed after looking at the solution.</p>` : nothing}
      ${
        this.hintsShown
          ? html`<ol class="fb-exercise-hints" aria-label="Hints">
              ${d.hints.slice(0, this.hintsShown).map((h) => html`<li .innerHTML=${renderSafeMarkdown(h)}></li>`)}
            </ol>`
          : nothing
      }
      ${this.solutionShown && d.solution !== undefined ? this.renderSolution(d.solution) : nothing}
      <div class="fb-exercise-actions">
        ${
          d.hints.length
            ? html`<button class="fb-secondary" aria-describedby=${hintCountId} aria-disabled=${moreHints ? 'false' : 'true'} @click=${() => this.showHint()}>
                  Show hint
                </button>
                <span class="fb-exercise-count" id=${hintCountId}>${this.hintsShown} of ${d.hints.length} hint${d.hints.length === 1 ? '' : 's'} shown</span>`
            : nothing
        }
        ${d.solution !== undefined && !this.solutionShown ? html`<button class="fb-secondary" @click=${() => this.showSolution()}>Show solution</button>` : nothing}
      </div>
      ${this.problem ? html`<p class="fb-error-inline" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }

  private renderSolution(solution: string): TemplateResult {
    const body = looksLikeCode(solution)
      ? html`<pre class="fb-exercise-code"><code>${solution}</code></pre>`
      : html`<div .innerHTML=${renderSafeMarkdown(solution)}></div>`;
    return html`<div class="fb-exercise-solution" tabindex="-1" role="region" aria-label="Solution">
      <h4>Solution</h4>
      ${body}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-exercise': FbExercise;
  }
}
