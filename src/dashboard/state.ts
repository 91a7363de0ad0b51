import type { NotifyMode, SortMode } from '../config/schema.js';
import type { Key } from '../input/keys.js';
import type { FoundProject, Project, SourceKey } from '../project/candidates.js';
import type { Session, SessionRef, WindowRef, WindowReach } from '../tmux/types.js';
import type { TextField } from './text-field.js';
import type { TreeRow } from './tree.js';

/**
 * The dashboard's whole state as plain data. The events and effects that go
 * in and out of `step` (step.ts) are in events.ts; how a state is made and
 * kept whole after each step, in settle.ts; where things are on the screen,
 * in layout.ts. Nothing here knows React, Ink or tmux: the UI draws a State,
 * a hook runs the Effects and feeds their results back as Events.
 * docs/ARCHITECTURE.md tells the whole path of a key.
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
  | { kind: 'rename'; session: SessionRef; window?: WindowRef; name: TextField; busy: boolean; error: string | undefined; recheck?: Recheck }
  | ProjectsMode
  /** Tab on the list: the keys scroll the preview (PgUp PgDn …) until Esc. */
  | { kind: 'preview' }
  /** `window`: the dialog kills that window of the session (the session too when it is its last). */
  | {
      kind: 'delete';
      session: Session;
      window?: WindowRef;
      /** A window's: the sessions its kill reaches, as the dialog says it (set at the opening, changed only with a recheck when it grows). */
      reach?: WindowReach;
      busy: boolean;
      recheck?: Recheck;
    }
  /** `d` with tags: one confirmation for every tagged session (State.tags), scrolled by `scroll` lines. */
  | { kind: 'deleteTagged'; scroll: number; busy: boolean; recheck?: Recheck };

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

/**
 * A dialog whose subject is not what the user pointed at or read: opened
 * right after the selection moved by itself, or a window delete whose reach
 * grew while it was open. `what` says so; its first confirmation is not
 * taken (`refused` once it was).
 */
export interface Recheck {
  what: string;
  refused: boolean;
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
  /**
   * The selected row went with a new list (closed or renamed elsewhere) and
   * the selection fell on the row that took its place: what went (`session
   * web`). Until the next key, a delete or rename dialog opened now carries
   * it (`recheck`), and its first confirmation is not taken: the user pointed
   * at what went, not at this row.
   */
  readonly selectionMoved: string | undefined;
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
