import type { NotifyMode, SortMode } from '../config/schema.js';
import { readAgents, type AgentInputs } from '../agents/annotate.js';
import type { FileReport } from '../agents/claude-files.js';
import type { Key } from '../input/keys.js';
import { filterSessionsAndWindows } from '../sessions/filter.js';
import { sortSessions } from '../sessions/sort.js';
import type { FoundProject, Project, SourceKey } from '../project/candidates.js';
import type { Pane, Session, SessionRef, Snapshot, WindowRef, WindowTarget } from '../tmux/types.js';
import { EMPTY_FIELD, type TextField } from './text-field.js';
import { existingOpened, fallbackRow, keyIds, rowPane, treeRows, type TreeRow } from './tree.js';

/**
 * The dashboard's whole state as plain data, and the events and effects that
 * go in and out of `step` (step.ts). Nothing here knows React, Ink or tmux:
 * the UI draws a State, a hook runs the Effects and feeds their results back
 * as Events. docs/ARCHITECTURE.md tells the whole path of a key.
 */

/** What stays the same while the UI is up. */
export interface Context {
  home: string;
  /** The project directory `n` offers. */
  startDir: string;
  /** Enter switches the client and the dashboard exits (inside tmux, a popup); otherwise it attaches and comes back after the detach. */
  insideTmux: boolean;
  /** In a display-popup, Esc on the bare list closes it. */
  inPopup: boolean;
  /** The session the dashboard's client is in (marked `*`). */
  currentSessionId: string | undefined;
  /** The client the dashboard switches (named with --client, or guessed in a popup); undefined in a pane: the current session's client. */
  client?: string | undefined;
  /** The dashboard's own pane: its preview would show the dashboard itself. */
  ownPaneId: string | undefined;
  /** How the server is named on screen (`default`, `-L work`, …). */
  server: string;
  dryRun: boolean;
  aiCommands: ReadonlySet<string>;
  /** Whether styles reach the screen (not with NO_COLOR and the like): without them a cursor inside a field is drawn as a bar. */
  styles: boolean;
  previewLines: number;
  refreshIntervalMs: number;
  /** Project roots are configured: the picker asks for their (cached, then fresh) scan. */
  projectRoots: boolean;
  /** Ring the bell when an agent pane starts waiting for the user. */
  notify: NotifyMode;
  /** Mouse reports act (config `mouse`; absent: on). Off, a report that still arrives is ignored. */
  mouse?: boolean;
  /** Ctrl-Z can stop us: a shell with job control takes the terminal back (shellCanResume; absent: no). */
  suspendable?: boolean;
}

/**
 * A message in the status line. Its time starts at the first tick that sees
 * it (`until` is undefined until then): step reads no clock, and the state's
 * `now` moves only when something on screen shows it, so it can be an hour
 * old when the message is made.
 */
export type Notice = { text: string; kind: 'info' | 'error'; until: number | undefined };

/** Whether the new-session dialog's directory exists, as last checked. */
export type DirCheck = { path: string; problem: string | undefined; checked: boolean };

/** Every mode but the help, which opens over one of them and goes back to it. */
export type BaseMode =
  | { kind: 'list' }
  | { kind: 'filter' }
  | {
      kind: 'new';
      name: TextField;
      dir: TextField;
      field: 'name' | 'dir';
      /** Until the user edits the name, it follows the directory's project. */
      nameEdited: boolean;
      dirCheck: DirCheck;
      busy: boolean;
      error: string | undefined;
    }
  /** `window`: the dialog renames that window of the session, not the session. */
  | { kind: 'rename'; session: SessionRef; window?: WindowRef; name: TextField; busy: boolean; error: string | undefined }
  | ProjectsMode
  /** Tab on the list: the keys scroll the preview (PgUp PgDn …) until Esc. */
  | { kind: 'preview' }
  /** `window`: the dialog kills that window of the session (the session too when it is its last). */
  | { kind: 'delete'; session: Session; window?: WindowRef; busy: boolean }
  /** `d` with tags: one confirmation for every tagged session (State.tags), scrolled by `scroll` lines. */
  | { kind: 'deleteTagged'; scroll: number; busy: boolean };

