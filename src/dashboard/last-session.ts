import type { Session } from '../tmux/types.js';
import type { State } from './state.js';

/**
 * The session `L` goes back to. Inside tmux: the one the dashboard's client
 * was in before (tmux's `client_last_session`, read with the list, what
 * `switch-client -l` would use), found by its exact name in the list and
 * then named by id, so it cannot land on a prefix match or a session made
 * since; a bare `switch-client -l` is never run. The client is the one named
 * with --client (a popup), else the most recently active client of the
 * session the dashboard runs in. Outside tmux: the session detached last
 * (greatest `session_last_attached` among those no client shows now).
 */
export function lastSession(state: Pick<State, 'context' | 'sessions'>): Session | undefined {
  const { context, sessions } = state;
  if (context.insideTmux) {
    // A control-mode client (the dashboard's own) is no one's: its last session is not the user's.
    const clients = sessions.flatMap((session) => session.clients.filter((client) => !client.controlMode).map((client) => ({ client, sessionId: session.id })));
    const own = context.client !== undefined ? clients.filter((entry) => entry.client.name === context.client) : clients.filter((entry) => entry.sessionId === context.currentSessionId);
    const client = own.sort((a, b) => b.client.activity - a.client.activity)[0]?.client;
    const name = client?.lastSession;
    if (name === undefined || name === '') return undefined;
    const named = sessions.filter((session) => session.name === name);
    // Two sessions held under one name cannot be told apart: none rather than a guess.
    return named.length === 1 && named[0]?.id !== context.currentSessionId ? named[0] : undefined;
  }
  let last: Session | undefined;
  for (const session of sessions) {
    if (session.attached > 0 || session.lastAttached === null) continue;
    if (last === undefined || (last.lastAttached ?? 0) < session.lastAttached) last = session;
  }
  return last;
}
