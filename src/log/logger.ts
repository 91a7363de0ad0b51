import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from '../xdg.js';

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
  return path.join(stateDir(env), 'log.jsonl');
}

/**
 * The JSONL log. Each record is one `write` on an O_APPEND descriptor, so
 * lines from several processes never interleave. A log that cannot be
 * written goes quiet: it never disturbs the UI or a command.
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
    const record: LogRecord = { ts: isoWithOffset(), level, event, ...(sessionName === undefined ? {} : { session_name: sessionName }), message };
    try {
      const fd = this.open(this.file);
      writeSync(fd, `${JSON.stringify(record)}\n`);
      if (fstatSync(fd).size >= this.maxBytes) this.rotate(this.file);
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
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
  }

  private open(file: string): number {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      this.fd = openSync(file, 'a', 0o600);
    }
    return this.fd;
  }

  /**
   * log.jsonl → .1 → .2 …; the oldest falls off. Another process may still
   * append to the renamed file for a moment: its lines stay whole, in .1.
   */
  private rotate(file: string): void {
    for (let n = this.keep - 1; n >= 1; n--) {
      try {
        renameSync(`${file}.${n}`, `${file}.${n + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    try {
      renameSync(file, `${file}.1`);
    } catch {
      // another process rotated it first
    }
    this.close();
  }
}
