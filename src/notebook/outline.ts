/**
 * A notebook's outline, read from its text without rendering or running it: its sections (with
 * the heading ids the prose renderer gives them and the `*Responsibility: …*` line under each),
 * the exercises each section holds, and an estimate of the time it takes to work through.
 */
import { findExercises, type ExerciseRef } from './exercises';

/** One heading of the prose and the exercises declared below it, up to the next heading. */
export interface OutlineSection {
  /** The element id the prose renderer gives the heading (see `slugify`). */
  id: string;
  title: string;
  depth: number;
  /** The `*Responsibility: …*` line right under the heading, if there is one. */
  responsibility?: string;
  exerciseIds: string[];
}

/** An exercise in the outline: where it is declared and under which heading. */
export interface OutlineExercise extends ExerciseRef {
  cellId: string;
  /** The heading above its cell (undefined above the first heading). */
  sectionId?: string;
}

/** The cells an outline reads (a notebook's, or the learner's current ones). */
export interface OutlineSource {
  cells: readonly { kind: 'markdown' | 'code'; id: string; source: string }[];
}

/** What the table of contents and the home page need to know about a notebook. */
export interface NotebookOutline {
  sections: OutlineSection[];
  exercises: OutlineExercise[];
  /** Every exercise id, in order (each id once). */
  exerciseIds: string[];
  /** Exercises declared above the first heading. */
  looseExerciseIds: string[];
  proseWords: number;
  codeCells: number;
  /** Estimated minutes to read, run and do the exercises (see `estimateMinutes`). */
  minutes: number;
}

/** Turns heading text into an id that is stable across renders (`sec-` + a slug). */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `sec-${slug || 'section'}`;
}

/** A unique id for `text` among `taken`, the way the prose renderer numbers repeated headings. */
export function uniqueHeadingId(text: string, taken: (id: string) => boolean): string {
  let id = slugify(text);
  for (let n = 2; taken(id); n++) id = `${slugify(text)}-${n}`;
  return id;
}

/** Headings (ATX `#` form) of a Markdown text, outside fenced blocks, as plain text. */
export function readHeadings(markdown: string): { depth: number; text: string; line: number }[] {
  const found: { depth: number; text: string; line: number }[] = [];
  let fence: string | null = null;
  markdown.split(/\r?\n/).forEach((line, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (marker) {
      if (fence === null) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = null;
      return;
    }
    if (fence !== null) return;
    const heading = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) found.push({ depth: heading[1].length, text: plainInline(heading[2]), line: index });
  });
  return found;
}

/** Inline Markdown to the text a reader sees (links keep their text; emphasis and code marks go). */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e] ?? '')
    .trim();
}

/** Words a reader reads in a Markdown text (code blocks and math left out). */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/^(`{3,}|~{3,})[\s\S]*?^\1\s*$/gm, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' x ')
    .replace(/[#>*_`|-]+/g, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Reading speed (words a minute) for technical prose that the learner also acts on. */
export const WORDS_PER_MINUTE = 180;
/** Minutes to read, run and look at the output of one code cell. */
export const MINUTES_PER_CELL = 1;
/** Minutes for one exercise: read the task, change the code, run, perhaps a hint. */
export const MINUTES_PER_EXERCISE = 5;

/** Minutes a learner needs, rounded up to 5: prose at `WORDS_PER_MINUTE`, plus cells and exercises. */
export function estimateMinutes(words: number, codeCells: number, exercises: number): number {
  const minutes = words / WORDS_PER_MINUTE + codeCells * MINUTES_PER_CELL + exercises * MINUTES_PER_EXERCISE;
  return Math.max(5, Math.ceil(minutes / 5) * 5);
}

/** "about 45 min", "about 1 h 40 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `about ${minutes} min`;
  const rest = minutes % 60;
  return `about ${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/** Reads the outline of a notebook (or of the learner's current cells). */
export function outlineNotebook(notebook: OutlineSource): NotebookOutline {
  const sections: OutlineSection[] = [];
  const exercises: OutlineExercise[] = [];
  const taken = new Set<string>();
  const all: string[] = [];
  const loose: string[] = [];
  let proseWords = 0;
  let codeCells = 0;
  for (const cell of notebook.cells) {
    if (cell.kind === 'markdown') {
      proseWords += countWords(cell.source);
      const lines = cell.source.split(/\r?\n/);
      for (const h of readHeadings(cell.source)) {
        const id = uniqueHeadingId(h.text, (x) => taken.has(x));
        taken.add(id);
        const next = lines.slice(h.line + 1).find((l) => l.trim() !== '');
        const responsibility = next ? /^\s*[*_]Responsibility:\s*(.+?)[*_]\s*$/i.exec(next)?.[1] : undefined;
        sections.push({ id, title: h.text, depth: h.depth, ...(responsibility ? { responsibility } : {}), exerciseIds: [] });
      }
    } else {
      codeCells++;
      for (const ref of findExercises(cell.source)) {
        if (all.includes(ref.id)) continue;
        all.push(ref.id);
        const section = sections.at(-1);
        (section?.exerciseIds ?? loose).push(ref.id);
        exercises.push({ ...ref, cellId: cell.id, ...(section ? { sectionId: section.id } : {}) });
      }
    }
  }
  return { sections, exercises, exerciseIds: all, looseExerciseIds: loose, proseWords, codeCells, minutes: estimateMinutes(proseWords, codeCells, all.length) };
}

/**
 * The exercises of a section and of its subsections (the headings below it of greater depth),
 * for a table of contents that shows "1 of 2" beside a chapter.
 */
export function exercisesUnder(outline: NotebookOutline, sectionIndex: number): string[] {
  const head = outline.sections[sectionIndex];
  const ids = [...head.exerciseIds];
  for (let k = sectionIndex + 1; k < outline.sections.length && outline.sections[k].depth > head.depth; k++) ids.push(...outline.sections[k].exerciseIds);
  return ids;
}
