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
  return `term-${
    term
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  }`;
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
        aliases: (entry[2] ?? '')
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
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

/** A form of a term, ready to test at a word of the text. */
interface Form {
  entry: GlossaryEntry;
  /** Sticky: tests the form exactly at `lastIndex`, as a whole word. */
  pattern: RegExp;
}

/** Forms by their first word (lower case), so a text is read word by word, not form by form. */
type FormIndex = Map<string, Form[]>;

const indexes = new WeakMap<readonly GlossaryEntry[], FormIndex>();

const WORD = /[\p{L}\p{N}_'’]+/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What may not touch a term on either side: it must be a whole word. */
const WORD_CHAR = /[\p{L}\p{N}_-]/u;

/**
 * A form as a sticky pattern, plurals allowed, spaces and dashes matching any space or dash,
 * either apostrophe the other. A form with a capital letter (Adam, PSI, ROC-AUC) matches only as
 * written; a lower-case one in any case. (Word boundaries are checked apart: Unicode classes in
 * a hundred case-blind patterns took longer to compile than the whole search.)
 */
function formPattern(form: string): RegExp {
  const body = escapeRegExp(form).replace(/[-–—]/g, '[-–—]').replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]");
  return new RegExp(`${body}(?:es|s)?`, /\p{Lu}/u.test(form) ? 'y' : 'iy');
}

function firstWord(form: string): string {
  return (form.match(WORD)?.[0] ?? '').toLowerCase().replace(/’/g, "'");
}

function indexForms(entries: readonly GlossaryEntry[]): FormIndex {
  const index: FormIndex = new Map();
  for (const entry of entries) {
    for (const form of [entry.term, ...entry.aliases]) {
      const key = firstWord(form);
      if (!key) continue;
      index.set(key, [...(index.get(key) ?? []), { entry, pattern: formPattern(form) }]);
    }
  }
  return index;
}

/**
 * The earliest use in `text` of a term not in `used` (the longest one, when two start together).
 * A use of a term already marked is passed over whole, so its words do not count as another term.
 */
export function findFirstTerm(text: string, entries: readonly GlossaryEntry[], used: ReadonlySet<string>): TermMatch | null {
  let index = indexes.get(entries);
  if (!index) {
    index = indexForms(entries);
    indexes.set(entries, index);
  }
  let skipTo = 0;
  WORD.lastIndex = 0;
  for (let w = WORD.exec(text); w; w = WORD.exec(text)) {
    if (w.index < skipTo) continue;
    const word = w[0].toLowerCase().replace(/’/g, "'");
    // A one-word form may be plural here ("epochs"); a longer form's first word is as written.
    const candidates = [word, word.replace(/s$/, ''), word.replace(/es$/, '')].flatMap((key, k, keys) =>
      keys.indexOf(key) === k ? (index.get(key) ?? []) : [],
    );
    let best: TermMatch | null = null;
    if (w.index > 0 && WORD_CHAR.test(text[w.index - 1])) continue;
    for (const form of candidates) {
      form.pattern.lastIndex = w.index;
      const m = form.pattern.exec(text);
      const end = m ? w.index + m[0].length : 0;
      if (m && !(end < text.length && WORD_CHAR.test(text[end])) && (!best || m[0].length > best.length))
        best = { entry: form.entry, index: w.index, length: m[0].length };
    }
    if (!best) continue;
    if (!used.has(best.entry.id)) return best;
    skipTo = best.index + best.length;
  }
  return null;
}
