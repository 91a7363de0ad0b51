import { useCallback, useEffect, useRef, useState } from 'react';
import type { TmuxService } from '../src/tmux/service.js';
import type { Snapshot } from '../src/tmux/types.js';

export interface SessionsState extends Snapshot {
  loaded: boolean;
  error: string | undefined;
}

/**
 * The session list, polled with one tmux call per refresh. `refresh()` runs
 * one at once (after an action, on `r`). Overlapping polls are skipped.
 * With `initial` (a list taken while the UI's code loaded) the first frame
 * already shows the sessions and the first poll waits one interval.
 */
export function useSessions(tmux: TmuxService, intervalMs: number, initial?: Snapshot): SessionsState & { refresh: () => void } {
  const [state, setState] = useState<SessionsState>(() =>
    initial === undefined ? { sessions: [], loaded: false, serverRunning: true, error: undefined } : { ...initial, loaded: true, error: undefined },
  );
  const busy = useRef(false);
  const again = useRef(false);
  const listNow = useRef(initial === undefined);

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
    if (listNow.current) refresh();
    listNow.current = true;
    const timer = setInterval(refresh, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [refresh, intervalMs]);

  return { ...state, refresh };
}
