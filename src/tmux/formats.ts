import { bytesToText, heldNameToText } from './text.js';
import type { Client, Pane, Session } from './types.js';

/**
 * What we ask tmux to print, and reading it back exactly.
 *
 * Every record is `RS tag`, then for each field `US <byte length>:<bytes>`,
 * then a newline. The length comes from tmux itself (`#{n:…}` is the value's
 * strlen, tmux ≥ 3.1), so a field is read by counting bytes, never by looking
 * for a separator: a folder or a process name holding RS, US, newlines or
 * bytes that are not UTF-8 can neither end its record nor forge another one.
 * RS and US stay as checks (and to make the raw output readable); a record
 * that does not fit the layout is a ParseError, which only a tmux that does
 * not understand the format can cause.
 */
export const RS = '\x1e';
export const US = '\x1f';

/** How a field's bytes become text: as they are, or a name tmux holds escaped (src/tmux/text.ts). */
type FieldKind = 'raw' | 'held';

interface Field {
  variable: string;
  kind: FieldKind;
}

const raw = (variable: string): Field => ({ variable, kind: 'raw' });
const held = (variable: string): Field => ({ variable, kind: 'held' });

const SESSION_FIELDS = [
  raw('session_id'),
  held('session_name'),
  raw('session_windows'),
  raw('session_attached'),
  raw('session_created'),
  raw('session_activity'),
  raw('session_last_attached'),
  raw('@tmux_dashboard_auto_name'),
  raw('session_path'),
] as const;

const PANE_FIELDS = [
  raw('session_id'),
  raw('window_id'),
  raw('window_index'),
  raw('window_active'),
  held('window_name'),
  raw('pane_id'),
  raw('pane_index'),
  raw('pane_active'),
  raw('pane_current_command'),
  raw('pane_current_path'),
  raw('pane_title'),
  raw('pane_pid'),
  // The hook channel of src/agents/hook-mark.ts (AGENT_OPTION): read here so that it costs no call of its own.
  raw('@tmux_dashboard_agent'),
] as const;

const CLIENT_FIELDS = [
  raw('session_id'),
  raw('client_activity'),
  raw('client_control_mode'),
  raw('client_readonly'),
  raw('client_termname'),
  raw('client_tty'),
  raw('client_name'),
] as const;

const ID_NAME_FIELDS = [raw('session_id'), held('session_name')] as const;

/** The -F format of one record: every field framed by its byte length. */
export function recordFormat(tag: string, fields: readonly Field[]): string {
  return RS + tag + fields.map(({ variable }) => `${US}#{n:${variable}}:#{${variable}}`).join('');
}

export const LIST_ARGS: readonly string[] = [
  'list-sessions', '-F', recordFormat('S', SESSION_FIELDS),
  ';',
  'list-panes', '-a', '-F', recordFormat('P', PANE_FIELDS),
  ';',
  'list-clients', '-F', recordFormat('C', CLIENT_FIELDS),
];

export class ParseError extends Error {
  override name = 'ParseError';
}

const RS_BYTE = 0x1e;
const US_BYTE = 0x1f;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/** One record's tag and its fields, decoded as their layout says. */
interface ParsedRecord {
  tag: string;
  fields: string[];
}

/**
 * Reads framed records. `layouts` gives each tag's fields; an unknown tag,
 * a missing separator, a length that runs past the end or a record with
 * too few or too many fields is a ParseError naming the byte offset.
 */
export function parseRecords(output: Uint8Array, layouts: Readonly<Record<string, readonly Field[]>>): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  let at = 0;
  const fail = (what: string): never => {
    throw new ParseError(`tmux output not understood at byte ${at}: ${what}`);
  };
  while (at < output.length) {
    if (output[at] !== RS_BYTE) fail('expected the start of a record');
    const tag = String.fromCharCode(output[at + 1] ?? 0);
    const layout = layouts[tag];
    if (layout === undefined) fail(`unknown record tag ${JSON.stringify(tag)}`);
    at += 2;
    const fields: string[] = [];
    for (const field of layout ?? []) {
      if (output[at] !== US_BYTE) fail(`record ${tag} has ${fields.length} fields, expected ${layout?.length ?? 0}`);
      const colon = output.indexOf(COLON, at + 1);
      const digits = colon < 0 ? '' : String.fromCharCode(...output.subarray(at + 1, colon));
      if (!/^\d{1,9}$/.test(digits)) fail(`bad length ${JSON.stringify(digits.slice(0, 12))}`);
      const start = colon + 1;
      const end = start + Number(digits);
      if (end > output.length) fail(`a field of ${digits} bytes runs past the end`);
      const bytes = output.subarray(start, end);
      fields.push(field.kind === 'held' ? heldNameToText(bytes) : bytesToText(bytes));
      at = end;
    }
    if (output[at] === NEWLINE) at += 1;
    else if (at < output.length) fail(`record ${tag} has more fields than ${layout?.length ?? 0}`);
    records.push({ tag, fields });
  }
  return records;
}

