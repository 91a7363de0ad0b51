import { closeSync, constants, fstatSync, lstatSync, mkdirSync, renameSync, rmdirSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LOG_OFF, type Config } from '../config/schema.js';
import { openOwnFile } from '../private-files.js';
import { expandHome, prepareDirOf, stateDir } from '../xdg.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  ts: string;
  level: LogLevel;
  event: string;
  session_name?: string;
  message: string;
}

export interface LoggerOptions {
  /** Rotate when the file reaches this size. */
  maxBytes?: number;
  /** Rotated files kept: log.jsonl.1 … log.jsonl.N. */
  keep?: number;
}

/** ISO 8601 with the local offset (`2026-11-26T15:20:00.123+01:00`), as the log promises. */
export function isoWithOffset(date: Date = new Date()): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
  return `${local}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

export function defaultLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'log.jsonl');
}

/** The file `log_path` means: null is the default place, 'off' (or none, 0, false) no log at all, `~/…` under the home folder. */
export function logPathOf(config: Pick<Config, 'log_path'>, env: NodeJS.ProcessEnv = process.env): string | null {
  if (config.log_path === null) return defaultLogPath(env);
  if (LOG_OFF.includes(config.log_path.toLowerCase())) return null;
  return expandHome(config.log_path, homedir());
}

/**
 * The JSONL log. Each record is one `write` on an O_APPEND descriptor, so
 * lines from several processes never interleave. A log that cannot be
 * written goes quiet: it never disturbs the UI or a command.
 *
 * Several processes write it and any of them may rotate it, so a descriptor
 * kept open can name a file that is no longer `log.jsonl` (renamed to .1, or
 * already deleted as the oldest). Before each line the descriptor is checked
 * against the path (device and inode) and reopened when they differ: a
 * dashboard open for days writes where the others do, and never decides to
 * rotate from the size of a file that is not the current one.
 */
export class Logger {
  private fd: number | undefined;
  private broken = false;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(
    readonly file: string | null,
    options: LoggerOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
  }

  log(level: LogLevel, event: string, message: string, sessionName?: string): void {
    if (this.file === null || this.broken) return;
    if (this.held !== undefined) {
      this.held.push({ at: new Date(), level, event, message, sessionName });
      return;
    }
    this.write(this.file, new Date(), level, event, message, sessionName);
  }

  /**
   * Keeps the lines logged from now on until the returned function (or
   * close()) writes them, in order, each with the time it was logged. The
   * dashboard holds its lines until its first frame is on the screen: the
   * first local time a process reads loads its time zone (~7 ms with a zone
   * set, as on most desktops), and the first line opens the file.
   */
  hold(): () => void {
    this.held ??= [];
    return () => {
      this.flush();
    };
  }

  private held: { at: Date; level: LogLevel; event: string; message: string; sessionName: string | undefined }[] | undefined;

  private flush(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { at, level, event, message, sessionName } of held) if (this.file !== null && !this.broken) this.write(this.file, at, level, event, message, sessionName);
  }

  private write(file: string, at: Date, level: LogLevel, event: string, message: string, sessionName: string | undefined): void {
    const record: LogRecord = { ts: isoWithOffset(at), level, event, ...(sessionName === undefined ? {} : { session_name: sessionName }), message };
    try {
      const fd = this.current(file);
      writeSync(fd, `${JSON.stringify(record)}\n`);
      if (fstatSync(fd).size >= this.maxBytes) this.rotate(file, fd);
    } catch {
      this.broken = true;
      this.close();
    }
  }

  info(event: string, message: string, sessionName?: string): void {
    this.log('info', event, message, sessionName);
  }

  warn(event: string, message: string, sessionName?: string): void {
    this.log('warn', event, message, sessionName);
  }

  error(event: string, message: string, sessionName?: string): void {
    this.log('error', event, message, sessionName);
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
  }

  /** A descriptor of the file now at `file`: the one we hold if it still is, else a new one. */
  private current(file: string): number {
    if (this.fd !== undefined && !sameFile(this.fd, file)) this.close();
    if (this.fd === undefined) {
      prepareDirOf(file, 'state');
      // Never through a symlink or into another user's file planted under our name.
      this.fd = openOwnFile(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT);
    }
    return this.fd;
  }

  /**
   * log.jsonl → .1 → .2 → .3; the oldest falls off. One process rotates at a
   * time (an exclusive lock directory next to the log), and only the file it
   * measured: when another process rotated meanwhile, the file at the path
   * is a new, small one and must not be rotated again (that would drop a
   * generation). A line written by another process in the instant between
   * its check and the rename lands at the end of .1: kept, once.
   */
  private rotate(file: string, fd: number): void {
    const lock = `${file}.rotating`;
    if (!takeRotationLock(lock)) return; // another process is rotating now
    try {
      if (!sameFile(fd, file)) return;
      for (let n = this.keep - 1; n >= 1; n--) {
        try {
          renameSync(`${file}.${n}`, `${file}.${n + 1}`);
        } catch {
          // that generation does not exist yet
        }
      }
      renameSync(file, `${file}.1`);
    } finally {
      rmdirSync(lock);
    }
    this.close();
  }
}

/** Whether `fd` is the file at `file` now (not a renamed or deleted one). */
function sameFile(fd: number, file: string): boolean {
  try {
    const held = fstatSync(fd);
    const named = lstatSync(file);
    return held.ino === named.ino && held.dev === named.dev;
  } catch {
    return false;
  }
}

/** A rotation lock older than this was left by a process that died while rotating. */
const STALE_ROTATION_MS = 10_000;

function takeRotationLock(lock: string): boolean {
  try {
    mkdirSync(lock, { mode: 0o700 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    if (Date.now() - lstatSync(lock).mtimeMs < STALE_ROTATION_MS) return false;
    rmdirSync(lock);
    mkdirSync(lock, { mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}
