import { SORT_MODES, type SortMode } from '../config/schema.js';
import type { Session } from '../tmux/types.js';
import { compareKeyed, nameKey } from './collate.js';

/** What each mode means, for the header. */
export const SORT_MODE_DESCRIPTIONS: Record<SortMode, string> = {
  activity: 'recent first',
  name: 'a–z',
  ai_first: 'agents by urgency',
  windows_count: 'most windows first',
};

export function nextSortMode(mode: SortMode): SortMode {
  return SORT_MODES[(SORT_MODES.indexOf(mode) + 1) % SORT_MODES.length] ?? 'activity';
}

/**
 * Whether a pane runs an AI agent: its command is exactly one of `aiCommands`
 * (a process name; a substring test would count `tail` as `ai`).
 */
export function hasAiAgent(session: Session, aiCommands: ReadonlySet<string>): boolean {
  return session.panes.some((pane) => aiCommands.has(pane.command));
}

/**
 * `ai_first`'s order: sessions waiting for the user, then finished and not
 * yet seen, then working, then other agents, then the rest.
 */
export function agentRank(session: Session, aiCommands: ReadonlySet<string>): number {
  const state = session.agent?.state;
  if (state === 'needs-input') return 4;
  if (state === 'done') return 3;
  if (state === 'working') return 2;
  return state !== undefined || hasAiAgent(session, aiCommands) ? 1 : 0;
}

/** A new array in the mode's order; ties always break by name, so the order is stable across refreshes. */
export function sortSessions(sessions: readonly Session[], mode: SortMode, aiCommands: ReadonlySet<string>): Session[] {
  // Each name's key once, not once per comparison (1000 sessions active in the same second: ~10,000 comparisons).
  const entries = sessions.map((session) => ({ session, key: nameKey(session.name), rank: mode === 'ai_first' ? agentRank(session, aiCommands) : 0 }));
  type Entry = (typeof entries)[number];
  const byName = (a: Entry, b: Entry) => compareKeyed(a.session.name, a.key, b.session.name, b.key);
  const byActivity = (a: Entry, b: Entry) => b.session.activity - a.session.activity || byName(a, b);
  const order = (): ((a: Entry, b: Entry) => number) => {
    switch (mode) {
      case 'activity':
        return byActivity;
      case 'name':
        return byName;
      case 'ai_first':
        return (a, b) => b.rank - a.rank || byActivity(a, b);
      case 'windows_count':
        return (a, b) => b.session.windows - a.session.windows || byName(a, b);
    }
  };
  return entries.sort(order()).map((entry) => entry.session);
}
