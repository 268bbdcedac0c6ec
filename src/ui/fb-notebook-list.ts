/**
 * The home page as a course map: "continue where you left off", every shipped notebook with its
 * summary, estimated time and exercise progress, the six responsibilities of the job against the
 * notebooks that practise them, and the notebooks the learner imported.
 */
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { JOBS, mapNotebook, type CourseCell, type JobId } from '../notebook/course';
import { formatMinutes, outlineNotebook } from '../notebook/outline';
import { countPassed, formatExerciseCount, idbProgressStore, type LastVisit, type NotebookProgress } from '../store/progress';
import { idbEditStore, IMPORTED_PREFIX, listImported, removeImported, type ImportedNotebook } from '../store/index';
import { confirmDialog } from './dialog';
import { listCourse, type NotebookSummary } from './notebooks';
import { errorMessage } from './report-error';
import { routeOf } from './visits';

@customElement('fb-notebook-list')
export class FbNotebookList extends LitElement {
  @state() private storageProblem = '';
  /** Bumped to read the imported notebooks again (after one is removed). */
  @state() private generation = 0;

  /** The shipped notebooks with their outlines (bundled, so this never fails for storage reasons). */
  private readonly shipped = new Task(this, { task: () => listCourse(), args: () => [] as const });

  /** The imported notebooks in IndexedDB; a storage failure shows as a message and an empty list. */
  private readonly imported = new Task(this, {
    args: () => [this.generation] as const,
    task: async (): Promise<ImportedNotebook[]> => {
      try {
        return await listImported();
      } catch (e) {
        this.storageProblem = errorMessage(e);
        return [];
      }
    },
  });

