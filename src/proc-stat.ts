import { readFileSync } from 'node:fs';

/**
 * A process as Linux's /proc/PID/stat shows it: the fields after the
 * command name, which may itself hold spaces and parentheses (so they are
 * counted from its last ')'). undefined: no such process, or no /proc.
 */
export interface ProcStat {
  /** R, S, D, T (stopped), Z… */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** When it started, in clock ticks since boot: with the pid, one process for the machine's uptime. */
  startTicks: string;
}

export function procStat(pid: number | 'self'): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [state, ppid, pgrp, session] = fields;
  const startTicks = fields[19];
  if (state === undefined || ppid === undefined || pgrp === undefined || session === undefined || startTicks === undefined) return undefined;
  return { state, ppid: Number(ppid), pgrp: Number(pgrp), session: Number(session), startTicks };
}
