import { join, resolve } from 'node:path';
import { planRename, planSessionName, planWindowRename } from '../sessions/naming.js';
import { printable, shortenHome } from '../sessions/present.js';
import { nextSortMode } from '../sessions/sort.js';
import type { Session, WindowTarget } from '../tmux/types.js';
import type { Effect, Step } from './events.js';
import { selectedIndex, selectedSession } from './selection.js';
import { settle, withSessions } from './settle.js';
import type { Mode, Notice, Recheck, State } from './state.js';
import { fieldOf, type TextField } from './text-field.js';
import { windowReach } from './tree.js';

/**
 * What the keys do, as pure transitions State → Step. The keymaps
 * (keymaps.ts) bind keys to these; step.ts calls them. Every effect carries
 * the id and the name of the session it was decided on, taken from the
 * state this very key saw.
 */

export const none = (state: State): Step => ({ state, effects: [] });

export function notify(state: State, text: string, kind: Notice['kind'] = 'info'): State {
  return { ...state, notice: { text, kind, until: undefined } };
}

export function withMode(state: State, mode: Mode): State {
  return settle({ ...state, mode }, state);
}

export function quit(state: State): Step {
  return { state: { ...state, closing: true }, effects: [{ type: 'quit', reason: 'user' }] };
}

/** Ctrl-Z: back to the shell, as in any full-screen program; where no shell waits for us (a popup), said so. */
export function suspend(state: State): Step {
  if (state.context.suspendable !== true) return none(notify(state, 'Ctrl-Z: no shell to go back to here; q quits'));
  return { state, effects: [{ type: 'suspend' }] };
}

/** Selects row `index` of the list (clamped). */
export function selectRow(state: State, index: number): Step {
  const row = state.tree[Math.min(state.tree.length - 1, Math.max(0, index))];
  return none(settle({ ...state, selectedKey: row?.key ?? state.selectedKey }, state));
}

export const moveBy = (delta: number) => (state: State) => selectRow(state, selectedIndex(state) + delta);

/**
 * Enter, 1–9, a created session: attach to it (outside tmux) or switch the
 * client to it and close (inside); `target`: with that window (and pane)
 * selected.
 */
export function goTo(state: State, session: Session | { id: string; name: string } | undefined, target?: WindowTarget): Step {
  if (session === undefined) return none(state);
  const ref = { id: session.id, name: session.name };
  const type = state.context.insideTmux ? 'switch' : 'attach';
  return { state: { ...state, closing: true }, effects: [target === undefined ? { type, session: ref } : { type, session: ref, target }] };
}

export function cycleSort(state: State): Step {
  const mode = nextSortMode(state.sortMode);
  return { state: settle(withSessions(state, state.sessions, mode), state), effects: [{ type: 'rememberSort', mode }] };
}

/** `effects`: ones already decided, which the refresh follows. */
export function refreshNow(state: State, effects: readonly Effect[] = []): Step {
  if (state.refreshingSince !== undefined) return { state: { ...state, refreshAgain: true }, effects: [...effects] };
  return { state: { ...state, refreshingSince: state.now }, effects: [...effects, { type: 'refresh' }] };
}

/**
 * `!`: the selection jumps to the next session (after the selected one,
 * wrapping) whose agent waits for the user; when none does, to the next one
 * that finished since the user last looked. It only moves: Enter goes there.
 */
export function jumpToAgent(state: State): Step {
  // Among every session, as the header counts them: one a kept filter hides is still waiting, and comes before a finished one.
  const next = nextAgent(state.sessions, state.selectedId);
  if (next === undefined) return none(notify(state, 'no agent is waiting for you or has finished unseen'));
  if (state.visible.some((session) => session.id === next.id)) return none(settle({ ...state, selectedId: next.id }, state));
  const cleared = settle({ ...state, filter: fieldOf('') }, state);
  return none(notify(settle({ ...cleared, selectedId: next.id }, cleared), `filter cleared: ${printable(next.name)} was hidden by it`));
}

/** After `selectedId` in the list's order, round: the next session whose agent waits for the user, else the next one done unseen. */
function nextAgent(sessions: readonly Session[], selectedId: string | undefined): Session | undefined {
  const count = sessions.length;
  const from = Math.max(0, sessions.findIndex((session) => session.id === selectedId));
  for (const wanted of ['needs-input', 'done'] as const) {
    for (let offset = 1; offset <= count; offset++) {
      const candidate = sessions[(from + offset) % count];
      if (candidate?.agent?.state === wanted) return candidate;
    }
  }
  return undefined;
}

