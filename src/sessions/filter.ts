import { fuzzysort } from '../fuzzy.js';
import type { Session } from '../tmux/types.js';
import { shortenHome } from './present.js';

/**
 * Sessions whose name or folder fuzzily matches `query`, best match first
 * (fzf-like: `wk` finds `work`, `src/api` the session started there).
 * Matches on the name come before matches on the folder alone; equal
 * matches keep the list's order (the sort mode's), so `web` lists web-1 …
 * web-5 in order, not as the matcher happened to return them. An empty
 * query keeps every session in its order. The folder is matched as the row
 * shows it, with `~` for `home`: `me` must not match every session below
 * /home/me. A window's name matches too (filterSessionsAndWindows).
 */
export function filterSessions(sessions: readonly Session[], query: string, home?: string): Session[] {
  return filterSessionsAndWindows(sessions, query, home).sessions;
}

/**
 * As filterSessions, and then the sessions that match by a window's name
 * alone (after those that match by name or folder). `windowHits` lists, for
 * those sessions only, the windows that matched: the tree shows them, so
 * what matched is on screen.
 */
export function filterSessionsAndWindows(sessions: readonly Session[], query: string, home?: string): { sessions: Session[]; windowHits: ReadonlyMap<string, readonly string[]> } {
  const trimmed = query.trim();
  if (trimmed === '') return { sessions: [...sessions], windowHits: NO_HITS };
  const order = new Map(sessions.map((session, index) => [session.id, index]));
  const byOrder = (a: Session, b: Session) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  const byName = [...fuzzysort().go(trimmed, sessions, { key: 'name', threshold: 0 })].sort((a, b) => b.score - a.score || byOrder(a.obj, b.obj)).map((result) => result.obj);
  const named = new Set(byName);
  const folders = sessions.filter((session) => !named.has(session)).map((session) => ({ session, shown: home === undefined ? session.path : shortenHome(session.path, home) }));
  const byFolder = [...fuzzysort().go(trimmed, folders, { key: 'shown', threshold: 0 })]
    .sort((a, b) => b.score - a.score || byOrder(a.obj.session, b.obj.session))
    .map((result) => result.obj.session);
  const found = new Set([...byName, ...byFolder]);
  const windows = sessions.filter((session) => !found.has(session)).flatMap((session) => windowNames(session).map((window) => ({ session, ...window })));
  const best = new Map<Session, number>();
  const windowHits = new Map<string, string[]>();
  for (const result of fuzzysort().go(trimmed, windows, { key: 'name', threshold: 0 })) {
    const { session, id } = result.obj;
    best.set(session, Math.max(best.get(session) ?? -Infinity, result.score));
    windowHits.set(session.id, [...(windowHits.get(session.id) ?? []), id]);
  }
  const byWindow = [...best.entries()].sort((a, b) => b[1] - a[1] || byOrder(a[0], b[0])).map(([session]) => session);
  return { sessions: [...byName, ...byFolder, ...byWindow], windowHits };
}

const NO_HITS: ReadonlyMap<string, readonly string[]> = new Map();

/** A session's windows (id and name), once each: the list carries them on every pane. */
function windowNames(session: Session): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const pane of session.panes) if (!seen.has(pane.windowId)) seen.set(pane.windowId, pane.windowName);
  return [...seen].map(([id, name]) => ({ id, name }));
}
