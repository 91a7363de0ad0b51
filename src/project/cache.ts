import { dirname, isAbsolute, join } from 'node:path';
import type { ProjectRoot } from '../config/schema.js';
import { privateDir, readOwnFile, writeOwnFileAtomic } from '../private-files.js';
import { cacheDir } from '../xdg.js';
import type { FoundProject } from './candidates.js';

/**
 * The last scan of the project roots, so the picker lists them at once and
 * rescans in the background. In the user's cache directory, 0700, the file
 * 0600, read and written only as a plain file of the user's own (never
 * through a planted symlink): it names folders, and another user must not
 * be able to feed the picker folders or learn them.
 */
export interface ScanCache {
  /** The roots it was made for; a cache of other roots is not used. */
  roots: ProjectRoot[];
  /** ms since the epoch. */
  scannedAt: number;
  projects: FoundProject[];
}

export function scanCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), 'projects.json');
}

const sameRoots = (a: readonly ProjectRoot[], b: readonly ProjectRoot[]) => JSON.stringify(a) === JSON.stringify(b);

function isFound(value: unknown): value is FoundProject {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.path === 'string' && isAbsolute(item.path) && typeof item.name === 'string' && (item.source === 'root' || item.source === 'worktree');
}

/** The cached scan of `roots`, or undefined (none, another roots' scan, unreadable, not ours). */
export function readScanCache(file: string, roots: readonly ProjectRoot[]): ScanCache | undefined {
  try {
    const text = readOwnFile(file);
    const value = JSON.parse(text) as Partial<ScanCache>;
    if (!Array.isArray(value.roots) || !sameRoots(value.roots, roots) || typeof value.scannedAt !== 'number' || !Array.isArray(value.projects)) return undefined;
    return { roots: value.roots, scannedAt: value.scannedAt, projects: (value.projects as unknown[]).filter(isFound) };
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only costs the next picker a scan. */
export function writeScanCache(file: string, cache: ScanCache): void {
  try {
    privateDir(dirname(file), 'cache');
    writeOwnFileAtomic(file, JSON.stringify(cache));
  } catch {
    // Nothing to tell: the scan's answer is used all the same.
  }
}
