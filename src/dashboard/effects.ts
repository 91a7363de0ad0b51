import { constants, promises as fsp } from 'node:fs';
import type { SortMode } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { ProjectServices } from '../project/services.js';
import type { TmuxService } from '../tmux/service.js';
import type { Effect, Event } from './events.js';
import type { FileReport } from '../agents/claude-files.js';
import { SessionChangedError, SessionNotFoundError } from '../tmux/errors.js';
import type { Session, SessionRef } from '../tmux/types.js';
import { withoutColors } from '../sessions/pane-colors.js';

/** What the effects need from the outside world. */
export interface EffectServices {
  tmux: Pick<TmuxService, 'snapshot' | 'createSession' | 'renameSession' | 'killSession' | 'capturePane' | 'markSeen' | 'renameWindow' | 'killWindow'>;
  log: Logger;
  /** Resolves with a warning to show when the choice could not be remembered. */
  rememberSort: (mode: SortMode) => Promise<string | undefined>;
  /** The preview's on/off (`p`), remembered as the sort mode is; none: not remembered. */
  rememberPreview?: (shown: boolean) => Promise<string | undefined>;
  now: () => number;
  /** The project picker's sources and its find-or-create; the picker has no sources but the sessions' folders without it. */
  projects?: ProjectServices;
  /** The folder relative paths in the picker start from. */
  startDir?: string;
  /** The agents' status files for the panes of a list (src/agents/snapshot.ts); none when absent. */
  agentFiles?: (sessions: readonly Session[]) => Promise<ReadonlyMap<string, FileReport>>;
  /** The preview keeps the pane's colours (the terminal shows styles). */
  previewColors?: boolean;
  /** Rings the terminal bell (a BEL to the terminal the UI draws on). */
  bell?: () => void;
  /** Gives the screen back and stops the process group (Ctrl-Z); returns once continued. */
  suspend?: () => void;
}

// The command line's hint (see `tmux-dashboard list`) means nothing on the dashboard, which is that list.
const message = (error: unknown) => (error instanceof SessionNotFoundError ? `${error.sessionName} is gone (closed elsewhere)` : error instanceof Error ? error.message : String(error));

/**
 * Runs one effect that works on tmux or the disk, and resolves with the
 * event that reports its result (never rejects). Attach, switch and quit are
 * not here: they close the UI, and the code that runs the UI carries them out.
 * Every session is named by the id and name the effect carries: the tmux
 * service checks both again right before it acts.
 */
