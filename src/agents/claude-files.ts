import { constants, promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HookState } from './model.js';

/**
 * Claude Code (since 2.1.139, undocumented) keeps a record per running
 * process in `<config dir>/sessions/<pid>.json`: among other keys `pid`,
 * `procStart` (the process's start time as /proc/<pid>/stat field 22 gives
 * it), `status` (`busy`, `waiting`, `idle`, `shell`) and `statusUpdatedAt`
 * or `updatedAt` (ms). The config dir is `$CLAUDE_CONFIG_DIR`, else
 * `~/.claude`.
 *
 * Reading it is cheap (no process is started) but it is a directory other
 * programs write, so: files are opened without following symlinks and
 * without blocking (a FIFO), used only when they are plain files of our own
 * user, read up to a size bound, and believed only when the process they
 * name still runs with the start time they record (a PID reused by another
 * process after Claude died is ignored). A PID maps to a pane when the pane's
 * process (`#{pane_pid}`) is it or one of its ancestors.
 */
export interface FileReport {
  agent: string;
  state: HookState;
  /** Unix seconds of the status change, when the file says. */
  since: number | null;
}

/** What a status word means; anything else is not believed. `shell`: at the prompt with a background shell. */
const STATUS: Readonly<Record<string, HookState>> = { busy: 'working', waiting: 'needs-input', idle: 'idle', shell: 'idle' };

export const MAX_STATUS_FILES = 256;
export const MAX_STATUS_FILE_BYTES = 16 * 1024;
/** How far up the process tree a PID is followed to its pane. */
const MAX_ANCESTORS = 32;

export function claudeSessionsDir(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const configDir = env.CLAUDE_CONFIG_DIR;
  return join(configDir !== undefined && configDir !== '' ? configDir : join(home, '.claude'), 'sessions');
}

/** Start time (field 22) and parent (field 4) of a process, from /proc; undefined when it is gone. */
export async function processStat(pid: number, procRoot = '/proc'): Promise<{ start: string; ppid: number } | undefined> {
  const text = await fsp.readFile(join(procRoot, String(pid), 'stat'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces or ')': count from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  const start = fields[19];
  return start === undefined || !Number.isInteger(ppid) ? undefined : { start, ppid };
}

/** The text of a plain file of ours, without following a symlink or waiting on a FIFO, at most `limit` bytes; undefined otherwise. */
async function readOwnSmallFile(file: string, limit: number): Promise<string | undefined> {
  const handle = await fsp.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const info = await handle.stat();
    const uid = process.getuid?.();
    if (!info.isFile() || (uid !== undefined && info.uid !== uid) || info.size > limit) return undefined;
    const buffer = Buffer.alloc(limit + 1);
    const { bytesRead } = await handle.read(buffer, 0, limit + 1, 0);
    return bytesRead > limit ? undefined : buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** A record's state, if the file is one we understand and its process is the one it names. */
export function parseStatusRecord(text: string, filePid: number): { pid: number; procStart: string; state: HookState; since: number | null } | undefined {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const { pid, procStart, status, statusUpdatedAt, updatedAt } = record as Record<string, unknown>;
  if (pid !== filePid || (typeof procStart !== 'string' && typeof procStart !== 'number') || typeof status !== 'string') return undefined;
  const state = Object.hasOwn(STATUS, status) ? STATUS[status] : undefined;
  if (state === undefined) return undefined;
  const changed = typeof statusUpdatedAt === 'number' ? statusUpdatedAt : typeof updatedAt === 'number' ? updatedAt : undefined;
  return { pid, procStart: String(procStart), state, since: changed === undefined ? null : Math.floor(changed / 1000) };
}

/**
 * Reports per pane id, from the status files of processes that run in one
 * of `panePids` (pane_pid → pane id). Linux only (/proc): elsewhere, and on
 * any problem with the directory, none.
 */
export async function readClaudeStatusFiles(panePids: ReadonlyMap<number, string>, options: { dir: string; procRoot?: string }): Promise<Map<string, FileReport>> {
  const reports = new Map<string, FileReport>();
  if (panePids.size === 0 || process.platform !== 'linux') return reports;
  const names = await fsp.readdir(options.dir).catch(() => [] as string[]);
  const files = names.filter((name) => /^\d{1,10}\.json$/.test(name)).slice(0, MAX_STATUS_FILES);
  await Promise.all(
    files.map(async (name) => {
      const filePid = Number(name.slice(0, -'.json'.length));
      const text = await readOwnSmallFile(join(options.dir, name), MAX_STATUS_FILE_BYTES);
      const record = text === undefined ? undefined : parseStatusRecord(text, filePid);
      if (record === undefined) return;
      const live = await processStat(record.pid, options.procRoot);
      if (live === undefined || live.start !== record.procStart) return;
      const paneId = await paneOf(record.pid, live.ppid, panePids, options.procRoot);
      if (paneId !== undefined) reports.set(paneId, { agent: 'claude', state: record.state, since: record.since });
    }),
  );
  return reports;
}

async function paneOf(pid: number, ppid: number, panePids: ReadonlyMap<number, string>, procRoot: string | undefined): Promise<string | undefined> {
  let current = pid;
  let parent = ppid;
  for (let depth = 0; depth < MAX_ANCESTORS; depth++) {
    const pane = panePids.get(current);
    if (pane !== undefined) return pane;
    if (parent <= 1) return undefined;
    current = parent;
    const up = await processStat(current, procRoot);
    if (up === undefined) return undefined;
    parent = up.ppid;
  }
  return undefined;
}
