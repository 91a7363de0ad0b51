import type { WindowRef } from '../tmux/types.js';
import { goTo, movedHere, none, notify, refreshNow, withMode } from './actions.js';
import type { Step } from './events.js';
import { selectedRow } from './selection.js';
import { settle } from './settle.js';
import type { State } from './state.js';
import { fieldOf } from './text-field.js';
import { activePane, windowKey, windowReach, type TreeRow } from './tree.js';

/**
 * The tree's keys (src/dashboard/tree.ts): open and close rows, Enter on a
 * window or pane, and the window actions (rename, kill). Every effect names
 * the session by id and name and the window by id and name, as the state
 * this key saw had them; the tmux service checks them again before acting.
 */

const withOpened = (state: State, change: (opened: Set<string>) => void, selectedKey = state.selectedKey): State => {
  const opened = new Set(state.opened);
  change(opened);
  return settle({ ...state, opened, selectedKey }, state);
};

/** `→`/`l`: a session opens into its windows, a window with several panes into its panes. The selection stays. */
export function openRow(state: State): Step {
  const row = selectedRow(state);
  if (row === undefined || row.kind === 'pane') return none(state);
  if (row.kind === 'window') {
    if (row.window.panes.length < 2 || state.opened.has(row.window.id)) return none(state);
    return none(withOpened(state, (opened) => opened.add(row.window.id)));
  }
  if (state.opened.has(row.session.id)) return none(state);
  return none(withOpened(state, (opened) => opened.add(row.session.id)));
}

/** `←`/`h`: a session closes; on a window or pane row, its parent closes and is selected. */
export function closeRow(state: State): Step {
  const row = selectedRow(state);
  if (row === undefined) return none(state);
  if (row.kind === 'session') return state.opened.has(row.session.id) ? none(withOpened(state, (opened) => opened.delete(row.session.id))) : none(state);
  if (row.kind === 'window') return none(withOpened(state, (opened) => opened.delete(row.session.id), row.session.id));
  return none(withOpened(state, (opened) => opened.delete(row.window.id), windowKey(row.session.id, row.window.id)));
}

/** Enter or 1–9 on a row: a session as before; a window or pane: its session, with it selected. */
export function goToRow(state: State, row: TreeRow | undefined): Step {
  if (row === undefined) return none(state);
  if (row.kind === 'session') return goTo(state, row.session);
  const paneId = row.kind === 'pane' ? row.pane.id : activePane(row.window)?.id;
  return goTo(state, row.session, paneId === undefined ? { windowId: row.window.id } : { windowId: row.window.id, paneId });
}

export function windowRef(row: TreeRow | undefined): WindowRef | undefined {
  if (row === undefined || row.kind === 'session') return undefined;
  return { id: row.window.id, name: row.window.name, index: row.window.index };
}

/** `r`/`R` on a window's (or one of its panes') row: the rename dialog, for the window. */
export function openWindowRename(state: State): Step {
  const row = selectedRow(state);
  const window = windowRef(row);
  if (row === undefined || window === undefined) return none(state);
  return none(withMode(state, { kind: 'rename', session: { id: row.session.id, name: row.session.name }, window, name: fieldOf(window.name), busy: false, error: undefined, ...movedHere(state) }));
}

/** `d` on a window row: the confirmation (what runs there, and whether the session goes too), after a fresh list. */
export function openWindowDelete(state: State): Step {
  const row = selectedRow(state);
  if (row?.kind !== 'window') return none(notify(state, 'select a session or a window to delete (a pane row is neither)', 'error'));
  return refreshNow(withMode(state, { kind: 'delete', session: row.session, window: { id: row.window.id, name: row.window.name, index: row.window.index }, reach: windowReach(state.sessions, row.session, row.window.id), busy: false, ...movedHere(state) }));
}
