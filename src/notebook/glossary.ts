/**
 * The glossary (`notebooks/glossary.md`, contracts.md "Glossary"): a `### Section` per notebook
 * and one entry a line, `- **term** (other forms, …) — definition.` This module reads it and finds
 * terms in prose; the page marks each term's first use in a notebook with its definition.
 */

/** One term and its definition (Markdown). */
export interface GlossaryEntry {
  term: string;
  /** Other forms of the term that count as a use of it ("epochs", "MSE"). */
  aliases: string[];
  definition: string;
  /** The `###` section it is listed under. */
  section: string;
  /** A stable id for links and `aria-describedby`: `term-` + a slug. */
  id: string;
}

/** The glossary: the prose before the first section, and the entries by section. */
export interface Glossary {
  intro: string;
  sections: { title: string; entries: GlossaryEntry[] }[];
  entries: GlossaryEntry[];
}

const ENTRY = /^[-*]\s+\*\*(.+?)\*\*\s*(?:\(([^)]*)\))?\s*[—–:]\s*(.+)$/;

/** The id of a term: `term-` and its letters and digits, lower case, joined by `-`. */
export function termId(term: string): string {
  return `term-${term.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'}`;
}

/** Reads the glossary file (front matter, if any, skipped). A line that is not an entry continues the entry above it. */
export function parseGlossary(markdown: string): Glossary {
  const text = markdown.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
  const glossary: Glossary = { intro: '', sections: [], entries: [] };
  const intro: string[] = [];
  let last: GlossaryEntry | null = null;
  for (const line of text.split('\n')) {
    const heading = /^###\s+(.+?)\s*$/.exec(line);
    if (heading) {
      glossary.sections.push({ title: heading[1], entries: [] });
      last = null;
      continue;
    }
    const section = glossary.sections.at(-1);
    if (!section) {
      if (!/^#\s/.test(line)) intro.push(line);
      continue;
    }
    const entry = ENTRY.exec(line.trim());
    if (entry) {
      const term = entry[1].trim();
      last = {
        term,
        aliases: (entry[2] ?? '').split(',').map((a) => a.trim()).filter(Boolean),
        definition: entry[3].trim(),
        section: section.title,
        id: termId(term),
      };
      section.entries.push(last);
      glossary.entries.push(last);
    } else if (last && line.trim()) {
      last.definition += ` ${line.trim()}`;
    } else {
      last = null;
    }
  }
  glossary.intro = intro.join('\n').trim();
  return glossary;
}

/** A use of a term found in a text. */
export interface TermMatch {
  entry: GlossaryEntry;
  index: number;
  length: number;
}

interface Matcher {
  entry: GlossaryEntry;
  /** One pattern for the forms written with a capital, one (case-blind) for the others. */
  patterns: RegExp[];
}

const matchers = new WeakMap<readonly GlossaryEntry[], Matcher[]>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Patterns for the term and its aliases as whole words, plurals included. A form with a capital
 * letter (Adam, PSI, ROC-AUC) matches only as written; a lower-case one in any case. Spaces and
 * dashes inside a term match any space or dash ("precision–recall" and "precision-recall"), and
 * either apostrophe matches the other.
 */
function patternsFor(forms: string[]): RegExp[] {
  const body = (f: string) => escapeRegExp(f).replace(/\\-|[-–—]/g, '[-–—]').replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]") + '(?:s|es)?';
  const build = (list: string[], flags: string) => new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${list.map(body).join('|')})(?![\\p{L}\\p{N}_-])`, flags);
  const exact = forms.filter((f) => /\p{Lu}/u.test(f));
  const loose = forms.filter((f) => !/\p{Lu}/u.test(f));
  return [...(exact.length ? [build(exact, 'gu')] : []), ...(loose.length ? [build(loose, 'giu')] : [])];
}

/** The earliest use in `text` of a term not in `used` (the longest one, when two start together). */
export function findFirstTerm(text: string, entries: readonly GlossaryEntry[], used: ReadonlySet<string>): TermMatch | null {
  let list = matchers.get(entries);
  if (!list) {
    list = entries.map((entry) => ({ entry, patterns: patternsFor([entry.term, ...entry.aliases]) }));
    matchers.set(entries, list);
  }
  let best: TermMatch | null = null;
  for (const { entry, patterns } of list) {
    if (used.has(entry.id)) continue;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      const m = pattern.exec(text);
      if (!m) continue;
      if (!best || m.index < best.index || (m.index === best.index && m[0].length > best.length)) best = { entry, index: m.index, length: m[0].length };
    }
  }
  return best;
}
