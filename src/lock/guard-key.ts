import { closeSync, constants, fstatSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from '../digest.js';
import { LockFileError } from './errors.js';

// The guard's secret, kept beside the lock: its names (src/lock/guard.ts) are
// derived from it, so only processes that can read it find a dashboard's name.

/**
 * The guard's secret: 32 random bytes, created once (exclusively, 0600) and
 * read without following a symlink; a key of another owner, or one others
 * can write, is refused — whoever could change it could make two dashboards
 * use different names and both win.
 */
export function readOrCreateKey(file: string, create: boolean): Buffer | undefined {
  // Whoever can delete the key can make the next start use new names while a
  // dashboard holds the old ones: a directory anyone may change (and not
  // sticky) will not do.
  const dir = dirname(file);
  try {
    const info = statSync(dir);
    if ((info.mode & 0o002) !== 0 && (info.mode & 0o1000) === 0) throw new LockFileError(`the lock directory ${dir} can be changed by any user; refusing to keep the guard's key there (make it 0700)`);
  } catch (error) {
    if (error instanceof LockFileError) throw error;
    if (!create) return undefined;
    throw new LockFileError(`cannot use the lock directory ${dir}: ${(error as Error).message}`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new LockFileError(`${file} is a symbolic link; refusing to use it as the guard's key (remove it)`);
      if (code !== 'ENOENT') throw new LockFileError(`cannot read the guard's key ${file}: ${(error as Error).message}`);
      if (!create) return undefined;
      createKey(file);
      continue;
    }
    try {
      const info = fstatSync(fd);
      const uid = process.getuid?.() ?? info.uid;
      if (!info.isFile()) throw new LockFileError(`${file} is not a regular file; refusing to use it as the guard's key`);
      if (info.uid !== uid) throw new LockFileError(`${file} is owned by uid ${info.uid}; refusing to use it as the guard's key (remove it if you trust it)`);
      if ((info.mode & 0o022) !== 0) throw new LockFileError(`${file} can be written by others; refusing to use it as the guard's key (remove it)`);
      const key = readFileSync(fd);
      if (key.length < 16) throw new LockFileError(`${file} is too short to be the guard's key (remove it)`);
      return key;
    } finally {
      closeSync(fd);
    }
  }
  throw new LockFileError(`cannot create the guard's key ${file}`);
}

/** Writes a new key in full, then links it into place: readers never see a partial key, two creators never both win. */
function createKey(file: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new LockFileError(`cannot create the guard's key ${file}: ${(error as Error).message}`);
  } finally {
    rmSync(temp, { force: true });
  }
}
