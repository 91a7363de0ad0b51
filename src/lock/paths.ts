import { sha256Hex } from '../digest.js';
import { basename, join, resolve } from 'node:path';
import { socketPathOf, type TmuxServer } from '../tmux/server.js';
import { stateDir } from '../xdg.js';

export interface LockPaths {
  lockFile: string;
  pidFile: string;
}

/**
 * One lock per tmux server. The default server keeps the plain paths; any
 * other socket adds a suffix (readable name + hash of the socket path), so
 * dashboards of two servers never block each other.
 */
export function lockPathsFor(server: TmuxServer, env: NodeJS.ProcessEnv = process.env): LockPaths {
  const dir = stateDir(env);
  const lockFile = nonEmpty(env.TMUX_DASHBOARD_LOCK_FILE) ?? join(dir, 'lock');
  const pidFile = nonEmpty(env.TMUX_DASHBOARD_PID_FILE) ?? join(dir, 'pid');
  const socket = resolve(socketPathOf(server, env));
  if (socket === resolve(socketPathOf({ kind: 'default' }, env))) {
    return { lockFile: resolve(lockFile), pidFile: resolve(pidFile) };
  }
  const readable = basename(socket).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 32);
  const hash = sha256Hex(socket).slice(0, 8);
  const suffix = `.${readable}-${hash}`;
  return { lockFile: resolve(lockFile + suffix), pidFile: resolve(pidFile + suffix) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
