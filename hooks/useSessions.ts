import { useCallback, useEffect, useState } from 'react';
import type { TmuxService } from '../src/tmux/service.js';
import type { Session } from '../src/tmux/types.js';

export interface SessionsState {
  sessions: Session[];
  loaded: boolean;
  error: string | undefined;
}

/** The session list, polled with one tmux call per refresh. */
export function useSessions(tmux: TmuxService, intervalMs: number): SessionsState & { refresh: () => void } {
  const [state, setState] = useState<SessionsState>({ sessions: [], loaded: false, error: undefined });

  const refresh = useCallback(() => {
    tmux.listSessions().then(
      (sessions) => {
        setState({ sessions, loaded: true, error: undefined });
      },
      (error: unknown) => {
        setState((previous) => ({ ...previous, loaded: true, error: error instanceof Error ? error.message : String(error) }));
      },
    );
  }, [tmux]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [refresh, intervalMs]);

  return { ...state, refresh };
}
