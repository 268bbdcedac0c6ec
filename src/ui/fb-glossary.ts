/**
 * The glossary page (`#/glossary`, `#/glossary/<term id>` to land on one term): every term of
 * `notebooks/glossary.md` by section, with a box that narrows the list as you type.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Glossary, GlossaryEntry } from '../notebook/glossary';
import { loadGlossary } from './glossary-terms';
import { renderInlineMarkdown, renderMarkdown } from './markdown';

@customElement('fb-glossary')
export class FbGlossary extends LitElement {
  /** The term id to scroll to once the page is shown. */
  @property() term = '';
  @state() private glossary: Glossary | null = null;
  @state() private filter = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Glossary · Fieldbook';
    void loadGlossary().then(async (g) => {
      this.glossary = g;
      await this.updateComplete;
      if (this.term) document.getElementById(this.term)?.scrollIntoView({ block: 'start' });
    });
  }

  private isShown(entry: GlossaryEntry): boolean {
    const q = this.filter.trim().toLowerCase();
    return !q || [entry.term, ...entry.aliases, entry.definition].some((t) => t.toLowerCase().includes(q));
  }

  protected override render(): TemplateResult {
    const g = this.glossary;
    if (!g)
      return html`<main class="fb-glossary" id="main">
        <h1>Glossary</h1>
        <p aria-busy="true">Loading the glossary…</p>
      </main>`;
    const sections = g.sections.map((s) => ({ ...s, entries: s.entries.filter((e) => this.isShown(e)) })).filter((s) => s.entries.length);
    const shown = sections.reduce((n, s) => n + s.entries.length, 0);
    return html`<main class="fb-glossary" id="main">
      <a class="fb-back" href="#/"><span aria-hidden="true">←</span> All notebooks</a>
      <h1>Glossary</h1>
      ${g.intro ? html`<div class="fb-prose" .innerHTML=${renderMarkdown(g.intro.split(/\n\s*\n/)[0]).html}></div>` : nothing}
      <div class="fb-glossary-filter" role="search">
        <label for="fb-glossary-filter">Find a term</label>
        <input
          id="fb-glossary-filter"
          type="search"
          .value=${this.filter}
          aria-describedby="fb-glossary-count"
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
        <span id="fb-glossary-count" class="fb-note" aria-live="polite">${shown} of ${g.entries.length} terms</span>
      </div>
      ${sections.map(
        (s) =>
          html`<section aria-labelledby=${`gl-${slug(s.title)}`}>
            <h2 id=${`gl-${slug(s.title)}`}>${s.title}</h2>
            <dl>
              ${s.entries.map(
                (e) =>
                  html`<dt id=${e.id}><dfn>${e.term}</dfn>${e.aliases.length ? html` <span class="fb-note">(${e.aliases.join(', ')})</span>` : nothing}</dt>
                    <dd .innerHTML=${renderInlineMarkdown(e.definition)}></dd>`,
              )}
            </dl>
          </section>`,
      )}
      ${!shown ? html`<p>No term matches “${this.filter}”.</p>` : nothing}
    </main>`;
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-glossary': FbGlossary;
  }
}
