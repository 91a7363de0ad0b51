import { printable } from '../sessions/present.js';
import type { Session, SessionRef, WindowReach } from '../tmux/types.js';
import { notify, withMode } from './actions.js';
import type { State } from './state.js';
import { windowReach } from './tree.js';

// What a new list changes besides the rows: the subject of an open dialog,
// and whether the selection moved because its row went (step.ts calls both
// on each new list).

/**
 * A dialog about a session follows the newest list. The delete dialog shows
 * what runs there and who is attached now; its identity stays the one the
 * user pointed at (a session renamed meanwhile is refused by the id-and-name
 * check). A session that is gone closes its dialog, saying so — unless tmux
 * is already acting on it: its answer says what happened.
 */
export function freshDialog(state: State): State {
  const mode = state.mode;
  if ((mode.kind !== 'delete' && mode.kind !== 'rename') || mode.busy) return state;
  const fresh = state.sessions.find((session) => session.id === mode.session.id);
  if (fresh === undefined) return notify(withMode(state, { kind: 'list' }), `${mode.session.name} is gone (closed elsewhere, or its server stopped): nothing was done`, 'error');
  const window = mode.window;
  if (window !== undefined && !fresh.panes.some((pane) => pane.windowId === window.id)) return notify(withMode(state, { kind: 'list' }), `window ${window.name} of ${mode.session.name} is gone: nothing was done`, 'error');
  if (mode.kind !== 'delete') return state;
  const session = { ...fresh, name: mode.session.name };
  // What it deletes follows the list. Grown — a window or pane opened in it, the window linked elsewhere,
  // another window closed (its session would end) — the next y does not count: the user read less.
  const inIt = (panes: Session['panes']) => new Set(panes.filter((pane) => window === undefined || pane.windowId === window.id).map((pane) => pane.id));
  const before = inIt(mode.session.panes);
  const morePanes = [...inIt(fresh.panes)].some((pane) => !before.has(pane));
  const reach = window === undefined || mode.reach === undefined ? undefined : windowReach(state.sessions, fresh, window.id);
  const grew = morePanes || (reach !== undefined && mode.reach !== undefined && wider(reach, mode.reach)) ? { recheck: { what: 'what it deletes grew meanwhile (read it again)', refused: false } } : {};
  return { ...state, mode: { ...mode, session, ...(reach === undefined ? {} : { reach }), ...grew } };
}

/** `after` reaches a session `before` did not name, or ends one `before` did not say it ends. */
function wider(after: WindowReach, before: WindowReach): boolean {
  const named = (list: readonly SessionRef[]) => new Set(list.map((session) => session.id));
  const alsoIn = named(before.alsoIn);
  const ending = named(before.ending);
  return after.alsoIn.some((session) => !alsoIn.has(session.id)) || after.ending.some((session) => !ending.has(session.id));
}

/**
 * The selected row went with this list and the selection fell on another
 * row: what went, for the dialogs (State.selectionMoved). A row the user
 * deleted here is gone before the list comes (removeSession, removeWindow).
 */
export function movedBySelf(before: State, after: State): string | undefined {
  const key = before.selectedKey;
  if (key === undefined || after.selectedKey === undefined || after.selectedKey === key || after.tree.some((row) => row.key === key)) return before.selectionMoved;
  const row = before.tree.find((entry) => entry.key === key);
  if (row === undefined) return before.selectionMoved;
  const session = `session ${printable(row.session.name)}`;
  if (!after.sessions.some((entry) => entry.id === row.session.id)) return `${session} closed meanwhile`;
  if (!after.visible.some((entry) => entry.id === row.session.id)) return `${session} no longer matches the filter`;
  if (row.kind === 'session') return `${session} left the list meanwhile`;
  const windowId = row.window.id;
  const window = `window ${printable(row.window.name)} of ${printable(row.session.name)}`;
  return row.kind === 'pane' && after.tree.some((entry) => entry.kind === 'window' && entry.window.id === windowId) ? `a pane of ${window} closed meanwhile` : `${window} closed meanwhile`;
}

