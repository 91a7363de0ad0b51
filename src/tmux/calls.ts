import { InvalidInputError, NoServerError, ServerClosedError, SessionChangedError, SessionNotFoundError, TmuxError, TmuxTimeoutError } from './errors.js';
import { IDENTITY_FORMAT, LIST_ARGS, LIST_END_MARK, QUICK_LIST_ARGS, SESSION_PANE_FORMAT, WINDOW_LINK_FORMAT, parseIdentity, parseSessionList, parseSessionPanes, parseWindowLinks } from './formats.js';
import { DEFAULT_TMUX_TIMEOUT_MS, runTmux, runTmuxBytes } from './runner.js';
import { timeoutError, type StartedCall } from './spawn.js';
import type { TmuxServer } from './server.js';
import type { Session, SessionRef, Snapshot, WindowReach } from './types.js';

// How long to wait before asking again a socket that closed the connection.
const CLOSED_RETRY_MS = 100;

/**
 * What TmuxService (service.ts) acts with: a tmux call with its deadline
 * and what it was for, the list of sessions, a pane's text, and the
 * re-check of a session (and window) right before every action on it.
 */
export class TmuxCalls {
  constructor(
    readonly server: TmuxServer,
    protected readonly env: NodeJS.ProcessEnv = process.env,
    /** Each call's deadline (`tmux_timeout_ms`); the runner's default when undefined. */
    protected readonly timeoutMs?: number,
  ) {}

  /**
   * One tmux call. `doing` says what it was for: tmux's own messages
   * ("tmux: …") and a missed deadline read as the step that failed.
   */
  protected async run(args: readonly string[], doing: string, options: { mayStartServer?: boolean } = {}): Promise<string> {
    try {
      return await runTmux({ server: this.server, env: this.env, timeoutMs: this.timeoutMs, mayStartServer: options.mayStartServer }, args);
    } catch (error) {
      if (error instanceof TmuxTimeoutError || (error instanceof TmuxError && error.constructor === TmuxError)) error.message = `${doing}: ${error.message}`;
      throw error;
    }
  }

  /** As run, for the framed formats, which are read as bytes (src/tmux/formats.ts). */
  protected async runBytes(args: readonly string[], doing: string, options: { mayStartServer?: boolean; endMark?: Buffer } = {}): Promise<Uint8Array> {
    try {
      return await runTmuxBytes({ server: this.server, env: this.env, timeoutMs: this.timeoutMs, mayStartServer: options.mayStartServer, endMark: options.endMark }, args);
    } catch (error) {
      if (error instanceof TmuxTimeoutError || (error instanceof TmuxError && error.constructor === TmuxError)) error.message = `${doing}: ${error.message}`;
      throw error;
    }
  }

  /** All sessions with their panes, in one tmux call. No server means no sessions. */
  async listSessions(): Promise<Session[]> {
    return (await this.snapshot()).sessions;
  }

  /** The last list tmux printed, and what it parsed to. */
  private lastList: { bytes: Buffer; sessions: Session[] } | undefined;

