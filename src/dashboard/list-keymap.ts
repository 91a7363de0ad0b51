import type { Key } from '../input/keys.js';
import { agentCounts } from '../sessions/screen.js';
import { cycleSort, escapeFilter, goTo, jumpToAgent, moveBy, none, notify, openDelete, openNew, openRename, quit, refreshNow, selectRow, setFilter, withMode } from './actions.js';
import { both, DRY_RUN, fieldKeys, goVerb, HELP_KEY, NEEDS_SESSION, onWindow, openHelp, QUIT, SUSPEND, TYPE_TEXT, type Binding, type Keymap, type TextInput } from './bindings.js';
import type { Step } from './events.js';
import { layout, listViewport, previewVisible } from './layout.js';
import { lastSession } from './last-session.js';
import { openProjects } from './projects.js';
import { enterPreview } from './preview-scroll.js';
import { selectedIndex, selectedRow } from './selection.js';
import { settle } from './settle.js';
import type { State } from './state.js';
import { clearTags, openDeleteTagged, toggleShownTags, toggleTag } from './tags.js';
import * as field from './text-field.js';
import { closeRow, goToRow, openRow, openWindowDelete, openWindowRename } from './tree-actions.js';

// The session list's keys, and the filter's, which moves through the same rows.

/** `p`: the preview on or off, remembered for the next start. */
function togglePreview(state: State): Step {
  const shown = !state.showPreview;
  return { state: settle({ ...state, showPreview: shown, previewChoice: shown }, state), effects: [{ type: 'rememberPreview', shown }] };
}

const waitingCount = (state: State) => agentCounts(state.sessions).waiting;

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

export const LIST: Keymap = {
  mode: 'list',
  title: 'Session list',
  bindings: [
    ...movement(true),
    ENTER,
    { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1–9', description: 'go at once to the row with that number on screen (as Enter on it)', run: jump },
    { keys: ['Right', 'l'], label: '→ l', description: 'open the selected session into its windows, or a window into its panes (when it has several)', hint: () => '→← tree', rank: 6, disabled: NEEDS_SESSION, run: openRow },
    { keys: ['Left', 'h'], label: '← h', description: 'close the selected session; on a window or pane row, close its parent and select it', disabled: NEEDS_SESSION, run: closeRow },
    { keys: ['/'], label: '/', description: 'filter the sessions by name, folder or window name (fuzzy)', hint: () => '/ filter', rank: 2, run: (state) => none(withMode(state, { kind: 'filter' })) },
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
      disabled: (state) => (state.sessions.some((session) => session.agent?.state === 'needs-input' || session.agent?.state === 'done') ? undefined : 'no agent is waiting for you or has finished unseen'),
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

export const FILTER_TEXT: TextInput = { edit: (state, change) => setFilter(state, change(state.filter)), description: TYPE_TEXT };

export const FILTER: Keymap = {
  mode: 'filter',
  title: 'Filter (/)',
  text: FILTER_TEXT,
  bindings: [
    { ...ENTER, description: 'go to the highlighted session or window' },
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
