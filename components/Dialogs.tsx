import { Box, Text } from 'ink';
import { printable, shortenHome } from '../src/sessions/present.js';
import type { NamePlan } from '../src/sessions/naming.js';
import type { Session } from '../src/tmux/types.js';

// Presentational only: the App's one key handler edits the fields, so no key
// is lost while a dialog mounts or unmounts.

const CURSOR = '█';

export interface NewSessionDialogProps {
  name: string;
  dir: string;
  field: 'name' | 'dir';
  home: string;
  plan: NamePlan;
}

/** `n`: name (prefilled with the project's), start directory (Tab to edit), and the name that will result. */
export function NewSessionDialog({ name, dir, field, home, plan }: NewSessionDialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>New session</Text>
      <Text wrap="truncate-start">
        Name: {printable(name)}
        {field === 'name' ? CURSOR : ''}
      </Text>
      <Text wrap="truncate-start">
        In: {field === 'dir' ? `${printable(dir)}${CURSOR}` : printable(shortenHome(dir, home))}
      </Text>
      <Text dimColor wrap="truncate">
        {plan.error !== undefined ? `✗ ${plan.error}` : `→ creates ${printable(plan.name)} · Enter create · Tab ${field === 'name' ? 'edit directory' : 'edit name'} · Esc cancel`}
      </Text>
    </Box>
  );
}

export interface RenameDialogProps {
  session: Session;
  name: string;
  plan: NamePlan;
}

/** `R`: prefilled with the current name; shows what tmux will hold. */
export function RenameDialog({ session, name, plan }: RenameDialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold wrap="truncate">
        Rename {printable(session.name)}
      </Text>
      <Text wrap="truncate-start">
        New name: {printable(name)}
        {CURSOR}
      </Text>
      <Text dimColor wrap="truncate">
        {plan.error !== undefined ? `✗ ${plan.error}` : `→ ${printable(plan.name)} · Enter rename · Esc cancel`}
      </Text>
    </Box>
  );
}

/** `d`: says what runs there and who is attached before anything is killed. */
export function ConfirmDeleteDialog({ session }: { session: Session }) {
  const commands = [...new Set(session.panes.map((pane) => printable(pane.command)))].join(', ');
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1}>
      <Text bold wrap="truncate">
        Delete session {printable(session.name)}?
      </Text>
      <Text wrap="truncate">
        {session.windows} window{session.windows === 1 ? '' : 's'}, running: {commands === '' ? 'nothing' : commands}
      </Text>
      {session.attached > 0 ? (
        <Text color="yellow" wrap="truncate">
          {session.attached} client{session.attached === 1 ? ' is' : 's are'} attached to it.
        </Text>
      ) : null}
      <Text dimColor>y delete · n or Esc keep</Text>
    </Box>
  );
}
