import { constants, promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { TmuxCalls } from './calls.js';
import { InvalidInputError, NameTakenError, SessionNotFoundError } from './errors.js';
import { AUTO_NAME_OPTION, SEEN_OPTION, PROJECT_OPTION, CLIENT_ACTIVITY_FORMAT, CLIENT_VIEW_FORMAT, ID_NAME_FORMAT, SESSION_PANE_FORMAT, parseClientActivity, parseSessionPanes, parseClientView, parseIdName } from './formats.js';
import { escapeFormat, uniqueName } from './names.js';
import { runTmuxInteractive } from './runner.js';
import { socketPathFromTmuxEnv, socketPathOf } from './server.js';
import type { Session, SessionRef, WindowReach, WindowRef, WindowTarget } from './types.js';

// A racing creator can take our chosen name between list and create; we then
// move on to the next suffix. More collisions than this is not a race.
const CREATE_ATTEMPTS = 5;

/**
 * Everything the product does to tmux: sessions and windows made, renamed
 * and killed, options, and the client moved to a session (attach, switch).
 * Lists, pane text and the re-check before each action are TmuxCalls'
 * (calls.ts). Every target is a session id (`$N`): tmux resolves a bare
 * `-t foo` by prefix and would hit `foobar` (docs/ARCHITECTURE.md, section 4).
 */
export class TmuxService extends TmuxCalls {
  /**
   * What createSession will do, without doing it: the start directory it
   * checks and the name it will ask for (`name` already validated; a taken
   * name gets `-2`, `-3`, …). The dry run prints exactly this; errors are
   * the ones the real run would give.
   */
  async planCreate(name: string, dir: string): Promise<{ name: string; startDir: string; taken: Set<string> }> {
    const startDir = resolve(dir);
    const info = await fsp.stat(startDir).catch(() => undefined);
    if (info === undefined) throw new InvalidInputError(`start directory does not exist: ${startDir}`);
    if (!info.isDirectory()) throw new InvalidInputError(`start directory is not a directory: ${startDir}`);
    // tmux starts a pane it cannot chdir into in its own folder (the home
    // folder) while the session's path still names this one: commands would
    // run where the user never meant.
    if (!(await fsp.access(startDir, constants.X_OK).then(() => true, () => false))) throw new InvalidInputError(`start directory cannot be entered (no permission): ${startDir}`);
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
  async attachOrSwitch(ref: SessionRef, client?: string, target?: WindowTarget, typedAhead?: () => string): Promise<number> {
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
        await this.run([...select, ...typeInto(ref, typedAhead?.()), 'switch-client', ...(mover === undefined ? [] : ['-c', mover]), '-t', ref.id], `switching to ${ref.name}`);
      } catch (error) {
        throw error instanceof SessionNotFoundError ? new SessionNotFoundError(ref.name) : error;
      }
      return 0;
    }
    if (target === undefined) await this.verify(ref);
    const env = { ...this.env };
    delete env.TMUX;
    return runTmuxInteractive({ server: this.server, env }, [...select, ...typeInto(ref, typedAhead?.()), 'attach-session', '-t', ref.id]);
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

  /**
   * Kills a window of `ref` after checking it is still there under the name
   * the user saw, and that the kill reaches no session beyond `reach`, what
   * the dialog named: tmux closes it in every session it is linked into, and
   * a session whose last window it is ends with it.
   */
  async killWindow(ref: SessionRef, window: WindowRef, reach: WindowReach): Promise<void> {
    await this.verifyWindow(ref, window);
    await this.verifyReach(ref, window, reach);
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
    return current !== undefined && resolve(current) === resolve(socketPathOf(this.server, this.env));
  }
}

/**
 * The keys typed after Enter in the same read (src/input/encode-keys.ts,
 * handedOnText), typed into the pane the session shows before the client
 * gets there, in the same tmux call: byte for byte (`-H`), so nothing in
 * them is read as a key name or a format. tmux's own bindings (the prefix)
 * are not applied to them: send-keys gives them to the pane.
 */
function typeInto(ref: SessionRef, text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  return ['send-keys', '-t', ref.id, '-H', ...[...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0')), ';'];
}
