import { describe, expect, it } from 'vitest';
import { LIST_ARGS, parseIdName, parseSessionList, ParseError, RS, US } from '../../src/tmux/formats.js';

function session(fields: string[]): string {
  return `${RS}S${US}${fields.join(US)}\n`;
}
function pane(fields: string[]): string {
  return `${RS}P${US}${fields.join(US)}\n`;
}

describe('parseSessionList', () => {
  it('asks tmux for sessions and panes in one command line', () => {
    expect(LIST_ARGS.filter((arg) => arg === ';')).toHaveLength(1);
    expect(LIST_ARGS[0]).toBe('list-sessions');
    expect(LIST_ARGS).toContain('list-panes');
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

  it('returns no sessions for empty output', () => {
    expect(parseSessionList('')).toEqual([]);
  });

  it('rejects malformed records instead of inventing numbers', () => {
    expect(() => parseSessionList(session(['$0', 's', 'many', '0', '1', '1', '0', '', '/']))).toThrow(ParseError);
    expect(() => parseSessionList(session(['$0', 's']))).toThrow(ParseError);
    expect(() => parseSessionList(`${RS}X${US}what\n`)).toThrow(ParseError);
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
