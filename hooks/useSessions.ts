import { useCallback, useEffect, useRef, useState } from 'react';
import type { TmuxService } from '../src/tmux/service.js';
import type { Session } from '../src/tmux/types.js';

export interface SessionsState {
  sessions: Session[];
  loaded: boolean;
  /** false once the server stopped answering (killed, never started). */
  serverRunning: boolean;
  error: string | undefined;
}

/**
 * The session list, polled with one tmux call per refresh. `refresh()` runs
 * one at once (after an action, on `r`). Overlapping polls are skipped.
 */
export function useSessions(tmux: TmuxService, intervalMs: number): SessionsState & { refresh: () => void } {
  const [state, setState] = useState<SessionsState>({ sessions: [], loaded: false, serverRunning: true, error: undefined });
  const busy = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(() => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    tmux
      .snapshot()
      .then(
        ({ serverRunning, sessions }) => {
          setState({ sessions, loaded: true, serverRunning, error: undefined });
        },
        (error: unknown) => {
          setState((previous) => ({ ...previous, loaded: true, error: error instanceof Error ? error.message : String(error) }));
        },
      )
      .finally(() => {
        busy.current = false;
        if (again.current) {
          again.current = false;
          refresh();
        }
      });
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
