/**
 * Exercise panels as text: how a solution string is shown, and the plain text an exported
 * `.ipynb` keeps of a panel (the verdict and message, never the hints or the solution, which
 * stay in the notebook's code).
 */
import type { ExerciseData } from '../kernel/protocol';

/**
 * A solution string is shown as code when every line of it has code punctuation (or is a `//`
 * comment); anything else is Markdown, which may hold a fenced code block of its own.
 */
export function looksLikeCode(text: string): boolean {
  if (/^\s*(```|~~~)/m.test(text)) return false;
  const lines = text.split('\n').filter((l) => l.trim());
  return lines.length > 0 && lines.every((l) => /[;{}()=[\]]|^\s*\/\//.test(l));
}

const STATUS_WORDS = { pending: 'to do', passed: 'passed', failed: 'not yet' } as const;

/** "Exercise ridge-penalty — Tame the model: passed. Well done: …" */
export function exercisePlainText(data: ExerciseData): string {
  return `Exercise ${data.id} — ${data.title}: ${STATUS_WORDS[data.status]}. ${data.message}`.trim();
}