  /**
   * The list and whether a server answered at all (the dashboard says which).
   * When tmux prints exactly what it printed last time (an idle server), the
   * sessions are the same array as last time, not parsed again: the
   * dashboard reads that as "nothing changed" and neither re-sorts nor
   * redraws. The arrays are never changed in place, by anyone.
   */
  async snapshot(options: { quick?: boolean; started?: StartedCall | undefined } = {}): Promise<Snapshot> {
    for (let attempt = 1; ; attempt++) {
      try {
        // The first frame's list leaves out each pane's folder (QUICK_LIST_ARGS): the full one follows it.
        // `started`: that call, already running (src/cli/early.ts, another bundle: its errors are not
        // this one's classes), is asked again here when it failed, so its failure reads as ours.
        if (options.quick === true) {
          const started = attempt === 1 && options.started !== undefined ? await this.startedOutput(options.started) : undefined;
          return { serverRunning: true, sessions: parseSessionList(started ?? (await this.runBytes(QUICK_LIST_ARGS, 'listing sessions', { endMark: LIST_END_MARK }))) };
        }
        const output = await this.runBytes(LIST_ARGS, 'listing sessions', { endMark: LIST_END_MARK });
        const bytes = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
        if (this.lastList !== undefined && this.lastList.bytes.equals(bytes)) return { serverRunning: true, sessions: this.lastList.sessions };
        const sessions = parseSessionList(bytes);
        this.lastList = { bytes, sessions };
        return { serverRunning: true, sessions };
      } catch (error) {
        // A server that was exiting closes the connection once; a socket
        // that does so again is not a tmux server's, and an empty list would
        // invite a `new` that replaces it with tmux's own.
        if (error instanceof ServerClosedError) {
          if (attempt >= 2) throw new TmuxError(error.message);
          await new Promise((resolve) => setTimeout(resolve, CLOSED_RETRY_MS));
          continue;
        }
        if (error instanceof NoServerError) return { serverRunning: false, sessions: [] };
        // A server kept alive with no session (`exit-empty off`): list-sessions prints nothing, then
        // `list-panes -a` fails so (tmux 3.3a). Nothing in the call names a target: it can mean only that.
        if (error instanceof TmuxError && error.constructor === TmuxError && /: no current target$/.test(error.message)) return { serverRunning: true, sessions: [] };
        throw error;
      }
    }
  }

