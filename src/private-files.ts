import { randomBytes } from './digest.js';
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The dashboard's files live in directories of the user's own. A directory
 * another local user can write (a 0777 one left by an old version or a
 * careless mkdir, or one that user owns) lets them plant a symlink named like
 * our file, and a write through it lands in any file the user can write. So:
 * our directories are tightened to 0700 or refused, and every file is opened
 * without following symlinks and checked to be a plain file of our own.
 */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

/** Our uid; undefined where there are no uids (then there is nothing to compare). */
export function ownUid(): number | undefined {
  return process.getuid?.();
}

function foreign(info: Stats): boolean {
  const uid = ownUid();
  return uid !== undefined && info.uid !== uid;
}

/**
 * Creates `dir` (parents too) 0700, or takes an existing one: a directory of
 * someone else's is refused, one of ours that others can enter or write is
 * tightened to 0700. A symlink to a directory is taken for what it points to
 * (a home on another disk), checked the same way.
 */
export function privateDir(dir: string, what: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UnsafePathError(`cannot create the ${what} directory ${dir}: ${(error as Error).message}`);
  }
  const info = statSync(dir);
  if (!info.isDirectory()) throw new UnsafePathError(`the ${what} directory ${dir} is not a directory`);
  if (foreign(info)) throw new UnsafePathError(`the ${what} directory ${dir} belongs to uid ${info.uid}, not to you; refusing to use it (remove it or fix its owner)`);
  if ((info.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Why an existing entry may not be written or read as our file, or undefined when it may. */
export function refusal(info: Stats, file: string): string | undefined {
  if (info.isSymbolicLink()) return `${file} is a symbolic link (owned by uid ${info.uid}); refusing to follow it (remove it if you put it there)`;
  if (!info.isFile()) return `${file} is not a regular file; refusing to use it`;
  if (foreign(info)) return `${file} belongs to uid ${info.uid}, not to you; refusing to use it`;
  // A hard link to another file of ours, planted while the directory was open to others.
  if (info.nlink > 1) return `${file} has ${info.nlink} hard links; refusing to use it`;
  return undefined;
}

/**
 * Opens `file` with `flags` (O_WRONLY | O_APPEND | O_CREAT, …) never through a
 * symlink (O_NOFOLLOW), never blocking on a FIFO planted there (O_NONBLOCK),
 * and only if what it opened is a plain file of our own.
 */
export function openOwnFile(file: string, flags: number, mode = 0o600): number {
  const fd = openSync(file, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode);
  let problem: string | undefined;
  try {
    problem = refusal(fstatSync(fd), file);
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem !== undefined) {
    closeSync(fd);
    throw new UnsafePathError(problem);
  }
  return fd;
}

/** The text of `file`, read only if it is a plain file of our own (see openOwnFile); throws otherwise. */
export function readOwnFile(file: string): string {
  const fd = openOwnFile(file, constants.O_RDONLY);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `file` atomically: a new temp file with a random name, created
 * exclusively (O_EXCL never follows a symlink planted at that name), 0600,
 * written, fsynced, renamed over `file`. Readers see the old content or the
 * new, never half. An existing `file` that is not our own plain file is
 * refused, not replaced: it was planted, and the user should see that.
 */
export function writeOwnFileAtomic(file: string, content: string): void {
  try {
    const problem = refusal(lstatSync(file), file);
    if (problem !== undefined) throw new UnsafePathError(problem);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  replaceAtomically(file, content);
}

/**
 * Puts `content` at `file` in one step: a new private temp file next to it
 * (created exclusively, never through a symlink), synced, renamed over the
 * path. Readers see the old content or the new, never half of it; a symlink
 * at the path is replaced, never followed.
 */
export function replaceAtomically(file: string, content: string, options: { durable?: boolean } = {}): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    writeSync(fd, content);
    // The rename alone keeps readers from seeing half a file; the sync is for what must survive a crash of the machine.
    if (options.durable !== false) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
