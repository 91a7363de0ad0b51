import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { InvalidInputError, NameTakenError, NoServerError, ServerClosedError, SessionChangedError, SessionNotFoundError, TmuxError, TmuxTimeoutError } from './errors.js';
import { AUTO_NAME_OPTION, SEEN_OPTION, PROJECT_OPTION, CLIENT_ACTIVITY_FORMAT, CLIENT_VIEW_FORMAT, ID_NAME_FORMAT, IDENTITY_FORMAT, LIST_ARGS, LIST_END_MARK, QUICK_LIST_ARGS, SESSION_PANE_FORMAT, parseClientActivity, parseSessionPanes, parseClientView, parseIdentity, parseIdName, parseSessionList } from './formats.js';
import { escapeFormat, uniqueName } from './names.js';
import { DEFAULT_TMUX_TIMEOUT_MS, runTmux, runTmuxBytes, runTmuxInteractive } from './runner.js';
import { timeoutError, type StartedCall } from './spawn.js';
import { socketPathFromTmuxEnv, socketPathOf, type TmuxServer } from './server.js';
import type { Session, SessionRef, Snapshot, WindowRef, WindowTarget } from './types.js';

// A racing creator can take our chosen name between list and create; we then
// move on to the next suffix. More collisions than this is not a race.
const CREATE_ATTEMPTS = 5;
// How long to wait before asking again a socket that closed the connection.
const CLOSED_RETRY_MS = 100;

/**
 * Everything the product does to tmux. Every target is a session id (`$N`):
 * tmux resolves a bare `-t foo` by prefix and would hit `foobar` (docs/ARCHITECTURE.md, section 4).
 */
export class TmuxService {
  constructor(
    readonly server: TmuxServer,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Each call's deadline (`tmux_timeout_ms`); the runner's default when undefined. */
    private readonly timeoutMs?: number,
  ) {}

  /**
   * One tmux call. `doing` says what it was for: tmux's own messages
   * ("tmux: …") and a missed deadline read as the step that failed.
   */
  private async run(args: readonly string[], doing: string, options: { mayStartServer?: boolean } = {}): Promise<string> {
    try {
      return await runTmux({ server: this.server, env: this.env, timeoutMs: this.timeoutMs, mayStartServer: options.mayStartServer }, args);
    } catch (error) {
      if (error instanceof TmuxTimeoutError || (error instanceof TmuxError && error.constructor === TmuxError)) error.message = `${doing}: ${error.message}`;
      throw error;
    }
  }

