import { COLUMNS } from '../sessions/rows.js';
import { none, withMode } from './actions.js';
import { fieldKeys, HELP_KEY, QUIT, SUSPEND, TYPE_TEXT, type Binding, type Keymap } from './bindings.js';
import { DELETE, DELETE_TAGGED, NEW, PROJECTS, RENAME } from './dialog-keymaps.js';
import type { Step } from './events.js';
import { layout } from './layout.js';
import { wrapWords } from './lines.js';
import { FILTER, FILTER_TEXT, LIST } from './list-keymap.js';
import { leavePreview, MAX_PREVIEW_HISTORY, previewPage, scrollPreview } from './preview-scroll.js';
import type { ModeKind, State } from './state.js';

// Every mode's keymap (bindings.ts says what one is), the help screen made
// from them, and the help's and the preview's own keys.

/** Back to the mode the help was opened over (a dialog's directory is checked again: its answer may have come meanwhile). */
function closeHelp(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'help') return none(state);
  const back = mode.back;
  const next = withMode(state, back);
  return back.kind === 'new' && !back.dirCheck.checked ? { state: next, effects: [{ type: 'checkDir', path: back.dirCheck.path }] } : none(next);
}

const helpScroll = (to: (state: State, scroll: number) => number) => (state: State) =>
  none(state.mode.kind === 'help' ? { ...state, mode: { ...state.mode, scroll: Math.min(maxHelpScroll(state), Math.max(0, to(state, Math.min(state.mode.scroll, maxHelpScroll(state))))) } } : state);

const HELP: Keymap = {
  mode: 'help',
  title: 'Help (?)',
  bindings: [
    { keys: ['Down', 'j'], label: '↓ j', description: 'scroll down', hint: () => '↑↓ scroll', run: helpScroll((_state, scroll) => scroll + 1) },
    { keys: ['Up', 'k'], label: '↑ k', description: 'scroll up', run: helpScroll((_state, scroll) => scroll - 1) },
    { keys: ['PageDown', ' '], label: 'PgDn Space', description: 'one page down', run: helpScroll((state, scroll) => scroll + layout(state).body - 1) },
    { keys: ['PageUp'], label: 'PgUp', description: 'one page up', run: helpScroll((state, scroll) => scroll - layout(state).body + 1) },
    { keys: ['g', 'Home'], label: 'g Home', description: 'top', run: helpScroll(() => 0) },
    { keys: ['G', 'End'], label: 'G End', description: 'bottom', run: helpScroll(() => Number.MAX_SAFE_INTEGER) },
    { keys: ['Escape', '?', 'q', 'F1'], label: 'Esc ? q F1', description: 'close the help (back to where it was opened)', hint: () => 'Esc close', run: closeHelp },
    QUIT,
    SUSPEND,
  ],
};

const PREVIEW: Keymap = {
  mode: 'preview',
  title: 'Preview (Tab)',
  bindings: [
    { keys: ['PageUp'], label: 'PgUp', description: 'one page back in the pane’s history', hint: () => 'PgUp PgDn scroll', rank: 1, run: scrollPreview((state) => previewPage(state)) },
    { keys: ['PageDown'], label: 'PgDn', description: 'one page forward', run: scrollPreview((state) => -previewPage(state)) },
    { keys: ['Up', 'k'], label: '↑ k', description: 'one line back', run: scrollPreview(() => 1) },
    { keys: ['Down', 'j'], label: '↓ j', description: 'one line forward', run: scrollPreview(() => -1) },
    { keys: ['g', 'Home'], label: 'g Home', description: 'the oldest line captured', run: scrollPreview(() => MAX_PREVIEW_HISTORY) },
    { keys: ['G', 'End'], label: 'G End', description: 'the last line: follow the pane again', hint: () => 'G follow', rank: 2, run: scrollPreview((state) => -state.previewScroll) },
    { keys: ['Escape', 'Tab', 'q'], label: 'Esc Tab q', description: 'back to the list (the preview follows the pane again)', hint: () => 'Esc back', rank: 0, run: leavePreview },
    HELP_KEY,
    QUIT,
    SUSPEND,
  ],
};

