import { lstatSync, readFileSync, rmSync } from 'node:fs';
import { replaceAtomically } from '../private-files.js';
import { LockFileError } from './errors.js';
import { isPlausiblePid } from './process-probe.js';

/** What the PID file says about the holder: enough to tell it is alive and where it runs. */
export interface PidRecord {
  pid: number;
  /** Clock ticks since boot (/proc/PID/stat); null where there is no /proc. */
  startTime: string | null;
  /** The holder's /proc/PID/cmdline, to tell a reused pid from ours. */
  cmdline: string | null;
  host: string;
  uid: number;
  tty: string | null;
  /** $TMUX_PANE of the holder, when it runs in a tmux pane. */
  pane: string | null;
  /** The tmux socket the holder's own pane lives on ($TMUX), for focusing it. */
  paneSocket: string | null;
  version: string;
  /** ISO 8601. */
  startedAt: string;
  /**
   * A secret of this holder's, readable only through this 0600 file: a
   * takeover request must show it, so another user cannot make us quit.
   */
  token: string | null;
}

/** Writes the record atomically (see replaceAtomically): the old record or the new one, never half of it. */
export function writePidFile(file: string, record: PidRecord): void {
  try {
    // Not synced to disk: a PID file describes a running process, and after a crash of the machine there is none (a
    // record that survived or not is stale either way, and stale records are detected). The sync cost the first frame.
    replaceAtomically(file, `${JSON.stringify(record)}\n`, { durable: false });
  } catch (error) {
    throw new LockFileError(`cannot write the PID file ${file}: ${(error as Error).message}`);
  }
}

export type PidFileContent = { kind: 'missing' } | { kind: 'invalid'; reason: string } | { kind: 'record'; record: PidRecord };

/** Reads and checks the PID file. Garbage is reported, never trusted (and never signalled). */
export function readPidFile(file: string): PidFileContent {
  let text: string;
  try {
    if (lstatSync(file).isSymbolicLink()) return { kind: 'invalid', reason: 'the PID file is a symbolic link' };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: (error as Error).message };
  }
  if (text.trim() === '') return { kind: 'invalid', reason: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The seed's format was a bare pid; read it so its holder shows in status.
    const pid = Number(text.trim());
    if (!isPlausiblePid(pid)) return { kind: 'invalid', reason: `not a PID: ${JSON.stringify(text.slice(0, 40))}` };
    value = { pid };
  }
  if (typeof value !== 'object' || value === null) return { kind: 'invalid', reason: 'not a record' };
  const raw = value as Record<string, unknown>;
  if (!isPlausiblePid(raw.pid)) return { kind: 'invalid', reason: `not a PID: ${JSON.stringify(raw.pid)}` };
  const str = (key: string): string | null => (typeof raw[key] === 'string' ? raw[key] : null);
  return {
    kind: 'record',
    record: {
      pid: raw.pid,
      startTime: str('startTime'),
      cmdline: str('cmdline'),
      host: str('host') ?? '',
      uid: typeof raw.uid === 'number' ? raw.uid : -1,
      tty: str('tty'),
      pane: str('pane'),
      paneSocket: str('paneSocket'),
      version: str('version') ?? '',
      startedAt: str('startedAt') ?? '',
      token: str('token'),
    },
  };
}

/** Removes the PID file if it still names `pid` (a newer holder's file is left alone). */
export function removeOwnPidFile(file: string, pid: number): void {
  const content = readPidFile(file);
  if (content.kind === 'record' && content.record.pid === pid) rmSync(file, { force: true });
}