  /** As run, for the framed formats, which are read as bytes (src/tmux/formats.ts). */
  private async runBytes(args: readonly string[], doing: string, options: { mayStartServer?: boolean; endMark?: Buffer } = {}): Promise<Uint8Array> {
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
   * What createSession will do, without doing it: the start directory it
   * checks and the name it will ask for (`name` already validated; a taken
   * name gets `-2`, `-3`, …). The dry run prints exactly this; errors are
   * the ones the real run would give.
   */
  async planCreate(name: string, dir: string): Promise<{ name: string; startDir: string; taken: Set<string> }> {
    const startDir = path.resolve(dir);
    const info = await fsp.stat(startDir).catch(() => undefined);
    if (info === undefined) throw new InvalidInputError(`start directory does not exist: ${startDir}`);
    if (!info.isDirectory()) throw new InvalidInputError(`start directory is not a directory: ${startDir}`);
    const taken = new Set((await this.listSessions()).map((session) => session.name));
    return { name: uniqueName(name, taken), startDir, taken };
  }

  /**
   * Creates a detached session in `dir` as planCreate plans it. Returns the
   * id and the name tmux really holds.
   */
  async createSession(name: string, dir: string, options: { automaticName?: boolean; project?: string } = {}): Promise<SessionRef> {
    const plan = await this.planCreate(name, dir);
    const { startDir, taken } = plan;
    for (let attempt = 1, candidate = plan.name; ; attempt++, candidate = uniqueName(name, taken)) {
      try {
        const output = await this.runBytes(['new-session', '-d', '-P', '-F', ID_NAME_FORMAT, '-s', escapeFormat(candidate), '-c', escapeFormat(startDir)], `creating session ${candidate}`, { mayStartServer: true });
        const created = parseIdName(output);
        if (options.automaticName === true) await this.markAutomaticName(created);
        if (options.project !== undefined) await this.run(['set-option', '-t', created.id, PROJECT_OPTION, options.project], `marking ${created.name} as the session of ${options.project}`);
        return created;
      } catch (error) {
        if (!(error instanceof NameTakenError) || attempt >= CREATE_ATTEMPTS) throw error;
        taken.add(candidate);
      }
    }
  }

  /**
   * What renameSession will do, without doing it: `oldName` must name exactly
   * one session and `newName` (already validated) must not be another's.
   * Renaming a session to its own name is allowed (tmux does nothing).
   */
  async planRename(oldName: string, newName: string): Promise<Session> {
    const sessions = await this.listSessions();
    const session = sessions.find((candidate) => candidate.name === oldName);
    if (session === undefined) throw new SessionNotFoundError(oldName);
    if (sessions.some((other) => other.id !== session.id && other.name === newName)) throw new NameTakenError(newName);
    return session;
  }

  /**
   * Renames after checking `ref` still names the same session. Returns the
   * name tmux holds. `--` keeps a name like `-dash` from being read as flags.
   */
  async renameSession(ref: SessionRef, newName: string): Promise<SessionRef> {
    await this.verify(ref);
    try {
      const output = await this.runBytes(['rename-session', '-t', ref.id, '--', escapeFormat(newName), ';', 'display-message', '-p', '-t', ref.id, ID_NAME_FORMAT], `renaming ${ref.name} to ${newName}`);
      return parseIdName(output);
    } catch (error) {
      if (error instanceof NameTakenError) throw new NameTakenError(newName);
      throw error;
    }
  }

  /** Records that `ref.name` was chosen by the dashboard, so auto-rename may change it later. */
  async markAutomaticName(ref: SessionRef): Promise<void> {
    await this.run(['set-option', '-t', ref.id, AUTO_NAME_OPTION, ref.name], `marking ${ref.name} as named by the dashboard`);
  }

  /**
   * A new window in a session just created from a template. Its name and
   * folder are escaped like a session's (tmux expands formats in both); the
   * command is typed into the window's shell (see typeCommand).
   */
  async addWindow(ref: SessionRef, window: { name: string | undefined; dir: string }): Promise<string> {
    const output = await this.run(['new-window', '-d', '-P', '-F', '#{pane_id}', '-t', `${ref.id}:`, ...(window.name === undefined ? [] : ['-n', escapeFormat(window.name)]), '-c', escapeFormat(window.dir)], `adding a window to ${ref.name}`);
    return output.trim();
  }

  /** The first pane of a session (a session just created has one). */
  async firstPane(ref: SessionRef): Promise<string> {
    const output = await this.run(['list-panes', '-s', '-t', ref.id, '-F', '#{pane_id}'], `listing the panes of ${ref.name}`);
    return output.split('\n')[0]?.trim() ?? '';
  }

  /**
   * Types `command` into a pane's shell and presses Enter: the user's shell
   * runs it, as if typed there, and stays when it ends. `-l` sends the text
   * literally (no key names, no formats); it is one argument, never a shell
   * line of ours.
   */
  async typeCommand(paneId: string, command: string): Promise<void> {
    await this.run(['send-keys', '-t', paneId, '-l', '--', command, ';', 'send-keys', '-t', paneId, 'Enter'], `typing a template command into ${paneId}`);
  }

  /** Records on a session (SEEN_OPTION) that the user looked at it until `at` (Unix seconds). */
  async markSeen(ref: SessionRef, at: number): Promise<void> {
    await this.run(['set-option', '-t', ref.id, SEEN_OPTION, String(Math.floor(at))], `recording a look at ${ref.name}`);
  }

  /** A pane's user option (`@name`), '' when unset; a pane that does not exist is tmux's error ("can't find pane"). */
  async paneOption(paneId: string, name: string): Promise<string> {
    return (await this.run(['show-options', '-p', '-q', '-v', '-t', paneId, name], `reading ${name} of pane ${paneId}`)).replace(/\n$/, '');
  }

  /** Sets (or, with undefined, unsets) a pane's user option. The value is stored as given: set-option expands no formats. */
  async setPaneOption(paneId: string, name: string, value: string | undefined): Promise<void> {
    const args = value === undefined ? ['set-option', '-p', '-u', '-t', paneId, name] : ['set-option', '-p', '-t', paneId, name, value];
    await this.run(args, `setting ${name} of pane ${paneId}`);
  }

  async killSession(ref: SessionRef): Promise<void> {
    await this.verify(ref);
    await this.run(['kill-session', '-t', ref.id], `killing ${ref.name}`);
  }

  /**
   * Puts the user in the session. Inside tmux on this same server the client
   * is switched (`attach` would be refused as nested); `client` names which
   * one, as a popup must. Anywhere else the terminal is handed to
   * `tmux attach` — deliberately nested when we run inside another server.
   * Resolves with the exit code to report.
   */
  async attachOrSwitch(ref: SessionRef, client?: string, target?: WindowTarget): Promise<number> {
    // A window or pane to go to is checked first (the session's id and name
    // too): unlike a session id, a window can have moved to another session.
    const select = target === undefined ? [] : await this.selectArgs(ref, target);
    if (this.isInsideThisServer()) {
      // No separate check first: inside the server that runs us, the id is
      // the session the user chose. tmux never gives an id to another
      // session while it runs (and this server cannot have restarted under
      // us), a rename keeps the id, and a session that is gone makes
      // switch-client fail. One tmux call instead of two, on the way out of
      // every Enter.
      const mover = await this.clientToMove(client);
      try {
        await this.run([...select, 'switch-client', ...(mover === undefined ? [] : ['-c', mover]), '-t', ref.id], `switching to ${ref.name}`);
      } catch (error) {
        throw error instanceof SessionNotFoundError ? new SessionNotFoundError(ref.name) : error;
      }
      return 0;
    }
    if (target === undefined) await this.verify(ref);
    const env = { ...this.env };
    delete env.TMUX;
    return runTmuxInteractive({ server: this.server, env }, [...select, 'attach-session', '-t', ref.id]);
  }

  /**
   * The commands that select `target` in session `ref`, chained before the
   * attach or switch in the same tmux call, once the window (and pane) are
   * checked to be still in that session. The window is named `$S:@W`: a
   * window linked into two sessions is selected in this one.
   */
  private async selectArgs(ref: SessionRef, target: WindowTarget): Promise<string[]> {
    await this.verifyWindow(ref, { id: target.windowId }, target.paneId);
    return ['select-window', '-t', `${ref.id}:${target.windowId}`, ';', ...(target.paneId === undefined ? [] : ['select-pane', '-t', target.paneId, ';'])];
  }

  /**
   * Checks that session `ref` is still itself, that `window` is still one
   * of its windows with the name the user saw (when given), and `paneId`
   * one of that window's panes. Resolves with how many windows the session has.
   */
  private async verifyWindow(ref: SessionRef, window: { id: string; name?: string }, paneId?: string): Promise<{ windows: number }> {
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
   * Renames a window of `ref` after checking it is still there under the
   * name the user saw; resolves with the name tmux holds. The name is
   * escaped like a session's (tmux expands formats in it) and read back in
   * the same call.
   */
  async renameWindow(ref: SessionRef, window: WindowRef, newName: string): Promise<string> {
    await this.verifyWindow(ref, window);
    const target = `${ref.id}:${window.id}`;
    const output = await this.runBytes(['rename-window', '-t', target, '--', escapeFormat(newName), ';', 'list-panes', '-t', target, '-F', SESSION_PANE_FORMAT], `renaming window ${window.name} of ${ref.name}`);
    return parseSessionPanes(output)[0]?.windowName ?? newName;
  }

  /** Kills a window of `ref` after checking it is still there under the name the user saw. Its last window takes the session with it (tmux's rule). */
  async killWindow(ref: SessionRef, window: WindowRef): Promise<void> {
    await this.verifyWindow(ref, window);
    await this.run(['kill-window', '-t', `${ref.id}:${window.id}`], `killing window ${window.name} of ${ref.name}`);
  }

  /**
   * Shows the user a pane: its window and pane selected, the client switched
   * to its session. Pane ids are exact, so no prefix trap here.
   */
  async focusPane(pane: { id: string }, client?: string): Promise<void> {
    const mover = await this.clientToMove(client);
    await this.run([
      'select-window', '-t', pane.id, ';',
      'select-pane', '-t', pane.id, ';',
      'switch-client', ...(mover === undefined ? [] : ['-c', mover]), '-t', pane.id,
    ], `going to pane ${pane.id}`);
  }

  /**
   * What a client is looking at: its session and its pane's directory, in
   * one call. The path is read as data, never expanded. undefined: no such
   * client. `-c` alone only names the client a message would be shown to:
   * the format is then read in tmux's current session (the newest one, from
   * a popup), not the client's, so the client is the target too, and the
   * answer counts only if the session read is the client's.
   */
  async clientView(client: string): Promise<{ sessionId: string; panePath: string } | undefined> {
    try {
      const view = parseClientView(await this.runBytes(['display-message', '-p', '-c', client, '-t', client, CLIENT_VIEW_FORMAT], `asking about client ${client}`));
      return view.name === client && view.sessionName === view.clientSession ? { sessionId: view.sessionId, panePath: view.panePath } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The client to act for when none was named (a popup without --client):
   * the only client, else the most recently active one — tmux's own choice
   * for "the current client", made explicit, among people's clients only (a
   * control-mode client, such as the dashboard's own, shows nothing).
   */
  async guessClient(sessionOrPane?: string): Promise<string | undefined> {
    try {
      const clients = parseClientActivity(await this.runBytes(['list-clients', ...(sessionOrPane === undefined ? [] : ['-t', sessionOrPane]), '-F', CLIENT_ACTIVITY_FORMAT], 'listing clients'))
        .filter((client) => !client.controlMode)
        .sort((a, b) => b.activity - a.activity);
      return clients[0]?.name;
    } catch {
      return undefined;
    }
  }

  /**
   * The client a switch moves: the one named, else (inside this server) a
   * person's client looking at our pane's session, else any person's. Never
   * left to tmux: its "current client" is the most recently active one,
   * which can be a control-mode client (a dashboard's: src/tmux/control.ts),
   * and moving that one would show the user nothing.
   */
  private async clientToMove(client: string | undefined): Promise<string | undefined> {
    if (client !== undefined || !this.isInsideThisServer()) return client;
    const pane = this.env.TMUX_PANE;
    return (pane !== undefined && pane !== '' ? await this.guessClient(pane) : undefined) ?? (await this.guessClient());
  }

  /** True when `$TMUX` points at the server this service talks to. */
  isInsideThisServer(): boolean {
    const current = socketPathFromTmuxEnv(this.env);
    return current !== undefined && path.resolve(current) === path.resolve(socketPathOf(this.server, this.env));
  }

  /**
   * A pane's visible text and `lines` lines of its history above. `colors`:
   * with its colours as SGR sequences (`-e`; src/sessions/pane-colors.ts
   * reads those and escapes anything else).
   */
  async capturePane(pane: { id: string }, lines: number, options: { colors?: boolean } = {}): Promise<string> {
    return this.run(['capture-pane', '-p', '-J', ...(options.colors === true ? ['-e'] : []), '-t', pane.id, '-S', String(-lines)], `capturing pane ${pane.id}`);
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
  private async verify(ref: SessionRef): Promise<void> {
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
