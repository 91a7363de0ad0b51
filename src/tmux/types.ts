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
}

/** One tmux session with everything a dashboard row or `list --json` needs. */
export interface Session {
  id: string; // $N — unique for the server's lifetime; restarts at $0 with a new server
  name: string;
  windows: number;
  /** Number of clients attached. */
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
  panes: Pane[];
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
}
