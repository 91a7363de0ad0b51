import { execa } from 'execa';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Terminal } from './terminal.js';
import { BIN, TestServer, tempDir, waitFor } from './tmux-server.js';

/** How the built binary is run: its arguments, its environment, and shell commands around it. */
export interface RunOptions {
  /** After the server selection (`-L <inner>` outside tmux; inside, $TMUX names the server). */
  args?: string[];
  /** For the binary only. */
  env?: Record<string, string>;
  /** Removed from the binary's environment. */
  unset?: string[];
  /** A shell command run first. */
  before?: string;
  /** A shell command run after the binary exits; its output is on the screen when `waitForExit` returns. */
  after?: string;
}

export interface WindowOptions {
  /** The terminal's size: the first window's only, later ones take its size. */
  width?: number;
  height?: number;
  cwd?: string;
}

export type StartOptions = RunOptions & WindowOptions;

export interface Client {
  /** tmux's name for the client: the tty of the terminal window it runs in. */
  name: string;
  session: string;
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * The shell line for the binary. Its exit code is echoed (`rc=N`, for a test
 * that reads the screen) and, after `after` ran, written to `exitFile`.
 */
function commandLine(options: RunOptions, server: string[], exitFile: string): string {
  const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
  const unset = (options.unset ?? []).flatMap((name) => ['-u', name]);
  const binary = ['env', ...unset, ...env, process.execPath, BIN, ...server, ...(options.args ?? [])].map(quote).join(' ');
  // Written under another name and renamed: a test never reads half a file.
  const report = `echo "$code" > ${quote(`${exitFile}.new`)} && mv ${quote(`${exitFile}.new`)} ${quote(exitFile)}`;
  return [options.before, `${binary}; code=$?`, 'echo "rc=$code"', options.after, report].filter((part) => part !== undefined && part !== '').join('; ');
}

/**
 * One window of the terminal: keys in, screen out, and how its command ended.
 * Keys are never paced by time: a test waits for what a key did (a frame, a
 * tmux state) before the next key that depends on it.
 */
export class TerminalWindow {
  constructor(
    private readonly fixture: DashboardFixture,
    readonly id: string,
    /** A client of the inner server: a binary started in its shell finds the server through $TMUX. */
    readonly insideTmux: boolean,
    /** Where the shell line of the last `start` or `run` here reports the binary's exit code. */
    private exitFile?: string,
  ) {}

  private get terminal(): Terminal {
    return this.fixture.terminal;
  }

  /** One send-keys per key (tmux key names), as a person types them. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.terminal.sendTo(this.id, key);
  }

  /** Several keys in one send-keys: one write to the terminal, so they arrive in one read. */
  async sendTogether(...keys: string[]): Promise<void> {
    await this.terminal.sendTo(this.id, ...keys);
  }

  /** Text typed literally, in one write. */
  async type(text: string): Promise<void> {
    await this.terminal.type(text, this.id);
  }

  /** The visible screen; `escapes` keeps colours and styles as escape sequences. */
  async screen(options: { escapes?: boolean } = {}): Promise<string> {
    if (options.escapes === true) return this.terminal.outer.tmux('capture-pane', '-p', '-e', '-t', this.id);
    return this.terminal.screen(this.id);
  }

  async waitForScreen(pattern: RegExp, what: string, timeoutMs?: number): Promise<string> {
    try {
      return await this.terminal.waitForScreen(pattern, what, this.id, timeoutMs);
    } catch (error) {
      throw this.fixture.withLog(error);
    }
  }

  /** Waits until `pattern` has left the screen (a dialog closed, a popup gone). */
  async waitForScreenWithout(pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
    let last = '';
    try {
      return await waitFor(async () => {
        last = await this.screen();
        return pattern.test(last) ? undefined : last;
      }, what, timeoutMs);
    } catch (error) {
      throw this.fixture.withLog(new Error(`${error instanceof Error ? error.message : String(error)}\n--- screen ---\n${last}`));
    }
  }