/** One row of the project picker: a project, and the session open for it if there is one. */
export interface ProjectRow {
  project: Project;
  session: SessionRef | undefined;
  /** The folder typed in the query, not one a source found. */
  typed: boolean;
}

/** The picker's rows for an empty query, and the list and read-ahead answers they were made from. */
export interface PickerOpening {
  sessions: readonly Session[];
  found: State['prefetched'];
  rows: readonly ProjectRow[];
}

/** The project picker (`o`): a query, what the sources have answered, and the rows they give. */
export interface ProjectsMode {
  kind: 'projects';
  query: TextField;
  /** Which opening of the picker this is: answers asked for by an earlier one are dropped. */
  generation: number;
  /** Each source's last answer (the sessions' folders come from the list itself). */
  found: Readonly<Partial<Record<SourceKey, readonly FoundProject[]>>>;
  /** Sources asked that have not answered yet. */
  waiting: readonly SourceKey[];
  /** What the sources said (zoxide timed out, …). */
  notes: readonly string[];
  rows: readonly ProjectRow[];
  /** The selected row's project folder. */
  selected: string | undefined;
  /** The user moved since the last query change: new answers keep the selection; otherwise the best match is selected. */
  moved: boolean;
  top: number;
  busy: boolean;
  error: string | undefined;
}

export type Mode = BaseMode | { kind: 'help'; scroll: number; back: BaseMode };

export type ModeKind = Mode['kind'];

export interface State {
  readonly context: Context;
  readonly columns: number;
  readonly rows: number;
  /** ms since the epoch, as of the last tick or snapshot (step reads no clock). */
  readonly now: number;
  /** Whether a list has arrived yet, whether a server answered, and the last list error. */
  readonly loaded: boolean;
  readonly serverRunning: boolean;
  readonly listError: string | undefined;
  /** Every session, in the sort mode's order. */
  readonly sessions: readonly Session[];
  readonly sortMode: SortMode;
  readonly filter: TextField;
  /** `sessions` through the filter: the rows, in order. */
  readonly visible: readonly Session[];
  /** The selected row's session id; always a visible row's while there is one. Setting it selects that session's row. */
  readonly selectedId: string | undefined;
  /** Sessions (`$N`) and windows (`@N`) opened in the tree (src/dashboard/tree.ts); forgotten when they go. */
  readonly opened: ReadonlySet<string>;
  /** Sessions the filter matched by window names only, and those windows. */
  readonly windowHits: ReadonlyMap<string, readonly string[]>;
  /** The rows on the list: `visible` with the windows and panes of what is opened. */
  readonly tree: readonly TreeRow[];
  /** The selected row's key (`$1`, `$1@4`, `$1@4%7`); `selectedId` is its session. */
  readonly selectedKey: string | undefined;
  /** The first row on screen. */
  readonly top: number;
  readonly mode: Mode;
  readonly showPreview: boolean;
  /**
   * The preview as the user chose it with `p` (or as an earlier start
   * remembered it); undefined: none chosen, and the preview shows when the
   * terminal has room for it (previewHasRoom), as it grows and shrinks.
   */
  readonly previewChoice: boolean | undefined;
  /** The last text captured for the preview, and of which pane. */
  readonly preview: { paneId: string; text: string | undefined; capturedAt: number; lines: number } | undefined;
  /** How many lines the preview is scrolled up from the pane's last line (0: it follows the pane). */
  readonly previewScroll: number;
  /** A capture is running for this pane (one at a time). */
  readonly capturing: string | undefined;
  readonly notice: Notice | undefined;
  /** When the list call in flight started (one at a time); undefined: none is. */
  readonly refreshingSince: number | undefined;
  readonly refreshAgain: boolean;
  readonly lastRefreshAt: number;
  /** The UI is closing (a quit, attach or switch was decided): keys do nothing more. */
  readonly closing: boolean;
  /**
   * Keys read while a dialog waits for tmux's answer: they act once it has
   * come, in order, as they would have if typed after it (`dydy` deletes two
   * sessions, as typed slowly).
   */
  readonly heldKeys: readonly Key[];
  /** How many times the project picker was opened (its answers carry the number). */
  readonly pickerOpenings: number;
  /**
   * The picker's quick sources (the cached scan, the recent folders) read
   * once after the dashboard starts (answers of generation 0): the picker
   * opens with them on its first frame, then asks every source afresh.
   */
  readonly prefetched: Readonly<Partial<Record<SourceKey, readonly FoundProject[]>>>;
  /**
   * The picker's first rows (an empty query), made once the read-ahead
   * answers are in, for the list and answers they were made from: `o` takes
   * them while both are still the same, so the key's frame does not merge
   * and rank thousands of projects.
   */
  readonly pickerOpening: PickerOpening | undefined;
  /**
   * The tagged sessions (`t`, `T`), in the order tagged: id, the name and
   * creation time they had then. Kept by id through sorts, filters and
   * refreshes; dropped when the session is gone. The name is what a batch
   * re-checks before it acts: a session renamed meanwhile is skipped.
   */
  readonly tags: readonly SessionRef[];
  /** The last press of the left button on a row, by its key (a second one soon after on the same row goes there). */
  readonly lastClick: { id: string; at: number } | undefined;
  /** The sessions of the last list as tmux's service gave them: the same array again means tmux printed the same list. */
  readonly listed: readonly Session[] | undefined;
  /** That list with its agents read (readAgents): the same array again means the agents read as they did. */
  readonly annotated: readonly Session[] | undefined;
  /** When the user last pressed a key, as of the tick after it (keys carry no time). */
  readonly lastInputAt: number;
  /** A key was read since the last tick. */
  readonly keysSinceTick: boolean;
  /** When a list last differed from the one before. */
  readonly lastChangeAt: number;
}