  /**
   * A call started before this service (src/cli/early.ts): its output, or
   * undefined when it failed (it is asked again, so that its failure reads
   * as ours). It is waited for as long as any call of ours, then stopped:
   * it started before the config was read.
   */
  private async startedOutput(started: StartedCall): Promise<Uint8Array | undefined> {
    const timeoutMs = this.timeoutMs ?? DEFAULT_TMUX_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 'late');
    });
    const output = await Promise.race([started.output.catch(() => undefined), late]).finally(() => {
      clearTimeout(timer);
    });
    if (output !== 'late') return output;
    started.stop();
    const error = timeoutError(this.server, this.env, timeoutMs);
    error.message = `listing sessions: ${error.message}`;
    throw error;
  }

  /** The session whose name is exactly `name` (no prefix, no pattern). */
  async requireByName(name: string): Promise<Session> {
    const matches = (await this.listSessions()).filter((candidate) => candidate.name === name);
    const [session] = matches;
    if (session === undefined) throw new SessionNotFoundError(name);
    // Only a name tmux holds but we cannot undo (src/tmux/text.ts), shown as
    // tmux's escaped text, can look like another: never guess between them.
    if (matches.length > 1) throw new InvalidInputError(`${matches.length} sessions read as ${name} (${matches.map((match) => match.id).join(', ')}); act on it inside tmux`);
    return session;
  }

  /**
   * A pane's visible text and `lines` lines of its history above. `colors`:
   * with its colours as SGR sequences (`-e`; src/sessions/pane-colors.ts
   * reads those and escapes anything else).
   */
  async capturePane(pane: { id: string }, lines: number, options: { colors?: boolean } = {}): Promise<string> {
    // Rows as the pane shows them, not joined (-J): -S counts rows, and so does the preview's scroll.
    return this.run(['capture-pane', '-p', ...(options.colors === true ? ['-e'] : []), '-t', pane.id, '-S', String(-lines)], `capturing pane ${pane.id}`);
  }

  /**
   * Checks that session `ref` is still itself, that `window` is still one
   * of its windows with the name the user saw (when given), and `paneId`
   * one of that window's panes. Resolves with how many windows the session has.
   */
  protected async verifyWindow(ref: SessionRef, window: { id: string; name?: string }, paneId?: string): Promise<{ windows: number }> {
    await this.verify(ref);
    const panes = parseSessionPanes(await this.runBytes(['list-panes', '-s', '-t', ref.id, '-F', SESSION_PANE_FORMAT], `listing the windows of ${ref.name}`));
    const shown = window.name ?? window.id;
    const own = panes.filter((pane) => pane.windowId === window.id);
    const [first] = own;
    if (first === undefined) throw new SessionChangedError(`window ${shown} is no longer in session ${ref.name} (closed or moved meanwhile); nothing was done`);
    if (window.name !== undefined && first.windowName !== window.name) throw new SessionChangedError(`window ${window.name} of ${ref.name} was renamed to ${first.windowName} meanwhile; nothing was done`);
    if (paneId !== undefined && !own.some((pane) => pane.paneId === paneId)) throw new SessionChangedError(`pane ${paneId} is no longer in window ${shown} of ${ref.name}; nothing was done`);
    return { windows: new Set(panes.map((pane) => pane.windowId)).size };
  }

  /**
   * Refuses a window's kill that would now reach a session `reach` (what the
   * dialog said) did not name: one the window was linked into since, or one
   * it became the last window of (another window closed meanwhile).
   */
  protected async verifyReach(ref: SessionRef, window: { id: string; name: string }, reach: WindowReach): Promise<void> {
    const links = parseWindowLinks(await this.runBytes(['list-windows', '-a', '-F', WINDOW_LINK_FORMAT], `listing the sessions window ${window.name} is in`));
    const windows = new Map<string, number>();
    for (const link of links) windows.set(link.sessionId, (windows.get(link.sessionId) ?? 0) + 1);
    const holders = links.filter((link) => link.windowId === window.id);
    const named = new Set([ref.id, ...reach.alsoIn.map((session) => session.id)]);
    const unnamed = holders.find((link) => !named.has(link.sessionId));
    if (unnamed !== undefined) throw new SessionChangedError(`window ${window.name} is now also in session ${unnamed.sessionName}, where it would close too; nothing was done`);
    const ending = new Set(reach.ending.map((session) => session.id));
    const ends = holders.find((link) => windows.get(link.sessionId) === 1 && !ending.has(link.sessionId));
    if (ends !== undefined) throw new SessionChangedError(`window ${window.name} is now the last window of ${ends.sessionName}, which would end with it; nothing was done`);
  }

  /**
   * Re-reads id and name right before an action, so a stale view never hits
   * another session. display-message falls back to the "current" session when
   * its target is gone (measured on 3.3a), so a different id means "gone";
   * then a session of the same name is looked for, to say "replaced" rather
   * than "not found". When `ref` carries its creation time, the same id with
   * another creation time is a replacement too (ids restart at $0 with a new
   * server).
   */
  protected async verify(ref: SessionRef): Promise<void> {
    let current: { id: string; name: string; created: number | undefined } | undefined;
    try {
      current = parseIdentity(await this.runBytes(['display-message', '-p', '-t', ref.id, IDENTITY_FORMAT], `checking ${ref.name}`));
    } catch (error) {
      if (!(error instanceof SessionNotFoundError || error instanceof NoServerError)) throw error;
    }
    if (current === undefined || current.id !== ref.id) {
      const namesake = (await this.listSessions()).find((session) => session.name === ref.name);
      if (namesake === undefined) throw new SessionNotFoundError(ref.name);
      throw new SessionChangedError(`session ${ref.name} (${ref.id}) was replaced by another session of that name (${namesake.id}) meanwhile; nothing was done`, 'was replaced');
    }
    if (current.name !== ref.name) {
      throw new SessionChangedError(`session ${ref.name} was renamed to ${current.name} meanwhile; nothing was done`, `was renamed to ${current.name}`);
    }
    if (ref.created !== undefined && current.created !== ref.created) {
      throw new SessionChangedError(`session ${ref.name} (${ref.id}) was replaced by another session of that name meanwhile; nothing was done`, 'was replaced');
    }
  }
}
