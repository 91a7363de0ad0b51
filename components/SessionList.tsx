import { Box, Text } from 'ink';
import { formatAge, printable, shortenHome } from '../src/sessions/present.js';
import { hasAiAgent } from '../src/sessions/sort.js';
import type { Session } from '../src/tmux/types.js';

export interface SessionListProps {
  sessions: readonly Session[];
  selectedIndex: number;
  height: number;
  width: number;
  home: string;
  aiCommands: ReadonlySet<string>;
}

/** Only the rows that fit are rendered: 1000 rendered rows cost 100 ms a key (DESIGN §6). */
export function SessionList({ sessions, selectedIndex, height, width, home, aiCommands }: SessionListProps) {
  const first = Math.min(Math.max(0, selectedIndex - height + 1), Math.max(0, sessions.length - height));
  const visible = sessions.slice(Math.max(0, first), Math.max(0, first) + height);
  const nameWidth = Math.max(8, Math.min(30, Math.floor(width / 3)));
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((session, offset) => {
        const isSelected = first + offset === selectedIndex;
        const name = printable(session.name);
        const shown = name.length > nameWidth ? `${name.slice(0, nameWidth - 1)}…` : name.padEnd(nameWidth);
        const attached = session.attached > 0 ? `●${session.attached}` : '  ';
        const agent = hasAiAgent(session, aiCommands) ? 'AI' : '  ';
        return (
          <Text key={session.id} inverse={isSelected} wrap="truncate">
            {isSelected ? '› ' : '  '}
            {shown} {String(session.windows).padStart(2)}w {attached} {agent} {formatAge(session.activity).padStart(4)} {printable(shortenHome(session.path, home))}
          </Text>
        );
      })}
    </Box>
  );
}
