import type { Client, Pane, Session } from './types.js';

/**
 * The one tmux command line that returns every row's data: one call for all
 * sessions, never one per session.
 *
 * Records start with RS and fields are split by US. Paths may hold newlines
 * (and tmux prints them raw with -u), so a record ends at the next RS, not at
 * a newline, and the free-text field is always the last one.
 */
export const RS = '\x1e';
export const US = '\x1f';

const SESSION_FIELDS = [
  'session_id',
  'session_name',
  'session_windows',
  'session_attached',
  'session_created',
  'session_activity',
  'session_last_attached',
  '@tmux_dashboard_auto_name',
  'session_path',
] as const;

const PANE_FIELDS = [
  'session_id',
  'window_id',
  'window_index',
  'window_active',
  'window_name',
  'pane_id',
  'pane_index',
  'pane_active',
  'pane_current_command',
  'pane_current_path',
] as const;

/**
 * A variable with RS and US replaced by `?`, for a free-text field that cannot
 * go last: only one field per record can take stray separators.
 */
function withoutSeparators(variable: string): string {
  return `s/[${RS}${US}]/?/:${variable}`;
}

// The client's name goes last, exact, since it is what `-c` takes. tty and
// terminal name are only shown: a control client without a terminal can carry
// any TERM, separators included (measured on 3.3a), so they are cleaned in tmux.
const CLIENT_FIELDS = [
  'session_id',
  'client_activity',
  'client_control_mode',
  'client_readonly',
  withoutSeparators('client_termname'),
  withoutSeparators('client_tty'),
  'client_name',
] as const;

function recordFormat(tag: string, fields: readonly string[]): string {
  return RS + tag + US + fields.map((field) => `#{${field}}`).join(US);
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

/** Splits tmux output into records of fields; extra separators fold into the last (path) field. */
function splitRecords(output: string): { tag: string; fields: string[] }[] {
  const records: { tag: string; fields: string[] }[] = [];
  for (const chunk of output.split(RS).slice(1)) {
    const body = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
    const [tag = '', ...fields] = body.split(US);
    records.push({ tag, fields });
  }
  return records;
}

function fold(fields: string[], count: number): string[] {
  if (fields.length < count) throw new ParseError(`tmux record has ${fields.length} fields, expected ${count}`);
  return [...fields.slice(0, count - 1), fields.slice(count - 1).join(US)];
}

function toInt(value: string | undefined, field: string): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n)) throw new ParseError(`bad ${field}: ${JSON.stringify(value)}`);
  return n;
}

/** Turns the output of LIST_ARGS into sessions, their panes and clients attached, in tmux's order. */
export function parseSessionList(output: string): Session[] {
  const sessions = new Map<string, Session>();
  const panes: { sessionId: string; pane: Pane }[] = [];
  const clients: { sessionId: string; client: Client }[] = [];
  for (const { tag, fields } of splitRecords(output)) {
    if (tag === 'S') {
      const [id = '', name = '', windows, attached, created, activity, lastAttached = '', autoName = '', sessionPath = ''] = fold(fields, SESSION_FIELDS.length);
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
      const [sessionId = '', windowId = '', windowIndex, windowActive, windowName = '', paneId = '', paneIndex, paneActive, command = '', panePath = ''] =
        fold(fields, PANE_FIELDS.length);
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
        },
      });
    } else if (tag === 'C') {
      const [sessionId = '', activity, controlMode, readOnly, termName = '', tty = '', name = ''] = fold(fields, CLIENT_FIELDS.length);
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
    } else {
      throw new ParseError(`unknown tmux record tag ${JSON.stringify(tag)}`);
    }
  }
  for (const { sessionId, pane } of panes) sessions.get(sessionId)?.panes.push(pane);
  for (const { sessionId, client } of clients) sessions.get(sessionId)?.clients.push(client);
  return [...sessions.values()];
}

/** The tmux user option that records a name the dashboard chose itself. */
export const AUTO_NAME_OPTION = '@tmux_dashboard_auto_name';

/** `new-session -P -F` / display-message output: `$id US name`. */
export const ID_NAME_FORMAT = `#{session_id}${US}#{session_name}`;

export function parseIdName(output: string): { id: string; name: string } {
  const line = output.endsWith('\n') ? output.slice(0, -1) : output;
  const separator = line.indexOf(US);
  if (separator < 0) throw new ParseError(`expected "id${US}name", got ${JSON.stringify(line)}`);
  return { id: line.slice(0, separator), name: line.slice(separator + 1) };
}
