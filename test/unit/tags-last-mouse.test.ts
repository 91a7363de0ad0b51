import { describe, expect, it } from 'vitest';
import { runEffect, type EffectServices } from '../../src/dashboard/effects.js';
import { DOUBLE_CLICK_MS } from '../../src/dashboard/mouse.js';
import type { Effect, Event } from '../../src/dashboard/events.js';
import { selectedSession } from '../../src/dashboard/selection.js';
import { initialState } from '../../src/dashboard/settle.js';
import type { Context, State } from '../../src/dashboard/state.js';
import { hintBar } from '../../src/dashboard/hint-bar.js';
import { screenLines } from '../../src/dashboard/view.js';
import { decodeKeys, flushKeys, INITIAL_DECODER, type Key } from '../../src/input/keys.js';
import type { Logger } from '../../src/log/logger.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { SessionChangedError, SessionNotFoundError } from '../../src/tmux/errors.js';
import type { Client, Session, SessionRef } from '../../src/tmux/types.js';
import { mouse } from '../helpers/encode-keys.js';
import { runEvents, TEST_CONTEXT } from '../helpers/core-steps.js';

// Tags, the last session and the mouse, on the core with made-up sessions
// (no tmux). The e2e test (test/e2e/tags-mouse.test.ts) runs them for real.

function session(name: string, index: number, fields: Partial<Session> = {}): Session {
  return {
    id: `$${index}`,
    name,
    windows: 1,
    attached: 0,
    created: 100 + index,
    activity: 1000 - index,
    lastAttached: null,
    path: `/home/me/src/${name}`,
    autoName: null,
    panes: [{ id: `%${index}`, windowId: `@${index}`, windowIndex: 0, windowName: 'sh', windowActive: true, index: 0, active: true, command: index === 1 ? 'vim' : 'bash', path: `/home/me/src/${name}` }],
    clients: [],
    ...fields,
  };
}

// In name order: bar, foo, foo2, foobar, tmp-a, tmp-b.
const NAMES = ['bar', 'foo', 'foo2', 'foobar', 'tmp-a', 'tmp-b'];
const SESSIONS = NAMES.map((name, index) => session(name, index));

const CONTEXT: Context = TEST_CONTEXT;

function start(options: { context?: Partial<Context>; sessions?: Session[]; rows?: number } = {}): State {
  return initialState({
    context: { ...CONTEXT, ...options.context },
    columns: 80,
    rows: options.rows ?? 13,
    now: 1_000_000,
    sortMode: 'name',
    snapshot: { serverRunning: true, sessions: options.sessions ?? SESSIONS },
    selectedId: undefined,
    message: undefined,
  });
}

const run = runEvents;

/** Types `input` as a terminal sends it (one read), then lets the escape timer run out. */
function type(state: State, input: string): { state: State; effects: Effect[] } {
  const decoded = decodeKeys(INITIAL_DECODER, input);
  const keys: Key[] = [...decoded.keys, ...flushKeys(decoded.state).keys];
  return run(state, keys.map((key): Event => ({ type: 'key', key })));
}

const keys = (state: State, ...list: Key[]) => run(state, list.map((key): Event => ({ type: 'key', key })));
const snapshot = (state: State, sessions: Session[]) => run(state, [{ type: 'snapshot', snapshot: { serverRunning: true, sessions }, now: state.now }]).state;
const tagNames = (state: State) => state.tags.map((tag) => tag.name);
const selected = (state: State) => selectedSession(state)?.name;
const screen = (state: State) => screenLines(state, fullMeasure).map((line) => line.map((segment) => segment.text).join(''));

