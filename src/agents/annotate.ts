import type { Pane, Session } from '../tmux/types.js';
import { believedFrom, HOOK_MARK_LIFETIME, isFresh, parseHookMark } from './hook-mark.js';
import { compareUrgency, moreUrgent, type PaneAgent, type SessionAgent } from './model.js';
import type { FileReport } from './claude-files.js';
import { stateFromTitle } from './titles.js';

/** What is known beside the list call's own fields. */
export interface AgentInputs {
  aiCommands: ReadonlySet<string>;
  /** The status files' word per pane id (claude-files.ts); empty when none were read. */
  files: ReadonlyMap<string, FileReport>;
  nowSeconds: number;
  /** The session the dashboard runs in: a client attached there is looking at the dashboard, not at the agents. */
  currentSessionId?: string | undefined;
}

/**
 * A pane's agent from its sources, most trustworthy first: a fresh hook
 * mark, the agent's own status file, the terminal title; an agent process
 * with none of them is `unknown`. A pane no source calls an agent is null.
 */
export function paneAgent(pane: Pane, inputs: AgentInputs): PaneAgent | null {
  const mark = parseHookMark(pane.agentMark);
  const file = inputs.files.get(pane.id);
  const byProcess = inputs.aiCommands.has(pane.command);
  const name = file?.agent ?? pane.command;
  if (mark !== undefined && isFresh(mark, inputs.nowSeconds)) return { name, state: mark.state, since: mark.since, source: 'hook' };
  if (file !== undefined) return { name, state: file.state, since: file.since, source: 'file' };
  if (!byProcess) return null;
  const titled = stateFromTitle(pane.command, pane.title);
  if (titled !== undefined) return { name, state: titled, since: null, source: 'title' };
  return { name, state: 'unknown', since: null, source: 'process' };
}

/**
 * `done` means "finished since you last looked". tmux records when a client
 * last attached or switched to a session (`session_last_attached`: the
 * dashboard's Enter and a plain `tmux switch-client` both set it), a
 * client attached right now is looking at it, and the dashboard records the
 * looks it saw (`seenAt`, below); each turns `done` into `idle`. A
 * control-mode client is a program, not a person looking.
 */
export function seenSince(session: Session, since: number | null, currentSessionId: string | undefined): boolean {
  if (since === null) return false;
  if (session.lastAttached !== null && session.lastAttached >= since) return true;
  if (session.seenAt != null && session.seenAt >= since) return true;
  return watchedNow(session, currentSessionId);
}

/** A person's client is attached to it right now (not the dashboard's own session, not a control-mode program). */
function watchedNow(session: Session, currentSessionId: string | undefined): boolean {
  return session.id !== currentSessionId && session.clients.some((client) => !client.controlMode);
}

/**
 * Sessions where a `done` is seen only because a client is attached right
 * now. Once that client detaches, tmux keeps no trace of the look (its
 * last-attached time is from before the `done`), so the dashboard records
 * it on the session (`@tmux_dashboard_seen`, SEEN_OPTION) and the `done`
 * stays seen for every reader, the `agents` command too.
 */
export function sessionsToMarkSeen(sessions: readonly Session[], inputs: AgentInputs): Session[] {
  return sessions.filter((session) => {
    if (!watchedNow(session, inputs.currentSessionId)) return false;
    return session.panes.some((pane) => {
      const found = paneAgent(pane, inputs);
      if (found?.state !== 'done' || found.since === null) return false;
      const since = found.since;
      return !(session.lastAttached !== null && session.lastAttached >= since) && !(session.seenAt != null && session.seenAt >= since);
    });
  });
}

/** The sessions with `agent` filled in on each pane and on the session (its most urgent pane's). */
export function annotateSessions(sessions: readonly Session[], inputs: AgentInputs): Session[] {
  return sessions.map((session) => {
    let agent: SessionAgent | null = null;
    const panes = session.panes.map((pane) => {
      let found = paneAgent(pane, inputs);
      if (found?.state === 'done' && seenSince(session, found.since, inputs.currentSessionId)) found = { ...found, state: 'idle' };
      if (found !== null) agent = agent === null ? { state: found.state, since: found.since } : moreUrgent(agent, { state: found.state, since: found.since });
      return { ...pane, agent: found };
    });
    return { ...session, panes, agent };
  });
}

/** A list's agents as annotateSessions and sessionsToMarkSeen read them. */
export interface AgentReading {
  sessions: Session[];
  toMarkSeen: Session[];
}

interface Remembered {
  inputs: AgentInputs;
  /** The reading holds from this second to `until` (inclusive): no hook mark turns stale in between. */
  from: number;
  until: number;
  reading: AgentReading;
}

const readings = new WeakMap<readonly Session[], Remembered>();

/**
 * annotateSessions and sessionsToMarkSeen of a list, worked out once per
 * list. An idle server prints the same list at every poll, and the tmux
 * service then hands back the very same array: reading every pane's agent
 * again was most of an idle refresh's CPU (~9 ms at 100 sessions, cold
 * code). The reading is reused while its other inputs are equal and no
 * fresh hook mark has aged past its lifetime (a stale mark stays stale as
 * the clock moves on; a clock set back reads afresh).
 */
export function readAgents(sessions: readonly Session[], inputs: AgentInputs): AgentReading {
  const known = readings.get(sessions);
  if (known !== undefined && inputs.nowSeconds >= known.from && inputs.nowSeconds <= known.until && sameInputs(known.inputs, inputs)) return known.reading;
  const reading = { sessions: annotateSessions(sessions, inputs), toMarkSeen: sessionsToMarkSeen(sessions, inputs) };
  readings.set(sessions, { inputs, from: inputs.nowSeconds, until: freshUntil(sessions, inputs.nowSeconds), reading });
  return reading;
}

/** The last second at which every hook mark reads as it does now (isFresh): fresh ones still fresh, ones from the future still ahead. */
function freshUntil(sessions: readonly Session[], nowSeconds: number): number {
  let until = Number.POSITIVE_INFINITY;
  for (const session of sessions) {
    for (const pane of session.panes) {
      const mark = parseHookMark(pane.agentMark);
      if (mark === undefined) continue;
      if (nowSeconds < believedFrom(mark)) until = Math.min(until, believedFrom(mark) - 1);
      else if (isFresh(mark, nowSeconds)) until = Math.min(until, mark.updated + HOOK_MARK_LIFETIME[mark.state]);
    }
  }
  return until;
}

function sameInputs(a: AgentInputs, b: AgentInputs): boolean {
  if (a.aiCommands !== b.aiCommands || a.currentSessionId !== b.currentSessionId) return false;
  if (a.files === b.files) return true;
  if (a.files.size !== b.files.size) return false;
  for (const [pane, report] of a.files) {
    const other = b.files.get(pane);
    if (other === undefined || other.agent !== report.agent || other.state !== report.state || other.since !== report.since) return false;
  }
  return true;
}

/** Agent panes of every session, most urgent first (the `agents` command). */
export function agentPanes(sessions: readonly Session[]): { session: Session; pane: Pane; agent: PaneAgent }[] {
  const found = sessions.flatMap((session) => session.panes.flatMap((pane) => (pane.agent == null ? [] : [{ session, pane, agent: pane.agent }])));
  return found.sort((a, b) => compareUrgency(a.agent, b.agent));
}
