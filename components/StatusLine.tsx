import { Text } from 'ink';
import type { Notice } from '../src/sessions/ui-state.js';

/** One line for what just happened or went wrong. */
export function StatusLine({ notice }: { notice: Notice | undefined }) {
  return (
    <Text wrap="truncate" color={notice?.kind === 'error' ? 'red' : undefined}>
      {notice?.text ?? ' '}
    </Text>
  );
}
