import { execa, type Result } from 'execa';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO_ROOT, 'bin', 'tmux-dashboard.cjs');

let counter = 0;

/** A fresh environment: no $TMUX (never the user's server), a private HOME and XDG dirs. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = (key: string) => !(key.startsWith('TMUX') || key.startsWith('XDG_') || key === 'NO_COLOR' || key === 'FORCE_COLOR');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => inherited(key)));
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    SHELL: '/bin/sh',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/** Every folder tempDir made for this test file (vitest loads the helpers anew for each file). */
const madeDirs: string[] = [];

export function tempDir(prefix = 'tmux-dashboard-test-'): string {
  // realpath: tmux reports resolved paths (pane_current_path), /tmp may be a link.
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  madeDirs.push(dir);
  return dir;
}

/**
 * Every server a TestServer named in this test file. A test that timed out
 * goes on running after its afterEach killed what it knew of, and may start
 * one more; each server holds a pseudo-terminal per session.
 */
const namedServers = new Map<string, NodeJS.ProcessEnv>();

/** Kills the servers of this test file still running, and removes their socket files (test/helpers/temp-cleanup.ts, after each file). */
export function killLeftServers(): string[] {
  const left: string[] = [];
  for (const [name, env] of namedServers) {
    const socket = socketFile(name, env);
    if (!existsSync(socket)) continue;
    left.push(name);
    spawnSync('tmux', ['-L', name, 'kill-server'], { env, stdio: 'ignore', timeout: 5000 });
    rmSync(socket, { force: true });
  }
  namedServers.clear();
  return left;
}

/** Removes what tempDir made that is still there (test/helpers/temp-cleanup.ts, after each file). */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/**
 * A tmux server of the test's own (`-L` with a unique name), with its own HOME
 * or one it shares with another server (one user's terminal and tmux).
 * `kill()` kills only this server.
 */
export class TestServer {
  readonly socketName = `${process.env.TDT_SOCKET_PREFIX ?? 'tdt'}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly ownsHome: boolean;

  constructor(home?: string) {
    this.ownsHome = home === undefined;
    this.home = home ?? tempDir();
    this.env = isolatedEnv(this.home);
    namedServers.set(this.socketName, this.env);
  }

  /** tmux on this server; `-f /dev/null` keeps any tmux.conf out of the tests. */
  async tmux(...args: string[]): Promise<string> {
    const result = await execa('tmux', ['-u', '-f', '/dev/null', '-L', this.socketName, ...args], { env: this.env, extendEnv: false, stdin: 'ignore' });
    return result.stdout;
  }

  /** Starts the server with a session, so later calls find a server. */
  async start(sessionName = 'keep', dir: string = this.home): Promise<void> {
    await this.tmux('new-session', '-d', '-s', sessionName, '-c', dir, '-x', '120', '-y', '40');
  }

  async sessionNames(): Promise<string[]> {
    try {
      const out = await this.tmux('list-sessions', '-F', '#{session_name}');
      return out === '' ? [] : out.split('\n');
    } catch {
      return [];
    }
  }

  /** Runs the built binary (or `bin`, a copy of it) against this server. */
  cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {}): Promise<Result<{ reject: false }>> {
    return execa(process.execPath, [options.bin ?? BIN, '-L', this.socketName, ...args], {
      cwd: options.cwd ?? this.home,
      env: { ...this.env, ...options.env },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    }) as Promise<Result<{ reject: false }>>;
  }

  /** Kills this server and removes its socket file (tmux 3.3a leaves it behind: ~150 a test run otherwise). */
  async kill(): Promise<void> {
    // What runs in the panes (a dashboard among them) ends with the server,
    // but not at once: it may still write its log and release its lock in
    // HOME. Wait for those processes before removing HOME.
    const panes = await execa('tmux', ['-L', this.socketName, 'list-panes', '-a', '-F', '#{pane_pid}'], { reject: false, env: this.env, extendEnv: false });
    const running = descendants(panes.stdout.split('\n').map(Number).filter((pid) => pid > 0));
    await execa('tmux', ['-L', this.socketName, 'kill-server'], { reject: false, env: this.env, extendEnv: false });
    rmSync(socketFile(this.socketName, this.env), { force: true });
    await waitFor(() => (running.some(alive) ? undefined : true), 'the panes’ processes to end', 5000).catch(() => undefined);
    if (this.ownsHome) rmSync(this.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/** `roots` and every process below them (from /proc: each process's parent). */
function descendants(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the 2nd field after the command name, which may hold spaces: read after its ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const all: number[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.shift() ?? 0;
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

/** Whether a process of that pid exists (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Where tmux puts the socket of `-L name` (tmux(1), -L). */
export function socketFile(name: string, env: NodeJS.ProcessEnv): string {
  const dir = env.TMUX_TMPDIR === undefined || env.TMUX_TMPDIR === '' ? '/tmp' : env.TMUX_TMPDIR;
  return path.join(dir, `tmux-${String(process.getuid?.() ?? 0)}`, name);
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
