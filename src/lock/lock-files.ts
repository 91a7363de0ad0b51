import { lstatSync, statSync } from 'node:fs';
// The module itself, not its names: lockFs makes it the prototype of proper-lockfile's fs (one copy of its exports at start, the lint rule's exception).
// eslint-disable-next-line no-restricted-syntax
import fs from 'node:fs';
import { dirname } from 'node:path';
import { prepareDirOf } from '../xdg.js';
import { LockFileError } from './errors.js';

// The lock's files on disk: its directory made safe to use, and the fs
// proper-lockfile takes the lock directory with (src/lock/instance-lock.ts).

export function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Creates the file's directory 0700 (parents too), whatever the umask
 * (the state directory: tightened to 0700, refused when another user's);
 * refuses one we cannot use.
 */
export function prepareDirectory(file: string): void {
  const dir = dirname(file);
  try {
    prepareDirOf(file, 'state');
    const info = statSync(dir);
    if (!info.isDirectory()) throw new Error('not a directory');
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new LockFileError(`cannot use the lock directory ${dir}: ${(error as Error).message}`);
  }
}

/** A lock or PID path that is a symlink owned by someone else was planted: refuse it. */
export function refuseForeignSymlink(file: string): void {
  const info = statOrUndefined(file);
  if (info?.isSymbolicLink() === true && info.uid !== (process.getuid?.() ?? info.uid)) {
    throw new LockFileError(`${file} is a symbolic link owned by uid ${info.uid}; refusing to use it (remove it if you trust it)`);
  }
}

type Call = (...args: unknown[]) => unknown;

/**
 * proper-lockfile's fs for one lock: Node's fs underneath as a prototype, not
 * copied (a copy, {...fs}, reads every lazy getter of fs — fs.promises,
 * ReadStream… — which loads Node's file streams, fs/promises and readline,
 * ~3 ms on the way to the first frame), with the lock directory created 0700
 * even under umask 000.
 *
 * Exported for its test. Until `settle()`, while the lock is being taken, its calls run at once
 * (their callbacks on the next tick). Taking the lock is a mkdir, a utimes
 * and a stat, and an asynchronous call's result waits for the main thread
 * to be free, which on the way to the first frame it rarely is (tmux's
 * answer is parsed meanwhile): the three took 13–15 ms there, and the first
 * frame waited for them, against well under 1 ms run at once. After, the
 * lock's periodic touch (a stat and a utimes) stays asynchronous: a slow
 * home folder must never freeze the screen.
 */
export function lockFs(): { fs: typeof fs; settle: () => void } {
  let atOnce = true;
  const both = (now: Call, later: Call) => ({
    value: (...args: unknown[]) => {
      const done = args.pop() as (error: unknown, value?: unknown) => void;
      if (!atOnce) {
        later(...args, done);
        return;
      }
      let value: unknown;
      try {
        value = now(...args);
      } catch (error) {
        process.nextTick(done, error);
        return;
      }
      process.nextTick(done, null, value);
    },
  });
  const lockingFs = Object.create(fs, {
    mkdir: both(
      (dir) => {
        fs.mkdirSync(dir as string, { mode: 0o700 });
      },
      (dir, done) => {
        fs.mkdir(dir as string, { mode: 0o700 }, done as (error: unknown) => void);
      },
    ),
    stat: both(fs.statSync as Call, fs.stat as Call),
    utimes: both(fs.utimesSync as Call, fs.utimes as Call),
    rmdir: both(fs.rmdirSync as Call, fs.rmdir as Call),
  }) as typeof fs;
  return {
    fs: lockingFs,
    settle: () => {
      atOnce = false;
    },
  };
}