// --- the filter -----------------------------------------------------------

/**
 * A new filter text selects the best match — a session found only through
 * a window's name by that window's row, so Enter goes to the window that
 * matched; moving the cursor keeps the selection.
 */
export function setFilter(state: State, filter: TextField): Step {
  if (filter.text === state.filter.text) return none({ ...state, filter });
  const filtered = settle({ ...state, filter }, state);
  const best = filtered.visible[0];
  const hits = best === undefined ? undefined : filtered.windowHits.get(best.id);
  // The window that matched, also when its session is open in the tree (its other windows shown too).
  const window = best === undefined || hits === undefined ? undefined : filtered.tree.find((row) => row.kind === 'window' && row.session.id === best.id && hits.includes(row.window.id));
  if (best !== undefined && window !== undefined) return none(settle({ ...filtered, selectedId: best.id, selectedKey: window.key }, filtered));
  return none(settle({ ...filtered, selectedId: best?.id ?? state.selectedId }, filtered));
}

/** Esc in the filter: clears it, then leaves it. */
export function escapeFilter(state: State): Step {
  if (state.filter.text !== '') return none(settle({ ...state, filter: fieldOf('') }, state));
  return none(withMode(state, { kind: 'list' }));
}

// --- new session ----------------------------------------------------------

/** `~`, `~/x`, absolute, or relative to the dashboard's project directory; empty is that directory. */
export function resolveDirInput(text: string, base: string, home: string): string {
  if (text === '') return base;
  if (text === '~') return home;
  if (text.startsWith('~/')) return join(home, text.slice(2));
  return resolve(base, text);
}

const projectName = (dir: string, sessions: readonly Session[]) => planSessionName('', dir, sessions).name;

export function openNew(state: State): Step {
  const dir = state.context.startDir;
  const mode: Mode = {
    kind: 'new',
    name: fieldOf(projectName(dir, state.sessions)),
    dir: fieldOf(shortenHome(dir, state.context.home)),
    field: 'name',
    nameEdited: false,
    dirCheck: { path: dir, problem: undefined, checked: false },
    busy: false,
    error: undefined,
  };
  return { state: withMode(state, mode), effects: [{ type: 'checkDir', path: dir }] };
}

/** An edit of the name or the directory field; the name follows the directory until the user edits it. */
export function editNew(state: State, change: (field: TextField) => TextField): Step {
  const mode = state.mode;
  if (mode.kind !== 'new' || mode.busy) return none(state);
  if (mode.field === 'name') {
    const name = change(mode.name);
    return none(withMode(state, { ...mode, name, nameEdited: mode.nameEdited || name.text !== mode.name.text, error: undefined }));
  }
  const dir = change(mode.dir);
  const resolved = resolveDirInput(dir.text, state.context.startDir, state.context.home);
  const name = mode.nameEdited ? mode.name : fieldOf(projectName(resolved, state.sessions));
  if (resolved === mode.dirCheck.path) return none(withMode(state, { ...mode, dir, name, error: undefined }));
  const next = { ...mode, dir, name, dirCheck: { path: resolved, problem: undefined, checked: false }, error: undefined };
  return { state: withMode(state, next), effects: [{ type: 'checkDir', path: resolved }] };
}

export function switchNewField(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'new') return none(state);
  return none(withMode(state, { ...mode, field: mode.field === 'name' ? 'dir' : 'name' }));
}

/** What Enter in the new-session dialog will create: the name tmux will hold and whether the dashboard chose it. */
export function newSessionPlan(state: State): { name: string; dir: string; automatic: boolean; error: string | undefined } {
  const mode = state.mode;
  if (mode.kind !== 'new') return { name: '', dir: '', automatic: false, error: 'no dialog' };
  const dir = mode.dirCheck.path;
  const plan = planSessionName(mode.nameEdited ? mode.name.text : '', dir, state.sessions);
  const error = plan.error ?? (mode.dirCheck.checked ? mode.dirCheck.problem : undefined);
  return { name: plan.name, dir, automatic: plan.automatic, error };
}

export function submitNew(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'new' || mode.busy) return none(state);
  const plan = newSessionPlan(state);
  if (plan.error !== undefined) return none(withMode(state, { ...mode, error: plan.error }));
  return { state: withMode(state, { ...mode, busy: true, error: undefined }), effects: [{ type: 'create', name: plan.name, dir: plan.dir, automatic: plan.automatic }] };
}

