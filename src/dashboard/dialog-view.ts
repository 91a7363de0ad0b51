import type { TextMeasure } from '../sessions/measure.js';
import { printable, shortenHome } from '../sessions/present.js';
import type { Session, SessionRef } from '../tmux/types.js';
import { newSessionPlan, renamePlan } from './actions.js';
import { boxed, fieldSegments, plain, warning, type Line, type Style } from './lines.js';
import type { MovedHere, State } from './state.js';
import { windowReach, windowsOf } from './tree.js';

// The new-session, rename and delete dialogs, and what the delete dialogs
// say about a session (also the tagged delete's: tags-view.ts).

const go = (state: State) => (state.context.insideTmux ? 'switch to it' : 'attach to it');

export function dialogLines(state: State, height: number, measure: TextMeasure): Line[] {
  const mode = state.mode;
  let title = '';
  let body: Line[] = [];
  let color: Style['color'];
  const home = state.context.home;
  // Inside the box's border and padding.
  const room = Math.max(4, state.columns - 4);
  if (mode.kind === 'new') {
    const plan = newSessionPlan(state);
    const dir = mode.dirCheck;
    title = 'New session';
    body = [
      [{ text: 'Name: ' }, ...fieldSegments(mode.name, mode.field === 'name', room - 6, state.context.styles)],
      [{ text: 'Dir:  ' }, ...fieldSegments(mode.dir, mode.field === 'dir', room - 6, state.context.styles)],
      !dir.checked ? plain(`      ${printable(shortenHome(dir.path, home))} (checking…)`, { dim: true }) : dir.problem !== undefined ? plain(`✗ ${dir.problem}`, { color: 'red' }) : plain(`      = ${printable(dir.path)}`, { dim: true }),
      newResultLine(state, plan),
    ];
  } else if (mode.kind === 'rename') {
    const plan = renamePlan(state);
    title = mode.window === undefined ? `Rename ${printable(mode.session.name)}` : `Rename window ${mode.window.index}: ${printable(mode.window.name)} of ${printable(mode.session.name)}`;
    body = [
      ...movedWarning(mode.moved, 'Enter', 'renames'),
      [{ text: 'New name: ' }, ...fieldSegments(mode.name, true, room - 10, state.context.styles)],
      mode.busy ? plain('renaming…') : (mode.error ?? plan.error) !== undefined ? plain(`✗ ${mode.error ?? plan.error ?? ''}`, { color: 'red' }) : plain(`→ Enter renames it to ${named(plan.name)}`),
    ];
  } else if (mode.kind === 'delete') {
    color = 'red';
    if (mode.window === undefined) {
      title = `Delete session ${printable(mode.session.name)}?`;
      body = [...movedWarning(mode.moved, 'y', 'deletes'), plain(deleteRunning(mode.session)), plain(deleteClients(mode.session)), ownSessionWarning(state, mode.session), plain(mode.busy ? 'deleting…' : 'y delete · n or Esc keep', { bold: true })];
    } else {
      const window = mode.window;
      title = `Delete window ${window.index}: ${printable(window.name)} of ${printable(mode.session.name)}?`;
      body = [...movedWarning(mode.moved, 'y', 'deletes'), plain(windowRunning(mode.session, window.id)), windowLastWarning(mode.session, window.id), ...sharedWindowWarnings(state, mode.session, window.id), ownWindowWarning(state, mode.session, window.id), plain(mode.busy ? 'deleting…' : 'y delete · n or Esc keep', { bold: true })];
    }
  } else return [];
  return boxed(title, body, state.columns, height, color, measure);
}

/** First in a dialog opened right after the selection moved by itself (State.selectionMoved): this is not the row the user pointed at. */
function movedWarning(moved: MovedHere | undefined, confirm: string, verb: string): Line[] {
  if (moved === undefined) return [];
  return [warning(moved.refused ? `${moved.what} went meanwhile: ${confirm} again ${verb} this one` : `${moved.what} went meanwhile; the selection moved here: ${confirm} twice`)];
}

