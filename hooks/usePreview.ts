import { useEffect, useState } from 'react';
import type { TmuxService } from '../src/tmux/service.js';
import type { Session } from '../src/tmux/types.js';

// Live enough to follow a build or an agent, cheap enough for a popup.
const PREVIEW_INTERVAL_MS = 1000;

const OWN_PANE_TEXT = '(this pane runs the dashboard)';

/**
 * The last `lines` lines of the selected session's active pane, refreshed
 * about once a second while it stays selected: one tmux call per tick, for
 * that session only.
 */
export function usePreview(tmux: TmuxService, session: Session | undefined, lines: number, enabled: boolean, ownPaneId?: string): string | undefined {
  const [text, setText] = useState<string | undefined>(undefined);
  const pane = session?.panes.find((candidate) => candidate.windowActive && candidate.active) ?? session?.panes[0];
  const paneId = pane?.id;

  useEffect(() => {
    // The dashboard's own pane would show a picture of this very screen.
    setText(paneId !== undefined && paneId === ownPaneId ? OWN_PANE_TEXT : undefined);
    if (!enabled || paneId === undefined || paneId === ownPaneId || lines <= 0) return undefined;
    let live = true;
    const capture = () => {
      tmux.capturePane({ id: paneId }, lines).then(
        (captured) => {
          if (live) setText(captured.replace(/\s+$/, ''));
        },
        () => {
          if (live) setText(undefined);
        },
      );
    };
    capture();
    const timer = setInterval(capture, PREVIEW_INTERVAL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [tmux, paneId, lines, enabled, ownPaneId]);

  return text;
}
