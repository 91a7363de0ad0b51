import { describe, expect, it } from 'vitest';
import { LIST_ARGS, parseIdName, parseSessionList, ParseError, RS, US } from '../../src/tmux/formats.js';

function session(fields: string[]): string {
  return `${RS}S${US}${fields.join(US)}\n`;
}
function pane(fields: string[]): string {
  return `${RS}P${US}${fields.join(US)}\n`;
}
function client(fields: string[]): string {
  return `${RS}C${US}${fields.join(US)}\n`;
}

describe('parseSessionList', () => {
  it('asks tmux for sessions, panes and clients in one command line', () => {
    const commands = LIST_ARGS.join(' ').split(' ; ').map((command) => command.split(' ')[0]);
    expect(commands).toEqual(['list-sessions', 'list-panes', 'list-clients']);
  });

  it('cleans the separators out of the client fields shown, and keeps the name exact and last', () => {
    const format = LIST_ARGS[LIST_ARGS.indexOf('list-clients') + 2] ?? '';
    expect(format.startsWith(`${RS}C${US}#{session_id}${US}`)).toBe(true);
    expect(format).toContain(`${US}#{s/[${RS}${US}]/?/:client_termname}${US}`);
    expect(format).toContain(`${US}#{s/[${RS}${US}]/?/:client_tty}${US}`);
    expect(format.endsWith(`${US}#{client_name}`)).toBe(true);
  });

  it('parses sessions and attaches their panes', () => {
    const out =
      session(['$0', 'work', '2', '1', '1700000000', '1700000100', '1700000050', 'work', '/home/me/work']) +
      session(['$3', 'idle', '1', '0', '1700000000', '1700000000', '', '', '/tmp']) +
      pane(['$0', '@0', '0', '1', 'editor', '%0', '0', '1', 'nvim', '/home/me/work']) +
      pane(['$0', '@1', '1', '0', 'shell', '%1', '0', '1', 'claude', '/home/me/work/sub']) +
      pane(['$3', '@2', '0', '1', 'sh', '%2', '0', '1', 'sh', '/tmp']);
    const sessions = parseSessionList(out);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ id: '$0', name: 'work', windows: 2, attached: 1, created: 1700000000, activity: 1700000100, lastAttached: 1700000050, autoName: 'work', path: '/home/me/work' });
    expect(sessions[0]?.panes.map((p) => p.command)).toEqual(['nvim', 'claude']);
    expect(sessions[0]?.panes[1]).toEqual({ id: '%1', windowId: '@1', windowIndex: 1, windowName: 'shell', windowActive: false, index: 0, active: true, command: 'claude', path: '/home/me/work/sub' });
    expect(sessions[1]).toMatchObject({ id: '$3', lastAttached: null, autoName: null, panes: [{ id: '%2' }] });
  });

  it('keeps tabs, unicode, quotes and format characters in names and paths as they are', () => {
    const names = ['a\tb', 'ünïcödé 🚀', `'q"uote`, '#(touch x)', 'x#{host}y', '-dash', 'with space'];
    const out = names.map((name, i) => session([`$${i}`, name, '1', '0', '1', '1', '0', '', `/p/${name}`])).join('');
    expect(parseSessionList(out).map((s) => [s.name, s.path])).toEqual(names.map((name) => [name, `/p/${name}`]));
  });

  it('keeps a newline inside a path (records end at the record separator, not at newlines)', () => {
    const out = session(['$0', 's', '1', '0', '1', '1', '0', '', '/tmp/d\nnl']) + pane(['$0', '@0', '0', '1', 'w', '%0', '0', '1', 'sh', '/tmp/d\nnl']);
    const [parsed] = parseSessionList(out);
    expect(parsed?.path).toBe('/tmp/d\nnl');
    expect(parsed?.panes[0]?.path).toBe('/tmp/d\nnl');
  });

  it('folds a stray field separator into the path, the last field', () => {
    const out = session(['$0', 's', '1', '0', '1', '1', '0', '', `/odd${US}dir`]);
    expect(parseSessionList(out)[0]?.path).toBe(`/odd${US}dir`);
  });

  it('gives each session the clients attached to it, and none to the others', () => {
    const out =
      session(['$0', 'work', '1', '2', '1', '1', '1', '', '/w']) +
      session(['$1', 'idle', '1', '0', '1', '1', '0', '', '/i']) +
      session(['$2', 'view', '1', '1', '1', '1', '1', '', '/v']) +
      client(['$0', '1700000200', '0', '0', 'xterm-256color', '/dev/pts/3', '/dev/pts/3']) +
      client(['$2', '1700000300', '0', '1', 'tmux-256color', '/dev/pts/7', '/dev/pts/7']) +
      client(['$0', '1700000100', '1', '0', 'xterm', '', 'client-4242']);
    const [work, idle, view] = parseSessionList(out);
    expect(work?.clients).toEqual([
      { name: '/dev/pts/3', tty: '/dev/pts/3', termName: 'xterm-256color', activity: 1700000200, controlMode: false, readOnly: false },
      { name: 'client-4242', tty: '', termName: 'xterm', activity: 1700000100, controlMode: true, readOnly: false },
    ]);
    expect(work?.attached).toBe(2);
    expect(idle?.clients).toEqual([]);
    expect(view?.clients).toEqual([{ name: '/dev/pts/7', tty: '/dev/pts/7', termName: 'tmux-256color', activity: 1700000300, controlMode: false, readOnly: true }]);
  });

  it('drops a client whose session is not listed, as it does a pane', () => {
    const out = session(['$0', 's', '1', '0', '1', '1', '0', '', '/']) + client(['$9', '1', '0', '0', 'xterm', '/dev/pts/1', '/dev/pts/1']) + client(['', '1', '0', '0', 'xterm', '/dev/pts/2', '/dev/pts/2']);
    expect(parseSessionList(out)[0]?.clients).toEqual([]);
  });

  it("folds a stray field separator into the client's name, the last field", () => {
    const out = session(['$0', 's', '1', '1', '1', '1', '1', '', '/']) + client(['$0', '1', '0', '0', 'xterm', '/dev/odd', `/dev/odd${US}tty`]);
    expect(parseSessionList(out)[0]?.clients[0]).toMatchObject({ name: `/dev/odd${US}tty`, tty: '/dev/odd', termName: 'xterm' });
  });

  it('returns no sessions for empty output', () => {
    expect(parseSessionList('')).toEqual([]);
  });

  it('rejects malformed records instead of inventing numbers', () => {
    expect(() => parseSessionList(session(['$0', 's', 'many', '0', '1', '1', '0', '', '/']))).toThrow(ParseError);
    expect(() => parseSessionList(session(['$0', 's']))).toThrow(ParseError);
    expect(() => parseSessionList(`${RS}X${US}what\n`)).toThrow(ParseError);
    expect(() => parseSessionList(client(['$0', 'recently', '0', '0', 'xterm', '/dev/pts/1', '/dev/pts/1']))).toThrow(ParseError);
    expect(() => parseSessionList(client(['$0', '1', '0']))).toThrow(ParseError);
  });
});

describe('parseIdName', () => {
  it('splits at the first separator only', () => {
    expect(parseIdName(`$4${US}name with ${US} inside\n`)).toEqual({ id: '$4', name: `name with ${US} inside` });
  });
  it('rejects output without a separator', () => {
    expect(() => parseIdName('garbage')).toThrow(ParseError);
  });
});
