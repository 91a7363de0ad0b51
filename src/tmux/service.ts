import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, NameTakenError, NoServerError, ServerClosedError, SessionChangedError, SessionNotFoundError, TmuxError, TmuxTimeoutError } from './errors.js';
import { AUTO_NAME_OPTION, ID_NAME_FORMAT, LIST_ARGS, parseIdName, parseSessionList, US } from './formats.js';
import { escapeFormat, uniqueName } from './names.js';
import { runTmux, runTmuxInteractive } from './runner.js';
import { socketPathFromTmuxEnv, socketPathOf, type TmuxServer } from './server.js';
import type { Session, SessionRef, Snapshot } from './types.js';

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

  /** All sessions with their panes, in one tmux call. No server means no sessions. */
  async listSessions(): Promise<Session[]> {
    return (await this.snapshot()).sessions;
  }

  /** The list and whether a server answered at all (the dashboard says which). */
  async snapshot(): Promise<Snapshot> {
    for (let attempt = 1; ; attempt++) {
      try {
        return { serverRunning: true, sessions: parseSessionList(await this.run(LIST_ARGS, 'listing sessions')) };
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
        throw error;
      }
    }
  }

  /** The session whose name is exactly `name` (no prefix, no pattern). */
  async requireByName(name: string): Promise<Session> {
    const session = (await this.listSessions()).find((candidate) => candidate.name === name);
    if (session === undefined) throw new SessionNotFoundError(name);
    return session;
  }

  /**
   * Creates a detached session in `dir`. `name` must already be validated
   * (validateSessionName / deriveSessionName); a taken name gets `-2`, `-3`, ….
   * Returns the id and the name tmux really holds.
   */
  async createSession(name: string, dir: string, options: { automaticName?: boolean } = {}): Promise<SessionRef> {
    const startDir = path.resolve(dir);
    const info = await stat(startDir).catch(() => undefined);
    if (info === undefined) throw new InvalidInputError(`start directory does not exist: ${startDir}`);
    if (!info.isDirectory()) throw new InvalidInputError(`start directory is not a directory: ${startDir}`);

    const taken = new Set((await this.listSessions()).map((session) => session.name));
    for (let attempt = 1; ; attempt++) {
      const candidate = uniqueName(name, taken);
      try {
        const output = await this.run(['new-session', '-d', '-P', '-F', ID_NAME_FORMAT, '-s', escapeFormat(candidate), '-c', escapeFormat(startDir)], `creating session ${candidate}`, { mayStartServer: true });
        const created = parseIdName(output);
        if (options.automaticName === true) await this.markAutomaticName(created);
        return created;
      } catch (error) {
        if (!(error instanceof NameTakenError) || attempt >= CREATE_ATTEMPTS) throw error;
        taken.add(candidate);
      }
    }
  }

  /**
   * Renames after checking `ref` still names the same session. Returns the
   * name tmux holds. `--` keeps a name like `-dash` from being read as flags.
   */
  async renameSession(ref: SessionRef, newName: string): Promise<SessionRef> {
    await this.verify(ref);
    try {
      const output = await this.run(['rename-session', '-t', ref.id, '--', escapeFormat(newName), ';', 'display-message', '-p', '-t', ref.id, ID_NAME_FORMAT], `renaming ${ref.name} to ${newName}`);
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
  async attachOrSwitch(ref: SessionRef, client?: string): Promise<number> {
    await this.verify(ref);
    if (this.isInsideThisServer()) {
      await this.run(['switch-client', ...(client === undefined ? [] : ['-c', client]), '-t', ref.id], `switching to ${ref.name}`);
      return 0;
    }
    const env = { ...this.env };
    delete env.TMUX;
    return runTmuxInteractive({ server: this.server, env }, ['attach-session', '-t', ref.id]);
  }

  /**
   * Shows the user a pane: its window and pane selected, the client switched
   * to its session. Pane ids are exact, so no prefix trap here.
   */
  async focusPane(pane: { id: string }, client?: string): Promise<void> {
    await this.run([
      'select-window', '-t', pane.id, ';',
      'select-pane', '-t', pane.id, ';',
      'switch-client', ...(client === undefined ? [] : ['-c', client]), '-t', pane.id,
    ], `going to pane ${pane.id}`);
  }

  /**
   * What a client is looking at: its session and its pane's directory, in
   * one call. The path is read as data, never expanded. undefined: no such
   * client.
   */
  async clientView(client: string): Promise<{ sessionId: string; panePath: string } | undefined> {
    try {
      const out = await this.run(['display-message', '-p', '-c', client, `#{client_name}${US}#{session_id}${US}#{pane_current_path}`], `asking about client ${client}`);
      const [name, sessionId = '', ...path] = (out.endsWith('\n') ? out.slice(0, -1) : out).split(US);
      return name === client ? { sessionId, panePath: path.join(US) } : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The client to act for when none was named (a popup without --client):
   * the only client, else the most recently active one — tmux's own choice
   * for "the current client", made explicit.
   */
  async guessClient(): Promise<string | undefined> {
    try {
      const out = await this.run(['list-clients', '-F', `#{client_activity}${US}#{client_name}`], 'listing clients');
      const clients = out
        .split('\n')
        .filter((line) => line.includes(US))
        .map((line) => {
          const [activity = '0', name = ''] = line.split(US);
          return { activity: Number(activity), name };
        })
        .sort((a, b) => b.activity - a.activity);
      return clients[0]?.name;
    } catch {
      return undefined;
    }
  }

  /** True when `$TMUX` points at the server this service talks to. */
  isInsideThisServer(): boolean {
    const current = socketPathFromTmuxEnv(this.env);
    return current !== undefined && path.resolve(current) === path.resolve(socketPathOf(this.server, this.env));
  }

  /** The last `lines` lines of a pane's visible text. */
  async capturePane(pane: { id: string }, lines: number): Promise<string> {
    return this.run(['capture-pane', '-p', '-J', '-t', pane.id, '-S', String(-lines)], `capturing pane ${pane.id}`);
  }

  /**
   * Re-reads id and name right before an action, so a stale view never hits
   * another session. display-message falls back to the "current" session when
   * its target is gone (measured on 3.3a), so a different id means "gone".
   */
  private async verify(ref: SessionRef): Promise<void> {
    let current: SessionRef;
    try {
      current = parseIdName(await this.run(['display-message', '-p', '-t', ref.id, ID_NAME_FORMAT], `checking ${ref.name}`));
    } catch (error) {
      if (error instanceof SessionNotFoundError || error instanceof NoServerError) throw new SessionNotFoundError(ref.name);
      throw error;
    }
    if (current.id !== ref.id) throw new SessionNotFoundError(ref.name);
    if (current.name !== ref.name) {
      throw new SessionChangedError(`session ${ref.name} was renamed to ${current.name} meanwhile; nothing was done`);
    }
  }
}
