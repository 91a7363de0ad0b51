import type { Pane, Session, WindowReach } from '../tmux/types.js';

/**
 * The list as a tree (choose-tree style): a session row, opened into its
 * windows, a window opened into its panes. Pure data from the snapshot the
 * list already has (every pane carries its window), so opening costs no tmux
 * call. Rows are known by a key built from tmux ids — `$1`, `$1@4`,
 * `$1@4%7` — never by position: the selection survives refreshes, sorts and
 * filters, and a window linked into two sessions is two rows.
 */

export interface TreeWindow {
  id: string; // @N
  index: number;
  name: string;
  active: boolean;
  panes: readonly Pane[];
}

export type TreeRow =
  | { kind: 'session'; key: string; session: Session }
  | { kind: 'window'; key: string; session: Session; window: TreeWindow; last: boolean }
  | { kind: 'pane'; key: string; session: Session; window: TreeWindow; windowLast: boolean; pane: Pane; last: boolean };

export const windowKey = (sessionId: string, windowId: string) => `${sessionId}${windowId}`;
export const paneKey = (sessionId: string, windowId: string, paneId: string) => `${sessionId}${windowId}${paneId}`;

/** The ids in a row key: `$1@4%7` → session `$1`, window `@4`, pane `%7`. */
export function keyIds(key: string): { sessionId: string; windowId: string | undefined; paneId: string | undefined } {
  const match = key.match(/^(\$\d+)(@\d+)?(%\d+)?$/);
  return { sessionId: match?.[1] ?? key, windowId: match?.[2], paneId: match?.[3] };
}

const windowsOfSession = new WeakMap<Session, readonly TreeWindow[]>();

/** A session's windows in tmux's order, each with its panes (grouped from the list's panes; computed once per list). */
export function windowsOf(session: Session): readonly TreeWindow[] {
  let windows = windowsOfSession.get(session);
  if (windows === undefined) {
    const byId = new Map<string, { id: string; index: number; name: string; active: boolean; panes: Pane[] }>();
    for (const pane of session.panes) {
      let window = byId.get(pane.windowId);
      if (window === undefined) {
        window = { id: pane.windowId, index: pane.windowIndex, name: pane.windowName, active: pane.windowActive, panes: [] };
        byId.set(pane.windowId, window);
      }
      window.panes.push(pane);
    }
    windows = [...byId.values()].sort((a, b) => a.index - b.index);
    windowsOfSession.set(session, windows);
  }
  return windows;
}

/** The sessions a kill of `windowId` (a window of `session`) reaches, from the list: see WindowReach. */
export function windowReach(sessions: readonly Session[], session: Session, windowId: string): WindowReach {
  const others = sessions.filter((other) => other.id !== session.id && other.panes.some((pane) => pane.windowId === windowId));
  const ref = (holder: Session) => ({ id: holder.id, name: holder.name });
  const ends = (holder: Session) => {
    const windows = windowsOf(holder);
    return windows.length === 1 && windows[0]?.id === windowId;
  };
  return { alsoIn: others.map(ref), ending: [session, ...others].filter(ends).map(ref) };
}

/** The pane a window shows: its active one. */
export function activePane(window: TreeWindow): Pane | undefined {
  return window.panes.find((pane) => pane.active) ?? window.panes[0];
}

/**
 * The rows of `sessions`: each session, then (when it is open) its windows,
 * then (when a window with several panes is open) its panes. `windowHits`:
 * sessions the filter matched by window names only, and those windows — a
 * closed session shows them, so the window that matched is on screen and
 * reachable.
 */
export function treeRows(sessions: readonly Session[], opened: ReadonlySet<string>, windowHits: ReadonlyMap<string, readonly string[]>): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const session of sessions) {
    rows.push({ kind: 'session', key: session.id, session });
    const open = opened.has(session.id);
    const hits = open ? undefined : windowHits.get(session.id);
    if (!open && hits === undefined) continue;
    const windows = windowsOf(session).filter((window) => hits === undefined || hits.includes(window.id));
    windows.forEach((window, index) => {
      const last = index === windows.length - 1;
      rows.push({ kind: 'window', key: windowKey(session.id, window.id), session, window, last });
      if (window.panes.length < 2 || !opened.has(window.id)) return;
      window.panes.forEach((pane, paneIndex) => {
        rows.push({ kind: 'pane', key: paneKey(session.id, window.id, pane.id), session, window, windowLast: last, pane, last: paneIndex === window.panes.length - 1 });
      });
    });
  }
  return rows;
}

/** What can be opened: session ids and window ids that still exist (an opened session that is gone is forgotten). */
export function existingOpened(opened: ReadonlySet<string>, sessions: readonly Session[]): ReadonlySet<string> {
  if (opened.size === 0) return opened;
  const alive = new Set<string>();
  for (const session of sessions) {
    if (opened.has(session.id)) alive.add(session.id);
    for (const pane of session.panes) if (opened.has(pane.windowId)) alive.add(pane.windowId);
  }
  return alive.size === opened.size ? opened : alive;
}

/**
 * Where the selection goes when its row is not shown any more: to its
 * window's row, else its session's row (a pane or window that closed or
 * went away), else undefined (the caller picks the row that took its place).
 */
export function fallbackRow(key: string, rows: readonly TreeRow[]): TreeRow | undefined {
  const { sessionId, windowId } = keyIds(key);
  const candidates = windowId === undefined ? [] : [windowKey(sessionId, windowId)];
  candidates.push(sessionId);
  for (const candidate of candidates) {
    const row = rows.find((entry) => entry.key === candidate);
    if (row !== undefined) return row;
  }
  return undefined;
}

/** The pane the preview shows for a row: a session's or window's active pane, or the pane itself. */
export function rowPane(row: TreeRow | undefined): Pane | undefined {
  if (row === undefined) return undefined;
  if (row.kind === 'pane') return row.pane;
  if (row.kind === 'window') return activePane(row.window);
  const session = row.session;
  return session.panes.find((pane) => pane.windowActive && pane.active) ?? session.panes[0];
}
