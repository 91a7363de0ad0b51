import { bytesToText, heldNameToText } from './text.js';
import type { Client, Pane, Session } from './types.js';

/**
 * What we ask tmux to print, and reading it back exactly.
 *
 * Every record is `RS tag`, then its fields, each after a `US`, then a
 * newline. A field that can hold any bytes (a name, a folder, a process name,
 * an option) is `<byte length>:<bytes>`: the length comes from tmux itself
 * (`#{n:…}` is the value's strlen, tmux ≥ 3.1), so it is read by counting
 * bytes, never by looking for a separator: a folder or a process name holding
 * RS, US, newlines or bytes that are not UTF-8 can neither end its record nor
 * forge another one. A field that tmux only ever prints as digits (a count, a
 * time, a flag, an id like `$3`, `@1`, `%7`) is printed bare and read up to
 * the next separator: asking tmux for its length too would make it expand
 * the variable twice, which at 1000 sessions costs tens of milliseconds on
 * every refresh. RS and US stay as checks; a bare field that is not digits,
 * or a record that does not fit the layout, is a ParseError, which only a
 * tmux that does not understand the format can cause.
 */
export const RS = '\x1e';
export const US = '\x1f';

/**
 * How a field is printed and read: framed bytes as they are, a framed name
 * tmux holds escaped (src/tmux/text.ts), or a bare number or id.
 */
type FieldKind = 'raw' | 'held' | 'number';

interface Field {
  variable: string;
  kind: FieldKind;
}

const raw = (variable: string): Field => ({ variable, kind: 'raw' });
const held = (variable: string): Field => ({ variable, kind: 'held' });
const num = (variable: string): Field => ({ variable, kind: 'number' });

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

/** The -F format of one record: numbers bare, every other field framed by its byte length. */
export function recordFormat(tag: string, fields: readonly Field[]): string {
  return RS + tag + fields.map(({ variable, kind }) => (kind === 'number' ? `${US}#{${variable}}` : `${US}#{n:${variable}}:#{${variable}}`)).join('');
}

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

export class ParseError extends Error {
  override name = 'ParseError';
}

const RS_BYTE = 0x1e;
const US_BYTE = 0x1f;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
// The sigils of tmux's ids: $session, @window, %pane.
const isIdSigil = (code: number) => code === 0x24 || code === 0x40 || code === 0x25;
// NaN (past the end) is no digit.
const isDigit = (code: number) => code >= DIGIT_0 && code <= DIGIT_9;
const NON_ASCII = /[\u0080-\u00ff]/;

/** One record's tag and its fields, decoded as their layout says. */
interface ParsedRecord {
  tag: string;
  fields: string[];
}

/**
 * Reads records. `layouts` gives each tag's fields; an unknown tag, a
 * missing separator, a length that runs past the end, a bare field that is
 * not a number or id, or a record with too few or too many fields is a
 * ParseError naming the byte offset.
 */
export function parseRecords(output: Uint8Array, layouts: Readonly<Record<string, readonly Field[]>>): ParsedRecord[] {
  // The structure is read from the bytes as one latin1 string (a byte per
  // character, so byte offsets hold): a list of 1000 sessions is ~135 KB,
  // and a string slice per field costs a fraction of a byte-array copy and
  // decode. A field with bytes above ASCII is decoded from the bytes.
  const text = Buffer.from(output.buffer, output.byteOffset, output.byteLength).toString('latin1');
  const allAscii = !NON_ASCII.test(text);
  const records: ParsedRecord[] = [];
  let at = 0;
  const fail = (what: string): never => {
    throw new ParseError(`tmux output not understood at byte ${at}: ${what}`);
  };
  while (at < text.length) {
    if (text.charCodeAt(at) !== RS_BYTE) fail('expected the start of a record');
    const tag = text.charAt(at + 1);
    const layout = layouts[tag];
    if (layout === undefined) fail(`unknown record tag ${JSON.stringify(tag)}`);
    at += 2;
    const fields: string[] = [];
    const count = layout?.length ?? 0;
    for (let index = 0; index < count; index++) {
      const field = (layout as readonly Field[])[index] as Field;
      if (text.charCodeAt(at) !== US_BYTE) fail(`record ${tag} has ${fields.length} fields, expected ${count}`);
      if (field.kind === 'number') {
        let end = at + 1;
        if (isIdSigil(text.charCodeAt(end))) end += 1;
        while (isDigit(text.charCodeAt(end))) end += 1;
        const next = text.charCodeAt(end);
        if (end - at - 1 > 20 || (next !== US_BYTE && next !== NEWLINE && end < text.length)) fail(`${field.variable} is not a number`);
        fields.push(text.slice(at + 1, end));
        at = end;
        continue;
      }
      let length = 0;
      let digits = at + 1;
      for (; isDigit(text.charCodeAt(digits)) && digits - at <= 9; digits++) length = length * 10 + text.charCodeAt(digits) - DIGIT_0;
      if (digits === at + 1 || text.charCodeAt(digits) !== COLON) fail(`bad length for ${field.variable}`);
      const start = digits + 1;
      const end = start + length;
      if (end > text.length) fail(`a field of ${length} bytes runs past the end`);
      const ascii = allAscii ? text.slice(start, end) : undefined;
      // Held names without a backslash are what tmux holds (src/tmux/text.ts).
      if (field.kind === 'held') fields.push(ascii !== undefined && !ascii.includes('\\') ? ascii : heldNameToText(output.subarray(start, end)));
      else fields.push(ascii ?? bytesToText(output.subarray(start, end)));
      at = end;
    }
    if (text.charCodeAt(at) === NEWLINE) at += 1;
    else if (at < text.length) fail(`record ${tag} has more fields than ${layout?.length ?? 0}`);
    records.push({ tag, fields });
  }
  return records;
}

function toInt(value: string | undefined, field: string): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n)) throw new ParseError(`bad ${field}: ${JSON.stringify(value)}`);
  return n;
}

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

/** `list-panes -s -t $N`: each pane of a session with its window (id, name held escaped). */
const SESSION_PANE_FIELDS = [num('session_id'), num('window_id'), held('window_name'), num('pane_id')] as const;
export const SESSION_PANE_FORMAT = recordFormat('W', SESSION_PANE_FIELDS);

export function parseSessionPanes(output: Uint8Array): { sessionId: string; windowId: string; windowName: string; paneId: string }[] {
  return parseRecords(output, { W: SESSION_PANE_FIELDS }).map(({ fields: [sessionId = '', windowId = '', windowName = '', paneId = ''] }) => ({ sessionId, windowId, windowName, paneId }));
}
