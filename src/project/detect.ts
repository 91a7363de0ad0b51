import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, parse, resolve } from 'node:path';
import { deriveSessionName } from '../tmux/names.js';

/** Files that mark the root of a project when there is no git work tree. */
export const PROJECT_MARKERS = [
  'package.json',
  'pyproject.toml',
  'setup.py',
  'Cargo.toml',
  'go.mod',
  'Gemfile',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'composer.json',
  'mix.exs',
  'deno.json',
  '.hg',
] as const;

/**
 * Folders from `start` upwards, stopping below the home directory and `/`:
 * a home directory kept in git (dotfiles) must not swallow every folder under
 * it as one project. And stopping below a folder someone else could have
 * put a marker in — one of another user's, or one anyone may write (/tmp):
 * there another user would choose where your sessions open and your
 * templates run (git refuses such repositories for the same reason).
 * `start` itself is always included.
 */
function ancestors(start: string, home: string): string[] {
  const dirs = [start];
  const uid = process.getuid?.();
  for (let dir = dirname(start); dir !== dirs.at(-1); dir = dirname(dir)) {
    if (dir === home || dir === parse(dir).root) break;
    if (uid !== undefined && !ownFolder(dir, uid)) break;
    dirs.push(dir);
  }
  return dirs;
}

function ownFolder(dir: string, uid: number): boolean {
  try {
    const info = statSync(dir);
    return info.uid === uid && (info.mode & 0o002) === 0;
  } catch {
    return false;
  }
}

/**
 * The project directory of `start`: the git work-tree root (a `.git` folder,
 * or a `.git` file in worktrees and submodules), else the nearest folder with
 * a project marker, else `start` itself. Reads the file system only — no git
 * process, so it costs microseconds.
 */
export function findProjectDir(start: string, home: string = homedir()): string {
  const absolute = resolve(start);
  const dirs = ancestors(absolute, resolve(home));
  const gitRoot = dirs.find((dir) => existsSync(join(dir, '.git')));
  if (gitRoot !== undefined) return gitRoot;
  return dirs.find((dir) => PROJECT_MARKERS.some((marker) => existsSync(join(dir, marker)))) ?? absolute;
}

/** The session name for a project directory: its folder name, made safe for tmux. */
export function projectSessionName(dir: string): string {
  return deriveSessionName(basename(resolve(dir)), 'root');
}

/** Where the user is: the current folder, or the home folder and why when that cannot be used. */
export interface StartingFolder {
  dir: string;
  /** Set when the current folder could not be used: a sentence saying so and what is used instead. */
  note: string | undefined;
}

/**
 * The current folder, for project detection. A shell can sit in a folder
 * that was deleted or made unreadable since; that is no reason to refuse to
 * list or create sessions, so the home folder stands in, and the caller says
 * so where the folder matters (the directory of a new session).
 */
export function startingFolder(home: string = homedir()): StartingFolder {
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    return { dir: home, note: `the current folder no longer exists; using ${home}` };
  }
  if (cwd.includes('\uFFFD')) return { dir: home, note: `the current folder's name is not valid UTF-8 (Node cannot name it); using ${home}` };
  try {
    accessSync(cwd, constants.R_OK | constants.X_OK);
  } catch {
    return { dir: home, note: `the current folder ${cwd} cannot be read; using ${home}` };
  }
  return { dir: cwd, note: undefined };
}

/**
 * `value` as an absolute path. A relative one is taken from the current
 * folder; when that is gone (`here` says so), the user is told to give a full
 * path rather than getting Node's "current directory does not exist" or a
 * path under the home folder they did not mean.
 */
export function absoluteFrom(value: string, what: string, here: StartingFolder): string {
  // Node decodes the command line as UTF-8: a folder name that is not has its odd bytes turned into U+FFFD, and names no folder any more.
  if (value.includes('\uFFFD')) throw new RelativePathError(`${what} is not valid UTF-8: Node turns its odd bytes into U+FFFD and cannot name that folder (its current folder neither); rename the folder, or start the session with tmux's own new-session -c`);
  if (isAbsolute(value)) return normalize(value);
  if (here.note === undefined) {
    try {
      return resolve(value);
    } catch {
      // Deleted since `here` was taken: as below.
    }
  }
  throw new RelativePathError(`${what} ${value} is relative, and the current folder is gone or cannot be read: give a full path`);
}

export class RelativePathError extends Error {
  override name = 'RelativePathError';
}
