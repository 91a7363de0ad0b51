import type { SortMode } from '../config/schema.js';
import type { FileReport } from '../agents/claude-files.js';
import type { Key } from '../input/keys.js';
import type { FoundProject, SourceKey } from '../project/candidates.js';
import type { SessionRef, Snapshot, WindowReach, WindowRef, WindowTarget } from '../tmux/types.js';
import type { State } from './state.js';

/**
 * What goes into `step` (step.ts): keys, ticks, and the answers to the
 * effects it asked for; and what comes out: the effects, which a hook runs
 * (effects.ts) and answers with events.
 */

/** Why the UI closes, as the last effect says. */
export type QuitReason = 'user' | 'takeover' | 'lock-lost';

export type Effect =
  /** `target`: a window (and pane) of the session to select on the way in. */
  | { type: 'attach'; session: SessionRef; target?: WindowTarget }
  | { type: 'switch'; session: SessionRef; target?: WindowTarget }
  | { type: 'renameWindow'; session: SessionRef; window: WindowRef; name: string }
  | { type: 'killWindow'; session: SessionRef; window: WindowRef; reach: WindowReach }
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
