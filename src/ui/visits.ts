/**
 * "Continue where you left off": remembers the notebook the learner has open and the cell they
 * last worked in (focused, ran or clicked), with the section heading above it, so the home page
 * can link straight back there.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { IMPORTED_PREFIX } from '../store/imported';
import { idbProgressStore, type LastVisit, type ProgressStore } from '../store/progress';

/** The route of a notebook key: `#/notebook/<id>`, or `#/imported/<id>` for an imported notebook. */
export function routeOf(key: string): string {
  return key.startsWith(IMPORTED_PREFIX) ? `#/imported/${encodeURIComponent(key.slice(IMPORTED_PREFIX.length))}` : `#/notebook/${encodeURIComponent(key)}`;
}

/** Milliseconds between the learner's last move and the write (a run of clicks is one write). */
const WRITE_DELAY_MS = 400;

/** Records visits for the notebook an element shows; `describe` says which one, when one is open. */
export class VisitController implements ReactiveController {
  private openedKey = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: LastVisit | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly describe: () => { key: string; title: string } | null,
    private readonly store: ProgressStore = idbProgressStore,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('focusin', this.onActivity);
    this.host.addEventListener('click', this.onActivity);
    window.addEventListener('pagehide', this.flush);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('focusin', this.onActivity);
    this.host.removeEventListener('click', this.onActivity);
    window.removeEventListener('pagehide', this.flush);
    this.flush();
  }

  hostUpdated(): void {
    const current = this.describe();
    if (!current || current.key === this.openedKey) return;
    this.openedKey = current.key;
    this.schedule({ notebookKey: current.key, title: current.title, href: routeOf(current.key), at: Date.now() });
  }

  private onActivity = (event: Event): void => {
    const current = this.describe();
    const cell = (event.target as Element | null)?.closest?.('fb-cell[data-cell-id]');
    if (!current || !cell) return;
    const heading = headingAbove(this.host, cell);
    this.schedule({
      notebookKey: current.key,
      title: current.title,
      href: heading ? `${routeOf(current.key)}/${heading.id}` : routeOf(current.key),
      ...(heading ? { sectionTitle: heading.textContent?.trim() ?? '' } : {}),
      cellId: (cell as HTMLElement).dataset.cellId,
      at: Date.now(),
    });
  };

  private schedule(visit: LastVisit): void {
    this.pending = visit;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.flush, WRITE_DELAY_MS);
  }

  private flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const visit = this.pending;
    this.pending = null;
    // Where the learner was is a convenience: a storage failure is not worth interrupting them for.
    if (visit) this.store.saveVisit(visit).catch(() => undefined);
  };
}

/** The last section heading (h2 or h3 of the prose) before `cell` in the notebook. */
function headingAbove(root: Element, cell: Element): HTMLElement | null {
  let found: HTMLElement | null = null;
  for (const el of root.querySelectorAll<HTMLElement>('.fb-prose h2[id], .fb-prose h3[id], fb-cell[data-cell-id]')) {
    if (el === cell) break;
    if (el.tagName !== 'FB-CELL') found = el;
  }
  return found;
}
