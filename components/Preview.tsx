import { Box, Text } from 'ink';
import { fit } from '../src/sessions/rows.js';
import { printable, shortenHome } from '../src/sessions/present.js';
import type { Session } from '../src/tmux/types.js';

export interface PreviewProps {
  session: Session | undefined;
  paneText: string | undefined;
  height: number;
  width: number;
  home: string;
}

/** Windows and panes of the selected session (command, path), then its active pane's live text. */
export function Preview({ session, paneText, height, width, home }: PreviewProps) {
  if (session === undefined || height < 2) return null;
  const tree: string[] = [];
  let lastWindow = '';
  for (const pane of session.panes) {
    if (pane.windowId !== lastWindow) {
      lastWindow = pane.windowId;
      tree.push(`${pane.windowActive ? '▸' : ' '} ${pane.windowIndex}: ${printable(pane.windowName)}`);
    }
    tree.push(`    ${pane.active ? '●' : '·'} ${printable(pane.command)}  ${printable(shortenHome(pane.path, home))}`);
  }
  const treeLines = tree.slice(0, Math.max(1, Math.floor((height - 1) / 2)));
  const textLines = (paneText ?? '').split('\n').map(printable).slice(-(Math.max(0, height - 1 - treeLines.length)));
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text dimColor>{fit(`── ${printable(session.name)} `, width).replace(/ +$/, (spaces) => '─'.repeat(spaces.length))}</Text>
      {treeLines.map((line, index) => (
        <Text key={`t${index}`} wrap="truncate">
          {line}
        </Text>
      ))}
      {textLines.map((line, index) => (
        <Text key={`p${index}`} dimColor wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
