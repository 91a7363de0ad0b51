import type { Key } from '../input/keys.js';
import { closeDialog, none, quit, suspend, withMode } from './actions.js';
import type { Step } from './events.js';
import { selectedRow, selectedSession } from './selection.js';
import type { ModeKind, State } from './state.js';
import * as field from './text-field.js';
import type { TextField } from './text-field.js';

/**
 * Every key of every mode, as data: dispatch (step.ts), the hint bar and the
 * help screen (view.ts) are all read from these tables, so they cannot
 * disagree. A binding that does not apply right now says why (`disabled`):
 * pressing it shows the reason, and the help lists it.
 */
export interface Binding {
  /** Key names as keyName() spells them: 'j', 'Down', 'C-u', 'Enter'. */
  keys: readonly string[];
  /** The keys as help shows them. */
  label: string;
  description: string;
  /** The hint bar's words for it; none: help only. */
  hint?: (state: State) => string;
  /** Which hints stay when not all fit: lower first (default 5); the bar keeps the table's order. */
  rank?: number;
  /** A text field's editing key: the help lists these once, for every field. */
  field?: true;
  disabled?: (state: State) => string | undefined;
  run: (state: State, key: Key) => Step;
}

export interface TextInput {
  /** The field that typed characters and pastes go into. */
  edit: (state: State, change: (value: TextField) => TextField) => Step;
  description: string;
}

export interface Keymap {
  mode: ModeKind;
  title: string;
  bindings: readonly Binding[];
  /** Modes with a text field: characters that are no binding are typed into it. */
  text?: TextInput;
}

export const QUIT: Binding = { keys: ['C-c'], label: 'Ctrl-C', description: 'quit the dashboard (from any mode)', run: quit };
export const SUSPEND: Binding = { keys: ['C-z'], label: 'Ctrl-Z', description: 'suspend: back to the shell, `fg` returns (from any mode)', run: suspend };

/** The help opens over the mode it was asked from (its keys first) and goes back to it. */
export function openHelp(state: State): Step {
  const mode = state.mode;
  if (mode.kind === 'help') return none(state);
  return none(withMode(state, { kind: 'help', scroll: 0, back: mode }));
}

/** Where `?` is typed into a field, F1 opens the help. */
export const HELP_KEY: Binding = { keys: ['F1'], label: 'F1', description: 'help for this mode and all others', hint: () => 'F1 help', rank: 9, run: openHelp };

export const DRY_RUN = (what: string) => (state: State) => (state.context.dryRun ? `dry run is on: ${what} is refused` : undefined);
export const NEEDS_SESSION = (state: State) => (selectedSession(state) === undefined ? 'no session is selected' : undefined);
export const both =
  (...checks: ((state: State) => string | undefined)[]) =>
  (state: State) =>
    checks.map((check) => check(state)).find((reason) => reason !== undefined);

/** The selection is a window's or a pane's row (the tree is open there). */
export const onWindow = (state: State) => selectedRow(state)?.kind !== undefined && selectedRow(state)?.kind !== 'session';

export const goVerb = (state: State) => (state.context.insideTmux ? 'switch' : 'attach');
/** Esc in a dialog; while tmux works on its action the dialog waits for the result. */
export const CANCEL: Binding = { keys: ['Escape'], label: 'Esc', description: 'cancel', hint: () => 'Esc cancel', run: closeDialog };

/** The readline keys of every text field. */
export function fieldKeys(edit: TextInput['edit']): Binding[] {
  const bind = (keys: string[], label: string, description: string, change: (value: TextField) => TextField): Binding => ({ keys, label, description, field: true, run: (state) => edit(state, change) });
  return [
    bind(['Left', 'C-b'], '← Ctrl-B', 'cursor left', field.moveLeft),
    bind(['Right', 'C-f'], '→ Ctrl-F', 'cursor right', field.moveRight),
    bind(['C-Left', 'M-b'], 'Ctrl-← Alt-B', 'one word left', field.moveWordLeft),
    bind(['C-Right', 'M-f'], 'Ctrl-→ Alt-F', 'one word right', field.moveWordRight),
    bind(['Home', 'C-a'], 'Home Ctrl-A', 'start of the field', field.moveHome),
    bind(['End', 'C-e'], 'End Ctrl-E', 'end of the field', field.moveEnd),
    bind(['Backspace'], 'Backspace', 'delete the character before the cursor', field.deleteBackward),
    bind(['Delete', 'C-d'], 'Del Ctrl-D', 'delete the character under the cursor', field.deleteForward),
    bind(['C-w'], 'Ctrl-W', 'delete back to the previous space', field.deleteToSpace),
    bind(['M-Backspace'], 'Alt-Backspace', 'delete the word before the cursor', field.deleteWordBackward),
    bind(['M-d'], 'Alt-D', 'delete the word after the cursor', field.deleteWordForward),
    bind(['C-u'], 'Ctrl-U', 'delete everything before the cursor', field.deleteToStart),
    bind(['C-k'], 'Ctrl-K', 'delete everything after the cursor', field.deleteToEnd),
  ];
}

export const TYPE_TEXT = 'any other character types; a paste inserts its text (newlines and control characters are refused)';
