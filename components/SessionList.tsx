import { Box, Text } from 'ink';
import { sessionRowText, type RowContext } from '../src/sessions/rows.js';
import type { Session } from '../src/tmux/types.js';

export interface SessionListProps {
  sessions: readonly Session[];
  selectedIndex: number;
  /** Index of the first visible row (the App keeps the scroll position). */
  first: number;
  height: number;
  row: RowContext;
  emptyText: string;
}

/** Only the rows that fit are rendered: 1000 rendered rows cost 100 ms a key (DESIGN §6). */
export function SessionList({ sessions, selectedIndex, first, height, row, emptyText }: SessionListProps) {
  const visible = sessions.slice(first, first + height);
  return (
    <Box flexDirection="column" height={height}>
      {visible.length === 0 ? (
        <Text dimColor>{emptyText}</Text>
      ) : (
        visible.map((session, offset) => {
          const selected = first + offset === selectedIndex;
          return (
            <Text key={session.id} inverse={selected} wrap="truncate">
              {sessionRowText(session, offset + 1, selected, row)}
            </Text>
          );
        })
      )}
    </Box>
  );
}
