import { readdirSync, readFileSync, statSync } from 'node:fs';
import { procStat } from '../proc-stat.js';

/**
 * A tmux client that finds no server forks one, and the server leaves the
 * client's process group at once (it daemonises into a session of its own).
 * Killing the client's group on a deadline therefore leaves a half-started
 * server behind — measured with a config whose `run-shell 'sleep 20'` held
 * the server's start. That server still carries the client's exact command
 * line (tmux renames only its `comm`), and it was started after the client:
 * both together name it, and never a server started earlier by an identical
 * command (the user's server from yesterday). Linux only: elsewhere there is
 * no /proc and nothing is done.
 */

/** When `pid` started, in clock ticks since boot; undefined when it cannot be read. */
export function startTicks(pid: number): number | undefined {
  const ticks = Number(procStat(pid)?.startTicks);
  return Number.isFinite(ticks) ? ticks : undefined;
}

/**
 * Kills (with their process groups) the processes of this user that run
 * exactly `args` and started no earlier than `since`, other than `clientPid`.
 * Returns their pids.
 */
export function killForkedServers(args: readonly string[], clientPid: number, since: number): number[] {
  const wanted = args.join('\0') + '\0';
  const uid = process.getuid?.();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const killed: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === clientPid || pid === process.pid) continue;
    try {
      if (uid !== undefined && statSync(`/proc/${entry}`).uid !== uid) continue;
      // argv[0] is however tmux was found; the rest is what we passed.
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.slice(cmdline.indexOf('\0') + 1) !== wanted) continue;
      const started = startTicks(pid);
      if (started === undefined || started < since) continue;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Not a group leader (yet): the process alone.
      }
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return killed;
}
