import { closeDialog, confirmDelete, editNew, editRename, newSessionPlan, renamePlan, submitNew, submitRename, switchNewField } from './actions.js';
import { CANCEL, fieldKeys, goVerb, HELP_KEY, QUIT, SUSPEND, TYPE_TEXT, type Keymap, type TextInput } from './bindings.js';
import { completeProjects, editProjects, escapeProjects, moveProjects, openProjects, pickerPage, selectedProjectRow, submitProblem, submitProjects } from './projects.js';
import { confirmDeleteTagged, deletableTagCount, scrollTagged, taggedPageHeight } from './tags.js';

// The keys of the dialogs (new, rename, delete) and of the project picker.

export const NEW: Keymap = {
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

export const RENAME: Keymap = {
  mode: 'rename',
  title: 'Rename (R; r on a window)',
  text: { edit: editRename, description: TYPE_TEXT },
  bindings: [{ keys: ['Enter'], label: 'Enter', description: 'rename', hint: () => 'Enter rename', disabled: (state) => renamePlan(state).error, run: submitRename }, CANCEL, ...fieldKeys(editRename), HELP_KEY, QUIT, SUSPEND],
};

export const DELETE: Keymap = {
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

export const DELETE_TAGGED: Keymap = {
  mode: 'deleteTagged',
  title: 'Delete tagged (d with tags)',
  bindings: [
    { keys: ['y', 'Y'], label: 'y', description: 'delete them all (one renamed or replaced meanwhile is skipped)', hint: (state) => `y delete ${deletableTagCount(state)}`, run: confirmDeleteTagged },
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

export const PROJECTS: Keymap = {
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