/** In the order the help shows them. */
export const KEYMAPS: readonly Keymap[] = [LIST, FILTER, PROJECTS, NEW, RENAME, DELETE, DELETE_TAGGED, PREVIEW, HELP];

export function keymapFor(mode: ModeKind): Keymap {
  return KEYMAPS.find((keymap) => keymap.mode === mode) ?? LIST;
}

export function bindingFor(keymap: Keymap, name: string): Binding | undefined {
  return keymap.bindings.find((binding) => binding.keys.includes(name));
}

/** The help screen's lines: every mode's keys, from the tables above, with what is off right now and why. */
export function helpLines(state?: State): string[] {
  const lines: string[] = [];
  // The keys of the mode the help was opened over come first.
  const first = state?.mode.kind === 'help' ? state.mode.back.kind : 'list';
  const ordered = [...KEYMAPS.filter((keymap) => keymap.mode === first), ...KEYMAPS.filter((keymap) => keymap.mode !== first)];
  // Wrapped to the terminal (a cut description could not be read anywhere), continued under its text.
  const columns = state === undefined ? Infinity : Math.max(20, state.columns - 1);
  const section = (title: string, rows: { label: string; text: string }[]) => {
    const width = Math.max(...rows.map((row) => row.label.length));
    if (lines.length > 0) lines.push('');
    lines.push(title);
    for (const row of rows) {
      const head = `  ${row.label.padEnd(width)}  `;
      // Narrow: continue under the label rather than in a sliver of a column.
      const indent = columns - head.length >= 24 ? head.length : 4;
      wrapWords(row.text, columns - head.length, columns - indent).forEach((part, index) => lines.push(index === 0 ? `${head}${part}` : `${' '.repeat(indent)}${part}`));
    }
  };
  // Whether a key does something now is judged in the mode the help was opened over (its screen, not the help's).
  const over = state?.mode.kind === 'help' ? { ...state, mode: state.mode.back } : state;
  const describe = (binding: Binding) => {
    const off = over === undefined ? undefined : binding.disabled?.(over);
    return { label: binding.label, text: off === undefined ? binding.description : `${binding.description} (now off: ${off})` };
  };
  for (const keymap of ordered) {
    const rows = keymap.bindings.filter((binding) => binding.field !== true).map(describe);
    if (keymap.text !== undefined) rows.push({ label: 'text', text: `${keymap.text.description}; editing keys: see ${TEXT_FIELDS_TITLE}` });
    section(keymap.title, rows);
  }
  section(TEXT_FIELDS_TITLE, [...fieldKeys(FILTER_TEXT.edit).map(describe), { label: 'text', text: TYPE_TEXT }]);
  section(COLUMNS_TITLE, COLUMNS.map((column) => ({ label: column.label === '' ? '›1*' : column.label, text: column.legend })));
  return lines;
}

const TEXT_FIELDS_TITLE = 'Text fields (filter, names, directory)';
/** The list's columns explained: the header row over them is dropped when the list is short of rows. */
const COLUMNS_TITLE = 'Columns of the list';

/** The help's section titles (drawn bold; the one a page starts inside is repeated on top). */
export const HELP_TITLES: ReadonlySet<string> = new Set([...KEYMAPS.map((keymap) => keymap.title), TEXT_FIELDS_TITLE, COLUMNS_TITLE]);

/** The help's body shows this many lines of it: the last body line tells where you are. */
export function helpPageHeight(state: State): number {
  return Math.max(1, layout(state).body - 1);
}

/** A page that starts inside a section shows its title on top, so the last scroll leaves room for it. */
export function maxHelpScroll(state: State): number {
  return Math.max(0, helpLines(state).length - helpPageHeight(state) + 1);
}
