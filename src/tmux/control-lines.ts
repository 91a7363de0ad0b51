import type { Session } from './types.js';

/**
 * What a control-mode client (`tmux -C`) prints, read only as a doorbell:
 * which lines say "the list may have changed". Nothing is ever parsed out of
 * them — session names can hold anything, and the list call stays the one
 * source of truth (docs/ARCHITECTURE.md, "Control mode").
 */

/**
 * Notifications after which the session list (sessions, their names, window
 * counts, clients) may differ: things people do, a few a minute. Window
 * renames and layout changes are left to the poll: automatic-rename renames
 * a window twice for every command a shell runs, and a list for each would
 * cost more tmux processes per second than polling does.
 */
const STRUCTURAL = new Set([
  '%sessions-changed',
  '%session-renamed',
  '%session-window-changed',
  '%window-add',
  '%window-close',
  '%unlinked-window-add',
  '%unlinked-window-close',
  '%client-session-changed',
  '%client-detached',
]);

/** A notification longer than this is no structural one; its bytes are dropped as they come. */
export const MAX_LINE_BYTES = 4096;

export type ControlLine =
  /** A command block starts; the first is the attach's, and `time` (tmux's clock, seconds) is when it attached. */
  | { kind: 'blockBegin'; time: number }
  /** The reply to the attach itself: the client is in (`%end`/`%error` of the first command block). */
  | { kind: 'blockEnd'; error: boolean }
  | { kind: 'change' }
  /** Our own client is in session `sessionId` now (`%session-changed`: once right after the attach, and whenever tmux moves it). */
  | { kind: 'moved'; sessionId: string }
  /** The client is leaving (its session was killed, the server exited, it was detached). */
  | { kind: 'exit' }
  | { kind: 'other' };

export function classifyLine(line: string): ControlLine {
  const word = line.split(' ', 1)[0] ?? '';
  if (word === '%begin') return { kind: 'blockBegin', time: Number(line.split(' ')[1]) };
  if (word === '%end') return { kind: 'blockEnd', error: false };
  if (word === '%error') return { kind: 'blockEnd', error: true };
  if (word === '%exit') return { kind: 'exit' };
  if (word === '%session-changed') return { kind: 'moved', sessionId: line.split(' ')[1] ?? '' };
  return STRUCTURAL.has(word) ? { kind: 'change' } : { kind: 'other' };
}

/**
 * Splits a byte stream into lines, holding at most MAX_LINE_BYTES of an
 * unfinished line: the rest of a longer one is skipped up to its newline,
 * so a huge line cannot grow our memory. A cut line comes out as its start
 * (enough to classify it).
 */
export class LineSplitter {
  private held = '';
  private skipping = false;

  push(chunk: string): string[] {
    const lines: string[] = [];
    let from = 0;
    for (;;) {
      const end = chunk.indexOf('\n', from);
      const piece = chunk.slice(from, end === -1 ? undefined : end);
      if (!this.skipping) {
        this.held += piece.slice(0, Math.max(0, MAX_LINE_BYTES - this.held.length));
        if (this.held.length >= MAX_LINE_BYTES && end === -1) this.skipping = true;
      }
      if (end === -1) return lines;
      lines.push(this.held.replace(/\r$/, ''));
      this.held = '';
      this.skipping = false;
      from = end + 1;
    }
  }
}

/**
 * Calls `fire` once, `delayMs` after the first of a burst of calls to
 * `ring` (a new session is `%sessions-changed`, `%window-add`,
 * `%session-window-changed` and more at once: one list call for all).
 */
export class Debounce {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly fire: () => void,
  ) {}

  ring(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, this.delayMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** A client a person looks at: any client but a control-mode one (ours, or another program's). */
export function humanClients(session: Session): Session['clients'] {
  return session.clients.filter((client) => !client.controlMode);
}

/**
 * The session the control client may attach to: one a person's client is
 * attached to already, so no session ever turns from unattached to attached
 * because of us (tmux's bare `attach` prefers unattached sessions). The
 * dashboard's own session first; else the session of the most recently
 * active person's client. undefined: nobody is attached (poll only).
 */
export function controlTarget(sessions: readonly Session[], preferredId: string | undefined): string | undefined {
  const watched = sessions.filter((session) => humanClients(session).length > 0);
  const preferred = watched.find((session) => session.id === preferredId);
  if (preferred !== undefined) return preferred.id;
  const latest = (session: Session) => Math.max(...humanClients(session).map((client) => client.activity));
  return watched.reduce<Session | undefined>((best, session) => (best === undefined || latest(session) > latest(best) ? session : best), undefined)?.id;
}

/**
 * The person's client to act for in a session (switch-client needs `-c`
 * once a control client is attached there: tmux's "current client" is the
 * most recently active one, which can be ours). The most recently active
 * person's client; undefined when there is none.
 */
export function humanClientOf(sessions: readonly Session[], sessionId: string | undefined): string | undefined {
  const session = sessions.find((candidate) => candidate.id === sessionId);
  if (session === undefined) return undefined;
  return [...humanClients(session)].sort((a, b) => b.activity - a.activity)[0]?.name;
}

/** What a session showed before our control client attached to it, and when (tmux's time, seconds) it did. */
export interface AttachMark {
  sessionId: string;
  created: number;
  at: number;
  activity: number;
  lastAttached: number | null;
}

/**
 * Attaching sets the session's `session_activity` and
 * `session_last_attached` to the attach time (measured on 3.3a; the
 * clients' and windows' activity stay). The dashboard sorts by activity and
 * reads last-attached as "the user looked at it", so while a value is still
 * our attach's, the one from before is shown. Returns `sessions` itself when
 * nothing needs undoing (an unchanged list stays the same array).
 */
export function withoutOwnAttaches(sessions: Session[], marks: readonly AttachMark[]): Session[] {
  if (marks.length === 0) return sessions;
  const undone = sessions.map((session) => {
    const mark = marks.find((candidate) => candidate.sessionId === session.id && candidate.created === session.created);
    if (mark === undefined) return session;
    const activity = session.activity === mark.at ? mark.activity : session.activity;
    const lastAttached = session.lastAttached === mark.at ? mark.lastAttached : session.lastAttached;
    return activity === session.activity && lastAttached === session.lastAttached ? session : { ...session, activity, lastAttached };
  });
  return undone.every((session, index) => session === sessions[index]) ? sessions : undone;
}
