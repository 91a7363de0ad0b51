import { constants, promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import type { Template } from '../config/schema.js';
import { deriveSessionName } from '../tmux/names.js';
import type { TmuxService } from '../tmux/service.js';
import type { SessionRef } from '../tmux/types.js';
import { prepareDirOf, stateDir } from '../xdg.js';
import { sessionForProject } from './candidates.js';
import { expandHome } from '../xdg.js';

/**
 * Finding or creating the session of a project: what Enter in the picker
 * and `tmux-dashboard open` do. Never two sessions for one project: the
 * check and the create happen under one lock shared by every process of
 * the user (two `open`s at once, a picker and a script), and the check
 * reads tmux's list afresh under it.
 */
export interface OpenRequest {
  /** The project folder, a real path. */
  dir: string;
  /** The project's name: the session's, once sanitised and de-duplicated like `new`'s. */
  name: string;
  /** The other known project folders: a session in a nested project is that project's, not this one's. */
  others: readonly string[];
}

export interface Opened {
  session: SessionRef;
  created: boolean;
  /** A template step that failed (the session is there all the same). */
  warning: string | undefined;
}

export function openLockPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'open.lock');
}

export async function openProjectSession(tmux: TmuxService, request: OpenRequest, options: { templates: readonly Template[]; home: string; lockPath: string }): Promise<Opened> {
  prepareDirOf(options.lockPath, 'state');
  const release = await lockfile.lock(options.lockPath, {
    lockfilePath: `${options.lockPath}.d`,
    realpath: false,
    stale: 10_000,
    retries: { retries: 400, minTimeout: 5, maxTimeout: 50, randomize: true },
    // proper-lockfile throws from a timer when it cannot refresh the lock (by default), which would end the
    // dashboard; the lock only guards one check-and-create, which goes on either way.
    onCompromised: () => undefined,
  });
  try {
    const existing = sessionForProject(request.dir, await tmux.listSessions(), request.others);
    if (existing !== undefined) return { session: { id: existing.id, name: existing.name }, created: false, warning: undefined };
    // The same name `new` would give (sanitised; `-2`, `-3`, … when taken), marked as chosen by us and as this project's.
    const session = await tmux.createSession(deriveSessionName(request.name, 'root'), request.dir, { automaticName: true, project: request.dir });
    const template = templateFor(options.templates, request.dir, options.home);
    let warning: string | undefined;
    if (template !== undefined) {
      try {
        const problems = await applyTemplate(tmux, session, template, request.dir, options.home);
        if (problems.length > 0) warning = `template ${template.match}: ${problems.join('; ')}`;
      } catch (error) {
        warning = `template ${template.match}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return { session, created: true, warning };
  } finally {
    await release();
  }
}

/** A template's `match` as a test on a folder: `~` is home, `*` one folder name, `**` any number of folders. */
export function templateMatches(pattern: string, dir: string, home: string): boolean {
  const expanded = expandHome(pattern, home).replace(/\/+$/, '');
  let source = '';
  for (let index = 0; index < expanded.length; index++) {
    const char = expanded[index] ?? '';
    if (char === '*' && expanded[index + 1] === '*') {
      source += '.*';
      index++;
    } else if (char === '*') source += '[^/]*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(dir);
}

export function templateFor(templates: readonly Template[], dir: string, home: string): Template | undefined {
  return templates.find((template) => templateMatches(template.match, dir, home));
}

/**
 * The startup command is typed into the first window, then each window is
 * added and its command typed into it: commands run in the user's shell, as
 * if typed there, and the shell stays when they end.
 */
async function applyTemplate(tmux: TmuxService, session: SessionRef, template: Template, dir: string, home: string): Promise<string[]> {
  const problems: string[] = [];
  if (template.startup_command !== undefined) await tmux.typeCommand(await tmux.firstPane(session), template.startup_command);
  for (const window of template.windows) {
    const folder = window.dir === undefined ? dir : resolve(dir, expandHome(window.dir, home));
    // tmux opens a window whose folder is missing in its own working folder:
    // the command would run somewhere the user never meant. No window then.
    const info = await fsp.stat(folder).catch(() => undefined);
    if (info?.isDirectory() !== true) {
      problems.push(`window ${window.name ?? '(unnamed)'} not opened: ${folder} is not a directory`);
      continue;
    }
    if (!(await fsp.access(folder, constants.X_OK).then(() => true, () => false))) {
      problems.push(`window ${window.name ?? '(unnamed)'} not opened: ${folder} cannot be entered (no permission)`);
      continue;
    }
    const pane = await tmux.addWindow(session, { name: window.name, dir: folder });
    if (window.command !== undefined) await tmux.typeCommand(pane, window.command);
  }
  return problems;
}
