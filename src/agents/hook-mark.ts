import { isHookState, type HookState } from './model.js';

/**
 * The hook channel: `tmux-dashboard agent-state STATE` stores the state in a
 * pane option, and the one list call of every refresh prints it back with
 * the pane's other fields, so reading it costs no process at all.
 *
 * The value is `STATE SINCE UPDATED` in Unix seconds: SINCE is when the pane
 * entered the state (a second `working` from the next tool call keeps it),
 * UPDATED is the last hook call, which decides when the mark is too old to
 * trust (a hook that never came, e.g. an interrupted turn sends no Stop).
 */
export const AGENT_OPTION = '@tmux_dashboard_agent';

export interface HookMark {
  state: HookState;
  since: number;
  updated: number;
}

const MARK = /^([a-z-]{1,16}) (\d{1,12}) (\d{1,12})$/;

/** The mark of a pane option's value; undefined for an empty or malformed one (anyone on the server can set options). */
export function parseHookMark(value: string | undefined): HookMark | undefined {
  const match = (value ?? '').match(MARK);
  if (match === null) return undefined;
  const [, state = '', since = '', updated = ''] = match;
  if (!isHookState(state)) return undefined;
  return { state, since: Number(since), updated: Number(updated) };
}

export function formatHookMark(mark: HookMark): string {
  return `${mark.state} ${mark.since} ${mark.updated}`;
}

/** The mark a hook call writes over `previous`: the same state again keeps its start. */
export function nextHookMark(previous: HookMark | undefined, state: HookState, nowSeconds: number): HookMark {
  return { state, since: previous?.state === state ? previous.since : nowSeconds, updated: nowSeconds };
}

/**
 * How long a mark is believed after its last hook call, in seconds. A
 * working agent calls the hook after every tool, so a silent one for this
 * long has most likely been interrupted; a question waits for the user as
 * long as it takes; done and idle are what an agent is until it is asked
 * something new.
 */
export const HOOK_MARK_LIFETIME: Readonly<Record<HookState, number>> = {
  working: 15 * 60,
  'needs-input': 24 * 60 * 60,
  done: Number.POSITIVE_INFINITY,
  idle: Number.POSITIVE_INFINITY,
};

/** How far ahead of the clock a mark's times may be before it is no mark: a clock set back by a correction (NTP) keeps the marks it made. */
const FUTURE_SLACK_SECONDS = 600;

/**
 * A mark believed now: within its lifetime, and not from the future — the
 * hook runs on this machine with this clock, and a time ahead of it (set by
 * hand, or by anyone on the server: a user option) would otherwise hold a
 * state for as long as it is ahead, and its lifetime after.
 */
export function isFresh(mark: HookMark, nowSeconds: number): boolean {
  if (nowSeconds < believedFrom(mark)) return false;
  return nowSeconds - mark.updated <= HOOK_MARK_LIFETIME[mark.state];
}

/** The first second at which the mark's times are no longer ahead of the clock (isFresh). */
export function believedFrom(mark: HookMark): number {
  return Math.max(mark.updated, mark.since) - FUTURE_SLACK_SECONDS;
}
