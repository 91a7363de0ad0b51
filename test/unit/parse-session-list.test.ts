import { describe, expect, it } from 'vitest';
import { ID_NAME_FIELDS, ID_NAME_FORMAT, LIST_ARGS, LIST_END_MARK, LIST_LAYOUTS, QUICK_LIST_ARGS, parseIdName, parseSessionList as parseBytes, ParseError, RS, US } from '../../src/tmux/formats.js';

const LAYOUTS: Record<string, readonly { kind: string }[]> = { ...LIST_LAYOUTS, I: ID_NAME_FIELDS };

/** A field as tmux prints it: a number bare, anything else framed by its byte length, a colon, its bytes. */
function field(value: string | Uint8Array, kind: string | undefined): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
  return Buffer.concat([Buffer.from(kind === 'number' ? US : `${US}${bytes.length}:`), bytes]);
}
function record(tag: string, fields: (string | Uint8Array)[]): Buffer {
  return Buffer.concat([Buffer.from(RS + tag), ...fields.map((value, index) => field(value, LAYOUTS[tag]?.[index]?.kind)), Buffer.from('\n')]);
}
// The seen mark defaults to what a session that has none prints.
const session = (fields: (string | Uint8Array)[]) => record('S', fields.length === 10 ? [...fields, ''] : fields);
// Title, pid and agent mark default to what a pane that set none of them prints; the window's last output to 0.
const pane = (fields: (string | Uint8Array)[]) => record('P', fields.length === 10 ? [...fields, 'host', '100', '', '0'] : fields.length === 13 ? [...fields, '0'] : fields);
const client = (fields: (string | Uint8Array)[]) => record('C', fields);
// As tmux prints a list: the records, then the end record its last command prints.
const parseSessionList = (...records: (Buffer | string)[]) => parseBytes(Buffer.concat([...records.map((r) => (typeof r === 'string' ? Buffer.from(r) : r)), LIST_END_MARK]));

