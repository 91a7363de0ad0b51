import { Box, Text } from 'ink';
import { helpLines } from '../src/keymap.js';

/** Generated from the same table that dispatches the keys. */
export function HelpOverlay({ height }: { height: number }) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold>Keys</Text>
      {helpLines().map((line) => (
        <Text key={line} wrap="truncate">
          {line}
        </Text>
      ))}
      <Text dimColor>Esc or ? closes this help.</Text>
    </Box>
  );
}
