import { held, num, ParseError, parseRecords, raw, recordFormat, RS, toInt, US, type ParsedRecord } from './records.js';
import type { Client, Pane, Session } from './types.js';

// What each tmux call asks tmux to print (its fields, in order) and reading
// it back; how a record is framed and read is src/tmux/records.ts.

export { ParseError, RS, US };

const SESSION_FIELDS = [
  num('session_id'),
  held('session_name'),
  num('session_windows'),
  num('session_attached'),
  num('session_created'),
  num('session_activity'),
  num('session_last_attached'),
  raw('@tmux_dashboard_auto_name'),
  raw('session_path'),
  raw('@tmux_dashboard_project'),
  raw('@tmux_dashboard_seen'),
] as const;

const PANE_FIELDS = [
  num('session_id'),
  num('window_id'),
  num('window_index'),
  num('window_active'),
  held('window_name'),
  num('pane_id'),
  num('pane_index'),
  num('pane_active'),
  raw('pane_current_command'),
  raw('pane_current_path'),
  raw('pane_title'),
  raw('pane_pid'),
  // The hook channel of src/agents/hook-mark.ts (AGENT_OPTION): read here so that it costs no call of its own.
  raw('@tmux_dashboard_agent'),
  // When the window last had output (tmux updates it per read from any of its panes; the session's activity is keys only): the preview captures again only after it.
  num('window_activity'),
] as const;

/**
 * The panes for the first frame only: without each pane's folder, which
 * tmux reads from /proc for every pane of the server — at 1000 sessions
 * about a third of the list call's time. The rows on screen do not show it
 * (their folder is the session's); the full list is asked for right after
 * the frame, and the UI starts from it. The command stays: it marks agents.
 */
const QUICK_PANE_FIELDS = PANE_FIELDS.filter(({ variable }) => variable !== 'pane_current_path');

const CLIENT_FIELDS = [
  num('session_id'),
  num('client_activity'),
  num('client_control_mode'),
  num('client_readonly'),
  raw('client_termname'),
  raw('client_tty'),
  raw('client_name'),
  held('client_last_session'),
] as const;

export const ID_NAME_FIELDS = [num('session_id'), held('session_name')] as const;

/**
 * The list call's last record, printed by its last command: tmux stops at
 * the first command that fails, so a list that ends with it is whole, and
 * its client's exit need not be waited for (src/tmux/spawn.ts). A name or a
 * title holding these bytes cannot stand in for it: parseSessionList counts
 * it only as a record of its own, the last one.
 */
const LIST_END = `${RS}E`;
export const LIST_END_MARK = Buffer.from(`${LIST_END}\n`, 'latin1');

export const LIST_ARGS: readonly string[] = [
  'list-sessions', '-F', recordFormat('S', SESSION_FIELDS),
  ';',
  'list-panes', '-a', '-F', recordFormat('P', PANE_FIELDS),
  ';',
  'list-clients', '-F', recordFormat('C', CLIENT_FIELDS),
  ';',
  // No target: with none, display-message prints it too (an empty server included).
  'display-message', '-p', LIST_END,
];

/** LIST_ARGS for the first frame: panes as QUICK_PANE_FIELDS (tag Q), their folder left empty. */
export const QUICK_LIST_ARGS: readonly string[] = LIST_ARGS.map((arg) => (arg === recordFormat('P', PANE_FIELDS) ? recordFormat('Q', QUICK_PANE_FIELDS) : arg));

/** Each record tag of the list call, and its fields in order. */
export const LIST_LAYOUTS = { S: SESSION_FIELDS, P: PANE_FIELDS, Q: QUICK_PANE_FIELDS, C: CLIENT_FIELDS, E: [] };

