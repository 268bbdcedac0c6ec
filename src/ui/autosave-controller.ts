/**
 * Saving an open notebook's edits from the page: a Lit reactive controller that holds the
 * session's `Autosaver` (../session/autosave.ts) and writes what is pending at once when the page
 * is hidden or left (`pagehide`, `visibilitychange`), which is when a browser may discard a tab
 * without another word.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Autosaver, type AutosaveReport, type AutosaveStores, type LoadedEdits, type NotebookSession } from '../session/index';

/** The autosave of the session an element shows; `onReport` hears what each save found. */
export class AutosaveController implements ReactiveController {
  private autosaver: Autosaver | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly onReport: (report: AutosaveReport) => void,
  ) {
    host.addController(this);
  }

  /** Part of `ReactiveController`: a page hidden or left writes the pending edits first. */
  hostConnected(): void {
    window.addEventListener('pagehide', this.flushNow);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Part of `ReactiveController`: stops listening to the page. */
  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.flushNow);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** Starts saving `session`'s edits under `key`, from what opening it `loaded`. */
  start(session: NotebookSession, key: string, stores: AutosaveStores, loaded: LoadedEdits): void {
    this.autosaver = new Autosaver(session, key, stores, loaded, (report) => this.onReport(report));
  }

  /** Stops saving; the pending edits are still written (to the notebook they belong to). */
  close(): void {
    void this.autosaver?.close();
    this.autosaver = null;
  }

  /** Stops saving and drops the pending edits (the learner reset the notebook). */
  discard(): void {
    this.autosaver?.discard();
    this.autosaver = null;
  }

  /** Writes the pending edits now (a failure goes to `onReport`; the page keeps working from memory). */
  async flush(): Promise<void> {
    await this.autosaver?.flush();
  }

  private readonly flushNow = (): void => {
    void this.autosaver?.flush();
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.flushNow();
  };
}
