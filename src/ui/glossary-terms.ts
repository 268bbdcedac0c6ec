/**
 * Glossary terms in notebook prose: the first use of each term in a notebook becomes a focusable
 * `<dfn>` whose definition shows on hover and on keyboard focus, and is its accessible
 * description (`aria-describedby`). Nothing traps focus: Tab moves on, Esc hides the definition
 * (WCAG 1.4.13), and the pointer can move onto it without it vanishing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findFirstTerm, parseGlossary, type Glossary, type GlossaryEntry } from '../notebook/glossary';
import type * as Markdown from './markdown';
import { GLOSSARY_ID, loadNotebookText } from './notebooks';

/** Elements whose text is never marked: code, math, links, headings, controls, and terms already marked. */
const SKIP = 'code, pre, kbd, samp, a, button, h1, h2, h3, h4, h5, h6, dfn, abbr, .katex, .fb-term, summary, label';

let loading: Promise<Glossary> | null = null;

/** The shipped glossary, read once. A missing or broken file gives an empty glossary, not an error. */
export function loadGlossary(): Promise<Glossary> {
  loading ??= loadNotebookText(GLOSSARY_ID).then(
    (text) => parseGlossary(text ?? ''),
    () => parseGlossary(''),
  );
  return loading;
}

/** Entries whose term patterns are compiled per idle callback. */
const PREPARE_SLICE = 12;

const idle = (): Promise<void> =>
  new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 200 }) : setTimeout(resolve, 0)));

let prepared: Promise<Glossary> | null = null;

/**
 * Gets the glossary's term search ready in idle time, a few entries at a time: the first search
 * builds its index and compiles each term's pattern when it first tries it (20 ms at once on this
 * machine's kind, most of a notebook's marking), so a search of the terms' own names, every one
 * counted as used already, compiles them all beforehand.
 */
function prepareTerms(glossary: Glossary): Promise<Glossary> {
  prepared ??= (async () => {
    const { entries } = glossary;
    const all = new Set(entries.map((e) => e.id));
    for (let i = 0; i < entries.length; i += PREPARE_SLICE) {
      await idle();
      const names = entries
        .slice(i, i + PREPARE_SLICE)
        .map((e) => [e.term, ...e.aliases].join(', '))
        .join('. ');
      findFirstTerm(names, entries, all);
    }
    return glossary;
  })();
  return prepared;
}

/**
 * Marks in `html` the first use of each glossary term not yet in `used` (term ids), adding the
 * ones it marks to `used`, each with its definition (`renderDefinition` turns the definition's
 * Markdown into HTML). Returns the new HTML and the term ids it marked.
 */
export function markTerms(
  html: string,
  entries: readonly GlossaryEntry[],
  used: Set<string>,
  renderDefinition: (markdown: string) => string,
): { html: string; marked: string[] } {
  if (!entries.length) return { html, marked: [] };
  const template = document.createElement('template');
  template.innerHTML = html;
  const marked: string[] = [];
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (let text of texts) {
    for (let match = findFirstTerm(text.data, entries, used); match; match = findFirstTerm(text.data, entries, used)) {
      used.add(match.entry.id);
      marked.push(match.entry.id);
      const rest = text.splitText(match.index);
      const after = rest.splitText(match.length);
      rest.replaceWith(termElement(match.entry, rest.data, renderDefinition));
      text = after;
    }
  }
  return { html: template.innerHTML, marked };
}

function termElement(entry: GlossaryEntry, shown: string, renderDefinition: (markdown: string) => string): HTMLElement {
  const wrap = document.createElement('span');
  wrap.className = 'fb-term';
  const dfn = document.createElement('dfn');
  dfn.tabIndex = 0;
  dfn.dataset.term = entry.term;
  dfn.textContent = shown;
  const defId = `fb-def-${entry.id}`;
  dfn.setAttribute('aria-describedby', defId);
  const def = document.createElement('span');
  def.className = 'fb-term-def';
  def.id = defId;
  def.setAttribute('role', 'tooltip');
  def.innerHTML = `<strong>${escapeHtml(entry.term)}</strong> ${renderDefinition(entry.definition)}`;
  wrap.append(dfn, def);
  return wrap;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * Glossary marking for a notebook view: loads the glossary (then re-renders the host), starts each
 * render with no term used, and marks a prose cell's first uses (`mark`) or records the terms a
 * cached cell marked before (`reuse`), so each term is marked once per notebook, in reading order.
 */
export class GlossaryController implements ReactiveController {
  private entries: readonly GlossaryEntry[] = [];
  /** Renders a definition's Markdown (markdown.ts, loaded after the glossary: marked is not needed before). */
  private renderDefinition: (markdown: string) => string = (text) => escapeHtml(text);
  private used = new Set<string>();
  /** Bumped when the glossary arrives: cached prose rendered before it is stale. */
  generation = 0;
  /** Bumped at the start of each render of the host (no term is used yet). */
  pass = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', onEscape);
    this.host.addEventListener('pointerover', placeDefinition);
    this.host.addEventListener('focusin', placeDefinition);
    this.host.addEventListener('focusout', undismiss);
    this.host.addEventListener('pointerleave', undismiss, true);
    if (!this.entries.length) {
      // marked (in markdown.ts) loads once the terms are ready: its chunk then runs in a task of
      // its own rather than beside the notebook's first render.
      void loadGlossary()
        .then(prepareTerms)
        .then(async (g) => {
          if (!g.entries.length) return;
          const markdown: typeof Markdown = await import('./markdown');
          // The first marking renders the notebook again: not in the task that ran marked's chunk.
          await idle();
          this.renderDefinition = markdown.renderInlineMarkdown;
          this.entries = g.entries;
          this.generation++;
          this.host.requestUpdate();
        })
        .catch(() => undefined); // without its chunk the prose simply stays unmarked
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', onEscape);
    this.host.removeEventListener('pointerover', placeDefinition);
    this.host.removeEventListener('focusin', placeDefinition);
    this.host.removeEventListener('focusout', undismiss);
    this.host.removeEventListener('pointerleave', undismiss, true);
  }

  hostUpdate(): void {
    this.used = new Set();
    this.pass++;
  }

  /** Marks the first uses in one prose cell's HTML, in reading order. */
  mark(html: string): { html: string; marked: string[] } {
    return markTerms(html, this.entries, this.used, this.renderDefinition);
  }

  /** Records the terms a cell marked when it was rendered before. */
  reuse(marked: readonly string[]): void {
    for (const id of marked) this.used.add(id);
  }
}

function onEscape(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return;
  const term = (document.activeElement as Element | null)?.closest('.fb-term') ?? document.querySelector('.fb-term:hover');
  term?.classList.add('fb-term-dismissed');
}

function undismiss(event: Event): void {
  (event.target as Element | null)?.closest?.('.fb-term')?.classList.remove('fb-term-dismissed');
}

/** Keeps a shown definition inside the viewport (it opens below the term, left-aligned, by default). */
function placeDefinition(event: Event): void {
  const term = (event.target as Element | null)?.closest?.('.fb-term');
  const def = term?.querySelector<HTMLElement>('.fb-term-def');
  if (!term || !def) return;
  def.style.left = '0px';
  requestAnimationFrame(() => {
    const rect = def.getBoundingClientRect();
    const overflow = rect.right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) def.style.left = `${-Math.min(overflow, rect.left - 8)}px`;
  });
}
