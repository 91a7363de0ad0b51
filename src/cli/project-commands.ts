import { existsSync, promises as fsp } from 'node:fs';
import { isatty } from 'node:tty';
import { homedir } from 'node:os';
import { scanCachePath } from '../project/cache.js';
import { isInside, looksLikePath, mergeProjects, pickSession, projectNameOf, sessionFolders, sessionForProject, sessionsByProject, withoutNestedSessionFolders, type Project } from '../project/candidates.js';
import { absoluteFrom, findProjectDir, type StartingFolder } from '../project/detect.js';
import { openLockPath } from '../project/open.js';
import { expandHome } from '../xdg.js';
import { projectServices, type ProjectServices, type SourceKey } from '../project/services.js';
import { simpleMeasure, type TextMeasure } from '../sessions/measure.js';
import { printable, shortenHome } from '../sessions/present.js';
import { statePath } from '../state/state.js';
import { InvalidInputError } from '../tmux/errors.js';
import type { Session } from '../tmux/types.js';
import type { CommandContext } from './commands.js';
import { ExitCode } from './exit-codes.js';

/**
 * `projects` and `open`: the picker's list and its Enter, for scripts.
 * They use the same sources (zoxide with the same deadline: a slow zoxide
 * is said on stderr, never waited for), the same names and the same
 * find-or-create under one lock as the dashboard.
 */

function servicesFor(context: CommandContext, env: NodeJS.ProcessEnv): ProjectServices {
  return projectServices({ tmux: context.tmux, config: context.config, env, home: homedir(), stateFile: statePath(env), cacheFile: scanCachePath(env), lockPath: openLockPath(env) });
}

interface Collected {
  projects: Project[];
  sessions: Session[];
  notes: string[];
}

/** The projects named exactly `name`, every source asked as the picker would (zoxide's trouble said on stderr). */
async function namedProjects(context: CommandContext, services: ProjectServices, name: string): Promise<{ found: Project[]; known: Collected }> {
  let known = await collect(context, services, { zoxide: true, fresh: false });
  let found = known.projects.filter((project) => project.name === name);
  // A project made since the last scan: the roots are scanned again (unless
  // that scan is under 10 s old) before saying there is none.
  if (found.length === 0) {
    known = await collect(context, services, { zoxide: true, fresh: true });
    found = known.projects.filter((project) => project.name === name);
  }
  for (const note of known.notes) context.output.err(`tmux-dashboard: ${note}\n`);
  return { found, known };
}

/** The sources asked, all at once; `fresh` scans the roots, otherwise their cached scan is used (when there is one). */
async function collect(context: CommandContext, services: ProjectServices, options: { zoxide: boolean; fresh: boolean }): Promise<Collected> {
  const ask = (source: SourceKey) => services.find(source);
  const none = Promise.resolve({ projects: [], note: undefined });
  const [sessions, recent, zoxide, roots] = await Promise.all([
    context.tmux.listSessions(),
    ask('recent'),
    options.zoxide ? ask('zoxide') : none,
    ask(options.fresh ? 'roots' : 'rootsCache').then(async (answer) => (answer.projects.length === 0 && !options.fresh ? ask('roots') : answer)),
  ]);
  const projects = withoutNestedSessionFolders(mergeProjects([recent.projects, sessionFolders(sessions), zoxide.projects, roots.projects]));
  const notes = [recent.note, zoxide.note, roots.note].filter((note): note is string => note !== undefined);
  return { projects, sessions, notes };
}

export async function projectsCommand(context: CommandContext, json: boolean, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const services = servicesFor(context, env);
  const { projects, sessions, notes } = await collect(context, services, { zoxide: true, fresh: true });
  for (const note of notes) context.output.err(`tmux-dashboard: ${note}\n`);
  const owners = sessionsByProject(sessions, projects.map((project) => project.path));
  const rows = [...projects]
    .sort((a, b) => a.rank - b.rank)
    .map((project) => ({ name: project.name, path: project.path, sources: project.sources, session: pickSession(project.path, owners.get(project.path))?.name ?? null }));
  if (json) {
    context.output.out(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  const home = homedir();
  const table = [['NAME', 'PATH', 'SOURCES', 'SESSION'], ...rows.map((row) => [printable(row.name), printable(shortenHome(row.path, home)), row.sources.join(','), row.session === null ? '-' : printable(row.session)])];
  // Columns in terminal cells, as `list` measures them (a CJK name takes two per character).
  const simple = simpleMeasure();
  const format = (measure: TextMeasure) => {
    const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => measure.width(cells[column] ?? ''))));
    return table.map((cells) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - measure.width(cell))))).join('  ')).join('\n') + '\n';
  };
  const text = format(simple.measure);
  context.output.out(simple.sawOtherText() ? format((await import('../sessions/measure-full.js')).fullMeasure) : text);
  return ExitCode.ok;
}