describe('tags', () => {
  it('the batch delete, in a small terminal: every tagged session is on the screen or counted in a "more" that the width does not cut', () => {
    for (const [columns, rows] of [[30, 8], [30, 7], [24, 6], [40, 10], [60, 15]] as const) {
      for (const tagged of [2, 3, 6]) {
        const sized = run(start(), [{ type: 'resize', columns, rows }]).state;
        const asked = type(sized, `${'t'.repeat(tagged)}d`).state;
        const lines = screen(asked);
        const text = lines.join('\n');
        const named = NAMES.slice(0, tagged).filter((name) => lines.some((line) => new RegExp(`^(│ )?${name} `).test(line))).length;
        const more = /↓ (\d+) more/.exec(text);
        expect(named + Number(more?.[1] ?? 0), `${columns}x${rows}, ${tagged} tagged:\n${text}`).toBe(tagged);
        // As many as there is room for: the list and the footer fill the box.
        expect(named).toBe(Math.min(tagged, Math.max(1, rows - 3 - 3)));
      }
    }
  });

  it('t tags the selected session and moves down; t again untags; the row shows + and the header the count', () => {
    const tagged = type(start(), 'jt').state;
    expect(tagNames(tagged)).toEqual(['foo']);
    expect(selected(tagged)).toBe('foo2');
    expect(tagged.tags[0]).toEqual({ id: '$1', name: 'foo', created: 101 });
    const lines = screen(tagged);
    expect(lines[0]).toMatch(/1 tagged/);
    expect(lines.find((line) => line.includes('foo '))).toMatch(/^ 2 \+ foo /);
    expect(lines.at(-1)).toMatch(/d delete 1 tagged/);
    expect(tagNames(type(tagged, 'kt').state)).toEqual([]);
    // The last row: tagged, the selection stays.
    const last = type(start(), 'Gt').state;
    expect(tagNames(last)).toEqual(['tmp-b']);
    expect(selected(last)).toBe('tmp-b');
  });

  it('survive a re-sort, a filter and refreshes that reorder the list, by id', () => {
    const tagged = type(start(), 'jtt').state;
    expect(tagNames(tagged)).toEqual(['foo', 'foo2']);
    const sorted = type(tagged, 'ss').state;
    expect(tagNames(sorted)).toEqual(['foo', 'foo2']);
    const filtered = type(tagged, '/tmp').state;
    expect(filtered.visible.map((each) => each.name)).toEqual(['tmp-a', 'tmp-b']);
    expect(tagNames(filtered)).toEqual(['foo', 'foo2']);
    const refreshed = snapshot(tagged, [...SESSIONS].reverse().map((each) => ({ ...each, activity: each.activity + 5 })));
    expect(tagNames(refreshed)).toEqual(['foo', 'foo2']);
  });

  it('drop when their session is gone, or replaced (same id, another creation time: a new server)', () => {
    const tagged = type(start(), 'jtt').state;
    const gone = snapshot(tagged, SESSIONS.filter((each) => each.name !== 'foo'));
    expect(tagNames(gone)).toEqual(['foo2']);
    const replaced = snapshot(tagged, SESSIONS.map((each) => (each.name === 'foo2' ? { ...each, created: 999 } : each)));
    expect(tagNames(replaced)).toEqual(['foo']);
    // Renamed by someone else: still tagged, under the name it had (the batch will skip it).
    const renamed = snapshot(tagged, SESSIONS.map((each) => (each.name === 'foo2' ? { ...each, name: 'foo3' } : each)));
    expect(tagNames(renamed)).toEqual(['foo', 'foo2']);
  });

  it('T tags every row shown (the filter’s matches), T again untags them; Esc clears the filter, then the tags', () => {
    const all = type(start(), '/tmp\tT').state;
    expect(tagNames(all)).toEqual(['tmp-a', 'tmp-b']);
    expect(tagNames(type(all, 'T').state)).toEqual([]);
    const cleared = type(all, '\x1b');
    expect(cleared.state.filter.text).toBe('');
    expect(tagNames(cleared.state)).toEqual(['tmp-a', 'tmp-b']);
    const untagged = type(cleared.state, '\x1b').state;
    expect(tagNames(untagged)).toEqual([]);
    expect(untagged.notice?.text).toBe('untagged 2 sessions');
  });

  it('d with tags: one confirmation listing every tagged session with what runs there; y is one batch effect with ids, names and creation times', () => {
    const tagged = type(start(), 'jtt').state;
    const opened = type(tagged, 'd');
    expect(opened.state.mode.kind).toBe('deleteTagged');
    expect(opened.effects).toEqual([{ type: 'refresh' }]);
    const text = screen(opened.state).join('\n');
    expect(text).toMatch(/Delete 2 tagged sessions\?/);
    expect(text).toMatch(/foo +1 window, running: vim · no client is attached/);
    expect(text).toMatch(/foo2 +1 window, running: bash/);
    expect(text).toMatch(/y delete all 2 · n or Esc keep/);
    // The fresh list the dialog asked for.
    const confirmed = type(snapshot(opened.state, SESSIONS), 'y');
    expect(confirmed.effects).toEqual([{ type: 'killTagged', sessions: [{ id: '$1', name: 'foo', created: 101 }, { id: '$2', name: 'foo2', created: 102 }] }]);
    // Busy: keys wait for the answer.
    expect(type(confirmed.state, 'y').effects).toEqual([]);
    const answered = run(confirmed.state, [{ type: 'killedTagged', killed: [{ id: '$1', name: 'foo' }], skipped: [{ session: { id: '$2', name: 'foo2' }, reason: 'was renamed to foo3' }] }]);
    expect(answered.state.mode.kind).toBe('list');
    expect(answered.state.tags).toEqual([]);
    expect(answered.state.notice).toMatchObject({ text: 'deleted 1, skipped 1: foo2 was renamed to foo3', kind: 'error' });
    expect(answered.state.sessions.map((each) => each.name)).not.toContain('foo');
    expect(answered.effects).toEqual([{ type: 'refresh' }]);
  });

  it('n keeps them (tags stay); a session renamed since it was tagged is said to be skipped; the list scrolls in a small terminal', () => {
    const tagged = type(start({ rows: 8 }), 'tttttt').state;
    expect(tagged.tags).toHaveLength(6);
    const opened = type(tagged, 'd').state;
    const renamed = snapshot(opened, SESSIONS.map((each) => (each.name === 'bar' ? { ...each, name: 'bar2' } : each)));
    const lines = screen(renamed);
    expect(lines).toHaveLength(8);
    expect(lines.join('\n')).toMatch(/bar .*renamed to bar2 since tagged: will be skipped/);
    expect(lines.join('\n')).toMatch(/↓ \d more/);
    // The count is what y deletes.
    expect(lines.join('\n')).toMatch(/Delete 5 tagged sessions \(1 skipped\)\?/);
    expect(lines.join('\n')).toMatch(/y delete 5 · n or Esc keep/);
    // The hint bar says the same count.
    expect(lines.at(-1)).toMatch(/^y delete 5 /);
    const onlyBar = snapshot(type(type(start(), 't').state, 'd').state, SESSIONS.map((each) => (each.name === 'bar' ? { ...each, name: 'bar2' } : each)));
    const tag = onlyBar.tags[0]?.name ?? '';
    expect(tag).toBe('bar');
    expect(screen(onlyBar).join('\n')).toMatch(/The tagged session will not be deleted/);
    const scrolled = screen(type(renamed, 'jjjjjjjj').state).join('\n');
    expect(scrolled).toMatch(/tmp-b/);
    expect(scrolled).not.toMatch(/bar /);
    const kept = type(renamed, 'n').state;
    expect(kept.mode.kind).toBe('list');
    expect(kept.tags).toHaveLength(6);
  });

  it('the session the dashboard runs in is deleted last (its end ends the dashboard)', () => {
    const state = start({ context: { insideTmux: true, currentSessionId: '$1', ownPaneId: '%1' } });
    const confirmed = type(type(type(state, 'jtt').state, 'd').state, 'y');
    expect(confirmed.effects.at(-1)).toEqual({ type: 'killTagged', sessions: [{ id: '$2', name: 'foo2', created: 102 }, { id: '$1', name: 'foo', created: 101 }] });
  });

  it('a rename done here keeps the tag, under the new name', () => {
    const tagged = type(start(), 't').state;
    const renamed = run(tagged, [{ type: 'renamed', from: { id: '$0', name: 'bar' }, to: { id: '$0', name: 'baz' } }]).state;
    expect(tagNames(renamed)).toEqual(['baz']);
  });

  it('the batch runner re-checks each session (the service does) and reports what it killed and what it skipped', async () => {
    const refs: SessionRef[] = [{ id: '$1', name: 'foo' }, { id: '$2', name: 'foo2' }, { id: '$3', name: 'gone' }];
    const asked: string[] = [];
    const tmux = {
      killSession: (ref: SessionRef) => {
        asked.push(ref.id);
        if (ref.id === '$2') return Promise.reject(new SessionChangedError('session foo2 was renamed to foo3 meanwhile; nothing was done', 'was renamed to foo3'));
        if (ref.id === '$3') return Promise.reject(new SessionNotFoundError('gone'));
        return Promise.resolve();
      },
    };
    const log = { info: () => undefined, error: () => undefined, warn: () => undefined } as unknown as Logger;
    const services = { tmux, log, now: () => 0, rememberSort: () => Promise.resolve(undefined) } as unknown as EffectServices;
    const event = await runEffect({ type: 'killTagged', sessions: refs }, services);
    expect(asked).toEqual(['$1', '$2', '$3']);
    expect(event).toEqual({ type: 'killedTagged', killed: [refs[0]], skipped: [{ session: refs[1], reason: 'was renamed to foo3' }, { session: refs[2], reason: 'is gone' }] });
  });
});