/**
 * No key and no change in the list for this long, and the dashboard is left
 * alone: it asks tmux every IDLE_REFRESH_MS while an agent runs on the
 * server (what a home screen left open watches for: an agent that needs
 * you), and every QUIET_REFRESH_MS when none does — a session made
 * elsewhere then shows within that, or at once when someone's client is
 * attached (control mode rings), and a key brings the configured pace back
 * at the next tick, as does a list that changed. Each list call is a
 * process: this is most of what a dashboard left open all day costs.
 */
export const IDLE_AFTER_MS = 30_000;
export const IDLE_REFRESH_MS = 10_000;
export const QUIET_REFRESH_MS = 30_000;

export function refreshInterval(state: Pick<State, 'context' | 'lastInputAt' | 'lastChangeAt' | 'sessions'>, now: number): number {
  const base = state.context.refreshIntervalMs;
  if (now - Math.max(state.lastInputAt, state.lastChangeAt) < IDLE_AFTER_MS) return base;
  return Math.max(base, state.sessions.some((session) => session.agent !== undefined && session.agent !== null) ? IDLE_REFRESH_MS : QUIET_REFRESH_MS);
}

/**
 * State that is bookkeeping, not drawn: two states that differ only in these
 * draw the same screen, so the UI does not redraw (sameScreen). `now` is not
 * among them (ages are drawn), nor is a refresh slow enough to be shown.
 */
const BOOKKEEPING: ReadonlySet<string> = new Set(['lastRefreshAt', 'refreshingSince', 'refreshAgain', 'capturing', 'listed', 'annotated', 'lastInputAt', 'keysSinceTick', 'lastChangeAt', 'prefetched', 'pickerOpening']);

