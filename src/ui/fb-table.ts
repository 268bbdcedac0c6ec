/**
 * A table output, paginated: it opens with `limit` rows (at most 200), "Show more" adds rows up
 * to 200, and past that "Previous page" / "Next page" move through the rest — so a table of any
 * length (`display.table(rows, { limit: 1e6 })`) puts at most 200 rows on the page.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TableData } from '../kernel/protocol';

/** Most rows a page of a table shows. */
export const MAX_TABLE_PAGE = 200;
/** Rows "Show more" adds. */
const MORE_ROWS = 50;

const number = (n: number) => n.toLocaleString('en-US');

@customElement('fb-table')
export class FbTable extends LitElement {
  @property({ attribute: false }) table!: TableData & { limit?: number };
  /** Rows per page once the learner asked for more (null: the table's own limit). */
  @state() private pageSize: number | null = null;
  @state() private page = 0;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): TemplateResult {
    const t = this.table;
    const size = Math.max(1, Math.min(MAX_TABLE_PAGE, this.pageSize ?? t.limit ?? 20));
    const pages = Math.max(1, Math.ceil(t.rows.length / size));
    const page = Math.min(this.page, pages - 1);
    const start = page * size;
    const rows = t.rows.slice(start, start + size);
    const partial = rows.length < t.totalRows;
    const canGrow = size < MAX_TABLE_PAGE && pages > 1;
    return html`<div class="fb-table-wrap">
      <table class="fb-table">
        ${
          t.caption
            ? html`<caption>
                ${t.caption}
              </caption>`
            : nothing
        }
        <thead>
          <tr>
            ${t.columns.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                ${r.map((v) => html`<td class=${typeof v === 'number' ? 'num' : ''}>${v === null ? html`<span class="fb-missing">—</span>` : String(v)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="fb-table-foot">
        ${number(t.totalRows)} rows${partial ? `, showing ${number(start + 1)}–${number(start + rows.length)}` : nothing}
        ${canGrow ? html`<button class="fb-link" @click=${() => this.grow(size)}>Show more</button>` : nothing}
        ${!canGrow && page > 0 ? html`<button class="fb-link" @click=${() => (this.page = page - 1)}>Previous page</button>` : nothing}
        ${!canGrow && page < pages - 1 ? html`<button class="fb-link" @click=${() => (this.page = page + 1)}>Next page</button>` : nothing}
      </p>
    </div>`;
  }

  private grow(size: number): void {
    this.pageSize = Math.min(MAX_TABLE_PAGE, size + MORE_ROWS);
    this.page = 0;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fb-table': FbTable;
  }
}
