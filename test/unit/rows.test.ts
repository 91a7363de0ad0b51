import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AI_COMMANDS } from '../../src/config/schema.js';
import { filterSessions } from '../../src/sessions/filter.js';
import { planSessionName } from '../../src/sessions/naming.js';
import { fit, placeColumns, sessionRowText } from '../../src/sessions/rows.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import type { Session } from '../../src/tmux/types.js';

function session(name: string, fields: Partial<Session> = {}): Session {
  return { id: `$${name}`, name, windows: 1, attached: 0, created: 0, activity: 0, lastAttached: null, path: '/home/me/src/project', autoName: null, panes: [], clients: [], ...fields };
}

describe('rows', () => {
  const context = { width: 60, home: '/home/me', nowMs: 300_000, aiCommands: new Set(DEFAULT_AI_COMMANDS), currentSessionId: '$cur', measure: fullMeasure };

  it('fill exactly 60 columns, whatever the name', () => {
    for (const name of ['x', 'a-very-long-session-name-that-never-ends-at-all-really', '日本語のセッション名前がとても長い', 'esc\u001b[31mred']) {
      const text = sessionRowText(session(name), 1, true, context);
      expect(stringWidth(text)).toBe(60);
    }
  });

  it('truncate long names with an ellipsis and escape control characters', () => {
    expect(sessionRowText(session('a-very-long-session-name-that-never-ends-at-all-really'), 1, false, context)).toMatch(/a-very-long-\S*…/);
    const escaped = sessionRowText(session('esc\u001b[31mred'), 1, false, { ...context, width: 80 });
    expect(escaped).toContain('esc\\x1b[31mred');
    expect(escaped).not.toContain('\u001b');
  });

  it('show selection, row number, current marker, windows, clients, AI marker, age and ~ path', () => {
    const agent = session('cur', { id: '$cur', windows: 3, attached: 2, activity: 0, panes: [{ id: '%1', windowId: '@1', windowIndex: 0, windowName: 'w', windowActive: true, index: 0, active: true, command: 'claude', path: '/' }] });
    expect(sessionRowText(agent, 2, true, { ...context, width: 80 })).toMatch(/^›2\*cur\s+3 win ●2\s+AI\s+5m ago ~\/src\/project\s*$/);
  });

  it('mark the last session with - and a tagged one with + before its name', () => {
    const row = (id: string) => sessionRowText(session(id, { id: `$${id}` }), undefined, false, { ...context, width: 80, currentSessionId: '$cur', lastSessionId: '$last', taggedIds: new Set(['$cur', '$tag']) });
    expect(row('cur')).toMatch(/^ {2}\*\+ cur /);
    expect(row('last')).toMatch(/^ {2}-last /);
    expect(row('tag')).toMatch(/^ {3}\+ tag /);
    expect(row('other')).toMatch(/^ {3}other /);
  });

  it('keep the end of a long path', () => {
    const long = session('p', { path: '/home/me/a/very/deeply/nested/folder/structure/project-name' });
    expect(sessionRowText(long, 1, false, { ...context, width: 80 })).toMatch(/…\S*project-name\s*$/);
  });

  it('the agent column says the state in a word, AI when nothing more is known; every row still fits 60 columns and the columns line up', () => {
    const plainAgent = session('ai', { panes: [{ id: '%1', windowId: '@1', windowIndex: 0, windowName: 'w', windowActive: true, index: 0, active: true, command: 'claude', path: '/' }], agent: { state: 'unknown', since: null } });
    const waiting = session('a-very-long-session-name-that-never-ends-at-all-really', { agent: { state: 'needs-input', since: 0 } });
    for (const each of [session('x'), plainAgent, waiting]) expect(stringWidth(sessionRowText(each, 1, false, context))).toBe(60);
    expect(sessionRowText(waiting, 1, false, context)).toMatch(/^ 1 a-very-long-\S*… +1 win +! input +5m ago/);
    expect(sessionRowText(plainAgent, 2, false, context)).toMatch(/^ 2 ai +1 win +AI +5m ago/);
    // The same columns for every row: the age lines up.
    expect(sessionRowText(plainAgent, 2, false, context).indexOf('5m ago')).toBe(sessionRowText(waiting, 1, false, context).indexOf('5m ago'));
  });

  it('fit pads and cuts by terminal columns', () => {
    expect(fit('ab', 4, fullMeasure)).toBe('ab  ');
    expect(stringWidth(fit('日本語', 4, fullMeasure))).toBe(4);
  });
});

describe('filterSessions', () => {
  const list = ['work-api', 'alpha', 'beta', 'walrus'].map((name) => session(name));
  it('matches fuzzily, best first; empty keeps all in order', () => {
    expect(filterSessions(list, 'wa').map((s) => s.name)).toEqual(expect.arrayContaining(['work-api', 'walrus']));
    expect(filterSessions(list, 'wa').map((s) => s.name)).not.toContain('beta');
    expect(filterSessions(list, 'bet').map((s) => s.name)).toEqual(['beta']);
    expect(filterSessions(list, '').map((s) => s.name)).toEqual(['work-api', 'alpha', 'beta', 'walrus']);
    expect(filterSessions(list, 'zzz')).toEqual([]);
  });
});

describe('filterSessions ties', () => {
  it('keep the list order among equal matches', () => {
    const webs = ['web-1', 'web-2', 'web-3', 'web-4', 'web-5'].map((name) => session(name));
    expect(filterSessions(webs, 'web').map((s) => s.name)).toEqual(['web-1', 'web-2', 'web-3', 'web-4', 'web-5']);
    const many = Array.from({ length: 20 }, (_, index) => session(`s${String(index).padStart(3, '0')}`));
    expect(filterSessions(many, 's00').map((s) => s.name).slice(0, 3)).toEqual(['s000', 's001', 's002']);
  });
});

describe('planSessionName', () => {
  const sessions = [session('proj'), session('x')];
  it('empty input: the project name, de-duplicated, automatic', () => {
    expect(planSessionName('', '/home/me/src/proj', sessions)).toEqual({ name: 'proj-2', automatic: true });
  });
  it('typed input: sanitised and de-duplicated', () => {
    expect(planSessionName('a.b', '/', sessions)).toEqual({ name: 'a_b', automatic: false });
    expect(planSessionName('x', '/', sessions)).toEqual({ name: 'x-2', automatic: false });
  });
  it('control characters: an error to show, no name', () => {
    expect(planSessionName('a\tb', '/', sessions).error).toMatch(/control characters/);
  });
});

describe('columns at narrow widths', () => {
  it('the directory goes first, then the clients, and the agent column stays while the windows and activity do', () => {
    const ids = (width: number) => placeColumns(width).map((placed) => placed.column.id);
    const widths = Array.from({ length: 100 }, (_, index) => 20 + index);
    // Wherever one of them is dropped, the agent column is the one kept.
    for (const width of widths) {
      const kept = ids(width);
      if (kept.includes('clients')) expect(kept, `${width} columns`).toContain('agent');
    }
    expect(widths.some((width) => ids(width).includes('agent') && !ids(width).includes('clients'))).toBe(true);
  });
});