export function sameScreen(a: State, b: State): boolean {
  if (a === b) return true;
  if (slowRefresh(a) !== slowRefresh(b)) return false;
  for (const key of Object.keys(a) as (keyof State)[]) if (a[key] !== b[key] && !BOOKKEEPING.has(key) && !(key === 'notice' && sameText(a.notice, b.notice))) return false;
  return true;
}

/** The same message on screen (its time, started at a tick, is not drawn). */
function sameText(a: Notice | undefined, b: Notice | undefined): boolean {
  return a !== undefined && b !== undefined && a.text === b.text && a.kind === b.kind;
}

/** A list call that takes this long means tmux is not answering (stopped, wedged): the status line says so. */
export const SLOW_TMUX_MS = 2000;

export function slowRefresh(state: Pick<State, 'refreshingSince' | 'now'>): boolean {
  return state.refreshingSince !== undefined && state.now - state.refreshingSince >= SLOW_TMUX_MS;
}

/** A dialog whose action tmux is carrying out. */
export function isBusy(state: Pick<State, 'mode'>): boolean {
  const mode = state.mode;
  // Keys typed with `o` (`omono` Enter in one write) wait for the quick
  // sources, a file read each: acting on the list without them would match
  // whatever else is there (a session folder named like the project). The
  // slow ones (zoxide, a scan of the roots) are not waited for.
  if (mode.kind === 'projects' && mode.waiting.some((source) => QUICK_SOURCES.has(source))) return true;
  return (mode.kind === 'new' || mode.kind === 'rename' || mode.kind === 'delete' || mode.kind === 'deleteTagged' || mode.kind === 'projects') && mode.busy;
}

/** The picker's sources that answer from a file, at once: keys wait for them. */
const QUICK_SOURCES: ReadonlySet<SourceKey> = new Set(['recent', 'rootsCache']);

/** More keys than anyone types while tmux answers: past this they are dropped. */
export const MAX_HELD_KEYS = 256;

/** Why the UI closes, as the last effect says. */
export type QuitReason = 'user' | 'takeover' | 'lock-lost';

export type Effect =
  /** `target`: a window (and pane) of the session to select on the way in. */
  | { type: 'attach'; session: SessionRef; target?: WindowTarget }
  | { type: 'switch'; session: SessionRef; target?: WindowTarget }
  | { type: 'renameWindow'; session: SessionRef; window: WindowRef; name: string }
  | { type: 'killWindow'; session: SessionRef; window: WindowRef }
  | { type: 'create'; name: string; dir: string; automatic: boolean }
  | { type: 'rename'; session: SessionRef; name: string }
  | { type: 'kill'; session: SessionRef }
  /** Kills each session in turn, each re-checked (id, name, creation time) right before; one answer for all. */
  | { type: 'killTagged'; sessions: readonly SessionRef[] }
  | { type: 'rememberSort'; mode: SortMode }
  | { type: 'rememberPreview'; shown: boolean }
  | { type: 'refresh' }
  | { type: 'capturePreview'; paneId: string; lines: number }
  | { type: 'checkDir'; path: string }
  | { type: 'findProjects'; source: SourceKey; generation: number }
  | { type: 'completePath'; text: string; generation: number }
  /** Finds or creates the session of project `dir`; `others` are the other known projects (nested ones own their sessions). */
  | { type: 'openProject'; dir: string; name: string; others: readonly string[] }
  /** Enter on a project whose session is open: remembered as opened, while the UI goes there. */
  | { type: 'rememberProject'; dir: string }
  | { type: 'quit'; reason: QuitReason; message?: string }
  | { type: 'bell' }
  /** Ctrl-Z: the screen given back and the process group stopped; SIGCONT draws it all again. */
  | { type: 'suspend' }
  /** Records that the user looked at a session until `at` (Unix seconds): its agents' `done` stays seen after the client leaves. */
  | { type: 'markSeen'; session: SessionRef; at: number };