/** A dialog opened right after the selection moved by itself says so, and takes its confirmation only the second time. */
export function movedHere(state: State): { recheck?: Recheck } {
  return state.selectionMoved === undefined ? {} : { recheck: { what: `${state.selectionMoved}; the selection moved here`, refused: false } };
}

// --- rename ---------------------------------------------------------------

export function openRename(state: State): Step {
  const session = selectedSession(state);
  if (session === undefined) return none(state);
  return none(withMode(state, { kind: 'rename', session: { id: session.id, name: session.name }, name: fieldOf(session.name), busy: false, error: undefined, ...movedHere(state) }));
}

export function editRename(state: State, change: (field: TextField) => TextField): Step {
  const mode = state.mode;
  if (mode.kind !== 'rename' || mode.busy) return none(state);
  return none(withMode(state, { ...mode, name: change(mode.name), error: undefined }));
}

/** What Enter in the rename dialog will do: the name tmux will hold, or why not. */
export function renamePlan(state: State): { name: string; error?: string } {
  const mode = state.mode;
  if (mode.kind !== 'rename') return { name: '', error: 'no dialog' };
  if (mode.window !== undefined) return planWindowRename(mode.name.text);
  return planRename(mode.name.text, mode.session, state.sessions);
}

export function submitRename(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'rename' || mode.busy) return none(state);
  if (mode.recheck?.refused === false) return none(withMode(state, { ...mode, recheck: { ...mode.recheck, refused: true } }));
  const plan = renamePlan(state);
  if (plan.error !== undefined) return none(withMode(state, { ...mode, error: plan.error }));
  const shown = mode.window ?? mode.session;
  if (plan.name === shown.name) return none(notify(withMode(state, { kind: 'list' }), `${shown.name}: name unchanged`));
  const effect: Effect = mode.window === undefined ? { type: 'rename', session: mode.session, name: plan.name } : { type: 'renameWindow', session: mode.session, window: mode.window, name: plan.name };
  return { state: withMode(state, { ...mode, busy: true, error: undefined }), effects: [effect] };
}

// --- delete ---------------------------------------------------------------

/** The dialog lists what runs there and who is attached: it asks for a fresh list at once. */
export function openDelete(state: State): Step {
  const session = selectedSession(state);
  if (session === undefined) return none(state);
  return refreshNow(withMode(state, { kind: 'delete', session, busy: false, ...movedHere(state) }));
}

export function confirmDelete(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'delete' || mode.busy) return none(state);
  if (mode.recheck?.refused === false) return none(withMode(state, { ...mode, recheck: { ...mode.recheck, refused: true } }));
  const session = { id: mode.session.id, name: mode.session.name };
  // The sessions the dialog named: tmux refuses nothing wider (WindowReach).
  const effect: Effect = mode.window === undefined ? { type: 'kill', session } : { type: 'killWindow', session, window: mode.window, reach: mode.reach ?? windowReach(state.sessions, mode.session, mode.window.id) };
  return { state: withMode(state, { ...mode, busy: true }), effects: [effect] };
}

/** After a kill: the row goes, and the selection moves to its neighbour (below, else above), not to the top. */
export function removeSession(state: State, id: string): State {
  const index = state.visible.findIndex((session) => session.id === id);
  const neighbour = index < 0 ? undefined : (state.visible[index + 1] ?? state.visible[index - 1]);
  const selectedId = state.selectedId === id ? neighbour?.id : state.selectedId;
  return settle({ ...state, sessions: state.sessions.filter((session) => session.id !== id), selectedId }, state);
}

/** After a window's kill: it goes from every session it was in (and a session with it, when it was its last), and the selection moves as the next list would move it. */
export function removeWindow(state: State, windowId: string): State {
  const sessions = state.sessions.flatMap((session) => {
    if (!session.panes.some((pane) => pane.windowId === windowId)) return [session];
    const panes = session.panes.filter((pane) => pane.windowId !== windowId);
    return panes.length === 0 ? [] : [{ ...session, windows: session.windows - 1, panes }];
  });
  return settle({ ...state, sessions }, state);
}

export function closeDialog(state: State): Step {
  const mode = state.mode;
  // While tmux works on it the dialog stays: its result decides what follows.
  if ((mode.kind === 'new' || mode.kind === 'rename' || mode.kind === 'delete' || mode.kind === 'deleteTagged') && mode.busy) return none(state);
  return none(withMode(state, { kind: 'list' }));
}
