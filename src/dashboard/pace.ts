import type { Notice, State } from './state.js';

// What a dashboard left open costs: how often it asks tmux, and which new
// states need no new frame.

/**
 * No key and no change in the list for this long, and the dashboard is left
 * alone: it asks tmux every IDLE_REFRESH_MS while an agent runs on the
 * server (what a home screen left open watches for: an agent that needs
 * you), and every QUIET_REFRESH_MS when none does — a session made
 * elsewhere then shows within that, or at once when someone's client is
 * attached (control mode rings), and a key brings the configured pace back
 * at the next tick, as does a list that changed. Each list call is a
 * process: this is most of what a dashboard left open all day costs.
 */
export const IDLE_AFTER_MS = 30_000;
export const IDLE_REFRESH_MS = 10_000;
export const QUIET_REFRESH_MS = 30_000;

export function refreshInterval(state: Pick<State, 'context' | 'lastInputAt' | 'lastChangeAt' | 'sessions'>, now: number): number {
  const base = state.context.refreshIntervalMs;
  if (now - Math.max(state.lastInputAt, state.lastChangeAt) < IDLE_AFTER_MS) return base;
  return Math.max(base, state.sessions.some((session) => session.agent !== undefined && session.agent !== null) ? IDLE_REFRESH_MS : QUIET_REFRESH_MS);
}

/**
 * State that is bookkeeping, not drawn: two states that differ only in these
 * draw the same screen, so the UI does not redraw (sameScreen). `now` is not
 * among them (ages are drawn), nor is a refresh slow enough to be shown.
 */
const BOOKKEEPING: ReadonlySet<string> = new Set(['lastRefreshAt', 'refreshingSince', 'refreshAgain', 'capturing', 'listed', 'annotated', 'lastInputAt', 'keysSinceTick', 'lastChangeAt', 'prefetched', 'pickerOpening']);

export function sameScreen(a: State, b: State): boolean {
  if (a === b) return true;
  if (slowRefresh(a) !== slowRefresh(b)) return false;
  for (const key of Object.keys(a) as (keyof State)[]) if (a[key] !== b[key] && !BOOKKEEPING.has(key) && !(key === 'notice' && sameText(a.notice, b.notice))) return false;
  return true;
}

/** The same message on screen (its time, started at a tick, is not drawn). */
function sameText(a: Notice | undefined, b: Notice | undefined): boolean {
  return a !== undefined && b !== undefined && a.text === b.text && a.kind === b.kind;
}

/** A list call that takes this long means tmux is not answering (stopped, wedged): the status line says so. */
export const SLOW_TMUX_MS = 2000;

export function slowRefresh(state: Pick<State, 'refreshingSince' | 'now'>): boolean {
  return state.refreshingSince !== undefined && state.now - state.refreshingSince >= SLOW_TMUX_MS;
}
