import { lstatSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ServerPathError } from './errors.js';

/**
 * Which tmux server to talk to. Same meaning as tmux's own `-L` / `-S`;
 * with neither, the server of `$TMUX` (the one we run inside), else tmux's default.
 */
export type TmuxServer =
  | { kind: 'default' }
  | { kind: 'socket-name'; name: string }
  | { kind: 'socket-path'; path: string };

export interface ServerOptions {
  socketName?: string | undefined;
  socketPath?: string | undefined;
}

export function resolveServer(options: ServerOptions, env: NodeJS.ProcessEnv = process.env): TmuxServer {
  if (options.socketName !== undefined) return { kind: 'socket-name', name: options.socketName };
  if (options.socketPath !== undefined) return { kind: 'socket-path', path: resolve(options.socketPath) };
  const fromTmux = socketPathFromTmuxEnv(env);
  if (fromTmux !== undefined) return { kind: 'socket-path', path: fromTmux };
  return { kind: 'default' };
}

/**
 * `$TMUX` is `socket_path,server_pid,session_index`, the path absolute (tmux
 * writes it so). Anything else is no tmux's: read as a path it would name a
 * file in whatever folder a command runs in.
 */
export function socketPathFromTmuxEnv(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.TMUX;
  if (value === undefined || value === '') return undefined;
  const socket = value.split(',')[0];
  return socket === undefined || !isAbsolute(socket) ? undefined : socket;
}

/** The global flags that select this server on a tmux command line. */
export function serverArgs(server: TmuxServer): string[] {
  switch (server.kind) {
    case 'socket-name':
      return ['-L', server.name];
    case 'socket-path':
      return ['-S', server.path];
    case 'default':
      return [];
  }
}

/** Where tmux puts the socket of this server (tmux's own rule: $TMUX_TMPDIR or /tmp, then tmux-UID). */
export function socketPathOf(server: TmuxServer, env: NodeJS.ProcessEnv = process.env): string {
  if (server.kind === 'socket-path') return server.path;
  const name = server.kind === 'socket-name' ? server.name : 'default';
  const tmpdir = env.TMUX_TMPDIR !== undefined && env.TMUX_TMPDIR !== '' ? env.TMUX_TMPDIR : '/tmp';
  const uid = process.getuid?.() ?? 0;
  return join(tmpdir, `tmux-${uid}`, name);
}

/** A short label for messages: `default`, `-L work`, `-S /path`. */
export function describeServer(server: TmuxServer): string {
  switch (server.kind) {
    case 'socket-name':
      return `-L ${server.name}`;
    case 'socket-path':
      return `-S ${server.path}`;
    case 'default':
      return 'default';
  }
}

/** The server named by its socket, for messages that must say which server: `-L work (/tmp/tmux-1000/work)`. */
export function nameServer(server: TmuxServer, env: NodeJS.ProcessEnv = process.env): string {
  const socket = socketPathOf(server, env);
  return server.kind === 'socket-path' ? socket : `${describeServer(server)} (${socket})`;
}

function kindOf(info: Stats): string {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a socket';
}

/**
 * Refuses a socket path tmux must not be given, before any tmux call: a
 * client that finds no server there unlinks whatever the path names and puts
 * its socket in its place (a `-S ~/notes.txt` would lose the notes), and a
 * missing folder makes tmux fail with a message about its own internals.
 * A path that does not exist yet is fine (a new server goes there), and so
 * is a socket or a link to one. Only the folder tmux creates itself
 * (`tmux-UID` under $TMUX_TMPDIR, for `-L` and the default) may be missing.
 */
export function checkServerPath(server: TmuxServer, env: NodeJS.ProcessEnv = process.env): void {
  const socket = socketPathOf(server, env);
  const flag = server.kind === 'socket-path' ? `-S ${socket}` : `the socket of ${describeServer(server)} (${socket})`;
  let info: Stats | undefined;
  try {
    info = lstatSync(socket);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ServerPathError(`${flag} cannot be checked (${(error as Error).message})`);
  }
  if (info === undefined) {
    if (server.kind !== 'socket-path' && !(server.kind === 'socket-name' && server.name.includes('/'))) return;
    const folder = dirname(socket);
    let parent: Stats | undefined;
    try {
      parent = statSync(folder);
    } catch {
      throw new ServerPathError(`${flag}: the folder ${folder} does not exist`);
    }
    if (!parent.isDirectory()) throw new ServerPathError(`${flag}: ${folder} is not a folder`);
    return;
  }
  if (info.isSocket()) return;
  if (info.isSymbolicLink()) {
    let target: Stats | undefined;
    try {
      target = statSync(socket);
    } catch {
      // A dangling link: tmux would create its socket at the link's target, through the link.
      throw new ServerPathError(`${flag} is a symbolic link to nothing, not a tmux socket; refusing to use it`);
    }
    if (target.isSocket()) return;
    throw new ServerPathError(`${flag} is a symbolic link to ${kindOf(target)}, not a tmux socket; refusing to use it (tmux would replace it)`);
  }
  throw new ServerPathError(`${flag} is ${kindOf(info)}, not a tmux socket; refusing to use it (tmux would replace it)`);
}
