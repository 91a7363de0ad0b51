import { Text } from 'ink';

export type NoticeKind = 'info' | 'error';

export interface Notice {
  text: string;
  kind: NoticeKind;
}

/** One line for what just happened or went wrong. */
export function StatusLine({ notice }: { notice: Notice | undefined }) {
  return (
    <Text wrap="truncate" color={notice?.kind === 'error' ? 'red' : undefined}>
      {notice?.text ?? ' '}
    </Text>
  );
}