describe('the last session (L)', () => {
  it('outside tmux: the one detached last (no client on it now), marked -; L attaches it by id', () => {
    const sessions = SESSIONS.map((each) => (each.name === 'foo2' ? { ...each, lastAttached: 500 } : each.name === 'tmp-a' ? { ...each, lastAttached: 400 } : each.name === 'bar' ? { ...each, lastAttached: 900, attached: 1 } : each));
    const state = start({ sessions });
    expect(screen(state).find((line) => line.includes('foo2'))).toMatch(/^ 3-foo2 /);
    expect(type(state, 'L').effects).toEqual([{ type: 'attach', session: { id: '$2', name: 'foo2' } }]);
  });

  it("inside tmux: the dashboard client's last session, found by exact name and named by id (never a prefix, never the current one)", () => {
    const client = (name: string, lastSession: string, activity = 1): Client => ({ name, tty: name, termName: 'xterm', activity, controlMode: false, readOnly: false, lastSession });
    // client-7 is a control-mode client (the dashboard's own), the most recently active: never the user's.
    const ours: Client = { ...client('client-7', 'foo2', 9), tty: '', controlMode: true };
    const sessions = SESSIONS.map((each) => (each.name === 'tmp-a' ? { ...each, attached: 2, clients: [client('/dev/pts/1', 'foo', 5), client('/dev/pts/2', 'foobar', 1), ours] } : each));
    const inside = (context: Partial<Context>) => start({ sessions, context: { insideTmux: true, currentSessionId: '$4', ...context } });
    // In a pane: the current session's most recently active client.
    expect(type(inside({}), 'L').effects).toEqual([{ type: 'switch', session: { id: '$1', name: 'foo' } }]);
    // Named (a popup's --client).
    expect(type(inside({ client: '/dev/pts/2' }), 'L').effects).toEqual([{ type: 'switch', session: { id: '$3', name: 'foobar' } }]);
    // Its last session is gone: nothing, and the reason.
    const gone = type(inside({ client: '/dev/pts/9' }), 'L');
    expect(gone.effects).toEqual([]);
    expect(gone.state.notice?.text).toMatch(/no last session/);
  });
});

