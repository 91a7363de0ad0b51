import fuzzysort from 'fuzzysort';
import type { Session } from '../tmux/types.js';

/**
 * Sessions whose name fuzzily matches `query`, best match first (fzf-like:
 * `wk` finds `work`). An empty query keeps every session in its order.
 */
export function filterSessions(sessions: readonly Session[], query: string): Session[] {
  const trimmed = query.trim();
  if (trimmed === '') return [...sessions];
  return fuzzysort.go(trimmed, sessions, { key: 'name', threshold: 0 }).map((result) => result.obj);
}
