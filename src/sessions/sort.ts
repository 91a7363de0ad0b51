import { SORT_MODES, type SortMode } from '../config/schema.js';
import type { Session } from '../tmux/types.js';
import { compareNames } from './collate.js';

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

const byName = (a: Session, b: Session) => compareNames(a.name, b.name);
const byActivity = (a: Session, b: Session) => b.activity - a.activity || byName(a, b);

/** A new array in the mode's order; ties always break by name, so the order is stable across refreshes. */
export function sortSessions(sessions: readonly Session[], mode: SortMode, aiCommands: ReadonlySet<string>): Session[] {
  const sorted = [...sessions];
  switch (mode) {
    case 'activity':
      return sorted.sort(byActivity);
    case 'name':
      return sorted.sort(byName);
    case 'ai_first':
      return sorted.sort((a, b) => agentRank(b, aiCommands) - agentRank(a, aiCommands) || byActivity(a, b));
    case 'windows_count':
      return sorted.sort((a, b) => b.windows - a.windows || byName(a, b));
  }
}
