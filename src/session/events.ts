/**
 * What a session tells its listeners, as typed events: something visible changed, the learner's
 * text changed (what must be saved), or a page-level notice. DOM-free: `Event` is in every runtime.
 */

/** Something the page shows changed; `cellId` names the one cell, when only one did. */
export class SessionChangeEvent extends Event {
  static readonly type = 'session-change';
  constructor(readonly cellId?: string) {
    super(SessionChangeEvent.type);
  }
}

/** The learner's cells changed (text, added, deleted, reset): what the autosave writes. */
export class ContentChangeEvent extends Event {
  static readonly type = 'content-change';
  constructor() {
    super(ContentChangeEvent.type);
  }
}

/** A message for the whole page, such as a hard stop that restarted the kernel. */
export class SessionNoticeEvent extends Event {
  static readonly type = 'session-notice';
  constructor(readonly message: string) {
    super(SessionNoticeEvent.type);
  }
}

/** The session's events, by type. */
export interface SessionEventMap {
  'session-change': SessionChangeEvent;
  'content-change': ContentChangeEvent;
  'session-notice': SessionNoticeEvent;
}
