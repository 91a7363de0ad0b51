import type { PaneAgent, SessionAgent } from '../agents/model.js';

/** One pane of a session, as tmux reported it in the list refresh. */
export interface Pane {
  id: string; // %N
  windowId: string; // @N
  windowIndex: number;
  windowName: string;
  windowActive: boolean;
  index: number;
  active: boolean;
  /** Process name of the pane's foreground process (`pane_current_command`). */
  command: string;
  path: string;
  /** The terminal title the pane's program set (`pane_title`; the host name when none did). */
  title?: string;
  /** The pane's first process (`pane_pid`): a status file's PID is it or a descendant. */
  pid?: number;
  /** The raw hook mark (`@tmux_dashboard_agent`, src/agents/hook-mark.ts); '' when none. */
  agentMark?: string;
  /** Unix seconds of the window's last output (`window_activity`): nothing new to capture for the preview before it. Absent: unknown. */
  windowActivity?: number;
  /** What runs there as an agent, once the sources are read (src/agents/annotate.ts); null: no agent. */
  agent?: PaneAgent | null;
}

/** One client attached to a session, as tmux reported it in the list refresh. */
export interface Client {
  /** What tmux calls it and what `-c` takes: its tty, or `client-PID` when it has none. */
  name: string;
  /** The client's terminal device (`/dev/pts/3`), '' when it has none. */
  tty: string;
  /** The client's TERM (`client_termname`). */
  termName: string;
  /** Unix seconds of the client's last activity (a key pressed; at first, when it attached). */
  activity: number;
  /** A control-mode client (`tmux -C`, e.g. iTerm2): a program, not a screen someone looks at. */
  controlMode: boolean;
  /** Attached with `-r`: it can look but not type. */
  readOnly: boolean;
  /** The name of the session it was in before this one (`client_last_session`), '' when none; absent: not read. */
  lastSession?: string;
}

/** One tmux session with everything a dashboard row or `list --json` needs. */
export interface Session {
  id: string; // $N — unique for the server's lifetime; restarts at $0 with a new server
  name: string;
  windows: number;
  /** Number of people's clients attached: tmux's count without control-mode clients (programs, ours among them). */
  attached: number;
  /** Unix seconds. */
  created: number;
  activity: number;
  /** Unix seconds, or null when no client ever attached. */
  lastAttached: number | null;
  /** The session's start directory (`session_path`). */
  path: string;
  /**
   * The name the dashboard gave it automatically (tmux user option
   * @tmux_dashboard_auto_name), or null. While it equals `name`, the user has
   * not renamed the session, so auto-rename may.
   */
  autoName: string | null;
  /**
   * The project folder the dashboard created this session for (tmux user
   * option @tmux_dashboard_project), or null. Absent in sessions made up by
   * tests and older callers: read as null.
   */
  project?: string | null;
  /**
   * Until when the user was looking at it, as far as the dashboard saw
   * (tmux user option @tmux_dashboard_seen, Unix seconds), or null: an
   * agent's `done` from before then is seen. Absent: null.
   */
  seenAt?: number | null;
  panes: Pane[];
  /** The clients attached to this session, in tmux's order. */
  clients: Client[];
  /** Its most urgent agent pane's state (src/agents/annotate.ts); null: no agent. */
  agent?: SessionAgent | null;
}

/** One list call's answer: the sessions, and whether a server answered at all. */
export interface Snapshot {
  serverRunning: boolean;
  sessions: Session[];
}

/** The identity a destructive action is checked against right before it runs. */
export interface SessionRef {
  id: string;
  name: string;
  /**
   * Unix seconds, when known: the same id and name with another creation
   * time is another session (ids restart at $0 with a new server).
   */
  created?: number;
}

/** A window a destructive action is checked against: its id, and the name the user saw (re-read right before acting). */
export interface WindowRef {
  id: string; // @N
  name: string;
  index: number;
}

/**
 * Which sessions a window's kill reaches, as the dialog said before `y`.
 * tmux's kill-window closes a window in every session it is linked into
 * (`link-window`, and every session of a group shares its windows), and a
 * session whose last window it is ends with it. The kill is refused when, by
 * the time it runs, it would reach a session the dialog did not name.
 */
export interface WindowReach {
  /** The other sessions the window is in. */
  alsoIn: SessionRef[];
  /** The sessions it is the last window of, its own included. */
  ending: SessionRef[];
}

/** Where in a session Enter goes: a window, and a pane of it. */
export interface WindowTarget {
  windowId: string;
  paneId?: string;
}