/** Turns the output of LIST_ARGS into sessions, their panes and clients attached, in tmux's order. */
export function parseSessionList(output: Uint8Array): Session[] {
  // Runs once per start on the way to the first frame, before V8 has
  // optimised anything: fields are read by index, in the order of
  // SESSION_FIELDS, PANE_FIELDS and CLIENT_FIELDS above (array destructuring walks
  // an iterator, several times slower in cold code) and records go straight
  // into their objects: 1000 sessions in ~30 ms instead of ~37 on a cold start.
  const sessions = new Map<string, Session>();
  const panes: { sessionId: string; pane: Pane }[] = [];
  const clients: { sessionId: string; client: Client }[] = [];
  const records = parseRecords(output, LIST_LAYOUTS);
  const end = records.pop();
  if (end?.tag !== 'E' || records.some((record) => record.tag === 'E')) throw new ParseError('the list does not end with its end record (cut short?)');
  for (let r = 0; r < records.length; r++) {
    const { tag, fields: f } = records[r] as ParsedRecord;
    if (tag === 'S') {
      const id = f[0] ?? '';
      const lastAttached = f[6] ?? '';
      const autoName = f[7] ?? '';
      const project = f[9] ?? '';
      const seen = f[10] ?? '';
      sessions.set(id, {
        id,
        name: f[1] ?? '',
        windows: toInt(f[2], 'session_windows'),
        attached: toInt(f[3], 'session_attached'),
        created: toInt(f[4], 'session_created'),
        activity: toInt(f[5], 'session_activity'),
        lastAttached: lastAttached === '' || lastAttached === '0' ? null : toInt(lastAttached, 'session_last_attached'),
        path: f[8] ?? '',
        autoName: autoName === '' ? null : autoName,
        project: project === '' ? null : project,
        // Anyone on the server can set a user option: anything but a plain number is no mark.
        seenAt: /^\d{1,12}$/.test(seen) ? Number(seen) : null,
        panes: [],
        clients: [],
      });
    } else if (tag === 'P' || tag === 'Q') {
      // A quick record (Q) has no folder: the fields after the command sit one place earlier.
      const shift = tag === 'P' ? 0 : -1;
      const pid = f[11 + shift] ?? '';
      panes.push({
        sessionId: f[0] ?? '',
        pane: {
          id: f[5] ?? '',
          windowId: f[1] ?? '',
          windowIndex: toInt(f[2], 'window_index'),
          windowName: f[4] ?? '',
          windowActive: f[3] === '1',
          index: toInt(f[6], 'pane_index'),
          active: f[7] === '1',
          command: f[8] ?? '',
          path: tag === 'P' ? (f[9] ?? '') : '',
          title: f[10 + shift] ?? '',
          pid: pid === '' ? 0 : toInt(pid, 'pane_pid'),
          agentMark: f[12 + shift] ?? '',
          windowActivity: toInt(f[13 + shift], 'window_activity'),
        },
      });
    } else {
      clients.push({
        sessionId: f[0] ?? '',
        client: {
          name: f[6] ?? '',
          tty: f[5] ?? '',
          termName: f[4] ?? '',
          activity: toInt(f[1], 'client_activity'),
          controlMode: f[2] === '1',
          readOnly: f[3] === '1',
          lastSession: f[7] ?? '',
        },
      });
    }
  }
  for (const { sessionId, pane } of panes) sessions.get(sessionId)?.panes.push(pane);
  for (const { sessionId, client } of clients) sessions.get(sessionId)?.clients.push(client);
  // A control-mode client (ours included: src/tmux/control.ts) is a program, not someone attached.
  for (const session of sessions.values()) session.attached = Math.max(0, session.attached - session.clients.filter((client) => client.controlMode).length);
  return [...sessions.values()];
}

/** The tmux user option that records a name the dashboard chose itself. */
export const AUTO_NAME_OPTION = '@tmux_dashboard_auto_name';

/** The tmux user option that records the project folder the dashboard created a session for. */
export const PROJECT_OPTION = '@tmux_dashboard_project';

/** The tmux user option that records until when the user looked at a session (Unix seconds): see src/agents/annotate.ts. */
export const SEEN_OPTION = '@tmux_dashboard_seen';

/** `new-session -P -F` / display-message output: the session's id and the name tmux holds, as typed. */
export const ID_NAME_FORMAT = recordFormat('I', ID_NAME_FIELDS);

