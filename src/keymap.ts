/**
 * The dashboard's keys: one table that both dispatches keys and writes the
 * help overlay, so the two can never disagree.
 */

export type Command =
  | 'down'
  | 'up'
  | 'top'
  | 'bottom'
  | 'pageDown'
  | 'pageUp'
  | 'attach'
  | 'jump'
  | 'filter'
  | 'sort'
  | 'new'
  | 'rename'
  | 'delete'
  | 'refresh'
  | 'preview'
  | 'help'
  | 'quit';

/** The parts of Ink's key object we look at (kept here so src/ stays React-free). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  tab?: boolean;
}

interface Binding {
  command: Command;
  /** How the help shows the keys. */
  keys: string;
  description: string;
  matches: (input: string, key: KeyPress) => boolean;
}

const char = (...chars: string[]) => (input: string, key: KeyPress) => key.ctrl !== true && chars.includes(input);

export const BINDINGS: readonly Binding[] = [
  { command: 'down', keys: '↓ j', description: 'next session', matches: (input, key) => key.downArrow === true || char('j')(input, key) },
  { command: 'up', keys: '↑ k', description: 'previous session', matches: (input, key) => key.upArrow === true || char('k')(input, key) },
  { command: 'top', keys: 'g', description: 'first session', matches: char('g') },
  { command: 'bottom', keys: 'G', description: 'last session', matches: char('G') },
  { command: 'pageDown', keys: 'PgDn', description: 'one page down', matches: (_input, key) => key.pageDown === true },
  { command: 'pageUp', keys: 'PgUp', description: 'one page up', matches: (_input, key) => key.pageUp === true },
  { command: 'attach', keys: 'Enter', description: 'attach (outside tmux) or switch to the session', matches: (_input, key) => key.return === true },
  { command: 'jump', keys: '1–9', description: 'attach the session on that row', matches: (input, key) => key.ctrl !== true && /^[1-9]$/.test(input) },
  { command: 'filter', keys: '/', description: 'filter by name (Esc clears, Esc again leaves)', matches: char('/') },
  { command: 'sort', keys: 's', description: 'next sort mode (remembered)', matches: char('s') },
  { command: 'new', keys: 'n', description: 'new session in the project directory', matches: char('n') },
  { command: 'rename', keys: 'R', description: 'rename the session', matches: char('R') },
  { command: 'delete', keys: 'd', description: 'delete the session (asks first)', matches: char('d') },
  { command: 'refresh', keys: 'r', description: 'refresh the list now', matches: char('r') },
  { command: 'preview', keys: 'p', description: 'show or hide the preview', matches: char('p') },
  { command: 'help', keys: '?', description: 'this help', matches: char('?') },
  { command: 'quit', keys: 'q Ctrl-C', description: 'quit', matches: (input, key) => char('q')(input, key) || (key.ctrl === true && input === 'c') },
];

/** The command a key press means in the session list, if any. */
export function commandFor(input: string, key: KeyPress): Command | undefined {
  return BINDINGS.find((binding) => binding.matches(input, key))?.command;
}

/** Help lines: `keys  description`, aligned. */
export function helpLines(): string[] {
  const width = Math.max(...BINDINGS.map((binding) => binding.keys.length));
  return [...BINDINGS.map((binding) => `${binding.keys.padEnd(width)}  ${binding.description}`), `${'Esc'.padEnd(width)}  close a dialog or the help`];
}

/** The short hint bar under the list. */
export const HINTS = '↑↓ move · Enter attach · / filter · s sort · n new · R rename · d delete · p preview · ? help · q quit';
