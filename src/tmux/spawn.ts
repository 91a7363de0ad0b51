import { spawn, type ChildProcess } from 'node:child_process';
import { homedir } from 'node:os';
import { TmuxTimeoutError } from './errors.js';
import { nameServer, type TmuxServer } from './server.js';

/*
 * Starting a tmux client and making sure it never outlives us. Its own
 * module, with nothing else in it: the launcher's first list call
 * (src/cli/early.ts) uses it too, before the rest of the CLI loads.
 */

/** How a captured call ended: its output as bytes, and whether it failed. */
export interface Captured {
  failed: boolean;
  /** The spawn's error code (ENOENT: no tmux), when it could not start. */
  code: string | undefined;
  exitCode: number | undefined;
  stdout: Buffer;
  stderr: Buffer;
}

export interface CapturedProcess {
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
 * It resolves once the process is gone and its pipes are closed — or, with
 * `endMark`, as soon as stdout ends with it: a command line whose last
 * command prints that mark has run every command, and the client's exit,
 * which follows, is 2–4 ms that the first frame need not wait for.
 */
export function spawnCaptured(argv: readonly string[], options: { env?: NodeJS.ProcessEnv | undefined; endMark?: Buffer | undefined } = {}): CapturedProcess {
  const child = spawn('tmux', argv, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: workingDir(), detached: true });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const result = new Promise<Captured>((resolve) => {
    const done = (failed: boolean, code: string | undefined, exitCode: number | undefined, out = Buffer.concat(stdout)) => {
      resolve({ failed, code, exitCode, stdout: out, stderr: Buffer.concat(stderr) });
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done(true, error.code, undefined);
    });
    const { endMark } = options;
    if (endMark !== undefined) {
      child.stdout.once('end', () => {
        const out = Buffer.concat(stdout);
        if (out.length >= endMark.length && out.subarray(out.length - endMark.length).equals(endMark)) done(false, undefined, 0, out);
      });
    }
    child.once('close', (exitCode: number | null) => {
      done(exitCode !== 0, undefined, exitCode ?? undefined);
    });
  });
  return { pid: child.pid, child, result };
}

/** A tmux call started by someone else (the launcher's first list): its stdout, and how to stop it. */
export interface StartedCall {
  output: Promise<Uint8Array>;
  stop: () => void;
}

/** Kills the client's process group and lets go of its pipes (their other ends may stay open). */
export function endGroup(subprocess: CapturedProcess): void {
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
 * The folder tmux runs in. execa (like every spawn) needs one that exists; a
 * shell left in a deleted folder still has to reach its tmux server, and tmux
 * never depends on it (start directories are always passed with `-c`).
 */
export function workingDir(): string {
  try {
    return process.cwd();
  } catch {
    return homedir();
  }
}

/** The call's result, or a TmuxTimeoutError once `timeoutMs` has passed, its process group killed first (and then `afterKill`). */
export function withinDeadline(subprocess: CapturedProcess, call: { server: TmuxServer; env?: NodeJS.ProcessEnv | undefined; timeoutMs: number }, afterKill: () => void = () => undefined): Promise<Captured> {
  const { timeoutMs } = call;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      endGroup(subprocess);
      afterKill();
      reject(timeoutError(call.server, call.env, timeoutMs));
    }, timeoutMs);
  });
  return Promise.race([subprocess.result, deadline]).finally(() => {
    clearTimeout(timer);
  });
}

/** What a call that did not answer in time fails with. */
export function timeoutError(server: TmuxServer, env: NodeJS.ProcessEnv | undefined, timeoutMs: number): TmuxTimeoutError {
  return new TmuxTimeoutError(`the tmux server ${nameServer(server, env)} did not answer within ${formatSeconds(timeoutMs)} (stopped or wedged?; TMUX_DASHBOARD_TMUX_TIMEOUT_MS sets how long to wait)`);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
