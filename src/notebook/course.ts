/**
 * The course map: the six responsibilities of the ML engineer's job (DESIGN §4, issue 13) against
 * the notebooks that practise them. Which responsibility a section teaches is read from its
 * heading and its `*Responsibility: …*` line, so a notebook rewritten by its author is mapped
 * afresh without a list to keep in step.
 */
import type { NotebookOutline, OutlineSection } from './outline';

/** The six responsibilities, in the order the job meets them. */
export const JOBS = [
  { id: 'framing', title: 'Framing', summary: 'Turn a business question into a prediction task with a cost and a goal.' },
  { id: 'data', title: 'Data', summary: 'Collect, check and prepare data: quality, missing values, encoding, splits without leakage.' },
  { id: 'modelling', title: 'Modelling', summary: 'A baseline first, then training, feature choice, regularisation and tuning.' },
  { id: 'evaluation', title: 'Evaluation', summary: 'The right metrics, validation, thresholds, explanations and a check for bias.' },
  { id: 'deployment', title: 'Deployment and monitoring', summary: 'Save, serve and time the model; watch for drift and retrain.' },
  { id: 'communication', title: 'Communication', summary: 'Tell the people who asked what the model does, what it costs and where it fails.' },
] as const;

/** One of the six responsibilities. */
export type JobId = (typeof JOBS)[number]['id'];

/** Checked in this order: the first rule whose words appear in a section names its responsibility. */
const RULES: readonly { job: JobId; words: RegExp }[] = [
  { job: 'communication', words: /stakeholder|reporting to|plain business|communicat|write[- ]up/i },
  { job: 'deployment', words: /deploy|serv(e|ing)|monitor|drift|retrain|latency|in production|launch/i },
  { job: 'framing', words: /fram(e|ing)|business problem|the problem\b/i },
  // Words that name model development outright win over the evaluation words that often come with them.
  { job: 'modelling', words: /baseline|regulari[sz]|tun(e|ing)\b|hyperparameter|feature selection/i },
  { job: 'evaluation', words: /metric|validat|testing|test set|evaluat|threshold|explain|fairness|bias|overfit|underfit|measure|error analysis|behaviou?ral/i },
  { job: 'modelling', words: /model|train|search|embedding|factori[sz]/i },
  { job: 'data', words: /data|quality|cleaning|split|encod|preprocess|imput|tokeni[sz]|feature/i },
];

/** The responsibility a section practises, or null for sections outside the job (a look back, say). */
export function classifySection(section: Pick<OutlineSection, 'title' | 'responsibility'>): JobId | null {
  const text = `${section.title} ${section.responsibility ?? ''}`;
  return RULES.find((rule) => rule.words.test(text))?.job ?? null;
}

/** One notebook's part in one responsibility: its sections there and their exercises. */
export interface CourseCell {
  sections: { id: string; title: string }[];
  exerciseIds: string[];
}

/**
 * For each responsibility, the sections (depth 2, with their subsections' exercises) of a
 * notebook that practise it. A notebook whose chapters are not numbered `## N.` still maps:
 * every depth-2 heading counts.
 */
export function mapNotebook(outline: NotebookOutline): Record<JobId, CourseCell> {
  const map = Object.fromEntries(JOBS.map((j) => [j.id, { sections: [], exerciseIds: [] } as CourseCell])) as Record<JobId, CourseCell>;
  const chapterDepth = outline.sections.some((s) => s.depth === 2) ? 2 : Math.min(...outline.sections.map((s) => s.depth));
  outline.sections.forEach((section, index) => {
    if (section.depth !== chapterDepth) return;
    const job = classifySection(section);
    if (!job) return;
    map[job].sections.push({ id: section.id, title: section.title });
    for (let k = index; k < outline.sections.length && (k === index || outline.sections[k].depth > chapterDepth); k++) {
      map[job].exerciseIds.push(...outline.sections[k].exerciseIds);
    }
  });
  return map;
}