export async function runEffect(effect: Effect, services: EffectServices): Promise<Event | undefined> {
  const { tmux, log } = services;
  switch (effect.type) {
    case 'refresh':
      return tmux.snapshot().then(
        async (snapshot): Promise<Event> => ({ type: 'snapshot', snapshot, now: services.now(), files: await services.agentFiles?.(snapshot.sessions) }),
        (error: unknown): Event => ({ type: 'snapshotFailed', message: message(error), now: services.now() }),
      );
    case 'capturePreview':
      return tmux.capturePane({ id: effect.paneId }, effect.lines, { colors: services.previewColors === true }).then(
        (text): Event => ({ type: 'previewCaptured', paneId: effect.paneId, text: withoutTrailingBlankLines(text), lines: effect.lines }),
        (): Event => ({ type: 'previewCaptured', paneId: effect.paneId, text: undefined }),
      );
    case 'checkDir':
      return { type: 'dirChecked', path: effect.path, problem: await directoryProblem(effect.path) };
    case 'create':
      try {
        const created = await tmux.createSession(effect.name, effect.dir, { automaticName: effect.automatic });
        log.info('session_created', `created ${created.id} in ${effect.dir}${effect.automatic ? ' (automatic name)' : ''}`, created.name);
        return { type: 'created', session: created };
      } catch (error) {
        log.error('create_failed', message(error), effect.name);
        return { type: 'createFailed', message: message(error) };
      }
    case 'rename':
      try {
        const renamed = await tmux.renameSession(effect.session, effect.name);
        log.info('session_renamed', `renamed ${effect.session.id} from ${effect.session.name}`, renamed.name);
        return { type: 'renamed', from: effect.session, to: renamed };
      } catch (error) {
        log.error('rename_failed', message(error), effect.session.name);
        return { type: 'renameFailed', session: effect.session, message: message(error) };
      }
    case 'kill':
      try {
        await tmux.killSession(effect.session);
        log.info('session_killed', `killed ${effect.session.id}`, effect.session.name);
        return { type: 'killed', session: effect.session };
      } catch (error) {
        log.error('delete_failed', message(error), effect.session.name);
        return { type: 'killFailed', session: effect.session, message: message(error) };
      }
    case 'killTagged':
      return killTagged(effect.sessions, services);
    case 'renameWindow':
      try {
        const name = await tmux.renameWindow(effect.session, effect.window, effect.name);
        log.info('window_renamed', `renamed window ${effect.window.id} of ${effect.session.id} from ${JSON.stringify(effect.window.name)} to ${JSON.stringify(name)}`, effect.session.name);
        return { type: 'windowRenamed', session: effect.session, window: effect.window, name };
      } catch (error) {
        log.error('rename_failed', `window ${effect.window.id}: ${message(error)}`, effect.session.name);
        return { type: 'windowActionFailed', session: effect.session, window: effect.window, message: message(error) };
      }
    case 'killWindow':
      try {
        await tmux.killWindow(effect.session, effect.window, effect.reach);
        log.info('window_killed', `killed window ${effect.window.id} (${JSON.stringify(effect.window.name)}) of ${effect.session.id}`, effect.session.name);
        return { type: 'windowKilled', session: effect.session, window: effect.window };
      } catch (error) {
        log.error('delete_failed', `window ${effect.window.id}: ${message(error)}`, effect.session.name);
        return { type: 'windowActionFailed', session: effect.session, window: effect.window, message: message(error) };
      }
    case 'findProjects': {
      const answer = services.projects === undefined ? { projects: [], note: undefined } : await services.projects.find(effect.source).catch((error: unknown) => ({ projects: [], note: `${effect.source}: ${message(error)}` }));
      return { type: 'projectsFound', source: effect.source, generation: effect.generation, projects: answer.projects, note: answer.note };
    }
    case 'completePath': {
      const completed = services.projects === undefined ? effect.text : await services.projects.complete(effect.text, services.startDir ?? '/').catch(() => effect.text);
      return { type: 'pathCompleted', generation: effect.generation, text: effect.text, completed };
    }
    case 'openProject':
      if (services.projects === undefined) return { type: 'projectOpenFailed', message: 'projects are not available here' };
      try {
        const opened = await services.projects.open({ dir: effect.dir, name: effect.name, others: effect.others });
        if (opened.created) log.info('session_created', `created ${opened.session.id} for project ${effect.dir}`, opened.session.name);
        if (opened.warning !== undefined) log.warn('template_failed', opened.warning, opened.session.name);
        return { type: 'projectOpened', session: opened.session, created: opened.created, warning: opened.warning };
      } catch (error) {
        log.error('create_failed', message(error), effect.name);
        return { type: 'projectOpenFailed', message: message(error) };
      }
    case 'rememberProject':
      services.projects?.remember(effect.dir);
      return undefined;
    case 'rememberSort':
      return { type: 'sortRemembered', warning: await services.rememberSort(effect.mode) };
    case 'rememberPreview':
      return { type: 'previewRemembered', warning: await services.rememberPreview?.(effect.shown) };
    case 'bell':
      services.bell?.();
      return undefined;
    case 'suspend':
      services.suspend?.();
      return undefined;
    case 'markSeen':
      // A memory for the agents' `done`, not an action: a session gone meanwhile is no error.
      await tmux.markSeen(effect.session, effect.at).catch((error: unknown) => {
        log.warn('mark_seen_failed', message(error), effect.session.name);
      });
      return undefined;
    case 'attach':
    case 'switch':
    case 'quit':
      return undefined;
  }
}

/**
 * The batch delete: one session at a time, each re-checked by the service
 * (id, name, creation time) right before its kill; one that fails the check
 * or the kill is skipped and said why, the others go on.
 */
async function killTagged(sessions: readonly SessionRef[], services: EffectServices): Promise<Event> {
  const killed: SessionRef[] = [];
  const skipped: { session: SessionRef; reason: string }[] = [];
  for (const session of sessions) {
    try {
      await services.tmux.killSession(session);
      services.log.info('session_killed', `killed ${session.id} (tagged)`, session.name);
      killed.push(session);
    } catch (error) {
      services.log.error('delete_failed', message(error), session.name);
      skipped.push({ session, reason: skipReason(error) });
    }
  }
  return { type: 'killedTagged', killed, skipped };
}

/** A skipped session's reason, short: the status line lists every one. */
function skipReason(error: unknown): string {
  if (error instanceof SessionNotFoundError) return 'is gone';
  if (error instanceof SessionChangedError && error.short !== undefined) return error.short;
  return `failed: ${message(error)}`;
}

/** The pane's text without the blank lines below its last output (with colours, a blank line can hold only SGR sequences). */
function withoutTrailingBlankLines(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 0 && withoutColors(lines.at(-1) ?? '').trim() === '') lines.pop();
  return lines.join('\n').replace(/\s+$/, '');
}

/** Why `dir` cannot be a start directory, or undefined when it can. */
async function directoryProblem(dir: string): Promise<string | undefined> {
  const info = await fsp.stat(dir).catch(() => undefined);
  if (info === undefined) return `no such directory: ${dir}`;
  if (!info.isDirectory()) return `not a directory: ${dir}`;
  return (await fsp.access(dir, constants.X_OK).then(() => true, () => false)) ? undefined : `cannot be entered (no permission): ${dir}`;
}
