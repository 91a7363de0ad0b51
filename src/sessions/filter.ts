import fuzzysort from 'fuzzysort';
import type { Session } from '../tmux/types.js';

/**
 * Sessions whose name fuzzily matches `query`, best match first (fzf-like:
 * `wk` finds `work`). Equal matches keep the list's order (the sort mode's),
 * so `web` lists web-1 … web-5 in order, not as the matcher happened to
 * return them. An empty query keeps every session in its order.
 */
export function filterSessions(sessions: readonly Session[], query: string): Session[] {
  const trimmed = query.trim();
  if (trimmed === '') return [...sessions];
  const order = new Map(sessions.map((session, index) => [session.id, index]));
  return [...fuzzysort.go(trimmed, sessions, { key: 'name', threshold: 0 })]
    .sort((a, b) => b.score - a.score || (order.get(a.obj.id) ?? 0) - (order.get(b.obj.id) ?? 0))
    .map((result) => result.obj);
}
