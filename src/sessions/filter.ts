import fuzzysort from 'fuzzysort';
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
 * /home/me.
 */
export function filterSessions(sessions: readonly Session[], query: string, home?: string): Session[] {
  const trimmed = query.trim();
  if (trimmed === '') return [...sessions];
  const order = new Map(sessions.map((session, index) => [session.id, index]));
  const byOrder = (a: Session, b: Session) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  const byName = [...fuzzysort.go(trimmed, sessions, { key: 'name', threshold: 0 })].sort((a, b) => b.score - a.score || byOrder(a.obj, b.obj)).map((result) => result.obj);
  const named = new Set(byName);
  const folders = sessions.filter((session) => !named.has(session)).map((session) => ({ session, shown: home === undefined ? session.path : shortenHome(session.path, home) }));
  const byFolder = [...fuzzysort.go(trimmed, folders, { key: 'shown', threshold: 0 })]
    .sort((a, b) => b.score - a.score || byOrder(a.obj.session, b.obj.session))
    .map((result) => result.obj.session);
  return [...byName, ...byFolder];
}