export function parseIdName(output: Uint8Array): { id: string; name: string } {
  const records = parseRecords(output, { I: ID_NAME_FIELDS });
  const [id, name] = records[0]?.fields ?? [];
  if (records.length !== 1 || id === undefined || name === undefined) throw new ParseError(`expected one session record, got ${records.length}`);
  return { id, name };
}

const IDENTITY_FIELDS = [num('session_id'), held('session_name'), num('session_created')] as const;

/**
 * What an action re-checks right before it runs: id, name and creation time,
 * in one call. A target that is gone prints empty fields (3.3a): then created
 * is undefined and the id is ''.
 */
export const IDENTITY_FORMAT = recordFormat('D', IDENTITY_FIELDS);

export function parseIdentity(output: Uint8Array): { id: string; name: string; created: number | undefined } {
  const records = parseRecords(output, { D: IDENTITY_FIELDS });
  const [id, name, created] = records[0]?.fields ?? [];
  if (records.length !== 1 || id === undefined || name === undefined) throw new ParseError(`expected one session record, got ${records.length}`);
  return { id, name, created: created === undefined || created === '' ? undefined : toInt(created, 'session_created') };
}

/**
 * What a client is looking at (`display-message -c C -t C`): its name, its
 * session (id, and name twice: the session's and the client's), and the
 * directory of that session's active pane.
 */
const CLIENT_VIEW_FIELDS = [raw('client_name'), num('session_id'), held('session_name'), held('client_session'), raw('pane_current_path')] as const;
export const CLIENT_VIEW_FORMAT = recordFormat('V', CLIENT_VIEW_FIELDS);

export function parseClientView(output: Uint8Array): { name: string; sessionId: string; sessionName: string; clientSession: string; panePath: string } {
  const [name = '', sessionId = '', sessionName = '', clientSession = '', panePath = ''] = parseRecords(output, { V: CLIENT_VIEW_FIELDS })[0]?.fields ?? [];
  return { name, sessionId, sessionName, clientSession, panePath };
}

/** `list-clients`: each client's last activity and name. */
const CLIENT_ACTIVITY_FIELDS = [num('client_activity'), num('client_control_mode'), raw('client_name')] as const;
export const CLIENT_ACTIVITY_FORMAT = recordFormat('A', CLIENT_ACTIVITY_FIELDS);

export function parseClientActivity(output: Uint8Array): { activity: number; controlMode: boolean; name: string }[] {
  return parseRecords(output, { A: CLIENT_ACTIVITY_FIELDS }).map(({ fields: [activity = '0', controlMode = '0', name = ''] }) => ({ activity: Number(activity), controlMode: controlMode === '1', name }));
}

/** `list-windows -a`: each window of each session (a linked window once per session it is in). */
const WINDOW_LINK_FIELDS = [num('session_id'), held('session_name'), num('window_id')] as const;
export const WINDOW_LINK_FORMAT = recordFormat('K', WINDOW_LINK_FIELDS);

export function parseWindowLinks(output: Uint8Array): { sessionId: string; sessionName: string; windowId: string }[] {
  return parseRecords(output, { K: WINDOW_LINK_FIELDS }).map(({ fields: [sessionId = '', sessionName = '', windowId = ''] }) => ({ sessionId, sessionName, windowId }));
}

/** `list-panes -s -t $N`: each pane of a session with its window (id, name held escaped). */
const SESSION_PANE_FIELDS = [num('session_id'), num('window_id'), held('window_name'), num('pane_id')] as const;
export const SESSION_PANE_FORMAT = recordFormat('W', SESSION_PANE_FIELDS);

export function parseSessionPanes(output: Uint8Array): { sessionId: string; windowId: string; windowName: string; paneId: string }[] {
  return parseRecords(output, { W: SESSION_PANE_FIELDS }).map(({ fields: [sessionId = '', windowId = '', windowName = '', paneId = ''] }) => ({ sessionId, windowId, windowName, paneId }));
}
