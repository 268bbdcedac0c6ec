/** The home page: every shipped notebook with its title, summary and tags, in order. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { NotebookMeta } from '../notebook/types';
import { listNotebooks, type BrokenNotebook } from './notebooks';

@customElement('fb-notebook-list')
export class FbNotebookList extends LitElement {
  @state() private notebooks: NotebookMeta[] | null = null;
  @state() private broken: BrokenNotebook[] = [];

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = 'Fieldbook — learn the ML engineer’s job by doing it';
    void listNotebooks().then(({ notebooks, broken }) => {
      this.notebooks = notebooks;
      this.broken = broken;
    });
  }

  protected override render(): TemplateResult {
    return html`<main class="fb-home" id="main">
      <section class="fb-hero">
        <h1>Learn what a machine learning engineer actually does</h1>
        <p>Each notebook is one real project taken through the whole job — framing the problem, cleaning data,
          a baseline, training, validation, tuning, explaining, fairness, deployment and monitoring. Every cell is
          TypeScript you can edit and run, right here, offline.</p>
      </section>
      ${this.notebooks === null
        ? html`<p aria-busy="true">Loading notebooks…</p>`
        : html`<ol class="fb-cards" aria-label="Notebooks">
            ${this.notebooks.map((n) => html`<li class="fb-card" data-notebook-id=${n.id}>
              <h2><a href=${`#/notebook/${n.id}`}>${n.title}</a></h2>
              <p>${n.summary}</p>
              ${n.tags.length ? html`<ul class="fb-tags" aria-label="Tags">${n.tags.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
            </li>`)}
          </ol>`}
      ${this.broken.map((b) => html`<div class="fb-error" role="alert"><strong>${b.id}.md could not be read</strong><pre>${b.error}</pre></div>`)}
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-notebook-list': FbNotebookList;
  }
}
