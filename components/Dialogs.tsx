import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { useState } from 'react';
import { printable, shortenHome } from '../src/sessions/present.js';
import type { NamePlan } from '../src/sessions/naming.js';
import type { Session } from '../src/tmux/types.js';

export interface NewSessionDialogProps {
  initialName: string;
  initialDir: string;
  home: string;
  plan: (name: string, dir: string) => NamePlan;
  onSubmit: (name: string, dir: string, plan: NamePlan) => void;
  onCancel: () => void;
}

/** `n`: name (prefilled with the project's), start directory (Tab to edit), and the name that will result. */
export function NewSessionDialog({ initialName, initialDir, home, plan, onSubmit, onCancel }: NewSessionDialogProps) {
  const [name, setName] = useState(initialName);
  const [dir, setDir] = useState(initialDir);
  const [field, setField] = useState<'name' | 'dir'>('name');
  const result = plan(name, dir);
  useInput((_input, key) => {
    if (key.escape) onCancel();
    else if (key.tab) setField((current) => (current === 'name' ? 'dir' : 'name'));
  });
  const submit = () => {
    onSubmit(name, dir, result);
  };
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>New session</Text>
      <Box>
        <Text>Name: </Text>
        {field === 'name' ? <TextInput value={name} onChange={setName} onSubmit={submit} /> : <Text>{printable(name)}</Text>}
      </Box>
      <Box>
        <Text>In:   </Text>
        {field === 'dir' ? <TextInput value={dir} onChange={setDir} onSubmit={submit} /> : <Text>{printable(shortenHome(dir, home))}</Text>}
      </Box>
      <Text dimColor wrap="truncate">
        {result.error !== undefined ? `✗ ${result.error}` : `→ creates ${printable(result.name)} · Enter create · Tab ${field === 'name' ? 'edit directory' : 'edit name'} · Esc cancel`}
      </Text>
    </Box>
  );
}

export interface RenameDialogProps {
  session: Session;
  plan: (name: string) => NamePlan;
  onSubmit: (plan: NamePlan) => void;
  onCancel: () => void;
}

/** `R`: prefilled with the current name; shows what tmux will hold. */
export function RenameDialog({ session, plan, onSubmit, onCancel }: RenameDialogProps) {
  const [name, setName] = useState(session.name);
  const result = plan(name);
  useInput((_input, key) => {
    if (key.escape) onCancel();
  });
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold wrap="truncate">
        Rename {printable(session.name)}
      </Text>
      <Box>
        <Text>New name: </Text>
        <TextInput
          value={name}
          onChange={setName}
          onSubmit={() => {
            onSubmit(result);
          }}
        />
      </Box>
      <Text dimColor wrap="truncate">
        {result.error !== undefined ? `✗ ${result.error}` : `→ ${printable(result.name)} · Enter rename · Esc cancel`}
      </Text>
    </Box>
  );
}

export interface ConfirmDeleteProps {
  session: Session;
  onConfirm: () => void;
  onCancel: () => void;
}

/** `d`: says what runs there and who is attached before anything is killed. */
export function ConfirmDeleteDialog({ session, onConfirm, onCancel }: ConfirmDeleteProps) {
  useInput((input, key) => {
    if (input === 'y' || input === 'Y') onConfirm();
    else if (input === 'n' || input === 'N' || key.escape) onCancel();
  });
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
