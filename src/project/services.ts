import { promises as fsp } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { readRecentProjects, rememberProject } from '../state/recent-projects.js';
import { InvalidInputError } from '../tmux/errors.js';
import type { TmuxService } from '../tmux/service.js';
import { readScanCache, writeScanCache, type ScanCache } from './cache.js';
import type { FoundProject, SourceKey } from './candidates.js';

export type { SourceKey } from './candidates.js';
import { openProjectSession, type Opened, type OpenRequest } from './open.js';
import { expandHome } from '../xdg.js';
import { scanRoots } from './scan.js';
import { queryZoxide, ZOXIDE_TIMEOUT_MS } from './zoxide.js';

/**
 * The project sources and actions that touch the disk, zoxide or tmux, for
 * the picker (through effects) and for `open` / `projects`. Each source
 * answers on its own, so the picker fills in as they come.
 */
export interface SourceAnswer {
  projects: FoundProject[];
  /** Something to say about the source (zoxide timed out, a root cannot be read). */
  note: string | undefined;
}

export interface ProjectServices {
  find(source: SourceKey): Promise<SourceAnswer>;
  /** Tab in the picker: `text` (a folder being typed) completed as far as it is unambiguous. */
  complete(text: string, base: string): Promise<string>;
  /** Finds or creates the project's session, and remembers the project as opened. */
  open(request: OpenRequest): Promise<Opened>;
  /** Remembers `dir` as opened (Enter on a project whose session is open). */
  remember(dir: string): void;
  /** Resolves when every write asked for so far has ended: the process waits for it before exiting. */
  settled(): Promise<void>;
}

export interface ProjectServiceOptions {
  tmux: TmuxService;
  config: Pick<Config, 'project_roots' | 'templates'>;
  env: NodeJS.ProcessEnv;
  home: string;
  stateFile: string;
  cacheFile: string;
  lockPath: string;
  zoxideTimeoutMs?: number;
}

/** A scan of the roots younger than this is used as it is rather than made again. */
export const RESCAN_AFTER_MS = 10_000;

/** Real paths of the folders that exist, in order; the others are left out (zoxide remembers deleted folders). */
async function existingFolders(folders: readonly string[]): Promise<string[]> {
  const resolved: (string | undefined)[] = [];
  // A few at a time: thousands of zoxide entries must not flood the thread pool.
  for (let index = 0; index < folders.length; index += 32) {
    const batch = folders.slice(index, index + 32);
    resolved.push(
      ...(await Promise.all(
        batch.map(async (folder) => {
          const real = await fsp.realpath(folder).catch(() => undefined);
          if (real === undefined) return undefined;
          const info = await fsp.stat(real).catch(() => undefined);
          return info?.isDirectory() === true ? real : undefined;
        }),
      )),
    );
  }
  return resolved.filter((folder): folder is string => folder !== undefined);
}

const asFound = (source: FoundProject['source']) => (folder: string): FoundProject => ({ path: folder, name: basename(folder) || folder, source });

export function projectServices(options: ProjectServiceOptions): ProjectServices {
  const roots = options.config.project_roots;
  // The picker asks for the cached scan, then at once for the roots (which
  // use the cached scan when it is fresh): the file is read once for both.
  let justRead: ScanCache | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  const remember = (dir: string) => {
    writes = writes.then(() => rememberProject(options.stateFile, dir)).catch(() => undefined);
  };
  return {
    async find(source) {
      switch (source) {
        case 'recent':
          return { projects: (await existingFolders(readRecentProjects(options.stateFile))).map(asFound('recent')), note: undefined };
        case 'zoxide': {
          const timeoutMs = options.zoxideTimeoutMs ?? ZOXIDE_TIMEOUT_MS;
          const answer = await queryZoxide(options.env, timeoutMs);
          if (answer.kind === 'missing') return { projects: [], note: undefined };
          if (answer.kind === 'timedOut') return { projects: [], note: `zoxide timed out (no answer in ${timeoutMs} ms)` };
          if (answer.kind === 'failed') return { projects: [], note: `zoxide failed: ${answer.message}` };
          return { projects: (await existingFolders(answer.folders)).map(asFound('zoxide')), note: undefined };
        }
        case 'rootsCache':
          justRead = roots.length === 0 ? undefined : readScanCache(options.cacheFile, roots);
          return { projects: justRead?.projects ?? [], note: undefined };
        case 'roots': {
          if (roots.length === 0) return { projects: [], note: undefined };
          // Opened again at once (or `projects` right after): the scan just made is fresh enough.
          const recent = justRead ?? readScanCache(options.cacheFile, roots);
          justRead = undefined;
          if (recent !== undefined && Date.now() - recent.scannedAt >= 0 && Date.now() - recent.scannedAt < RESCAN_AFTER_MS) return { projects: recent.projects, note: undefined };
          const scanned = await scanRoots(roots, options.home);
          writeScanCache(options.cacheFile, { roots, scannedAt: Date.now(), projects: scanned.projects });
          return { projects: scanned.projects, note: scanned.problems.length === 0 ? undefined : scanned.problems.join('; ') };
        }
      }
    },
    complete: (text, base) => completeFolder(text, base, options.home),
    async open(request) {
      // A typed folder may be a link, or not exist: the project is the real folder.
      const dir = await fsp.realpath(request.dir).catch(() => undefined);
      const info = dir === undefined ? undefined : await fsp.stat(dir).catch(() => undefined);
      if (dir === undefined || info === undefined) throw new InvalidInputError(`no such directory: ${request.dir}`);
      if (!info.isDirectory()) throw new InvalidInputError(`not a directory: ${request.dir}`);
      const opened = await openProjectSession(options.tmux, { ...request, dir }, { templates: options.config.templates, home: options.home, lockPath: options.lockPath });
      remember(dir);
      return opened;
    },
    remember,
    async settled() {
      await writes;
    },
  };
}

/**
 * Completes the last part of a folder path from the folders there: one
 * match is completed with a `/`, several to their common beginning. Hidden
 * folders only when the part typed starts with a dot. The text keeps its
 * form (`~/…` stays `~/…`).
 */
export async function completeFolder(text: string, base: string, home: string): Promise<string> {
  const slash = text.lastIndexOf('/');
  const typedDir = slash < 0 ? text : text.slice(0, slash + 1);
  const part = slash < 0 ? '' : text.slice(slash + 1);
  if (slash < 0 && text !== '~') return text;
  const prefix = text === '~' ? '~/' : typedDir;
  const dir = resolve(base, expandHome(prefix === '~/' ? '~' : prefix, home));
  let names: string[];
  try {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    const candidates = entries.filter((entry) => entry.name.startsWith(part) && (part.startsWith('.') || !entry.name.startsWith('.')));
    const folders = await Promise.all(
      candidates.slice(0, 2000).map(async (entry) => {
        if (entry.isDirectory()) return entry.name;
        // A link to a folder completes like one: the user typed its path themselves.
        if (entry.isSymbolicLink()) return (await fsp.stat(join(dir, entry.name)).catch(() => undefined))?.isDirectory() === true ? entry.name : undefined;
        return undefined;
      }),
    );
    names = folders.filter((name): name is string => name !== undefined);
  } catch {
    return text;
  }
  if (names.length === 0) return text;
  if (names.length === 1) return `${prefix}${names[0] ?? ''}/`;
  let common = names[0] ?? '';
  for (const name of names) while (!name.startsWith(common)) common = common.slice(0, -1);
  return `${prefix}${common.length > part.length ? common : part}`;
}
