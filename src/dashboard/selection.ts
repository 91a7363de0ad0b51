import type { Pane, Session } from '../tmux/types.js';
import type { State } from './state.js';
import { rowPane, type TreeRow } from './tree.js';

/** The index of the selected row in `tree` (0 when nothing is selected yet). */
export function selectedIndex(state: Pick<State, 'tree' | 'selectedKey'>): number {
  const index = state.tree.findIndex((row) => row.key === state.selectedKey);
  return index >= 0 ? index : 0;
}

export function selectedRow(state: Pick<State, 'tree' | 'selectedKey'>): TreeRow | undefined {
  return state.tree[selectedIndex(state)];
}

/** The selected row's session (a window's or pane's row: the session it belongs to). */
export function selectedSession(state: Pick<State, 'tree' | 'selectedKey'>): Session | undefined {
  return selectedRow(state)?.session;
}

/** The pane the preview shows: the selected row's (a session's or window's active pane, or the pane). */
export function previewPane(state: State): Pane | undefined {
  return rowPane(selectedRow(state));
}

export function previewPaneId(state: State): string | undefined {
  return previewPane(state)?.id;
}
