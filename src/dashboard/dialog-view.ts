import type { TextMeasure } from '../sessions/measure.js';
import { printable, shortenHome } from '../sessions/present.js';
import type { Session, WindowReach } from '../tmux/types.js';
import { newSessionPlan, renamePlan } from './actions.js';
import { boxed, fieldSegments, plain, warning, type Line, type Style } from './lines.js';
import { dialogWarnings } from './dialog-warnings.js';
import type { State } from './state.js';
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
      ...dialogWarnings(mode, room),
      [{ text: 'New name: ' }, ...fieldSegments(mode.name, true, room - 10, state.context.styles)],
      mode.busy ? plain('renaming…') : (mode.error ?? plan.error) !== undefined ? plain(`✗ ${mode.error ?? plan.error ?? ''}`, { color: 'red' }) : plain(`→ Enter renames it to ${named(plan.name)}`),
    ];
  } else if (mode.kind === 'delete') {
    color = 'red';
    if (mode.window === undefined) {
      title = `Delete session ${printable(mode.session.name)}?`;
      body = [...dialogWarnings(mode, room), plain(deleteRunning(mode.session)), plain(deleteClients(mode.session)), ownSessionWarning(state, mode.session), plain(mode.busy ? 'deleting…' : 'y delete · n or Esc keep', { bold: true })];
    } else {
      const window = mode.window;
      title = `Delete window ${window.index}: ${printable(window.name)} of ${printable(mode.session.name)}?`;
      const reach = mode.reach ?? windowReach(state.sessions, mode.session, window.id);
      body = [...dialogWarnings(mode, room), plain(windowRunning(mode.session, window.id)), windowLastWarning(mode.session, window.id, reach), ownWindowWarning(state, mode.session, window.id), plain(mode.busy ? 'deleting…' : 'y delete · n or Esc keep', { bold: true })];
    }
  } else return [];
  return boxed(title, body, state.columns, height, color, measure);
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
function windowLastWarning(session: Session, windowId: string, reach: WindowReach): Line {
  const others = windowsOf(session).filter((window) => window.id !== windowId).length;
  if (!reach.ending.some((ending) => ending.id === session.id)) return plain(`${others} other window${others === 1 ? ' stays' : 's stay'}`, { dim: true });
  return warning(`its last window: session ${printable(session.name)} is deleted too${deleteClients(session) === 'no client is attached' ? '' : ` (${deleteClients(session)})`}`);
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
