import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useInstanceLock } from '../hooks/useInstanceLock.js';
import { useSessions } from '../hooks/useSessions.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import type { SortMode } from '../src/config/schema.js';
import type { InstanceLock } from '../src/lock/index.js';
import { nextSortMode, SORT_MODE_DESCRIPTIONS, sortSessions } from '../src/sessions/sort.js';
import { describeServer } from '../src/tmux/server.js';
import type { TmuxService } from '../src/tmux/service.js';
import type { SessionRef } from '../src/tmux/types.js';
import { SessionList } from './SessionList.js';

export type UiResult = { kind: 'quit' } | { kind: 'attach'; session: SessionRef } | { kind: 'lock-lost'; reason: string };

export interface AppProps {
  tmux: TmuxService;
  lock: InstanceLock;
  home: string;
  refreshIntervalMs: number;
  aiCommands: readonly string[];
  sortMode: SortMode;
  /** Resolves with a warning to show, if remembering failed. */
  onSortModeChange: (mode: SortMode) => Promise<string | undefined>;
  initialMessage?: string | undefined;
  initialSelectedId?: string | undefined;
  onDone: (result: UiResult) => void;
}

/** Header, session list, status line. The selection follows the session id, not the row. */
export function App({ tmux, lock, home, refreshIntervalMs, aiCommands, sortMode: initialSortMode, onSortModeChange, initialMessage, initialSelectedId, onDone }: AppProps) {
  const { exit } = useApp();
  const { sessions: unsorted, loaded, error } = useSessions(tmux, refreshIntervalMs);
  const [sortMode, setSortMode] = useState(initialSortMode);
  const aiSet = useMemo(() => new Set(aiCommands), [aiCommands]);
  const sessions = useMemo(() => sortSessions(unsorted, sortMode, aiSet), [unsorted, sortMode, aiSet]);
  const { columns, rows } = useTerminalSize();
  const [selectedId, setSelectedId] = useState<string | undefined>(initialSelectedId);
  const [notice, setNotice] = useState<string | undefined>(initialMessage);

  const index = Math.max(0, sessions.findIndex((session) => session.id === selectedId));
  const selected = sessions[index];

  const finish = (result: UiResult) => {
    onDone(result);
    exit();
  };

  // Without the lock another dashboard may start: stop rather than race it.
  const lockLost = useInstanceLock(lock);
  useEffect(() => {
    if (lockLost !== undefined) finish({ kind: 'lock-lost', reason: lockLost });
  }, [lockLost]);

  useInput((input, key) => {
    const move = (to: number) => {
      setSelectedId(sessions[Math.min(sessions.length - 1, Math.max(0, to))]?.id);
    };
    if (input === 'q' || (key.ctrl && input === 'c')) finish({ kind: 'quit' });
    else if (key.downArrow || input === 'j') move(index + 1);
    else if (key.upArrow || input === 'k') move(index - 1);
    else if (input === 's') {
      const mode = nextSortMode(sortMode);
      setSortMode(mode);
      void onSortModeChange(mode).then((warning) => {
        if (warning !== undefined) setNotice(warning);
      });
    } else if (key.return && selected !== undefined) finish({ kind: 'attach', session: { id: selected.id, name: selected.name } });
  });

  const listHeight = Math.max(1, rows - 3);
  const status = error ?? notice ?? (loaded && sessions.length === 0 ? 'No sessions on this server.' : '');
  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="truncate">
        tmux-dashboard — {sessions.length} session{sessions.length === 1 ? '' : 's'} — sort: {sortMode} ({SORT_MODE_DESCRIPTIONS[sortMode]}) — server{' '}
        {describeServer(tmux.server)}
      </Text>
      <SessionList sessions={sessions} selectedIndex={index} height={listHeight} width={columns} home={home} aiCommands={aiSet} />
      <Text wrap="truncate" color={error === undefined ? undefined : 'red'}>
        {status}
      </Text>
      <Text dimColor wrap="truncate">
        ↑/↓ j/k move · Enter attach · s sort · q quit
      </Text>
    </Box>
  );
}