describe('parseSessionList', () => {
  it('asks tmux for sessions, panes and clients in one command line', () => {
    const commands = LIST_ARGS.join(' ').split(' ; ').map((command) => command.split(' ')[0]);
    expect(commands).toEqual(['list-sessions', 'list-panes', 'list-clients', 'display-message']);
    // The last prints the end record, and only it.
    expect(LIST_ARGS.slice(-3)).toEqual(['display-message', '-p', LIST_END_MARK.toString('latin1').trimEnd()]);
  });

  it('frames every field that can hold any bytes by the byte length tmux computes for it, and prints numbers bare', () => {
    const format = LIST_ARGS[LIST_ARGS.indexOf('list-clients') + 2] ?? '';
    expect(format.startsWith(`${RS}C${US}#{session_id}${US}#{client_activity}${US}`)).toBe(true);
    expect(format).toContain(`${US}#{n:client_termname}:#{client_termname}${US}`);
    expect(format.endsWith(`${US}#{n:client_name}:#{client_name}${US}#{n:client_last_session}:#{client_last_session}`)).toBe(true);
    expect(ID_NAME_FORMAT).toBe(`${RS}I${US}#{session_id}${US}#{n:session_name}:#{session_name}`);
    for (const [tag, fields] of Object.entries(LIST_LAYOUTS)) {
      for (const { variable, kind } of fields) {
        // Only what tmux prints as digits (and an id's sigil) may go unframed.
        if (kind === 'number') expect(`${tag} ${variable}`).toMatch(/ (session|window|pane)_id$|_(windows|attached|created|activity|last_attached|index|active|control_mode|readonly)$/);
      }
    }
  });

  it('the first frame’s quick list asks for every pane field but the folder, and parses it as empty', () => {
    const quick = QUICK_LIST_ARGS[QUICK_LIST_ARGS.indexOf('list-panes') + 3] ?? '';
    expect(quick.startsWith(`${RS}Q${US}`)).toBe(true);
    expect(quick).not.toMatch(/pane_current_path/);
    expect(quick).toMatch(/pane_current_command.*pane_title.*pane_pid.*@tmux_dashboard_agent.*window_activity/);
    expect(QUICK_LIST_ARGS.filter((arg, index) => arg !== LIST_ARGS[index])).toHaveLength(1);
    const sessions = parseSessionList(
      session(['$0', 'work', '1', '0', '1700000000', '1700000100', '', '', '/home/me/work', '']),
      record('Q', ['$0', '@0', '0', '1', 'editor', '%0', '0', '1', 'nvim', 'title', '100', 'working 1 1', '1700000050']),
    );
    expect(sessions[0]?.panes[0]).toEqual({ id: '%0', windowId: '@0', windowIndex: 0, windowName: 'editor', windowActive: true, index: 0, active: true, command: 'nvim', path: '', title: 'title', pid: 100, agentMark: 'working 1 1', windowActivity: 1700000050 });
  });

  it('parses sessions and attaches their panes', () => {
    const out = [
      session(['$0', 'work', '2', '1', '1700000000', '1700000100', '1700000050', 'work', '/home/me/work', '']),
      session(['$3', 'idle', '1', '0', '1700000000', '1700000000', '', '', '/tmp', '']),
      pane(['$0', '@0', '0', '1', 'editor', '%0', '0', '1', 'nvim', '/home/me/work']),
      pane(['$0', '@1', '1', '0', 'shell', '%1', '0', '1', 'claude', '/home/me/work/sub']),
      pane(['$3', '@2', '0', '1', 'sh', '%2', '0', '1', 'sh', '/tmp']),
    ];
    const sessions = parseSessionList(...out);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ id: '$0', name: 'work', windows: 2, attached: 1, created: 1700000000, activity: 1700000100, lastAttached: 1700000050, autoName: 'work', path: '/home/me/work' });
    expect(sessions[0]?.panes.map((p) => p.command)).toEqual(['nvim', 'claude']);
    expect(sessions[0]?.panes[1]).toEqual({ id: '%1', windowId: '@1', windowIndex: 1, windowName: 'shell', windowActive: false, index: 0, active: true, command: 'claude', path: '/home/me/work/sub', title: 'host', pid: 100, agentMark: '', windowActivity: 0 });
    expect(sessions[1]).toMatchObject({ id: '$3', lastAttached: null, autoName: null, panes: [{ id: '%2' }] });
  });

  it('keeps tabs, unicode, quotes and format characters in names and paths as they are', () => {
    const names = ['a\tb', 'ünïcödé 🚀', `'q"uote`, '#(touch x)', 'x#{host}y', '-dash', 'with space'];
    const out = names.map((name, i) => session([`$${i}`, name, '1', '0', '1', '1', '0', '', `/p/${name}`, '']));
    expect(parseSessionList(...out).map((s) => [s.name, s.path])).toEqual(names.map((name) => [name, `/p/${name}`]));
  });

  it('keeps a newline inside a path (records end at the record separator, not at newlines)', () => {
    const out = [session(['$0', 's', '1', '0', '1', '1', '0', '', '/tmp/d\nnl', '']), pane(['$0', '@0', '0', '1', 'w', '%0', '0', '1', 'sh', '/tmp/d\nnl'])];
    const [parsed] = parseSessionList(...out);
    expect(parsed?.path).toBe('/tmp/d\nnl');
    expect(parsed?.panes[0]?.path).toBe('/tmp/d\nnl');
  });

  it('reads separators, newlines and a whole forged record inside a path as the path, in any field', () => {
    const forged = `/tmp/x\n${RS}S${US}2:$9${US}5:other${US}1:1`;
    const odd = `/odd${RS}dir${US}x\n`;
    const out = [
      session(['$0', 'real', '1', '0', '1', '1', '0', odd, forged, '']),
      pane(['$0', '@0', '0', '1', 'w', '%0', '0', '1', `p${RS}q${US}`, forged]),
    ];
    const sessions = parseSessionList(...out);
    expect(sessions.map((s) => [s.id, s.name, s.path, s.autoName])).toEqual([['$0', 'real', forged, odd]]);
    expect(sessions[0]?.panes.map((p) => [p.command, p.path])).toEqual([[`p${RS}q${US}`, forged]]);
  });

  it('shows bytes that are not UTF-8 escaped, never dropped or as U+FFFD', () => {
    const bad = Buffer.from([0x2f, 0x64, 0xc3, 0xa9, 0xff, 0x78]); // "/dé" 0xff "x"
    const [parsed] = parseSessionList(session(['$0', 's', '1', '0', '1', '1', '0', '', bad, '']), pane(['$0', '@0', '0', '1', 'w', '%0', '0', '1', Buffer.from([0x80]), bad]));
    expect(parsed?.path).toBe('/dé\\xffx');
    expect(parsed?.panes[0]).toMatchObject({ command: '\\x80', path: '/dé\\xffx' });
  });

  it('undoes the escaping tmux applies to the names it holds', () => {
    const held: [string, string][] = [
      ['a\\\\b', 'a\\b'], // typed a\b, held a\\b
      ['a\\$x', 'a$x'], // tmux ≤ 3.4 escapes $ before a letter
      ['t\\tab', 't\tab'],
      ['oct\\036al', `oct${RS}al`],
      ['ünï \\\\ 🚀', 'ünï \\ 🚀'],
    ];
    const out = held.map(([name], i) => session([`$${i}`, name, '1', '0', '1', '1', '0', '', '/', '']));
    expect(parseSessionList(...out).map((s) => s.name)).toEqual(held.map(([, typed]) => typed));
    const [parsed] = parseSessionList(session(['$0', 's', '1', '0', '1', '1', '0', '', '/', '']), pane(['$0', '@0', '0', '1', 'w\\\\x', '%0', '0', '1', 'sh', '/']));
    expect(parsed?.panes[0]?.windowName).toBe('w\\x');
  });

  it('keeps a held name it cannot undo as tmux shows it (escaped): a stray backslash, or bytes that are not UTF-8', () => {
    const out = [session(['$0', 'i\\377j', '1', '0', '1', '1', '0', '', '/', '']), session(['$1', 'odd\\q', '1', '0', '1', '1', '0', '', '/', ''])];
    expect(parseSessionList(...out).map((s) => s.name)).toEqual(['i\\377j', 'odd\\q']);
  });

  it('gives each session the clients attached to it, and none to the others', () => {
    const out = [
      session(['$0', 'work', '1', '2', '1', '1', '1', '', '/w', '']),
      session(['$1', 'idle', '1', '0', '1', '1', '0', '', '/i', '']),
      session(['$2', 'view', '1', '1', '1', '1', '1', '', '/v', '']),
      client(['$0', '1700000200', '0', '0', 'xterm-256color', '/dev/pts/3', '/dev/pts/3', 'idle']),
      client(['$2', '1700000300', '0', '1', 'tmux-256color', '/dev/pts/7', '/dev/pts/7', '']),
      client(['$0', '1700000100', '1', '0', 'xterm', '', 'client-4242', 'a\\$b']),
    ];
    const [work, idle, view] = parseSessionList(...out);
    expect(work?.clients).toEqual([
      { name: '/dev/pts/3', tty: '/dev/pts/3', termName: 'xterm-256color', activity: 1700000200, controlMode: false, readOnly: false, lastSession: 'idle' },
      // The last session's name is held escaped by tmux, like every session name.
      { name: 'client-4242', tty: '', termName: 'xterm', activity: 1700000100, controlMode: true, readOnly: false, lastSession: 'a$b' },
    ]);
    // tmux counts the control-mode client (a program: the dashboard's own, say); a person's count does not.
    expect(work?.attached).toBe(1);
    expect(idle?.clients).toEqual([]);
    expect(view?.clients).toEqual([{ name: '/dev/pts/7', tty: '/dev/pts/7', termName: 'tmux-256color', activity: 1700000300, controlMode: false, readOnly: true, lastSession: '' }]);
  });

  it('drops a client whose session is not listed, as it does a pane', () => {
    const out = [session(['$0', 's', '1', '0', '1', '1', '0', '', '/', '']), client(['$9', '1', '0', '0', 'xterm', '/dev/pts/1', '/dev/pts/1', '']), client(['', '1', '0', '0', 'xterm', '/dev/pts/2', '/dev/pts/2', ''])];
    expect(parseSessionList(...out)[0]?.clients).toEqual([]);
  });

  it("keeps separators in a client's fields exact", () => {
    const out = [session(['$0', 's', '1', '1', '1', '1', '1', '', '/', '']), client(['$0', '1', '0', '0', `xt${RS}erm`, `/dev/odd${US}`, `/dev/odd${US}tty`, `last${RS}`])];
    expect(parseSessionList(...out)[0]?.clients[0]).toMatchObject({ name: `/dev/odd${US}tty`, tty: `/dev/odd${US}`, termName: `xt${RS}erm` });
  });

  it('reads the seen mark as a number, and anything else anyone set there as no mark', () => {
    const out = ['1700000000', '', 'soon', '1e9', '-5'].map((seen, i) => session([`$${i}`, `s${i}`, '1', '0', '1', '1', '0', '', '/', '', seen]));
    expect(parseSessionList(...out).map((s) => s.seenAt)).toEqual([1700000000, null, null, null, null]);
  });

  it('returns no sessions for an empty server (the end record alone)', () => {
    expect(parseSessionList()).toEqual([]);
  });

  it('refuses a list cut short: no end record, one inside a field of the last record, or one before the last', () => {
    const whole = session(['$0', 's', '1', '0', '1', '1', '0', '', '/', '']);
    expect(() => parseBytes(whole)).toThrow(/does not end with its end record/);
    expect(() => parseBytes(Buffer.alloc(0))).toThrow(/does not end with its end record/);
    // Output that ends with the end record's bytes, inside a field that anyone on the server can set.
    const forged = session(['$0', 's', '1', '0', '1', '1', '0', '', '/', '', `1\n${RS}E`]);
    expect(forged.subarray(-LIST_END_MARK.length).equals(LIST_END_MARK)).toBe(true);
    expect(() => parseBytes(forged)).toThrow(/does not end with its end record/);
    expect(() => parseBytes(Buffer.concat([LIST_END_MARK, whole, LIST_END_MARK]))).toThrow(/does not end with its end record/);
    expect(parseBytes(Buffer.concat([whole, LIST_END_MARK])).map((found) => found.name)).toEqual(['s']);
  });

  it('rejects malformed records instead of inventing numbers', () => {
    expect(() => parseSessionList(session(['$0', 's', 'many', '0', '1', '1', '0', '', '/', '']))).toThrow(ParseError);
    expect(() => parseSessionList(session(['$0', 's']))).toThrow(/has 2 fields, expected 11/);
    expect(() => parseSessionList(session(['$0', 's', '1', '0', '1', '1', '0', '', '/', '', '', 'extra']))).toThrow(/more fields/);
    expect(() => parseSessionList(`${RS}X${US}1:w\n`)).toThrow(/unknown record tag/);
    expect(() => parseSessionList(`${RS}S${US}$0${US}99:ab\n`)).toThrow(/runs past the end/);
    expect(() => parseSessionList(`${RS}S${US}$0${US}x:ab\n`)).toThrow(/bad length/);
    expect(() => parseSessionList(`${RS}S${US}$0x${US}1:a\n`)).toThrow(/session_id is not a number/);
    expect(() => parseSessionList(`${RS}S${US}3:$0\n`)).toThrow(/session_id is not a number/);
    expect(() => parseSessionList(`${RS}S${US}${'9'.repeat(30)}\n`)).toThrow(/session_id is not a number/);
    expect(() => parseSessionList(`garbage`)).toThrow(/start of a record/);
    expect(() => parseSessionList(client(['$0', 'recently', '0', '0', 'xterm', '/dev/pts/1', '/dev/pts/1', '']))).toThrow(ParseError);
    expect(() => parseSessionList(client(['$0', '1', '0']))).toThrow(ParseError);
  });
});

describe('parseIdName', () => {
  it('reads the id and the name tmux holds, undoing its escaping', () => {
    expect(parseIdName(record('I', ['$4', 'back\\\\slash']))).toEqual({ id: '$4', name: 'back\\slash' });
  });
  it('rejects output that is not one record', () => {
    expect(() => parseIdName(Buffer.from('garbage'))).toThrow(ParseError);
    expect(() => parseIdName(Buffer.concat([record('I', ['$1', 'a']), record('I', ['$2', 'b'])]))).toThrow(ParseError);
  });
});