  /**
   * Waits for the binary started by `start` or `run` to exit and returns its
   * exit code; in a window with no such run, for the window's command to end
   * (its exit status, when tmux learnt it).
   */
  async waitForExit(what = 'the command to exit', timeoutMs = 15_000): Promise<number | undefined> {
    const file = this.exitFile;
    if (file === undefined) {
      await this.terminal.waitForExit(what, this.id, timeoutMs);
      const status = (await this.terminal.outer.tmux('display-message', '-p', '-t', this.id, '#{pane_dead_status}')).trim();
      return status === '' ? undefined : Number(status);
    }
    try {
      const code = await waitFor(() => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined), what, timeoutMs);
      return Number(code);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- screen ---\n${await this.screen()}`);
    }
  }

  /** Types a command line that runs the binary into the shell of this window, and Enter. */
  async run(options: RunOptions = {}): Promise<void> {
    this.exitFile = this.fixture.exitFile();
    await this.type(commandLine(options, this.insideTmux ? [] : ['-L', this.fixture.inner.socketName], this.exitFile));
    await this.press('Enter');
  }

  /**
   * In a window whose own shell started the dashboard (an interactive shell,
   * for job control): q, then the dashboard's exit code as that shell saw it.
   * The shell is asked only once the dashboard has left the screen: keys
   * typed before are the dashboard's to read.
   */
  async quitToShell(): Promise<number> {
    await this.press('q');
    await this.waitForScreenWithout(/tmux-dashboard · /, 'the dashboard to quit');
    // Gone from the screen is not yet gone: keys typed before the process ends are still its to read (and lost), which CI's load once showed.
    await waitFor(async () => ((await this.processes()).some((args) => args.includes(BIN)) ? undefined : true), 'the dashboard process to end');
    await this.type('echo "after-q-$?"');
    await this.press('Enter');
    const screen = await this.waitForScreen(/^after-q-\d+$/m, 'the shell after q, and the exit code');
    return Number(/^after-q-(\d+)$/m.exec(screen)?.[1]);
  }

  async resize(width: number, height: number): Promise<void> {
    await this.terminal.outer.tmux('resize-window', '-t', this.id, '-x', String(width), '-y', String(height));
  }

  /** The command lines of the window's process and all its descendants. */
  async processes(): Promise<string[]> {
    return (await this.processTable()).map((row) => row.args);
  }

  /** The window's process and all its descendants: PID and command line. */
  async processTable(): Promise<{ pid: number; args: string }[]> {
    const root = Number((await this.terminal.outer.tmux('display-message', '-p', '-t', this.id, '#{pane_pid}')).trim());
    const { stdout } = await execa('ps', ['-e', '-o', 'pid=,ppid=,args=']);
    const table = stdout.split('\n').flatMap((line) => {
      const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      return match === null ? [] : [{ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? '' }];
    });
    const found = new Set([root]);
    // Parents may be listed after their children: repeat until nothing is added.
    for (let before = 0; before !== found.size; ) {
      before = found.size;
      for (const row of table) if (found.has(row.ppid)) found.add(row.pid);
    }
    return table.filter((row) => found.has(row.pid)).map(({ pid, args }) => ({ pid, args }));
  }
}

/**
 * An end-to-end test's world: an "inner" private tmux server (the one the
 * dashboard manages) and a real terminal (windows of a private "outer"
 * server) where the dashboard runs: outside tmux, in a client of the inner
 * server, or in a popup of one. Both servers are one user's: they share a
 * HOME, so every dashboard started here sees the same config, state and lock.
 *
 * Key and screen methods act on the window opened last.
 */
export class DashboardFixture {
  readonly terminal = new Terminal();
  readonly inner = new TestServer(this.terminal.outer.home);
  /** The fixture's own files (exit codes). */
  readonly scratch = tempDir('tmux-dashboard-fixture-');
  private last: TerminalWindow | undefined;
  private runs = 0;

  /** The user's HOME: terminal windows start there. */
  get home(): string {
    return this.terminal.outer.home;
  }

  /** The environment of the terminal (XDG_STATE_HOME, XDG_CONFIG_HOME, …). */
  get env(): NodeJS.ProcessEnv {
    return this.terminal.outer.env;
  }

  get window(): TerminalWindow {
    if (this.last === undefined) throw new Error('no terminal window is open yet');
    return this.last;
  }

  /** A fresh name for an exit-code file. */
  exitFile(): string {
    return path.join(this.scratch, `exit-${++this.runs}`);
  }

  /** Creates detached sessions on the inner server, in this order (the first starts the server). */
  async addSessions(...names: string[]): Promise<void> {
    for (const name of names) await this.inner.start(name);
  }

  /**
   * The dashboard for the inner server, outside tmux, in a new terminal
   * window. After it exits the window keeps its last screen: tmux 3.3
   * scrolls the screen of a pane that dies right after leaving the
   * alternate screen, hiding the last lines.
   */
  async start(options: StartOptions = {}): Promise<TerminalWindow> {
    const exitFile = this.exitFile();
    // The shell outlives a Ctrl-C (the dashboard still gets it) to report the exit code.
    const line = `trap : INT; ${commandLine(options, ['-L', this.inner.socketName], exitFile)}; exec sleep 600`;
    const id = await this.terminal.open(['sh', '-c', line], { width: options.width, height: options.height, cwd: options.cwd });
    this.last = new TerminalWindow(this, id, false, exitFile);
    return this.last;
  }

  /** Any command in a new terminal window (outside tmux). */
  async open(command: string[], options: WindowOptions & { env?: Record<string, string> } = {}): Promise<TerminalWindow> {
    const id = await this.terminal.open(command, options);
    this.last = new TerminalWindow(this, id, false);
    return this.last;
  }

  /** A new terminal window with a client of the inner server on `session`; returns once the client is attached. */
  async attachClient(session: string, options: WindowOptions = {}): Promise<TerminalWindow & { client: string }> {
    const id = await this.terminal.open(['tmux', '-L', this.inner.socketName, 'attach-session', '-t', `=${session}`], options);
    const client = (await this.terminal.outer.tmux('display-message', '-p', '-t', id, '#{pane_tty}')).trim();
    await waitFor(async () => ((await this.clients()).some((each) => each.name === client) ? true : undefined), `a client on ${session}`);
    const window = Object.assign(new TerminalWindow(this, id, true), { client });
    this.last = window;
    return window;
  }

  /**
   * The binary in a display-popup of `client` (as the plugin's binding opens
   * it); resolves with its exit code, which display-popup -E passes on.
   */
  popup(client: string, options: Pick<RunOptions, 'args' | 'env'> & { width: number; height: number }): Promise<number | undefined> {
    const env = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
    const command = ['env', ...env, process.execPath, BIN, ...(options.args ?? [])].map(quote).join(' ');
    return this.inner.tmux('display-popup', '-c', client, '-w', String(options.width), '-h', String(options.height), '-E', command).then(
      () => 0,
      (error: unknown) => (error as { exitCode?: number }).exitCode,
    );
  }

  press(...keys: string[]): Promise<void> {
    return this.window.press(...keys);
  }

  sendTogether(...keys: string[]): Promise<void> {
    return this.window.sendTogether(...keys);
  }

  type(text: string): Promise<void> {
    return this.window.type(text);
  }

  screen(): Promise<string> {
    return this.window.screen();
  }

  waitForScreen(pattern: RegExp, what: string, timeoutMs?: number): Promise<string> {
    return this.window.waitForScreen(pattern, what, timeoutMs);
  }

  waitForScreenWithout(pattern: RegExp, what: string, timeoutMs?: number): Promise<string> {
    return this.window.waitForScreenWithout(pattern, what, timeoutMs);
  }

  waitForExit(what?: string, timeoutMs?: number): Promise<number | undefined> {
    return this.window.waitForExit(what, timeoutMs);
  }

  /** The inner server's sessions, sorted by name. */
  async names(): Promise<string[]> {
    return (await this.inner.sessionNames()).sort();
  }

  /** The inner server's clients people look at (no control-mode client: the dashboard's own is one) and the session each shows. */
  async clients(): Promise<Client[]> {
    const out = (await this.inner.tmux('list-clients', '-F', '#{client_name}\t#{session_name}\t#{client_control_mode}')).trim();
    return out === ''
      ? []
      : out.split('\n').filter((line) => !line.endsWith('\t1')).map((line) => {
          const [name = '', session = ''] = line.split('\t');
          return { name, session };
        });
  }

  /**
   * `error` with the end of the dashboards' log (what tmux answered, what
   * failed): a screen that never came says little about why on its own.
   */
  withLog(error: unknown): Error {
    const file = path.join(this.home, '.local', 'state', 'tmux-dashboard', 'log.jsonl');
    let tail: string;
    try {
      tail = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
    } catch (reason) {
      tail = `(no log: ${reason instanceof Error ? reason.message : String(reason)})`;
    }
    return new Error(`${error instanceof Error ? error.message : String(error)}\n--- dashboard log (last lines) ---\n${tail}`);
  }

  /** Kills both servers (removing their socket files) and the fixture's files. */
  async close(): Promise<void> {
    try {
      await this.inner.kill();
    } finally {
      // The terminal's server last: it owns the shared HOME.
      await this.terminal.close();
      rmSync(this.scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  }
}