export type Event =
  | { type: 'start'; now: number }
  | { type: 'key'; key: Key }
  | { type: 'resize'; columns: number; rows: number }
  | { type: 'tick'; now: number }
  /** tmux said something structural changed (a session or window made, renamed or closed; src/tmux/control.ts). */
  | { type: 'tmuxChanged'; now: number }
  /** `files`: the agents' status files per pane id, read right after the list (src/agents/claude-files.ts). */
  | { type: 'snapshot'; snapshot: Snapshot; now: number; files?: ReadonlyMap<string, FileReport> }
  | { type: 'snapshotFailed'; message: string; now: number }
  | { type: 'created'; session: SessionRef }
  | { type: 'createFailed'; message: string }
  | { type: 'renamed'; from: SessionRef; to: SessionRef }
  | { type: 'renameFailed'; session: SessionRef; message: string }
  | { type: 'killed'; session: SessionRef }
  | { type: 'killFailed'; session: SessionRef; message: string }
  /** `skipped`: each session not killed and why, in words for the status line (`was renamed to x`). */
  | { type: 'killedTagged'; killed: readonly SessionRef[]; skipped: readonly { session: SessionRef; reason: string }[] }
  | { type: 'windowRenamed'; session: SessionRef; window: WindowRef; name: string }
  | { type: 'windowKilled'; session: SessionRef; window: WindowRef }
  /** A window action tmux refused, or that its re-check stopped. */
  | { type: 'windowActionFailed'; session: SessionRef; window: WindowRef; message: string }
  | { type: 'sortRemembered'; warning: string | undefined }
  | { type: 'previewRemembered'; warning: string | undefined }
  /** `lines`: how many lines of history were asked for (a scrolled preview asks for more). */
  | { type: 'previewCaptured'; paneId: string; text: string | undefined; lines?: number }
  | { type: 'dirChecked'; path: string; problem: string | undefined }
  | { type: 'projectsFound'; source: SourceKey; generation: number; projects: readonly FoundProject[]; note: string | undefined }
  | { type: 'pathCompleted'; generation: number; text: string; completed: string }
  | { type: 'projectOpened'; session: SessionRef; created: boolean; warning: string | undefined }
  | { type: 'projectOpenFailed'; message: string }
  | { type: 'quitRequested'; reason: Exclude<QuitReason, 'user'>; message: string };

export interface Step {
  state: State;
  effects: Effect[];
}

export interface InitialState {
  context: Context;
  columns: number;
  rows: number;
  now: number;
  sortMode: SortMode;
  /** A list taken while the UI loaded; without it the UI lists first. */
  snapshot: Snapshot | undefined;
  selectedId: string | undefined;
  message: string | undefined;
  /** As the user left it in an earlier showing (after an attach); else by the terminal's size. */
  showPreview?: boolean | undefined;
  /** The tree as an earlier showing left it (after an attach): what was opened, and the selected row. */
  opened?: ReadonlySet<string> | undefined;
  selectedKey?: string | undefined;
  /** The tags an earlier showing left (after an attach): kept while their sessions are (settle drops the others). */
  tags?: readonly SessionRef[] | undefined;
}

/** Whether the terminal has room for the preview: it shows then, until the user chooses with `p` (State.previewChoice). */
export function previewHasRoom(rows: number): boolean {
  return rows >= 20;
}

export const NOTICE_MS = { info: 4000, error: 10_000 } as const;