  /** Exercise progress of every notebook and the last place the learner worked. */
  private readonly progress = new Task(this, {
    args: () => [this.generation] as const,
    task: async (): Promise<{ byKey: Map<string, NotebookProgress>; lastVisit: LastVisit | null }> => {
      try {
        const [byKey, visit] = await Promise.all([idbProgressStore.loadAll(), idbProgressStore.lastVisit()]);
        return { byKey, lastVisit: visit ?? null };
      } catch (e) {
        this.storageProblem = errorMessage(e);
        return { byKey: new Map(), lastVisit: null };
      }
    },
  });

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Fieldbook — learn the ML engineer’s job by doing it';
  }

  private async removeImportedNotebook(item: ImportedNotebook): Promise<void> {
    const id = item.notebook.meta.id;
    if (!(await confirmDialog('Remove this imported notebook?', `"${item.notebook.meta.title}" and your edits to it are removed from this browser.`, 'Remove')))
      return;
    try {
      await removeImported(id);
      await idbEditStore.remove(`${IMPORTED_PREFIX}${id}`);
      await idbProgressStore.remove(`${IMPORTED_PREFIX}${id}`);
    } catch (e) {
      this.storageProblem = errorMessage(e);
    }
    this.generation++;
  }

  protected override render(): TemplateResult {
    const shipped = this.shipped.value;
    const imported = this.imported.value ?? [];
    return html`<main class="fb-home" id="main">
      <section class="fb-hero">
        <h1>Learn what a machine learning engineer actually does</h1>
        <p>
          Each notebook is one real project taken through the whole job — framing the problem, cleaning data, a baseline, training, validation, tuning,
          explaining, fairness, deployment and monitoring. Every cell is TypeScript you can edit and run, right here, offline. New words are explained where
          they first appear, and all of them are in the <a href="#/glossary">glossary</a>.
        </p>
      </section>
      ${this.renderContinue()}
      <h2 class="fb-section-title">Notebooks</h2>
      ${
        !shipped
          ? html`<p aria-busy="true">Loading notebooks…</p>`
          : html`<ol class="fb-cards" aria-label="Notebooks">
              ${shipped.notebooks.map((n) => this.renderCard(n))}
            </ol>`
      }
      ${shipped?.notebooks.length ? this.renderCourseMap(shipped.notebooks) : nothing}
      ${
        imported.length
          ? html`<h2 class="fb-section-title">Imported notebooks</h2>
              <ol class="fb-cards" aria-label="Imported notebooks">
                ${imported.map((item) => this.renderImported(item))}
              </ol>`
          : nothing
      }
      ${this.storageProblem ? html`<div class="fb-error" role="alert"><pre>${this.storageProblem}</pre></div>` : nothing}
      ${(shipped?.broken ?? []).map(
        (b) =>
          html`<div class="fb-error" role="alert">
            <strong>${b.id}.md could not be read</strong>
            <pre>${b.error}</pre>
          </div>`,
      )}
    </main>`;
  }

  private renderContinue(): TemplateResult | typeof nothing {
    const visit = this.progress.value?.lastVisit;
    if (!visit) return nothing;
    return html`<section class="fb-continue" aria-labelledby="fb-continue-title">
      <h2 id="fb-continue-title">Continue where you left off</h2>
      <p>
        <a href=${visit.href} data-continue
          >${visit.title}${visit.sectionTitle ? html`<span class="fb-continue-section">: ${visit.sectionTitle}</span>` : nothing}</a
        >
        <span class="fb-note">${describeWhen(visit.at)}</span>
      </p>
    </section>`;
  }

  /** Exercise progress of a notebook key, as text, and the figures behind it (null until it is read). */
  private exerciseProgress(key: string, ids: readonly string[]): ExerciseFacts {
    const progress = this.progress.value;
    if (!progress) return { passed: null, total: ids.length, text: `${ids.length} exercise${ids.length === 1 ? '' : 's'}` };
    const passed = countPassed(progress.byKey.get(key), ids);
    return { passed, total: ids.length, text: `${formatExerciseCount(passed, ids.length)} passed` };
  }

  private renderCard({ meta, outline }: NotebookSummary): TemplateResult {
    const p = this.exerciseProgress(meta.id, outline.exerciseIds);
    return html`<li class="fb-card" data-notebook-id=${meta.id}>
      <h3><a href=${routeOf(meta.id)}>${meta.title}</a></h3>
      <p>${meta.summary}</p>
      ${renderFacts(outline.minutes, p)}
      ${
        meta.tags.length
          ? html`<ul class="fb-tags" aria-label="Tags">
              ${meta.tags.map((t) => html`<li>${t}</li>`)}
            </ul>`
          : nothing
      }
    </li>`;
  }

  private renderImported(item: ImportedNotebook): TemplateResult {
    const outline = outlineNotebook(item.notebook);
    const p = this.exerciseProgress(`${IMPORTED_PREFIX}${item.notebook.meta.id}`, outline.exerciseIds);
    return html`<li class="fb-card" data-imported-id=${item.notebook.meta.id}>
      <h3><a href=${routeOf(`${IMPORTED_PREFIX}${item.notebook.meta.id}`)}>${item.notebook.meta.title}</a></h3>
      <p>${item.notebook.meta.summary || `From ${item.fileName}`}</p>
      ${renderFacts(outline.minutes, p)}
      <p class="fb-note">${item.trusted ? 'trusted' : 'not trusted: its code does not run until you trust it'}</p>
      <button class="fb-link" @click=${() => this.removeImportedNotebook(item)}>Remove</button>
    </li>`;
  }

  private renderCourseMap(notebooks: NotebookSummary[]): TemplateResult {
    const maps = notebooks.map((n) => ({ n, map: mapNotebook(n.outline) }));
    return html`<section class="fb-course" aria-labelledby="fb-course-title">
      <h2 id="fb-course-title" class="fb-section-title">The job, notebook by notebook</h2>
      <p class="fb-course-intro">The six responsibilities of a machine learning engineer, and the sections of each notebook where you practise them.</p>
      <div class="fb-course-wrap" role="region" aria-labelledby="fb-course-title" tabindex="0">
        <table class="fb-course-map">
          <thead>
            <tr>
              <th scope="col">Responsibility</th>
              ${notebooks.map((n) => html`<th scope="col">${shortTitle(n.meta.title)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${JOBS.map(
              (job) =>
                html`<tr data-job=${job.id}>
                  <th scope="row"><span class="fb-course-job">${job.title}</span><span class="fb-course-summary">${job.summary}</span></th>
                  ${maps.map(({ n, map }) => this.renderCourseCell(n, job.id, map[job.id]))}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderCourseCell(n: NotebookSummary, job: JobId, cell: CourseCell): TemplateResult {
    if (!cell.sections.length) return html`<td class="fb-course-none">not practised here</td>`;
    const p = this.exerciseProgress(n.meta.id, cell.exerciseIds);
    return html`<td data-notebook=${n.meta.id} data-job-cell=${job}>
      <ul>
        ${cell.sections.map((s) => html`<li><a href=${`${routeOf(n.meta.id)}/${s.id}`}>${s.title}</a></li>`)}
      </ul>
      ${p.total ? html`<span class="fb-course-exercises">${p.text}</span>` : nothing}
    </td>`;
  }
}

/** Exercises on a card: passed of the total once the learner's progress is read. */
interface ExerciseFacts {
  passed: number | null;
  total: number;
  text: string;
}

/** Time and exercise progress on a card ("about 1 h 40 min · 3 of 10 exercises passed"). */
function renderFacts(minutes: number, p: ExerciseFacts): TemplateResult {
  return html`<p class="fb-card-facts">
    <span>${formatMinutes(minutes)}</span>
    ${p.total && p.passed === null ? html`<span>${p.text}</span>` : nothing}
    ${
      p.total && p.passed !== null
        ? html`<span data-exercise-progress>${p.text}</span> <progress max=${p.total} .value=${p.passed} aria-hidden="true"></progress>`
        : nothing
    }
  </p>`;
}

/** "Fraud detection" from "Fraud detection — catch card fraud in real time". */
function shortTitle(title: string): string {
  return title.split(/\s+[—–-]\s+/)[0];
}

/** "a moment ago", "3 hours ago", "2 days ago". */
function describeWhen(at: number, now = Date.now()): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 2) return 'a moment ago';
  if (minutes < 90) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-notebook-list': FbNotebookList;
  }
}
