import { readFileSync, readlinkSync } from 'node:fs';
import { isatty } from 'node:tty';
import { procStat } from '../proc-stat.js';

/** Largest pid Linux can hand out (PID_MAX_LIMIT); anything above is garbage. */
const PID_MAX = 4_194_304;

export function isPlausiblePid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && pid <= PID_MAX;
}

/**
 * The process's start time in clock ticks since boot (field 22 of
 * /proc/PID/stat). With the pid it names one process for the machine's
 * uptime, so a reused pid is told apart. undefined: no such process, or no /proc.
 */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTicks;
}

export function processCmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return undefined;
  }
}

export function hasProcFs(): boolean {
  return processStartTime(process.pid) !== undefined;
}

/**
 * Whether a process exists, without signalling it: /proc where there is one;
 * elsewhere `kill(pid, 0)`, which checks and delivers nothing.
 */
export function processExists(pid: number): boolean {
  if (!isPlausiblePid(pid)) return false;
  if (hasProcFs()) return processStartTime(pid) !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The terminal of this process (`/dev/pts/3`), if its stdin is one. */
export function ownTty(): string | undefined {
  if (!isatty(0)) return undefined;
  try {
    // The link of fd 0 names the device without running `tty`.
    return readlinkSync('/proc/self/fd/0');
  } catch {
    return undefined;
  }
}