export function initialState(init: InitialState): State {
  const annotated = withAgents(init.snapshot?.sessions ?? [], init.context, init.now, undefined);
  const sessions = sortSessions(annotated, init.sortMode, init.context.aiCommands);
  const state: State = {
    context: init.context,
    columns: init.columns,
    rows: init.rows,
    now: init.now,
    loaded: init.snapshot !== undefined,
    serverRunning: init.snapshot?.serverRunning ?? true,
    listError: undefined,
    sessions,
    sortMode: init.sortMode,
    filter: EMPTY_FIELD,
    visible: sessions,
    selectedId: init.selectedId,
    opened: init.opened ?? new Set(),
    windowHits: new Map(),
    tree: [],
    selectedKey: init.selectedKey,
    top: 0,
    mode: { kind: 'list' },
    showPreview: init.showPreview ?? previewHasRoom(init.rows),
    previewChoice: init.showPreview,
    preview: undefined,
    previewScroll: 0,
    capturing: undefined,
    notice: init.message === undefined ? undefined : { text: init.message, kind: 'info', until: init.now + NOTICE_MS.error },
    refreshingSince: undefined,
    refreshAgain: false,
    lastRefreshAt: init.now,
    closing: false,
    heldKeys: [],
    pickerOpenings: 0,
    prefetched: {},
    pickerOpening: undefined,
    listed: init.snapshot?.sessions,
    annotated: init.snapshot === undefined ? undefined : annotated,
    lastInputAt: init.now,
    keysSinceTick: false,
    lastChangeAt: init.now,
    tags: init.tags ?? [],
    lastClick: undefined,
  };
  return settle(state, undefined);
}

/** The index of the selected row in `tree` (0 when nothing is selected yet). */
export function selectedIndex(state: Pick<State, 'tree' | 'selectedKey'>): number {
  const index = state.tree.findIndex((row) => row.key === state.selectedKey);
  return index >= 0 ? index : 0;
}

export function selectedRow(state: Pick<State, 'tree' | 'selectedKey'>): TreeRow | undefined {
  return state.tree[selectedIndex(state)];
}

/** The selected row's session (a window's or pane's row: the session it belongs to). */
export function selectedSession(state: Pick<State, 'tree' | 'selectedKey'>): Session | undefined {
  return selectedRow(state)?.session;
}

/** Rows under the list for each dialog (its border included). */
export const DIALOG_HEIGHT = { new: 6, rename: 4, delete: 6 } as const;

export interface Layout {
  /** Rows between the header and the status line. */
  body: number;
  /** The list's first line names its columns. */
  columnHeader: boolean;
  /** The list's rows (its header not counted). */
  listHeight: number;
  dialogHeight: number;
  /** Where the preview is: beside the list (a wide terminal), below it, or not shown (no room for it to help). */
  preview: 'beside' | 'below' | 'none';
  previewHeight: number;
  /** The list's columns; beside it, the preview has the rest but one (a rule between them). */
  listWidth: number;
  previewWidth: number;
}

/** From this width on the preview goes beside the list: both then have room for their columns. */
export const BESIDE_MIN_COLUMNS = 120;
/** Below the list the preview needs this many body rows to show more than its title. */
const BELOW_MIN_BODY = 12;
/** Beside the list: a few rows of the pane's text are worth it. */
const BESIDE_MIN_BODY = 6;

/**
 * Header, body (list, dialog, preview), status line, hints. Beside the list
 * the preview takes the body's height and half the width or so; below it, the
 * list takes the rows it needs (up to about half) and the preview the rest,
 * so no band of empty lines sits between them.
 */
export function layout(state: Pick<State, 'rows' | 'columns' | 'mode' | 'showPreview' | 'visible' | 'tree'>): Layout {
  const body = Math.max(1, state.rows - 3);
  const kind = state.mode.kind;
  const wanted = kind === 'new' || kind === 'rename' || kind === 'delete' ? DIALOG_HEIGHT[kind] : 0;
  // The selected row stays above a dialog while there is room for both;
  // in a terminal too small for that the dialog (which names its session)
  // takes the body, drawn without its border when even that does not fit.
  const dialogHeight = body > wanted ? wanted : Math.min(wanted, body);
  const previewWanted = state.showPreview && dialogHeight === 0 && kind !== 'help' && kind !== 'projects' && kind !== 'deleteTagged';
  const preview = !previewWanted ? 'none' : state.columns >= BESIDE_MIN_COLUMNS && body >= BESIDE_MIN_BODY ? 'beside' : body >= BELOW_MIN_BODY ? 'below' : 'none';
  const listWidth = preview === 'beside' ? Math.min(96, Math.max(60, Math.floor(state.columns / 2))) : state.columns;
  const previewWidth = preview === 'beside' ? state.columns - listWidth - 1 : preview === 'below' ? state.columns : 0;
  // The labels are worth a line when the rows below them are more than one or two.
  const listRoom = body - dialogHeight;
  const columnHeader = state.visible.length > 0 && listRoom >= 4 + (preview === 'below' ? BELOW_MIN_BODY / 2 : 0);
  const header = columnHeader ? 1 : 0;
  let previewHeight = preview === 'beside' ? body : 0;
  if (preview === 'below') {
    const needed = header + Math.max(1, state.tree.length);
    previewHeight = Math.max(Math.floor(body * 0.45), body - needed);
  }
  const listHeight = Math.max(0, body - dialogHeight - header - (preview === 'below' ? previewHeight : 0));
  return { body, columnHeader, listHeight, dialogHeight, preview, previewHeight, listWidth, previewWidth };
}

