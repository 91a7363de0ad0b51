import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { NameTakenError, NoServerError, ServerClosedError, SessionNotFoundError, TmuxError, TmuxNotInstalledError, TmuxTimeoutError, TmuxVersionError } from './errors.js';
import { killForkedServers, startTicks } from './forked-server.js';
import { nameServer, serverArgs, type TmuxServer } from './server.js';

// The three ways tmux says "there is no server" (docs/ARCHITECTURE.md, section 4), plus a socket
// left behind by a server killed with SIGKILL.
const NO_SERVER = /no server running on|error connecting to .*\((No such file or directory|Connection refused)\)/;
const CLOSED = /server exited unexpectedly/;
const NOT_FOUND = /can't find session:? ?(.*)/;
const DUPLICATE = /duplicate session:? ?(.*)/;
// What a tmux too old for our flags or commands says: its usage text, or one of these.
const NOT_UNDERSTOOD = /^usage: |unknown command|unknown option|unknown flag|invalid option|command .* too many arguments/m;
const MIN_VERSION = '3.2';

/** How long a tmux call may take when nothing else is set (`tmux_timeout_ms`). */
export const DEFAULT_TMUX_TIMEOUT_MS = DEFAULT_CONFIG.tmux_timeout_ms;

export interface TmuxCall {
  server: TmuxServer;
  env?: NodeJS.ProcessEnv | undefined;
  /** The call's deadline; DEFAULT_TMUX_TIMEOUT_MS when not given. */
  timeoutMs?: number | undefined;
  /** The command can start a server (new-session): one that is still starting at the deadline is ended too. */
  mayStartServer?: boolean | undefined;
}

/**
 * Runs one tmux command line (which may hold several commands joined by `;`)
 * and returns its raw stdout. Arguments go straight to tmux: no shell ever.
 *
 * `-u` makes tmux pass UTF-8 and our field separators through untouched even
 * when the locale is not UTF-8 (without it tmux prints `_` for both).
 *
 * A server that does not answer (stopped, wedged, a socket whose owner never
 * replies) would keep the client waiting for ever, so every call has a
 * deadline. tmux runs in a process group of its own (`detached`): on the
 * deadline the whole group is killed — the client and anything it started
 * that stayed in it — and the call fails at once, without waiting for its
 * pipes, which a process the client forked may still hold open.
 */
export async function runTmux(call: TmuxCall, args: readonly string[]): Promise<string> {
  return new TextDecoder().decode(await runTmuxBytes(call, args));
}

/**
 * runTmux, with stdout as the bytes tmux wrote: what the framed formats
 * (src/tmux/formats.ts) count their lengths in, and what keeps bytes that
 * are not UTF-8 from turning into U+FFFD before they are read.
 */
export async function runTmuxBytes(call: TmuxCall, args: readonly string[]): Promise<Uint8Array> {
  const argv = ['-u', ...serverArgs(call.server), ...args];
  const subprocess = spawnCaptured(argv, call);
  const since = call.mayStartServer === true && subprocess.pid !== undefined ? startTicks(subprocess.pid) : undefined;
  const group = subprocess.pid;
  if (group !== undefined) running.track(group);
  let result;
  try {
    result = await withinDeadline(subprocess, call, () => {
      if (since !== undefined && subprocess.pid !== undefined) killForkedServers(argv, subprocess.pid, since);
    });
  } finally {
    if (group !== undefined) running.untrack(group);
  }
  if (result.failed) throw await classifyFailure(result.code, result.stderr.toString('utf8'), result.exitCode, call);
  return result.stdout;
}

/** How a captured call ended: its output as bytes, and whether it failed. */
interface Captured {
  failed: boolean;
  /** The spawn's error code (ENOENT: no tmux), when it could not start. */
  code: string | undefined;
  exitCode: number | undefined;
  stdout: Buffer;
  stderr: Buffer;
}

interface CapturedProcess {
  pid: number | undefined;
  child: ChildProcess;
  result: Promise<Captured>;
}

/**
 * Starts tmux with stdout and stderr captured as bytes, in a process group
 * of its own (`detached`), stdin closed, never through a shell. Plain
 * node:child_process, not execa: these calls are on the way to the first
 * frame, and execa with its dependencies (about 110 KB of the bundle) took
 * longer to load than the list call takes (README, "How it is built").
 * It resolves once the process is gone and its pipes are closed.
 */
function spawnCaptured(argv: readonly string[], call: TmuxCall): CapturedProcess {
  const child = spawn('tmux', argv, { stdio: ['ignore', 'pipe', 'pipe'], env: call.env ?? process.env, cwd: workingDir(), detached: true });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const result = new Promise<Captured>((resolve) => {
    const done = (failed: boolean, code: string | undefined, exitCode: number | undefined) => {
      resolve({ failed, code, exitCode, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) });
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done(true, error.code, undefined);
    });
    child.once('close', (exitCode: number | null) => {
      done(exitCode !== 0, undefined, exitCode ?? undefined);
    });
  });
  return { pid: child.pid, child, result };
}

const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The process groups of the tmux calls in flight. Being detached, they get
 * neither the terminal's Ctrl-C nor execa's clean-up when we exit, and one
 * waiting on a stopped server would wait on after us: so whichever way this
 * process ends, they are killed first. The signal listeners are there only
 * while a call is; they re-raise the signal once the groups are gone, so a
 * subcommand still dies of Ctrl-C as before.
 */