describe('the mouse', () => {
  // 80×13: the header, the column labels, then the rows from line 2; the hints on line 12.
  const click = (row: number, at?: number, column = 10): Key => ({ ...mouse(0, column, row), ...(at === undefined ? {} : { at }) });

  it('a click selects the row drawn there; a release, a click off the rows and a right click do nothing', () => {
    const state = start();
    expect(selected(keys(state, click(4)).state)).toBe('foo2');
    expect(selected(keys(state, mouse(0, 10, 4, true)).state)).toBe('bar');
    expect(selected(keys(state, click(1)).state)).toBe('bar');
    expect(selected(keys(state, click(10)).state)).toBe('bar');
    expect(selected(keys(state, mouse(2, 10, 4)).state)).toBe('bar');
  });

  it(`a second press on the same row within ${DOUBLE_CLICK_MS} ms goes there (Enter); later, or on another row, it only selects`, () => {
    const state = start();
    expect(keys(state, click(3, 5000), click(3, 5000 + DOUBLE_CLICK_MS)).effects).toEqual([{ type: 'attach', session: { id: '$1', name: 'foo' } }]);
    expect(keys(state, click(3, 5000), click(3, 5000 + DOUBLE_CLICK_MS + 1)).effects).toEqual([]);
    const other = keys(state, click(3, 5000), click(4, 5100));
    expect(other.effects).toEqual([]);
    expect(selected(other.state)).toBe('foo2');
    // Without a time (read in the same instant): the last tick's time.
    expect(keys(state, click(5), click(5)).effects).toEqual([{ type: 'attach', session: { id: '$3', name: 'foobar' } }]);
  });

  it('the wheel moves through the list (and scrolls the help)', () => {
    expect(selected(keys(start(), mouse(65, 10, 5), mouse(65, 10, 5)).state)).toBe('foo2');
    expect(selected(keys(start(), mouse(65, 10, 5), mouse(64, 10, 5)).state)).toBe('bar');
    const help = type(start(), '?').state;
    const scrolled = keys(help, mouse(65, 10, 5)).state;
    expect(scrolled.mode).toMatchObject({ kind: 'help', scroll: 1 });
  });

  it('a click on a hint does what its key does', () => {
    const state = start();
    const spans = hintBar(state, fullMeasure).spans;
    const hint = (key: string) => spans.find((span) => span.binding.keys.includes(key));
    const help = hint('?');
    const filter = hint('/');
    expect(help).toBeDefined();
    expect(filter).toBeDefined();
    expect(screen(state).at(-1)?.slice(help?.from, help?.to)).toBe('? help');
    expect(keys(state, mouse(0, help?.from ?? -1, 12)).state.mode.kind).toBe('help');
    expect(keys(state, mouse(0, (filter?.to ?? 0) - 1, 12)).state.mode.kind).toBe('filter');
    // Between two hints: nothing.
    expect(keys(state, mouse(0, filter?.to ?? 0, 12)).state.mode.kind).toBe('list');
    // With tags, the delete hint deletes them (after the confirmation).
    const tagged = type(state, 't').state;
    const del = hintBar(tagged, fullMeasure).spans.find((span) => span.binding.keys.includes('d'));
    expect(screen(tagged).at(-1)?.slice(del?.from, del?.to)).toBe('d delete 1 tagged');
    expect(keys(tagged, mouse(0, del?.from ?? -1, 12)).state.mode.kind).toBe('deleteTagged');
  });

  it('in the filter a click selects a match, and no mouse report is ever typed into the text', () => {
    const filtering = type(start(), '/foo').state;
    const clicked = type(filtering, '\x1b[<0;10;4M\x1b[<0;10;4m\x1b[<65;3;3M');
    expect(clicked.state.filter.text).toBe('foo');
    expect(clicked.state.mode.kind).toBe('filter');
    expect(selected(clicked.state)).toBe(filtering.visible[2]?.name);
    // A report cut short by the terminal and never finished.
    expect(type(filtering, '\x1b[<0;1').state.filter.text).toBe('foo');
  });
});
