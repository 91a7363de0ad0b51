import { execa } from 'execa';
import { NameTakenError, NoServerError, SessionNotFoundError, TmuxError, TmuxNotInstalledError } from './errors.js';
import { serverArgs, type TmuxServer } from './server.js';

// The three ways tmux says "there is no server" (docs/ARCHITECTURE.md, section 4), plus a socket
// left behind by a server killed with SIGKILL.
const NO_SERVER = /no server running on|error connecting to .*\((No such file or directory|Connection refused)\)|server exited unexpectedly/;
const NOT_FOUND = /can't find session:? ?(.*)/;
const DUPLICATE = /duplicate session:? ?(.*)/;

export interface TmuxCall {
  server: TmuxServer;
  env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Runs one tmux command line (which may hold several commands joined by `;`)
 * and returns its raw stdout. Arguments go straight to tmux: no shell ever.
 *
 * `-u` makes tmux pass UTF-8 and our field separators through untouched even
 * when the locale is not UTF-8 (without it tmux prints `_` for both).
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
  const result = await execa('tmux', ['-u', ...serverArgs(call.server), ...args], {
    reject: false,
    stdin: 'ignore',
    encoding: 'buffer',
    stripFinalNewline: false,
    env: call.env,
    extendEnv: call.env === undefined,
  });
  if (result.failed) throw classifyFailure(result.code, new TextDecoder().decode(result.stderr), result.exitCode);
  return result.stdout;
}

/**
 * Runs tmux with the terminal handed over (attach). Resolves with tmux's exit
 * code; tmux prints its own messages on the inherited stderr.
 */
export async function runTmuxInteractive(call: TmuxCall, args: readonly string[]): Promise<number> {
  const result = await execa('tmux', [...serverArgs(call.server), ...args], {
    reject: false,
    stdio: 'inherit',
    env: call.env,
    extendEnv: call.env === undefined,
  });
  if (result.code === 'ENOENT') throw new TmuxNotInstalledError();
  return result.exitCode ?? 1;
}

function classifyFailure(code: string | undefined, stderr: string, exitCode: number | undefined): TmuxError {
  if (code === 'ENOENT') return new TmuxNotInstalledError();
  const message = stderr.trim();
  if (NO_SERVER.test(message)) return new NoServerError(`no tmux server is running (${message})`);
  const notFound = message.match(NOT_FOUND);
  if (notFound) return new SessionNotFoundError(notFound[1] ?? '');
  const duplicate = message.match(DUPLICATE);
  if (duplicate) return new NameTakenError(duplicate[1] ?? '');
  return new TmuxError(message === '' ? `tmux failed (exit code ${exitCode ?? 'unknown'})` : `tmux: ${message}`);
}
