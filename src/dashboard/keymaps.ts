import type { Key } from '../input/keys.js';
import { COLUMNS } from '../sessions/rows.js';
import { agentCounts } from '../sessions/screen.js';
import {
  closeDialog,
  confirmDelete,
  cycleSort,
  editNew,
  editRename,
  escapeFilter,
  goTo,
  jumpToAgent,
  moveBy,
  newSessionPlan,
  none,
  notify,
  openDelete,
  openNew,
  openRename,
  quit,
  refreshNow,
  renamePlan,
  selectRow,
  setFilter,
  submitNew,
  suspend,
  submitRename,
  switchNewField,
  withMode,
} from './actions.js';
import { completeProjects, editProjects, escapeProjects, moveProjects, openProjects, pickerPage, selectedProjectRow, submitProblem, submitProjects } from './projects.js';
import { layout, listViewport, previewVisible, selectedIndex, selectedRow, selectedSession, settle, type ModeKind, type State, type Step } from './state.js';
import { lastSession } from './last-session.js';
import { clearTags, confirmDeleteTagged, openDeleteTagged, scrollTagged, taggedPageHeight, toggleShownTags, toggleTag } from './tags.js';
import { enterPreview, leavePreview, MAX_PREVIEW_HISTORY, previewPage, scrollPreview } from './preview-scroll.js';
import { closeRow, goToRow, openRow, openWindowDelete, openWindowRename } from './tree-actions.js';
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

const QUIT: Binding = { keys: ['C-c'], label: 'Ctrl-C', description: 'quit the dashboard (from any mode)', run: quit };
const SUSPEND: Binding = { keys: ['C-z'], label: 'Ctrl-Z', description: 'suspend: back to the shell, `fg` returns (from any mode)', run: suspend };

/** The help opens over the mode it was asked from (its keys first) and goes back to it. */
function openHelp(state: State): Step {
  const mode = state.mode;
  if (mode.kind === 'help') return none(state);
  return none(withMode(state, { kind: 'help', scroll: 0, back: mode }));
}

/** Where `?` is typed into a field, F1 opens the help. */
const HELP_KEY: Binding = { keys: ['F1'], label: 'F1', description: 'help for this mode and all others', hint: () => 'F1 help', rank: 9, run: openHelp };

/** Back to the mode the help was opened over (a dialog's directory is checked again: its answer may have come meanwhile). */
function closeHelp(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'help') return none(state);
  const back = mode.back;
  const next = withMode(state, back);
  return back.kind === 'new' && !back.dirCheck.checked ? { state: next, effects: [{ type: 'checkDir', path: back.dirCheck.path }] } : none(next);
}

const DRY_RUN = (what: string) => (state: State) => (state.context.dryRun ? `dry run is on: ${what} is refused` : undefined);
const NEEDS_SESSION = (state: State) => (selectedSession(state) === undefined ? 'no session is selected' : undefined);
const both =
  (...checks: ((state: State) => string | undefined)[]) =>
  (state: State) =>
    checks.map((check) => check(state)).find((reason) => reason !== undefined);

/** The selection is a window's or a pane's row (the tree is open there). */
const onWindow = (state: State) => selectedRow(state)?.kind !== undefined && selectedRow(state)?.kind !== 'session';

/** `p`: the preview on or off, remembered for the next start. */
function togglePreview(state: State): Step {
  const shown = !state.showPreview;
  return { state: settle({ ...state, showPreview: shown, previewChoice: shown }, state), effects: [{ type: 'rememberPreview', shown }] };
}

const waitingCount = (state: State) => agentCounts(state.sessions).waiting;

const goVerb = (state: State) => (state.context.insideTmux ? 'switch' : 'attach');
const page = (state: State) => Math.max(1, layout(state).listHeight - 1);

/** Moving the selection: the same keys in the list and in the filter (where letters are typed, so only arrows and Ctrl keys). */
function movement(withLetters: boolean): Binding[] {
  const letters = (...keys: string[]) => (withLetters ? keys : []);
  return [
    { keys: ['Down', ...letters('j'), 'C-n'], label: withLetters ? '↓ j Ctrl-N' : '↓ Ctrl-N', description: 'next row', hint: () => '↑↓ move', rank: 9, run: moveBy(1) },
    { keys: ['Up', ...letters('k'), 'C-p'], label: withLetters ? '↑ k Ctrl-P' : '↑ Ctrl-P', description: 'previous row', run: moveBy(-1) },
    { keys: ['PageDown'], label: 'PgDn', description: 'one page down', run: (state) => selectRow(state, selectedIndex(state) + page(state)) },
    { keys: ['PageUp'], label: 'PgUp', description: 'one page up', run: (state) => selectRow(state, selectedIndex(state) - page(state)) },
    ...(withLetters
      ? [
          { keys: ['g', 'Home'], label: 'g Home', description: 'first row', run: (state: State) => selectRow(state, 0) },
          { keys: ['G', 'End'], label: 'G End', description: 'last row', run: (state: State) => selectRow(state, state.tree.length - 1) },
        ]
      : []),
  ];
}

