import { DEFAULT_CONFIG } from '../config/schema.js';
import { procStat } from '../proc-stat.js';
import { NameTakenError, NoServerError, ServerClosedError, SessionNotFoundError, TmuxError, TmuxNotInstalledError, TmuxVersionError } from './errors.js';
import { killForkedServers, startTicks } from './forked-server.js';
import { nameServer, serverArgs, type TmuxServer } from './server.js';
import { spawnCaptured, trackGroup, untrackGroup, withinDeadline, workingDir } from './spawn.js';

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
  /** What the command line's last command prints (LIST_END): the call is over when stdout ends with it (src/tmux/spawn.ts). */
  endMark?: Buffer | undefined;
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
  const subprocess = spawnCaptured(argv, { env: call.env, endMark: call.endMark });
  const since = call.mayStartServer === true && subprocess.pid !== undefined ? startTicks(subprocess.pid) : undefined;
  const group = subprocess.pid;
  if (group !== undefined) trackGroup(group);
  let result;
  try {
    result = await withinDeadline(subprocess, { ...call, timeoutMs: call.timeoutMs ?? DEFAULT_TMUX_TIMEOUT_MS }, () => {
      if (since !== undefined && subprocess.pid !== undefined) killForkedServers(argv, subprocess.pid, since);
    });
  } finally {
    if (group !== undefined) untrackGroup(group);
  }
  if (result.failed) throw await classifyFailure(result.code, result.stderr.toString('utf8'), result.exitCode, call);
  return result.stdout;
}



/**
 * Runs tmux with the terminal handed over (attach). Resolves with tmux's exit
 * code; tmux prints its own messages on the inherited stderr. No deadline:
 * it lasts as long as the user stays attached (the checks before it have one).
 */
export async function runTmuxInteractive(call: TmuxCall, args: readonly string[]): Promise<number> {
  // Loaded only now: an attach comes long after the first frame, which must not wait for execa.
  const { execa } = await import('execa');
  const client = execa('tmux', [...serverArgs(call.server), ...args], {
    reject: false,
    stdio: 'inherit',
    env: call.env,
    extendEnv: call.env === undefined,
    cwd: workingDir(),
  });
  const unfollow = client.pid === undefined ? () => undefined : stopWhenStopped(client.pid);
  try {
    const result = await client;
    if (result.code === 'ENOENT') throw new TmuxNotInstalledError();
    return result.exitCode ?? 1;
  } finally {
    unfollow();
  }
}

/**
 * tmux's suspend-client (C-b C-z) stops the attached client, and only it:
 * the shell that started us would wait for us, and nobody would read the
 * terminal. Run from the shell, `tmux attach` is the job and the shell gets
 * the prompt back; so when the client stops, our whole process group stops
 * as the terminal's Ctrl-Z would stop it (npx and npm, which wait for us,
 * included): the shell says "Stopped", and `fg` continues the group, the
 * client with it. Linux's /proc tells why a SIGCHLD came; elsewhere this
 * does nothing. A group that no shell controls (orphaned: a login shell
 * replaced by us) is not stopped by the kernel, nor is the client.
 */
function stopWhenStopped(pid: number): () => void {
  const onChild = () => {
    if (procStat(pid)?.state === 'T') process.kill(0, 'SIGTSTP');
  };
  process.on('SIGCHLD', onChild);
  return () => {
    process.off('SIGCHLD', onChild);
  };
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
    const result = await withinDeadline(spawnCaptured(['-V'], { env: call.env }), { ...call, timeoutMs: call.timeoutMs ?? DEFAULT_TMUX_TIMEOUT_MS });
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
