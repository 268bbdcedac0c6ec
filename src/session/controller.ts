/**
 * A Lit reactive controller that re-renders its host whenever the session it holds changes. It
 * is written against the shape of Lit's `ReactiveController` / `ReactiveControllerHost` rather
 * than importing Lit, so `src/session` stays free of UI code; a `LitElement` is such a host.
 */
import type { NotebookSession } from './session';

/** The part of a Lit element the controller uses (`ReactiveControllerHost`). */
export interface SessionHost {
  addController(controller: { hostConnected?(): void; hostDisconnected?(): void }): void;
  requestUpdate(): void;
}

/**
 * Holds the host's current session: setting one listens to it (and closes the one before), a
 * change requests an update, disconnecting the host stops listening.
 */
export class SessionController {
  private current: NotebookSession | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: SessionHost) {
    host.addController(this);
  }

  /** The session the host renders, or null while none is open. */
  get session(): NotebookSession | null {
    return this.current;
  }

  /** Opens `session` in the host (closing the previous one), or clears it with null. */
  set session(session: NotebookSession | null) {
    if (session === this.current) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.current?.close();
    this.current = session;
    if (session) this.unsubscribe = session.on('session-change', () => this.host.requestUpdate());
    this.host.requestUpdate();
  }

  /** Part of `ReactiveController`: nothing to do until a session is set. */
  hostConnected(): void {
    if (this.current && !this.unsubscribe) this.unsubscribe = this.current.on('session-change', () => this.host.requestUpdate());
  }

  /** Part of `ReactiveController`: stops listening while the host is out of the page. */
  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