export interface Viewport {
  top: number;
  /** Rows drawn from `top`. */
  shown: number;
  /** Rows hidden above and below: the list's last line says so. */
  above: number;
  below: number;
}

/**
 * Which rows are on screen. When they do not all fit, the list's last line
 * says how many are hidden above and below, and the view scrolls only when
 * the selection would leave it.
 */
export function viewport(count: number, index: number, previousTop: number, height: number): Viewport {
  if (height <= 0) return { top: index, shown: 0, above: 0, below: 0 };
  if (count <= height) return { top: 0, shown: count, above: 0, below: 0 };
  // The last line says what is hidden; a list of one line has no room for it.
  const capacity = height === 1 ? 1 : height - 1;
  let top = previousTop;
  if (index < top) top = index;
  if (index >= top + capacity) top = index - capacity + 1;
  top = Math.min(Math.max(0, top), count - capacity);
  const shown = Math.min(capacity, count - top);
  return { top, shown, above: top, below: count - top - shown };
}

export function listViewport(state: State): Viewport {
  return viewport(state.tree.length, selectedIndex(state), state.top, layout(state).listHeight);
}

/** The pane the preview shows: the selected row's (a session's or window's active pane, or the pane). */
export function previewPane(state: State): Pane | undefined {
  return rowPane(selectedRow(state));
}

/**
 * The row (a session's, a window's, a pane's) drawn at screen line `line` (0 is the header),
 * column `column` (both from 0), in the modes that show the list to act on:
 * the one place that knows where rows are on screen (view.ts draws the list
 * there: the header, the column labels, then the rows from the viewport's top).
 */
export function rowAtScreen(state: State, column: number, line: number): TreeRow | undefined {
  if (state.mode.kind !== 'list' && state.mode.kind !== 'filter') return undefined;
  const box = layout(state);
  if (column < 0 || column >= box.listWidth) return undefined;
  const offset = line - 1 - (box.columnHeader ? 1 : 0);
  const view = listViewport(state);
  return offset >= 0 && offset < view.shown ? state.tree[view.top + offset] : undefined;
}

/** The hint bar's screen line: the last (the screen has at least four lines). */
export function hintLineIndex(state: Pick<State, 'rows'>): number {
  return Math.max(state.rows, 4) - 1;
}

export function previewPaneId(state: State): string | undefined {
  return previewPane(state)?.id;
}

export function previewVisible(state: State): boolean {
  return layout(state).preview !== 'none';
}

/**
 * After every step: the rows follow the sessions, the sort, the filter and
 * what is opened; the selection stays on its row if it is still shown, else
 * goes to its window's or session's row, else to the row that took its place
 * (`previousIndex`); the view keeps it on screen. A transition that sets
 * `selectedId` (a session id) selects that session's row.
 */
