import { promises as fsp } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { ProjectRoot } from '../config/schema.js';
import { expandHome } from '../xdg.js';
import type { FoundProject } from './candidates.js';
import { PROJECT_MARKERS } from './detect.js';

/**
 * The configured project roots, walked for project folders: a git (`.git`)
 * or jj (`.jj`) repository, or a folder with a project file
 * (PROJECT_MARKERS). Project folders are walked into too (a repository
 * inside another is its own project), down to the root's depth.
 *
 * A root is someone's folder tree, possibly shared: the walk never follows
 * a symlink (a link planted to `/` or back to the root would take it out
 * of the root or round in a loop), never enters `node_modules` or a hidden
 * folder, and stops after MAX_FOLDERS folders. It reads one folder at a time
 * with async calls and gives the event loop a turn every few folders, so a
 * root with tens of thousands of folders never delays a key or a frame.
 */

/** Folders visited per root at most. */
export const MAX_FOLDERS = 50_000;
/** Folders read between two turns given to the event loop. */
const FOLDERS_PER_TURN = 64;

const MARKERS: ReadonlySet<string> = new Set<string>([...PROJECT_MARKERS, '.git', '.jj']);

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ScanResult {
  projects: FoundProject[];
  /** Roots that could not be read, and why. */
  problems: string[];
}

/** `maxFolders`: MAX_FOLDERS, smaller in tests. */
export async function scanRoots(roots: readonly ProjectRoot[], home: string, maxFolders = MAX_FOLDERS): Promise<ScanResult> {
  const projects: FoundProject[] = [];
  const problems: string[] = [];
  for (const root of roots) {
    let top: string;
    try {
      // The root itself may be a link (a home on another disk): it is the user's own choice.
      top = await fsp.realpath(expandHome(root.path, home));
      if (!(await fsp.stat(top)).isDirectory()) {
        problems.push(`project root ${root.path} is not a folder`);
        continue;
      }
    } catch (error) {
      problems.push(`project root ${root.path}: ${rootProblem(error)}`);
      continue;
    }
    const scanned = await scanRoot(top, root.depth, maxFolders);
    projects.push(...scanned.found);
    if (scanned.cut) problems.push(`project root ${root.path}: stopped after ${maxFolders.toLocaleString('en')} folders (lower its depth to see the rest)`);
  }
  return { projects, problems };
}

/** Why a root cannot be walked, in words (the error codes alone said little). */
function rootProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return code ?? String(error);
}

/** The projects under `top`; `cut` when the walk stopped at MAX_FOLDERS, so some are missing. */
async function scanRoot(top: string, depth: number, maxFolders: number): Promise<{ found: FoundProject[]; cut: boolean }> {
  const found: FoundProject[] = [];
  let queue: string[] = [top];
  let visited = 0;
  for (let level = 0; level <= depth && queue.length > 0; level++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++visited > maxFolders) return { found, cut: true };
      if (visited % FOLDERS_PER_TURN === 0) await turn();
      const { folders, marked, gitDir } = await readFolder(dir);
      // The root itself is a place to look, not a project of its own.
      if (marked && dir !== top) {
        found.push({ path: dir, name: basename(dir), source: 'root' });
        if (gitDir) found.push(...(await worktreesOf(dir)));
      }
      if (level < depth) next.push(...folders);
    }
    queue = next;
  }
  return { found, cut: false };
}

/** A folder's subfolders worth walking into, whether it is a project, and whether it has a `.git` folder (not a worktree's `.git` file). */
async function readFolder(dir: string): Promise<{ folders: string[]; marked: boolean; gitDir: boolean }> {
  const folders: string[] = [];
  let marked = false;
  let gitDir = false;
  try {
    const handle = await fsp.opendir(dir, { bufferSize: 128 });
    for await (const entry of handle) {
      if (MARKERS.has(entry.name)) marked = true;
      if (entry.name === '.git' && entry.isDirectory()) gitDir = true;
      // Dirent types come from lstat: a symlink is never a directory here, so it is never followed.
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      folders.push(join(dir, entry.name));
    }
  } catch {
    // Unreadable (permissions, removed meanwhile): nothing below it.
  }
  folders.sort();
  return { folders, marked, gitDir };
}

/**
 * The linked worktrees of the repository at `repo`, each its own project
 * named `repo/worktree`. Read from `.git/worktrees/*\/gitdir` (which holds
 * the path of the worktree's `.git` file), so no git process runs per
 * repository. A worktree whose folder is gone, or whose `.git` file does not
 * point back at this repository (planted by someone else), is left out.
 */
export async function worktreesOf(repo: string): Promise<FoundProject[]> {
  const admin = join(repo, '.git', 'worktrees');
  let names: string[];
  try {
    names = (await fsp.readdir(admin, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
  const found: FoundProject[] = [];
  for (const name of names.slice(0, 256)) {
    try {
      const gitFile = (await fsp.readFile(join(admin, name, 'gitdir'), 'utf8')).trim();
      if (!isAbsolute(gitFile) || basename(gitFile) !== '.git') continue;
      const folder = await fsp.realpath(dirname(gitFile));
      const pointer = (await fsp.readFile(join(folder, '.git'), 'utf8')).trim();
      if (!pointer.startsWith('gitdir: ') || (await fsp.realpath(pointer.slice('gitdir: '.length)).catch(() => '')) !== (await fsp.realpath(join(admin, name)))) continue;
      found.push({ path: folder, name: `${basename(repo)}/${basename(folder)}`, source: 'worktree' });
    } catch {
      // A worktree removed without `git worktree prune`: not a project any more.
    }
  }
  return found;
}