async function realFolder(dir: string): Promise<string> {
  const real = await fsp.realpath(dir).catch(() => undefined);
  const info = real === undefined ? undefined : await fsp.stat(real).catch(() => undefined);
  if (real === undefined || info === undefined) throw new InvalidInputError(`no such directory: ${dir}`);
  if (!info.isDirectory()) throw new InvalidInputError(`not a directory: ${dir}`);
  return real;
}

export interface OpenOptions {
  noAttach: boolean;
  client: string | undefined;
  here: StartingFolder;
}

/**
 * `open [PATH|NAME]`: what Enter in the picker does. A PATH is that folder;
 * a NAME is a project of that exact name among the picker's candidates; no
 * argument is the project of the current folder. Prints the session's name
 * as its last line, then goes there: inside tmux the client is switched,
 * outside it attaches when there is a terminal. With --no-attach, or
 * without a terminal outside tmux, it only finds or creates the session.
 */
export async function openCommand(context: CommandContext, target: string | undefined, options: OpenOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { tmux, output, log, config } = context;
  // `open "$DIR"` with DIR unset must not open whatever folder the script runs in.
  if (target !== undefined && target.trim() === '') throw new InvalidInputError('open: the folder or project name is empty (with no argument, open opens the project of the current folder)');
  const services = servicesFor(context, env);
  const home = homedir();
  let dir: string;
  let known: Collected;
  // A NAME, unless it is written as a folder (`~/…`, `/…`, `./…`); a name no project has may still be a folder here.
  const matches = target === undefined || looksLikePath(target) ? undefined : await namedProjects(context, services, target);
  if (matches !== undefined && matches.found.length > 1) throw new InvalidInputError(`${matches.found.length} projects are named ${target ?? ''}: ${matches.found.map((match) => shortenHome(match.path, home)).join(', ')}; give its path`);
  const named = matches?.found[0];
  if (matches !== undefined && named === undefined && !existsSync(absoluteFrom(target ?? '', 'the folder', options.here))) {
    throw new InvalidInputError(`no project named ${target ?? ''} and no such folder (tmux-dashboard projects lists the projects)`);
  }
  if (matches !== undefined && named !== undefined) {
    dir = named.path;
    known = matches.known;
  } else {
    if (target === undefined && options.here.note !== undefined) output.err(`tmux-dashboard: ${options.here.note}\n`);
    const wanted = target === undefined ? findProjectDir(options.here.dir) : absoluteFrom(expandHome(target, home), 'the folder', options.here);
    dir = await realFolder(wanted);
    // No zoxide and no scan: a folder given is opened at once; nested projects known so far keep their sessions.
    known = await collect(context, services, { zoxide: false, fresh: false });
  }
  const project = known.projects.find((candidate) => candidate.path === dir);
  const name = project?.name ?? projectNameOf(dir);
  const others = known.projects.map((candidate) => candidate.path).filter((other) => other !== dir && isInside(other, dir));
  if (config.dry_run) {
    const existing = sessionForProject(dir, known.sessions, others);
    output.out(existing === undefined ? `dry run: would create a session for ${name} in ${dir}\n` : `dry run: would go to ${existing.name}\n`);
    return ExitCode.ok;
  }
  const opened = await services.open({ dir, name, others });
  await services.settled();
  if (opened.created) log.info('session_created', `created ${opened.session.id} for project ${dir}`, opened.session.name);
  if (opened.warning !== undefined) {
    log.warn('template_failed', opened.warning, opened.session.name);
    output.err(`tmux-dashboard: warning: ${opened.warning}\n`);
  }
  output.out(`${opened.session.name}\n`);
  const inside = tmux.isInsideThisServer();
  if (options.noAttach || (!inside && !(isatty(0) && isatty(1)))) return ExitCode.ok;
  log.info('session_attached', inside ? 'switch-client' : 'attach', opened.session.name);
  return tmux.attachOrSwitch(opened.session, options.client);
}
