import { Box, Text } from 'ink';
import { fullMeasure } from '../src/sessions/measure-full.js';
import { previewTextLines, previewTitle, previewTreeLines } from '../src/sessions/screen.js';
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
  const treeLines = previewTreeLines(session, home, height);
  const textLines = previewTextLines(paneText, height - 1 - treeLines.length);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text dimColor>{previewTitle(session, width, fullMeasure)}</Text>
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