const running = new (class RunningGroups {
  private readonly groups = new Set<number>();

  track(group: number): void {
    this.groups.add(group);
    if (this.groups.size !== 1) return;
    process.on('exit', this.endAll);
    for (const signal of EXIT_SIGNALS) process.on(signal, this.onSignal);
  }

  untrack(group: number): void {
    this.groups.delete(group);
    if (this.groups.size === 0) this.stopListening();
  }

  private stopListening(): void {
    process.off('exit', this.endAll);
    for (const signal of EXIT_SIGNALS) process.off(signal, this.onSignal);
  }

  private readonly endAll = (): void => {
    for (const group of this.groups) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    this.groups.clear();
  };

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.endAll();
    this.stopListening();
    // Again, now without us: the default action ends the process, or
    // whoever else listens (signal-exit defers to any other listener, so it
    // would not act while we were there) does what it does.
    process.kill(process.pid, signal);
  };
})();

/**
 * For a tmux process that lives on (the control-mode client,
 * src/tmux/control.ts): its process group is killed with the calls in
 * flight on every exit path, so it never outlives us.
 */
export function trackGroup(group: number): void {
  running.track(group);
}

export function untrackGroup(group: number): void {
  running.untrack(group);
}

/**
 * Runs tmux with the terminal handed over (attach). Resolves with tmux's exit
 * code; tmux prints its own messages on the inherited stderr. No deadline:
 * it lasts as long as the user stays attached (the checks before it have one).
 */
export async function runTmuxInteractive(call: TmuxCall, args: readonly string[]): Promise<number> {
  // Loaded only now: an attach comes long after the first frame, which must not wait for execa.
  const { execa } = await import('execa');
  const result = await execa('tmux', [...serverArgs(call.server), ...args], {
    reject: false,
    stdio: 'inherit',
    env: call.env,
    extendEnv: call.env === undefined,
    cwd: workingDir(),
  });
  if (result.code === 'ENOENT') throw new TmuxNotInstalledError();
  return result.exitCode ?? 1;
}

/**
 * The folder tmux runs in. execa (like every spawn) needs one that exists; a
 * shell left in a deleted folder still has to reach its tmux server, and tmux
 * never depends on it (start directories are always passed with `-c`).
 */
export function workingDir(): string {
  try {
    return process.cwd();
  } catch {
    return os.homedir();
  }
}

function withinDeadline(subprocess: CapturedProcess, call: TmuxCall, afterKill: () => void = () => undefined): Promise<Captured> {
  const timeoutMs = call.timeoutMs ?? DEFAULT_TMUX_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      endGroup(subprocess);
      afterKill();
      reject(new TmuxTimeoutError(`the tmux server ${nameServer(call.server, call.env)} did not answer within ${formatSeconds(timeoutMs)} (stopped or wedged?; TMUX_DASHBOARD_TMUX_TIMEOUT_MS sets how long to wait)`));
    }, timeoutMs);
  });
  return Promise.race([subprocess.result, deadline]).finally(() => {
    clearTimeout(timer);
  });
}

/** Kills the client's process group and lets go of its pipes (their other ends may stay open). */
function endGroup(subprocess: CapturedProcess): void {
  const pid = subprocess.pid;
  if (pid !== undefined) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  subprocess.child.stdout?.destroy();
  subprocess.child.stderr?.destroy();
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

async function classifyFailure(code: string | undefined, stderr: string, exitCode: number | undefined, call: TmuxCall): Promise<TmuxError> {
  if (code === 'ENOENT') return new TmuxNotInstalledError();
  const message = stderr.trim();
  if (NO_SERVER.test(message)) return new NoServerError(`no tmux server is running (${message})`);
  if (CLOSED.test(message)) return new ServerClosedError(`no tmux server answers on ${nameServer(call.server, call.env)}: the socket closed the connection (another program's socket, or a server that was exiting)`);
  const notFound = message.match(NOT_FOUND);
  if (notFound) return new SessionNotFoundError(notFound[1] ?? '');
  const duplicate = message.match(DUPLICATE);
  if (duplicate) return new NameTakenError(duplicate[1] ?? '');
  if (NOT_UNDERSTOOD.test(message)) return new TmuxVersionError(await versionProblem(call));
  const firstLine = message.split('\n')[0] ?? '';
  return new TmuxError(message === '' ? `tmux failed (exit code ${exitCode ?? 'unknown'})` : `tmux: ${firstLine}`);
}

/**
 * Asked only when tmux did not understand a call, so a working tmux costs no
 * extra process: `tmux -V` says which version answered.
 */
async function versionProblem(call: TmuxCall): Promise<string> {
  let version = 'of an unknown version';
  try {
    const result = await withinDeadline(spawnCaptured(['-V'], call), call);
    const match = result.stdout.toString('utf8').match(/(\d+\.\d+[a-z]?)/);
    if (match?.[1] !== undefined) version = match[1];
  } catch {
    // Keep "unknown": the message still says what is needed.
  }
  const older = /^\d/.test(version) && compareVersions(version, MIN_VERSION) < 0;
  return `tmux ${version} is ${older ? 'too old' : 'not understood'}: need ≥ ${MIN_VERSION}`;
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map((part) => parseInt(part, 10));
  const [bMajor = 0, bMinor = 0] = b.split('.').map((part) => parseInt(part, 10));
  return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
}
