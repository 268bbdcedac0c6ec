/**
 * Re-renders at most once per frame however often something asks (a running cell can send
 * thousands of messages a second). A request after a quiet spell, or one marked urgent, renders at
 * once, so an edit or a click shows without delay; a timer stands in for frames in a hidden tab.
 */

/** A frame, for coalescing re-renders. */
const FRAME_MS = 16;
/** Longest a render waits when frames do not come (a hidden tab). */
const MAX_WAIT_MS = 100;

/** Coalesces calls of `render` to one per frame. */
export class FrameCoalescer {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private renderedAt = -Infinity;

  constructor(private readonly render: () => void) {}

  /** Renders now (`urgent`, or nothing rendered for a frame), else once at the next frame. */
  request(urgent = false): void {
    if (urgent || (!this.frame && performance.now() - this.renderedAt >= FRAME_MS)) {
      this.flush();
      return;
    }
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => this.flush());
    this.timer = setTimeout(() => this.flush(), MAX_WAIT_MS);
  }

  private flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.timer) clearTimeout(this.timer);
    this.frame = 0;
    this.timer = null;
    this.renderedAt = performance.now();
    this.render();
  }
}

/** What `SessionFrames` needs of a notebook session. */
interface WatchedSession {
  on(type: 'session-change', listener: (event: { cellId?: string }) => void): unknown;
  codeCell(id: string): { status: string } | undefined;
}

/**
 * A notebook session's renders: per frame for the outputs a running cell streams, at once for a
 * change of which cells there are (the keyboard selects an added cell right away) or of a cell's
 * status (a click on Run shows "queued" before anything else).
 */
export class SessionFrames {
  private readonly frames: FrameCoalescer;
  private urgent = false;
  private readonly shown = new Map<string, string>();

  constructor(render: () => void) {
    this.frames = new FrameCoalescer(render);
  }

  /** Watches a newly opened session (its first render is urgent). */
  watch(session: WatchedSession): void {
    this.urgent = true;
    session.on('session-change', (e) => {
      if (e.cellId === undefined || session.codeCell(e.cellId)?.status !== this.shown.get(e.cellId)) this.urgent = true;
    });
  }

  /** Asks for a render. */
  request(): void {
    const urgent = this.urgent;
    this.urgent = false;
    this.frames.request(urgent);
  }

  /** Records the statuses a render showed. */
  rendered(cells: readonly { id: string; status: string }[]): void {
    this.shown.clear();
    for (const cell of cells) this.shown.set(cell.id, cell.status);
  }
}