/** What Enter will do, or why it will not: said once (the directory's problem is on its own line). */
function newResultLine(state: State, plan: ReturnType<typeof newSessionPlan>): Line {
  const mode = state.mode;
  if (mode.kind !== 'new') return [];
  if (mode.busy) return plain('creating…');
  const dirProblem = mode.dirCheck.checked ? mode.dirCheck.problem : undefined;
  const error = mode.error ?? plan.error;
  if (error !== undefined && error !== dirProblem) return plain(`✗ ${error}`, { color: 'red' });
  if (dirProblem !== undefined) return plain('Enter creates nothing until the directory exists', { dim: true });
  return plain(`→ Enter creates ${named(plan.name)} there and will ${go(state)}`);
}

/** A name as the dialogs show it: quoted when spaces at its ends would not be seen. */
function named(name: string): string {
  return /^\s|\s$/.test(name) ? JSON.stringify(printable(name)) : printable(name);
}

export function deleteRunning(session: Session): string {
  const commands = [...new Set(session.panes.map((pane) => printable(pane.command)))].join(', ');
  return `${session.windows} window${session.windows === 1 ? '' : 's'}, running: ${commands === '' ? 'nothing' : commands}`;
}

function windowRunning(session: Session, windowId: string): string {
  const panes = session.panes.filter((pane) => pane.windowId === windowId);
  const commands = [...new Set(panes.map((pane) => printable(pane.command)))].join(', ');
  return `${panes.length} pane${panes.length === 1 ? '' : 's'}, running: ${commands === '' ? 'nothing' : commands}`;
}

/** tmux ends a session with its last window: the dialog says so before `y`. */
function windowLastWarning(session: Session, windowId: string): Line {
  const windows = windowsOf(session);
  if (windows.length !== 1 || windows[0]?.id !== windowId) return plain(`${windows.length - 1} other window${windows.length === 2 ? ' stays' : 's stay'}`, { dim: true });
  return warning(`its last window: session ${printable(session.name)} is deleted too${deleteClients(session) === 'no client is attached' ? '' : ` (${deleteClients(session)})`}`);
}

/**
 * A window linked into other sessions (link-window, a session group) closes
 * in all of them, and ends those it is the last window of: named before `y`,
 * and the kill is refused if it would reach more by then (WindowReach).
 */
function sharedWindowWarnings(state: State, session: Session, windowId: string): Line[] {
  const reach = windowReach(state.sessions, session, windowId);
  if (reach.alsoIn.length === 0) return [];
  const ending = reach.ending.filter((other) => other.id !== session.id);
  return [
    warning(`also in ${sessionNames(reach.alsoIn)}: it closes there too`),
    ...(ending.length === 0 ? [] : [warning(`the last window of ${sessionNames(ending)}: ${ending.length === 1 ? 'it ends' : 'they end'} too`)]),
  ];
}

function sessionNames(sessions: readonly SessionRef[]): string {
  const shown = sessions.slice(0, 3).map((session) => printable(session.name));
  return `session${sessions.length === 1 ? '' : 's'} ${shown.join(', ')}${sessions.length > 3 ? ` and ${sessions.length - 3} more` : ''}`;
}

function ownWindowWarning(state: State, session: Session, windowId: string): Line {
  return session.panes.some((pane) => pane.windowId === windowId && pane.id === state.context.ownPaneId) ? warning('the dashboard runs in this window: it closes too') : [];
}

export function deleteClients(session: Session): string {
  const clients = session.clients.filter((client) => !client.controlMode).map((client) => printable(client.tty !== '' ? client.tty : client.name));
  if (clients.length === 0) return session.attached > 0 ? `${session.attached} client(s) attached` : 'no client is attached';
  return `attached: ${clients.join(', ')}`;
}

export function ownSessionWarning(state: State, session: Session): Line {
  const own = session.id === state.context.currentSessionId || session.panes.some((pane) => pane.id === state.context.ownPaneId);
  return own ? warning('the dashboard runs in this session: it closes too') : [];
}
