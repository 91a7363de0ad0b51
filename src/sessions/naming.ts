import { isInside } from '../project/candidates.js';
import { findProjectDir, projectSessionName } from '../project/detect.js';
import { InvalidInputError } from '../tmux/errors.js';
import { uniqueName, validateSessionName } from '../tmux/names.js';
import type { TmuxService } from '../tmux/service.js';
import type { Session, SessionRef } from '../tmux/types.js';

export interface NamePlan {
  /** The name the session will get (sanitised, de-duplicated), shown before Enter. */
  name: string;
  /** Chosen by us (empty input): auto-rename may change it later. */
  automatic: boolean;
  /** Why the typed name cannot be used, if it cannot. */
  error?: string;
}

/**
 * What typing `typed` in the new-session prompt will create. Empty input
 * means "name it after the project of the start directory".
 */
export function planSessionName(typed: string, startDir: string, sessions: readonly Session[]): NamePlan {
  const taken = new Set(sessions.map((session) => session.name));
  if (typed.trim() === '') return { name: uniqueName(projectSessionName(startDir), taken), automatic: true };
  try {
    return { name: uniqueName(validateSessionName(typed), taken), automatic: false };
  } catch (error) {
    return { name: '', automatic: false, error: error instanceof InvalidInputError ? error.message : String(error) };
  }
}

/**
 * After a detach: a session whose name the dashboard chose (and the user has
 * not changed since) follows its active pane to that pane's project. Returns
 * the new identity, or undefined when nothing was renamed.
 */
export async function autoRenameToProject(tmux: TmuxService, sessionId: string): Promise<SessionRef | undefined> {
  const sessions = await tmux.listSessions();
  const session = sessions.find((candidate) => candidate.id === sessionId);
  if (session === undefined || session.autoName !== session.name) return undefined;
  const active = session.panes.find((pane) => pane.windowActive && pane.active);
  if (active === undefined || active.path === '') return undefined;
  // A session created for a project keeps the project's name (`repo/worktree` included) while you work in it.
  if (session.project != null && isInside(active.path, session.project)) return undefined;
  const wanted = projectSessionName(findProjectDir(active.path));
  if (wanted === session.name) return undefined;
  const others = new Set(sessions.filter((other) => other.id !== session.id).map((other) => other.name));
  const renamed = await tmux.renameSession(session, uniqueName(wanted, others));
  await tmux.markAutomaticName(renamed);
  return renamed;
}

/**
 * What renaming `session` to `typed` will do: the name tmux will hold, or why
 * it cannot. Unlike a new session, an empty name is refused (it never means
 * "the project's name": the session may not be in that project at all).
 */
export function planRename(typed: string, session: SessionRef, sessions: readonly Session[]): { name: string; error?: string } {
  if (typed.trim() === '') return { name: '', error: 'type a new name (a name cannot be empty)' };
  let name: string;
  try {
    name = validateSessionName(typed);
  } catch (error) {
    return { name: '', error: error instanceof InvalidInputError ? error.message : String(error) };
  }
  if (sessions.some((other) => other.id !== session.id && other.name === name)) return { name, error: `${name} is taken by another session` };
  return { name };
}

/** What renaming a window to `typed` will do. Windows may share a name (tmux allows it); an empty one is refused. */
export function planWindowRename(typed: string): { name: string; error?: string } {
  if (typed.trim() === '') return { name: '', error: 'type a new name (a name cannot be empty)' };
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(typed)) return { name: '', error: 'a window name cannot contain control characters' };
  if (typed.includes('\uFFFD')) return { name: '', error: 'a window name must be valid UTF-8 text (bytes that are not read as U+FFFD)' };
  return { name: typed };
}