export function settle(state: State, previous: State | undefined): State {
  let { visible, windowHits, opened, tree } = state;
  const listChanged = previous === undefined || state.sessions !== previous.sessions;
  if (listChanged || state.filter.text !== previous.filter.text) {
    ({ sessions: visible, windowHits } = filterSessionsAndWindows(state.sessions, state.filter.text, state.context.home));
  }
  if (listChanged) opened = existingOpened(opened, state.sessions);
  if (previous === undefined || visible !== state.visible || opened !== previous.opened || windowHits !== previous.windowHits || tree.length === 0) tree = treeRows(visible, opened, windowHits);
  let key = state.selectedKey;
  const idChanged = previous === undefined || state.selectedId !== previous.selectedId;
  if (idChanged && state.selectedId !== undefined && (key === undefined || keyIds(key).sessionId !== state.selectedId)) key = state.selectedId;
  // With no row (a filter that matches nothing) the selection is kept for when rows come back.
  if (tree.length > 0 && !tree.some((row) => row.key === key)) {
    const fallback = key === undefined ? undefined : fallbackRow(key, tree);
    // A session that went with its windows open: the row that took the place of the session's row.
    const goneSession = key === undefined || fallback !== undefined ? undefined : keyIds(key).sessionId;
    const sessionRow = goneSession === undefined || previous === undefined ? -1 : previous.tree.findIndex((row) => row.key === goneSession);
    const previousIndex = sessionRow >= 0 ? sessionRow : previous === undefined ? 0 : selectedIndex(previous);
    const inPlace = tree[Math.min(previousIndex, tree.length - 1)];
    // A window (or pane) that went: the row that took its place when it is of the same session (the next
    // window, as a deleted session's neighbour takes its place), never its session's row, where the
    // next `d` would offer the whole session.
    const sibling = fallback?.kind === 'session' && inPlace !== undefined && inPlace.kind !== 'session' && inPlace.session.id === fallback.session.id ? inPlace : undefined;
    key = (sibling ?? fallback)?.key ?? inPlace?.key;
  }
  const selectedId = key === undefined ? state.selectedId : keyIds(key).sessionId;
  // A tag lives as long as its session (same id, same creation time).
  const tags = (previous === undefined || state.sessions !== previous.sessions) && state.tags.length > 0 ? state.tags.filter((tag) => state.sessions.some((session) => session.id === tag.id && session.created === tag.created)) : state.tags;
  const next = { ...state, visible, windowHits, opened, tree, selectedKey: key, selectedId, tags };
  // Another pane in the preview: it starts at that pane's last line.
  const previewScroll = state.previewScroll > 0 && previous !== undefined && previewPaneId(next) !== previewPaneId(previous) ? 0 : state.previewScroll;
  return { ...next, previewScroll, top: listViewport(next).top };
}

/** Each pane's and session's agent state (src/agents/annotate.ts), as of `now`. */
function agentInputs(context: Context, now: number, files: ReadonlyMap<string, FileReport> | undefined): AgentInputs {
  return { aiCommands: context.aiCommands, files: files ?? new Map(), nowSeconds: Math.floor(now / 1000), currentSessionId: context.currentSessionId };
}

export function withAgents(sessions: readonly Session[], context: Context, now: number, files: ReadonlyMap<string, FileReport> | undefined): Session[] {
  return readAgents(sessions, agentInputs(context, now, files)).sessions;
}

/** The looks to record (sessionsToMarkSeen): one effect per session, until the next list shows the mark. */
export function markSeenEffects(sessions: readonly Session[], context: Context, now: number, files: ReadonlyMap<string, FileReport> | undefined): Effect[] {
  if (context.dryRun) return [];
  const inputs = agentInputs(context, now, files);
  return readAgents(sessions, inputs).toMarkSeen.map((session): Effect => ({ type: 'markSeen', session: { id: session.id, name: session.name }, at: inputs.nowSeconds }));
}

/** Re-sorts after a new list or a new sort mode. */
export function withSessions(state: State, sessions: readonly Session[], sortMode: SortMode): State {
  return { ...state, sortMode, sessions: sortSessions(sessions, sortMode, state.context.aiCommands) };
}
