import { fuzzysort } from '../fuzzy.js';
import { basename, dirname, isAbsolute } from 'node:path';
import { shortenHome } from '../sessions/present.js';
import type { Session } from '../tmux/types.js';

/**
 * Project folders as the picker and `tmux-dashboard projects` list them:
 * what each source found, merged into one entry per folder, and which
 * session belongs to which project. Pure: the sources that read the disk or
 * run zoxide (sources.ts, scan.ts) hand their answers in with real paths.
 */

/**
 * The sources that answer from outside (the open sessions' folders are read
 * from the list the dashboard already has): the state file, zoxide, the
 * last scan of the roots (cached), and a fresh scan.
 */
export type SourceKey = 'recent' | 'zoxide' | 'rootsCache' | 'roots';

/** Where a project folder was found. */
export type ProjectSource = 'session' | 'recent' | 'zoxide' | 'root' | 'worktree';

/** One folder as one source reports it: `path` is a real path (symlinks resolved), except a session's folder, as tmux holds it. */
export interface FoundProject {
  path: string;
  name: string;
  source: ProjectSource;
}

export interface Project {
  path: string;
  name: string;
  /** Every source that found it, in SOURCE_ORDER. */
  sources: ProjectSource[];
  /** Its place with an empty query: lower first. */
  rank: number;
}

/** The order of an empty query: where you were last, then what is open, then zoxide's ranking, then the scanned roots. */
export const SOURCE_ORDER: readonly ProjectSource[] = ['recent', 'session', 'zoxide', 'worktree', 'root'];

/**
 * One entry per folder. A folder is the same project whichever source found
 * it; a worktree keeps its `repo/worktree` name whichever source came first.
 * `lists` are taken in SOURCE_ORDER order of their sources, so the rank is
 * where the folder first appeared.
 */
export function mergeProjects(lists: readonly (readonly FoundProject[])[]): Project[] {
  const byPath = new Map<string, Project>();
  let rank = 0;
  for (const list of lists) {
    for (const found of list) {
      const known = byPath.get(found.path);
      if (known === undefined) {
        byPath.set(found.path, { path: found.path, name: found.name, sources: [found.source], rank: rank++ });
        continue;
      }
      if (!known.sources.includes(found.source)) known.sources = SOURCE_ORDER.filter((source) => source === found.source || known.sources.includes(source));
      if (found.source === 'worktree') known.name = found.name;
    }
  }
  return [...byPath.values()];
}

/**
 * A folder known only because a session was started there, inside a
 * project another source knows (`~/src/api/lib` in `~/src/api`), is not a
 * project of its own: its session is that project's. Left as an entry, it
 * would take the session from the project (the deepest project owns it).
 */
export function withoutNestedSessionFolders(projects: readonly Project[]): Project[] {
  const real = new Set(projects.filter((project) => project.sources.some((source) => source !== 'session')).map((project) => project.path));
  const nested = (dir: string) => {
    for (let parent = dirname(dir); parent !== dir; dir = parent, parent = dirname(parent)) if (real.has(parent)) return true;
    return false;
  };
  return projects.filter((project) => !(project.sources.length === 1 && project.sources[0] === 'session' && nested(project.path)));
}

/** `folder` is `root` or below it. */
export function isInside(folder: string, root: string): boolean {
  if (folder === root) return true;
  return folder.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** The deepest of `projects` that holds `folder`, walking up its parents. */
function deepestProject(folder: string, projects: ReadonlySet<string>): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (projects.has(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

const activePanePath = (session: Session) => session.panes.find((pane) => pane.windowActive && pane.active)?.path;

/**
 * Which session belongs to which of `projects` (folders). A session the
 * dashboard created for a project (its mark) belongs to it; any other
 * belongs to the deepest project that holds its start folder, else its
 * active pane's folder. So with `~/src/mono` and `~/src/mono/sub` both
 * projects, a session in `sub` is sub's, not mono's.
 */
export function sessionsByProject(sessions: readonly Session[], projects: Iterable<string>): Map<string, Session[]> {
  const known = new Set(projects);
  const owned = new Map<string, Session[]>();
  for (const session of sessions) {
    const mark = session.project ?? null;
    let owner = mark !== null && known.has(mark) ? mark : undefined;
    for (const folder of [session.path, activePanePath(session)]) {
      if (owner !== undefined) break;
      if (folder !== undefined && folder !== '') owner = deepestProject(folder, known);
    }
    if (owner === undefined) continue;
    const list = owned.get(owner) ?? [];
    list.push(session);
    owned.set(owner, list);
  }
  return owned;
}

/** Of the sessions that belong to `dir`: the one it was created for, else one started right there, else the most recently active. */
export function pickSession(dir: string, sessions: readonly Session[] | undefined): Session | undefined {
  if (sessions === undefined || sessions.length === 0) return undefined;
  const score = (session: Session) => (session.project === dir ? 2 : 0) + (session.path === dir ? 1 : 0);
  return [...sessions].sort((a, b) => score(b) - score(a) || b.activity - a.activity)[0];
}

/** The session that belongs to project `dir`, when `others` are the other projects known (nested ones take their own sessions). */
export function sessionForProject(dir: string, sessions: readonly Session[], others: Iterable<string>): Session | undefined {
  return pickSession(dir, sessionsByProject(sessions, [dir, ...others]).get(dir));
}

/** The folders of open sessions, as a source: each session's start folder. */
export function sessionFolders(sessions: readonly Session[]): FoundProject[] {
  const seen = new Set<string>();
  const found: FoundProject[] = [];
  for (const session of sessions) {
    const dir = session.project ?? session.path;
    if (dir === '' || seen.has(dir) || !isAbsolute(dir)) continue;
    seen.add(dir);
    found.push({ path: dir, name: projectNameOf(dir), source: 'session' });
  }
  return found;
}

/** A folder's project name: its own name (`/` for the root). */
export function projectNameOf(dir: string): string {
  return basename(dir) || dir;
}

/**
 * The projects that match `query`, best first (fuzzy, on the name and on the
 * path as shown, with `~`); equal matches keep their rank. An empty query
 * keeps them all in rank order.
 */
export function filterProjects(projects: readonly Project[], query: string, home: string): Project[] {
  const trimmed = query.trim();
  if (trimmed === '') return [...projects].sort((a, b) => a.rank - b.rank);
  const targets = projects.map((project) => ({ project, name: project.name, shown: shortenHome(project.path, home) }));
  return [...fuzzysort().go(trimmed, targets, { keys: ['name', 'shown'], threshold: 0 })]
    .sort((a, b) => b.score - a.score || a.obj.project.rank - b.obj.project.rank)
    .map((result) => result.obj.project);
}

/** A query that is a folder rather than letters to match: `/…`, `~`, `~/…`, `./…`, `../…`. */
export function looksLikePath(text: string): boolean {
  return text.startsWith('/') || text === '~' || text.startsWith('~/') || text.startsWith('./') || text.startsWith('../');
}