function toInt(value: string | undefined, field: string): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n)) throw new ParseError(`bad ${field}: ${JSON.stringify(value)}`);
  return n;
}

const LIST_LAYOUTS = { S: SESSION_FIELDS, P: PANE_FIELDS, C: CLIENT_FIELDS };

/** Turns the output of LIST_ARGS into sessions, their panes and clients attached, in tmux's order. */
export function parseSessionList(output: Uint8Array): Session[] {
  const sessions = new Map<string, Session>();
  const panes: { sessionId: string; pane: Pane }[] = [];
  const clients: { sessionId: string; client: Client }[] = [];
  for (const { tag, fields } of parseRecords(output, LIST_LAYOUTS)) {
    if (tag === 'S') {
      const [id = '', name = '', windows, attached, created, activity, lastAttached = '', autoName = '', sessionPath = ''] = fields;
      sessions.set(id, {
        id,
        name,
        windows: toInt(windows, 'session_windows'),
        attached: toInt(attached, 'session_attached'),
        created: toInt(created, 'session_created'),
        activity: toInt(activity, 'session_activity'),
        lastAttached: lastAttached === '' || lastAttached === '0' ? null : toInt(lastAttached, 'session_last_attached'),
        path: sessionPath,
        autoName: autoName === '' ? null : autoName,
        panes: [],
        clients: [],
      });
    } else if (tag === 'P') {
      const [sessionId = '', windowId = '', windowIndex, windowActive, windowName = '', paneId = '', paneIndex, paneActive, command = '', panePath = '', title = '', pid = '', agentMark = ''] = fields;
      panes.push({
        sessionId,
        pane: {
          id: paneId,
          windowId,
          windowIndex: toInt(windowIndex, 'window_index'),
          windowName,
          windowActive: windowActive === '1',
          index: toInt(paneIndex, 'pane_index'),
          active: paneActive === '1',
          command,
          path: panePath,
          title,
          pid: pid === '' ? 0 : toInt(pid, 'pane_pid'),
          agentMark,
        },
      });
    } else {
      const [sessionId = '', activity, controlMode, readOnly, termName = '', tty = '', name = ''] = fields;
      clients.push({
        sessionId,
        client: {
          name,
          tty,
          termName,
          activity: toInt(activity, 'client_activity'),
          controlMode: controlMode === '1',
          readOnly: readOnly === '1',
        },
      });
    }
  }
  for (const { sessionId, pane } of panes) sessions.get(sessionId)?.panes.push(pane);
  for (const { sessionId, client } of clients) sessions.get(sessionId)?.clients.push(client);
  return [...sessions.values()];
}

/** The tmux user option that records a name the dashboard chose itself. */
export const AUTO_NAME_OPTION = '@tmux_dashboard_auto_name';

/** `new-session -P -F` / display-message output: the session's id and the name tmux holds, as typed. */
export const ID_NAME_FORMAT = recordFormat('I', ID_NAME_FIELDS);

export function parseIdName(output: Uint8Array): { id: string; name: string } {
  const records = parseRecords(output, { I: ID_NAME_FIELDS });
  const [id, name] = records[0]?.fields ?? [];
  if (records.length !== 1 || id === undefined || name === undefined) throw new ParseError(`expected one session record, got ${records.length}`);
  return { id, name };
}

const IDENTITY_FIELDS = [raw('session_id'), held('session_name'), raw('session_created')] as const;

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

/** What a client is looking at (`display-message -c`): its name, session and pane directory. */
const CLIENT_VIEW_FIELDS = [raw('client_name'), raw('session_id'), raw('pane_current_path')] as const;
export const CLIENT_VIEW_FORMAT = recordFormat('V', CLIENT_VIEW_FIELDS);

export function parseClientView(output: Uint8Array): { name: string; sessionId: string; panePath: string } {
  const [name = '', sessionId = '', panePath = ''] = parseRecords(output, { V: CLIENT_VIEW_FIELDS })[0]?.fields ?? [];
  return { name, sessionId, panePath };
}

/** `list-clients`: each client's last activity and name. */
const CLIENT_ACTIVITY_FIELDS = [raw('client_activity'), raw('client_name')] as const;
export const CLIENT_ACTIVITY_FORMAT = recordFormat('A', CLIENT_ACTIVITY_FIELDS);

export function parseClientActivity(output: Uint8Array): { activity: number; name: string }[] {
  return parseRecords(output, { A: CLIENT_ACTIVITY_FIELDS }).map(({ fields: [activity = '0', name = ''] }) => ({ activity: Number(activity), name }));
}
