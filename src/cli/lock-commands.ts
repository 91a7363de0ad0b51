import { statSync } from 'node:fs';
import { describeHolder, describeSquatters, lockForServer } from '../lock/index.js';
import type { Logger } from '../log/logger.js';
import type { TmuxServer } from '../tmux/server.js';
import type { Output } from './commands.js';
import { ExitCode } from './exit-codes.js';

/** `status`: exit 0 when no live dashboard holds the lock, 3 when one does. */
export async function statusCommand(server: TmuxServer, json: boolean, output: Output): Promise<number> {
  const status = await lockForServer(server).getStatus();
  const { holder } = status;
  if (json) {
    output.out(
      `${JSON.stringify(
        {
          locked: status.locked,
          alive: status.alive,
          stale: status.stale,
          pid: holder?.pid ?? null,
          host: holder?.host ?? null,
          tty: holder?.tty ?? null,
          pane: holder?.pane ?? null,
          started: holder?.startedAt ?? null,
          version: holder?.version ?? null,
          lockFile: status.lockFile,
          pidFile: status.pidFile,
          pidFileProblem: status.pidFileProblem,
          foreignGuardHolders: status.squatters.map((squatter) => ({ pid: squatter.pid, uid: squatter.uid })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    // A plain file where the lock's directory goes is no dashboard's lock: cleanup-locks would refuse it too.
    const notALock = !status.alive && !(statSync(status.lockFile, { throwIfNoEntry: false })?.isDirectory() ?? true);
    const state = status.alive ? `running (${describeHolder(holder)})` : notALock ? `not running, and no dashboard can start: ${status.lockFile} is a file, where the lock's directory goes; remove it (or move it away)` : status.stale ? `stale lock of a dead dashboard (${describeHolder(holder)})` : 'not running';
    const lines = [`dashboard: ${state}`];
    if (holder !== null && status.alive) lines.push(`host: ${holder.host}`, `started: ${holder.startedAt}`, `version: ${holder.version}`);
    if (status.pidFileProblem !== null) lines.push(`pid file: unreadable (${status.pidFileProblem})`);
    if (status.squatters.length > 0) lines.push(`warning: the lock's guard name is also held by ${describeSquatters(status.squatters)}: not a dashboard of yours, ignored`);
    lines.push(`lock file: ${status.lockFile}`, `pid file: ${status.pidFile}`);
    if (status.stale && !notALock) lines.push("run 'tmux-dashboard cleanup-locks' to remove it (the next start also does)");
    output.out(`${lines.join('\n')}\n`);
  }
  return status.alive ? ExitCode.locked : ExitCode.ok;
}

/** `cleanup-locks`: removes what a dead dashboard left; never a live one's lock (exit 3 then, as `status`). */
export async function cleanupLocksCommand(server: TmuxServer, output: Output, log: Logger): Promise<number> {
  const result = await lockForServer(server).cleanupStaleLocks();
  for (const file of result.removed) log.info('lock_stale_removed', `cleanup-locks removed ${file}`);
  if (result.squatters.length > 0) {
    output.out(`every name of the lock's guard is held by processes of other users (${describeSquatters(result.squatters)}); not dashboards of yours, but nothing can be removed safely while they hold them\n`);
    return ExitCode.failure;
  }
  if (result.liveHolder !== null || (result.removed.length === 0 && (await lockForServer(server).isLocked()))) {
    output.out(`a live dashboard holds the lock (${describeHolder(result.liveHolder)}); nothing removed\n`);
    // As `status`: 3 means a live dashboard holds the lock, so scripts can tell it from "cleaned".
    return ExitCode.locked;
  }
  output.out(result.removed.length === 0 ? 'no stale lock found\n' : result.removed.map((file) => `removed ${file}\n`).join(''));
  return ExitCode.ok;
}
