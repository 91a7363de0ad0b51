/**
 * What the dashboard knows about the coding agents running in panes: a state
 * per agent pane, where it came from and since when. Pure data and rules; the
 * sources are read elsewhere (hook marks come with the list call, status
 * files in claude-files.ts, titles in titles.ts).
 */

/** The states a hook may record (`tmux-dashboard agent-state STATE`). */
export const HOOK_STATES = ['working', 'needs-input', 'done', 'idle'] as const;
export type HookState = (typeof HOOK_STATES)[number];

/** `unknown`: an agent runs in the pane (by its process name) and no source says what it does. */
export type AgentState = HookState | 'unknown';

export type AgentSource = 'hook' | 'file' | 'title' | 'process';

export interface PaneAgent {
  /** The agent's process name (`claude`), or the pane's command when only a hook says it is an agent. */
  name: string;
  state: AgentState;
  /** Unix seconds when it entered the state; null when the source does not say (a title, a bare process name). */
  since: number | null;
  source: AgentSource;
}

export interface SessionAgent {
  state: AgentState;
  since: number | null;
}

/** Higher is more urgent: what the user must act on first. */
export const URGENCY: Readonly<Record<AgentState, number>> = { 'needs-input': 4, done: 3, working: 2, idle: 1, unknown: 0 };

export function isHookState(word: string): word is HookState {
  return (HOOK_STATES as readonly string[]).includes(word);
}

/** Negative when `a` is more urgent; on a tie the one that has waited longer first (an unknown start counts as latest). */
export function compareUrgency(a: { state: AgentState; since: number | null }, b: { state: AgentState; since: number | null }): number {
  return URGENCY[b.state] - URGENCY[a.state] || (a.since ?? Number.MAX_SAFE_INTEGER) - (b.since ?? Number.MAX_SAFE_INTEGER);
}

export function moreUrgent<T extends { state: AgentState; since: number | null }>(a: T, b: T): T {
  return compareUrgency(a, b) <= 0 ? a : b;
}

/**
 * How a row shows a state: a symbol and a word, both readable without
 * colour (NO_COLOR), 7 columns at most. `unknown` keeps the plain `AI` the
 * dashboard always showed for an agent it knows nothing more about.
 */
export const STATE_LABELS: Readonly<Record<AgentState, string>> = {
  'needs-input': '! input',
  done: '✓ done',
  working: '» work',
  idle: '· idle',
  unknown: 'AI',
};

/** The width of the row's agent column. */
export const AGENT_COLUMN_WIDTH = 7;
