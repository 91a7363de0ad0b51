import path from 'node:path';

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
  if (options.socketPath !== undefined) return { kind: 'socket-path', path: path.resolve(options.socketPath) };
  const fromTmux = socketPathFromTmuxEnv(env);
  if (fromTmux !== undefined) return { kind: 'socket-path', path: fromTmux };
  return { kind: 'default' };
}

/** `$TMUX` is `socket_path,server_pid,session_index`. */
export function socketPathFromTmuxEnv(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.TMUX;
  if (value === undefined || value === '') return undefined;
  const socket = value.split(',')[0];
  return socket === undefined || socket === '' ? undefined : socket;
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
  return path.join(tmpdir, `tmux-${uid}`, name);
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