const ENTER: Binding = {
  keys: ['Enter'],
  label: 'Enter',
  description: 'go to the selected session, window or pane: attach outside tmux (detach to come back), switch inside',
  hint: (state) => `Enter ${goVerb(state)}`,
  rank: 1,
  disabled: NEEDS_SESSION,
  run: (state) => goToRow(state, selectedRow(state)),
};

/** 1–9: the row with that number on screen. */
function jump(state: State, key: Key): Step {
  const number = key.kind === 'char' ? Number(key.char) : 0;
  const view = listViewport(state);
  if (number > view.shown) return none(notify(state, `no row ${number} on screen`, 'error'));
  return goToRow(state, state.tree[view.top + number - 1]);
}

const LIST: Keymap = {
  mode: 'list',
  title: 'Session list',
  bindings: [
    ...movement(true),
    ENTER,
    { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1–9', description: 'go at once to the row with that number on screen (as Enter on it)', run: jump },
    { keys: ['Right', 'l'], label: '→ l', description: 'open the selected session into its windows, or a window into its panes (when it has several)', hint: () => '→← tree', rank: 6, disabled: NEEDS_SESSION, run: openRow },
    { keys: ['Left', 'h'], label: '← h', description: 'close the selected session; on a window or pane row, close its parent and select it', disabled: NEEDS_SESSION, run: closeRow },
    { keys: ['/'], label: '/', description: 'filter the sessions by name or folder (fuzzy)', hint: () => '/ filter', rank: 2, run: (state) => none(withMode(state, { kind: 'filter' })) },
    { keys: ['s'], label: 's', description: 'next sort mode (remembered)', hint: () => 's sort', rank: 7, run: cycleSort },
    { keys: ['n'], label: 'n', description: 'new session (in the project directory)', hint: () => 'n new', rank: 4, disabled: DRY_RUN('creating a session'), run: openNew },
    { keys: ['o'], label: 'o', description: "open a project: pick a folder (sessions', recent, zoxide, project roots) and go to its session, created if needed", hint: () => 'o project', rank: 4, run: openProjects },
    { keys: ['R'], label: 'R', description: 'rename the selected session (on a window or pane row: its window)', hint: () => 'R rename', rank: 5, disabled: both(DRY_RUN('renaming'), NEEDS_SESSION), run: (state) => (onWindow(state) ? openWindowRename(state) : openRename(state)) },
    {
      keys: ['d'],
      label: 'd',
      description: 'delete the selected session, or the selected window on a window row, or every tagged session (asks first, saying what runs there)',
      hint: (state) => (state.tags.length > 0 ? `d delete ${state.tags.length} tagged` : 'd delete'),
      rank: 3,
      disabled: both(DRY_RUN('deleting'), (state) => (state.tags.length > 0 ? undefined : NEEDS_SESSION(state))),
      run: (state) => (state.tags.length > 0 ? openDeleteTagged(state) : onWindow(state) ? openWindowDelete(state) : openDelete(state)),
    },
    { keys: ['t'], label: 't', description: 'tag or untag the selected session, and move down', hint: () => 't tag', rank: 7, disabled: NEEDS_SESSION, run: toggleTag },
    { keys: ['T'], label: 'T', description: 'tag every row shown (all tagged already: untag them)', run: toggleShownTags },
    {
      keys: ['L'],
      label: 'L',
      description: 'go to the last session (marked -): inside tmux your previous one',
      disabled: (state) => (lastSession(state) === undefined ? 'no last session (none left before this one, or it is gone)' : undefined),
      run: (state) => goTo(state, lastSession(state)),
    },
    {
      keys: ['r'],
      label: 'r',
      description: 'refresh the list now; on a window or pane row: rename its window',
      disabled: (state) => (onWindow(state) ? DRY_RUN('renaming')(state) : undefined),
      run: (state) => (onWindow(state) ? openWindowRename(state) : refreshNow(state)),
    },
    {
      keys: ['!'],
      label: '!',
      description: 'select the next session whose agent waits for you (then one that finished since you last looked)',
      hint: (state) => (waitingCount(state) > 0 ? `! ${waitingCount(state)} need you` : '! done'),
      rank: 1,
      disabled: (state) => (state.visible.some((session) => session.agent?.state === 'needs-input' || session.agent?.state === 'done') ? undefined : 'no agent is waiting for you or has finished unseen'),
      run: jumpToAgent,
    },
    {
      keys: ['Tab'],
      label: 'Tab',
      description: 'scroll the preview: PgUp PgDn ↑ ↓ go back through the pane’s history (Esc: back to the list)',
      disabled: (state) => (previewVisible(state) ? undefined : 'the preview is not shown (p shows it when the terminal has room)'),
      run: enterPreview,
    },
    { keys: ['p'], label: 'p', description: 'show or hide the preview (remembered)', hint: () => 'p preview', rank: 8, run: togglePreview },
    {
      keys: ['Escape'],
      label: 'Esc',
      description: 'clear the filter, else the tags, else (in a popup) close it',
      hint: (state) => (state.filter.text === '' && state.tags.length > 0 ? 'Esc untag' : ''),
      rank: 7,
      run: (state) => {
        if (state.filter.text !== '') return none(settle({ ...state, filter: field.fieldOf('') }, state));
        if (state.tags.length > 0) return clearTags(state);
        return state.context.inPopup ? quit(state) : none(state);
      },
    },
    { keys: ['?', 'F1'], label: '? F1', description: 'help: every key of every mode', hint: () => '? help', rank: 0, run: openHelp },
    { keys: ['q'], label: 'q', description: 'quit', hint: () => 'q quit', rank: 6, run: quit },
    QUIT,
    SUSPEND,
  ],
};

/** The readline keys of every text field. */
function fieldKeys(edit: TextInput['edit']): Binding[] {
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

const TYPE_TEXT = 'any other character types; a paste inserts its text (newlines and control characters are refused)';

const FILTER_TEXT: TextInput = { edit: (state, change) => setFilter(state, change(state.filter)), description: TYPE_TEXT };

const FILTER: Keymap = {
  mode: 'filter',
  title: 'Filter (/)',
  text: FILTER_TEXT,
  bindings: [
    { ...ENTER, description: 'go to the highlighted session' },
    ...movement(false),
    { keys: ['Tab'], label: 'Tab', description: 'keep the filter and use the list keys on its rows (Esc in the list clears it)', hint: () => 'Tab list keys', run: (state) => none(withMode(state, { kind: 'list' })) },
    {
      keys: ['Escape'],
      label: 'Esc',
      description: 'clear the filter; when empty, leave it',
      hint: (state) => `Esc ${state.filter.text === '' ? 'leave' : 'clear'}`,
      run: escapeFilter,
    },
    ...fieldKeys(FILTER_TEXT.edit),
    HELP_KEY,
    QUIT,
    SUSPEND,
  ],
};

/** Esc in a dialog; while tmux works on its action the dialog waits for the result. */
const CANCEL: Binding = { keys: ['Escape'], label: 'Esc', description: 'cancel', hint: () => 'Esc cancel', run: closeDialog };

const NEW: Keymap = {
  mode: 'new',
  title: 'New session (n)',
  text: { edit: editNew, description: TYPE_TEXT },
  bindings: [
    { keys: ['Enter'], label: 'Enter', description: 'create the session and go to it', hint: () => 'Enter create', disabled: (state) => newSessionPlan(state).error, run: submitNew },
    { keys: ['Tab', 'BTab', 'Up', 'Down'], label: 'Tab ↑↓', description: 'switch between the name and the directory', hint: (state) => (state.mode.kind === 'new' && state.mode.field === 'dir' ? 'Tab name' : 'Tab directory'), run: switchNewField },
    { keys: ['C-o'], label: 'Ctrl-O', description: 'pick a project instead (the project picker, as o on the list)', hint: () => 'Ctrl-O projects', rank: 6, run: openProjects },
    CANCEL,
    ...fieldKeys(editNew),
    HELP_KEY,
    QUIT,
    SUSPEND,
  ],
};

const RENAME: Keymap = {
  mode: 'rename',
  title: 'Rename (R; r on a window)',
  text: { edit: editRename, description: TYPE_TEXT },
  bindings: [{ keys: ['Enter'], label: 'Enter', description: 'rename', hint: () => 'Enter rename', disabled: (state) => renamePlan(state).error, run: submitRename }, CANCEL, ...fieldKeys(editRename), HELP_KEY, QUIT, SUSPEND],
};

const DELETE: Keymap = {
  mode: 'delete',
  title: 'Delete (d)',
  bindings: [
    { keys: ['y', 'Y'], label: 'y', description: 'delete the session (or the window)', hint: () => 'y delete', run: confirmDelete },
    { keys: ['n', 'N', 'Escape'], label: 'n Esc', description: 'keep it', hint: () => 'n/Esc keep', run: closeDialog },
    HELP_KEY,
    QUIT,
    SUSPEND,
  ],
};

const DELETE_TAGGED: Keymap = {
  mode: 'deleteTagged',
  title: 'Delete tagged (d with tags)',
  bindings: [
    { keys: ['y', 'Y'], label: 'y', description: 'delete them all (one renamed or replaced meanwhile is skipped)', hint: (state) => `y delete ${state.tags.length}`, run: confirmDeleteTagged },
    { keys: ['n', 'N', 'Escape'], label: 'n Esc', description: 'keep them (the tags stay)', hint: () => 'n/Esc keep', run: closeDialog },
    { keys: ['Down', 'j'], label: '↓ j', description: 'scroll the list down', hint: (state) => (state.tags.length > taggedPageHeight(state) ? '↑↓ scroll' : ''), run: scrollTagged(() => 1) },
    { keys: ['Up', 'k'], label: '↑ k', description: 'scroll the list up', run: scrollTagged(() => -1) },
    { keys: ['PageDown', ' '], label: 'PgDn Space', description: 'one page down', run: scrollTagged((state) => taggedPageHeight(state)) },
    { keys: ['PageUp'], label: 'PgUp', description: 'one page up', run: scrollTagged((state) => -taggedPageHeight(state)) },
    HELP_KEY,
    QUIT,
    SUSPEND,
  ],
};

const PROJECTS_TEXT: TextInput = { edit: editProjects, description: `${TYPE_TEXT}; a folder (~/…, /…, ./…) is offered as typed` };

const PROJECTS: Keymap = {
  mode: 'projects',
  title: 'Projects (o)',
  text: PROJECTS_TEXT,
  bindings: [
    {
      keys: ['Enter'],
      label: 'Enter',
      description: "go to the project's session; none open: create it (named like n names it) in the project's folder and go there",
      hint: (state) => (selectedProjectRow(state)?.session !== undefined ? `Enter ${goVerb(state)}` : 'Enter open'),
      rank: 1,
      disabled: submitProblem,
      run: submitProjects,
    },
    { keys: ['Down', 'C-n'], label: '↓ Ctrl-N', description: 'next project', hint: () => '↑↓ move', rank: 9, run: moveProjects(() => 1) },
    { keys: ['Up', 'C-p'], label: '↑ Ctrl-P', description: 'previous project', run: moveProjects(() => -1) },
    { keys: ['PageDown'], label: 'PgDn', description: 'one page down', run: moveProjects((state) => pickerPage(state)) },
    { keys: ['PageUp'], label: 'PgUp', description: 'one page up', run: moveProjects((state) => -pickerPage(state)) },
    { keys: ['Tab'], label: 'Tab', description: "complete the folder being typed; on a project, its path (to go on below it)", hint: () => 'Tab complete', rank: 3, run: completeProjects },
    {
      keys: ['Escape'],
      label: 'Esc',
      description: 'clear the query; when empty, back to the list',
      hint: (state) => `Esc ${state.mode.kind === 'projects' && state.mode.query.text === '' ? 'back' : 'clear'}`,
      rank: 2,
      run: escapeProjects,
    },
    ...fieldKeys(editProjects),
    HELP_KEY,
    QUIT,
    SUSPEND,
  ],
};

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
  const section = (title: string, rows: { label: string; text: string }[]) => {
    const width = Math.max(...rows.map((row) => row.label.length));
    if (lines.length > 0) lines.push('');
    lines.push(title);
    for (const row of rows) lines.push(`  ${row.label.padEnd(width)}  ${row.text}`);
  };
  const describe = (binding: Binding) => {
    const off = state === undefined ? undefined : binding.disabled?.(state);
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
