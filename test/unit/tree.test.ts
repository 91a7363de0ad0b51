import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import type { Effect, Event } from '../../src/dashboard/events.js';
import { selectedRow } from '../../src/dashboard/selection.js';
import { initialState } from '../../src/dashboard/settle.js';
import type { Context, State } from '../../src/dashboard/state.js';
import { screenLines } from '../../src/dashboard/view.js';
import { MAX_PREVIEW_HISTORY, previewPage, scrollKeptOn } from '../../src/dashboard/preview-scroll.js';
import { previewWindow } from '../../src/sessions/screen.js';
import { decodeKeys, flushKeys, INITIAL_DECODER, type Key } from '../../src/input/keys.js';
import type { Pane, Session } from '../../src/tmux/types.js';
import { runEvents, TEST_CONTEXT } from '../helpers/core-steps.js';

// The tree (src/dashboard/tree.ts) through the core: keys in, rows, selection and effects out.

function pane(session: number, window: number, index: number, fields: Partial<Pane> = {}): Pane {
  return { id: `%${session * 100 + window * 10 + index}`, windowId: `@${session * 10 + window}`, windowIndex: window, windowName: `w${window}`, windowActive: window === 0, index, active: index === 0, command: 'bash', path: '/home/me', ...fields };
}

function session(name: string, index: number, panes: Pane[]): Session {
  return { id: `$${index}`, name, windows: new Set(panes.map((entry) => entry.windowId)).size, attached: 0, created: 0, activity: 1000 - index, lastAttached: null, path: `/home/me/src/${name}`, autoName: null, panes, clients: [] };
}

// alpha: three windows (editor with two panes, logs, shell); beta: one window; gamma: one window named "deploy".
const ALPHA = session('alpha', 0, [pane(0, 0, 0, { windowName: 'editor', command: 'vim' }), pane(0, 0, 1, { active: false }), pane(0, 1, 0, { windowName: 'logs', command: 'tail' }), pane(0, 2, 0, { windowName: 'shell' })]);
const BETA = session('beta', 1, [pane(1, 0, 0)]);
const GAMMA = session('gamma', 2, [pane(2, 0, 0, { windowName: 'deploy' })]);
const SESSIONS = [ALPHA, BETA, GAMMA];

const CONTEXT: Context = { ...TEST_CONTEXT, startDir: '/home/me', aiCommands: new Set(), notify: 'off' };

function start(context: Partial<Context> = {}, sessions: Session[] = SESSIONS): State {
  return initialState({ context: { ...CONTEXT, ...context }, columns: 100, rows: 30, now: 1_000_000, sortMode: 'name', snapshot: { serverRunning: true, sessions }, selectedId: undefined, message: undefined });
}

const run = runEvents;

function type(state: State, input: string): { state: State; effects: Effect[] } {
  const decoded = decodeKeys(INITIAL_DECODER, input);
  const keys: Key[] = [...decoded.keys, ...flushKeys(decoded.state).keys];
  const result = run(state, keys.map((key): Event => ({ type: 'key', key })));
  // The preview's captures are not what these tests are about (one test looks at them through run).
  return { state: result.state, effects: result.effects.filter((effect) => effect.type !== 'capturePreview') };
}

const snapshot = (sessions: Session[]): Event => ({ type: 'snapshot', snapshot: { serverRunning: true, sessions }, now: 1_000_500 });
const keys = (state: State) => state.tree.map((row) => row.key);
const RIGHT = '\x1b[C';
const LEFT = '\x1b[D';

describe('the tree', () => {
  it('l / → opens a session into its windows, a window with several panes into its panes; h / ← closes', () => {
    expect(keys(start())).toEqual(['$0', '$1', '$2']);
    const open = type(start(), 'l').state;
    expect(keys(open)).toEqual(['$0', '$0@0', '$0@1', '$0@2', '$1', '$2']);
    expect(selectedRow(open)?.key).toBe('$0');
    expect(keys(type(start(), RIGHT).state)).toEqual(keys(open));
    // Into the editor window: its two panes.
    const panes = type(open, 'jl').state;
    expect(keys(panes)).toEqual(['$0', '$0@0', '$0@0%0', '$0@0%1', '$0@1', '$0@2', '$1', '$2']);
    // A window of one pane has nothing to open.
    expect(keys(type(open, 'jjl').state)).toEqual(keys(open));
    // h on a pane closes its window and selects it; on a window, its session.
    const onPane = type(panes, 'jj').state;
    expect(selectedRow(onPane)?.key).toBe('$0@0%1');
    const closedWindow = type(onPane, 'h').state;
    expect(selectedRow(closedWindow)?.key).toBe('$0@0');
    expect(keys(closedWindow)).toEqual(keys(open));
    const closedSession = type(closedWindow, LEFT).state;
    expect(selectedRow(closedSession)?.key).toBe('$0');
    expect(keys(closedSession)).toEqual(['$0', '$1', '$2']);
  });

  it('draws window and pane rows indented under their session, choose-tree style', () => {
    const text = screenLines(type(start(), 'pljl').state, fullMeasure)
      .map((line) => line.map((segment) => segment.text).join(''))
      .join('\n');
    expect(text).toMatch(/├─▸0: editor {2}2 panes {2}vim/);
    expect(text).toMatch(/│ {2}├─●0: vim/);
    expect(text).toMatch(/│ {2}└─·1: bash/);
    expect(text).toMatch(/└─ 2: shell/);
  });

  it('Enter on a window or pane row goes there: the effect names the session by id and name, and the window (and pane) by id', () => {
    expect(type(start(), 'ljj\r').effects).toEqual([{ type: 'attach', session: { id: '$0', name: 'alpha' }, target: { windowId: '@1', paneId: '%10' } }]);
    expect(type(start({ insideTmux: true }), 'ljljj\r').effects).toEqual([{ type: 'switch', session: { id: '$0', name: 'alpha' }, target: { windowId: '@0', paneId: '%1' } }]);
    // A session row: as before, no target.
    expect(type(start(), 'l\r').effects).toEqual([{ type: 'attach', session: { id: '$0', name: 'alpha' } }]);
    // 1–9 count the tree's rows on screen.
    expect(type(start(), 'l3').effects).toEqual([{ type: 'attach', session: { id: '$0', name: 'alpha' }, target: { windowId: '@1', paneId: '%10' } }]);
  });

  it('keeps the selection on its row, by id, across a refresh, a sort and a filter', () => {
    const onLogs = type(start(), 'ljj').state;
    expect(selectedRow(onLogs)?.key).toBe('$0@1');
    // A refresh that lists the sessions in another order (beta was active since).
    const refreshed = run(onLogs, [snapshot([{ ...BETA, activity: 5000 }, ALPHA, GAMMA])]).state;
    expect(selectedRow(refreshed)?.key).toBe('$0@1');
    const sorted = type(refreshed, 's').state;
    expect(sorted.sortMode).not.toBe('name');
    expect(selectedRow(sorted)?.key).toBe('$0@1');
    // A filter that keeps alpha keeps the window selected.
    const filtered = run(sorted, [{ type: 'key', key: { kind: 'char', char: '/' } }, { type: 'key', key: { kind: 'paste', text: 'alp' } }]).state;
    expect(selectedRow(filtered)?.session.name).toBe('alpha');
  });

  it('t tags the session and moves to the next row on screen, a window row when the session is open', () => {
    const tagged = type(start(), 'lt').state;
    expect(tagged.tags.map((tag) => tag.name)).toEqual(['alpha']);
    expect(selectedRow(tagged)?.key).toBe('$0@0');
    const further = type(tagged, 'jjt').state;
    expect(further.tags.map((tag) => tag.name)).toEqual([]);
    expect(selectedRow(further)?.key).toBe('$1');
  });

  it('falls back to the window when a pane disappears, to the next window of the session when a window does; forgets a session that is gone', () => {
    const onPane = type(start(), 'ljlj').state;
    expect(selectedRow(onPane)?.key).toBe('$0@0%0');
    const onePane = { ...ALPHA, panes: ALPHA.panes.filter((entry) => entry.id !== '%1') };
    // The window now has one pane: no pane rows, the window row is selected.
    const lost = run(onPane, [snapshot([onePane, BETA, GAMMA])]).state;
    expect(selectedRow(lost)?.key).toBe('$0@0');
    const noEditor = { ...ALPHA, panes: ALPHA.panes.filter((entry) => entry.windowId !== '@0') };
    // The window itself gone: the next window takes its place (not the session's row, where the next d would offer the session).
    const windowGone = run(lost, [snapshot([noEditor, BETA, GAMMA])]).state;
    expect(selectedRow(windowGone)?.key).toBe('$0@1');
    expect(windowGone.opened.has('$0')).toBe(true);
    const sessionGone = run(windowGone, [snapshot([BETA, GAMMA])]).state;
    expect(sessionGone.opened.size).toBe(0);
    expect(selectedRow(sessionGone)?.session.name).toBe('beta');
  });

  it('a later showing (after an attach and detach) keeps what was opened and the selected row, unless it comes back on another session', () => {
    const left = type(start(), 'ljj').state;
    const again = initialState({ context: CONTEXT, columns: 100, rows: 30, now: 1_000_000, sortMode: 'name', snapshot: { serverRunning: true, sessions: SESSIONS }, selectedId: '$0', message: undefined, opened: left.opened, selectedKey: left.selectedKey });
    expect(keys(again)).toEqual(keys(left));
    expect(selectedRow(again)?.key).toBe('$0@1');
    const elsewhere = initialState({ context: CONTEXT, columns: 100, rows: 30, now: 1_000_000, sortMode: 'name', snapshot: { serverRunning: true, sessions: SESSIONS }, selectedId: '$2', message: undefined, opened: left.opened, selectedKey: left.selectedKey });
    expect(selectedRow(elsewhere)?.key).toBe('$2');
  });

  it('the filter matches window names: a session matched only by a window shows that window, selected as the best match', () => {
    const filtered = run(start(), [{ type: 'key', key: { kind: 'char', char: '/' } }, { type: 'key', key: { kind: 'paste', text: 'deploy' } }]).state;
    expect(filtered.visible.map((entry) => entry.name)).toEqual(['gamma']);
    expect(keys(filtered)).toEqual(['$2', '$2@20']);
    expect(selectedRow(filtered)?.key).toBe('$2@20');
    // A session matched by its name is the best match itself: its row.
    expect(selectedRow(type(start(), '/beta').state)?.key).toBe('$1');
    // Opened in the tree (all its windows shown): still the window that matched, not its first.
    const opened = type(start(), 'jjl').state;
    expect(selectedRow(run(opened, [{ type: 'key', key: { kind: 'char', char: '/' } }, { type: 'key', key: { kind: 'paste', text: 'deploy' } }]).state)?.key).toBe('$2@20');
    expect(selectedRow(type(start(), 'l/shell').state)?.key).toBe('$0@2');
    const result = type(filtered, '\r');
    expect(result.effects).toEqual([{ type: 'attach', session: { id: '$2', name: 'gamma' }, target: { windowId: '@20', paneId: '%200' } }]);
  });

  it('the preview follows the selected row: a window shows its active pane, a pane itself', () => {
    const capture = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'capturePreview' ? [effect.paneId] : []));
    const first = run(start(), [{ type: 'previewCaptured', paneId: '%0', text: 'x' }]).state;
    const press = (state: State, char: string) => run(state, [{ type: 'key', key: { kind: 'char', char } }]);
    const onLogs = press(press(press(first, 'l').state, 'j').state, 'j');
    expect(capture(onLogs.effects)).toEqual(['%10']);
    const onPane = run(onLogs.state, [{ type: 'previewCaptured', paneId: '%10', text: 'x' }, { type: 'key', key: { kind: 'char', char: 'k' } }, { type: 'previewCaptured', paneId: '%0', text: 'x' }, { type: 'key', key: { kind: 'char', char: 'l' } }, { type: 'key', key: { kind: 'char', char: 'j' } }, { type: 'previewCaptured', paneId: '%0', text: 'x' }, { type: 'key', key: { kind: 'char', char: 'j' } }]);
    expect(capture(onPane.effects)).toEqual(['%0', '%1']);
  });

  it('r / R on a window row rename the window; d deletes it after saying what runs there and that the last window takes the session', () => {
    const rename = type(start(), 'ljjr').state;
    expect(rename.mode).toMatchObject({ kind: 'rename', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs' } });
    const submitted = type(rename, '\x15build\r');
    expect(submitted.effects).toEqual([{ type: 'renameWindow', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs', index: 1 }, name: 'build' }]);
    expect(type(start(), 'ljjR').state.mode).toMatchObject({ kind: 'rename', window: { id: '@1' } });
    // r on a session row still refreshes.
    expect(type(start(), 'r').state.mode.kind).toBe('list');

    const asked = type(start(), 'ljjd').state;
    expect(asked.mode).toMatchObject({ kind: 'delete', window: { id: '@1', name: 'logs' } });
    const dialog = screenLines(asked, fullMeasure)
      .map((line) => line.map((segment) => segment.text).join(''))
      .join('\n');
    expect(dialog).toMatch(/Delete window 1: logs of alpha\?/);
    expect(dialog).toMatch(/1 pane, running: tail/);
    expect(type(asked, 'y').effects).toEqual([{ type: 'killWindow', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs', index: 1 }, reach: { alsoIn: [], ending: [] } }]);
    const last = screenLines(type(start(), 'jljd').state, fullMeasure)
      .map((line) => line.map((segment) => segment.text).join(''))
      .join('\n');
    expect(last).toMatch(/its last window: session beta is deleted too/);
  });

  it('a window linked into other sessions (link-window, a group): the dialog names them and those it ends, and y carries them', () => {
    // alpha's logs (@1) is also beta's second window and gamma's only one.
    const logs = ALPHA.panes.find((entry) => entry.windowId === '@1');
    if (logs === undefined) throw new Error('fixture');
    const linked = [ALPHA, { ...BETA, windows: 2, panes: [...BETA.panes, { ...logs, windowIndex: 1 }] }, { ...GAMMA, windows: 1, panes: [{ ...logs, windowIndex: 0 }] }];
    const asked = type(start({}, linked), 'ljjd').state;
    const dialog = screenLines(asked, fullMeasure)
      .map((line) => line.map((segment) => segment.text).join(''))
      .join('\n');
    expect(dialog).toMatch(/Delete window 1: logs of alpha\?/);
    expect(dialog).toMatch(/2 other windows stay/);
    expect(dialog).toMatch(/also in sessions beta, gamma: it closes there too/);
    expect(dialog).toMatch(/the last window of session gamma: it ends too/);
    expect(type(asked, 'y').effects).toEqual([
      { type: 'killWindow', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs', index: 1 }, reach: { alsoIn: [{ id: '$1', name: 'beta' }, { id: '$2', name: 'gamma' }], ending: [{ id: '$2', name: 'gamma' }] } },
    ]);
    // A window of its own says nothing more than before.
    expect(screenLines(type(start(), 'ljjd').state, fullMeasure).flat().map((segment) => segment.text).join('')).not.toMatch(/also in/);
  });

  it('what a window delete reaches grows while its dialog is open (linked elsewhere): said, and the next y does not count', () => {
    const asked = type(start(), 'ljjd').state;
    const logs = ALPHA.panes.find((entry) => entry.windowId === '@1');
    if (logs === undefined) throw new Error('fixture');
    const linked = run(asked, [snapshot([ALPHA, { ...BETA, windows: 2, panes: [...BETA.panes, { ...logs, windowIndex: 1 }] }, GAMMA])]).state;
    const text = screenLines(linked, fullMeasure).map((line) => line.map((segment) => segment.text).join('')).join(' ').replace(/[\s│]+/g, ' ');
    expect(text).toMatch(/what it deletes grew meanwhile \(read it again\): y twice/);
    expect(text).toMatch(/also in session beta: it closes there too/);
    const first = type(linked, 'y');
    expect(first.effects).toEqual([]);
    expect(type(first.state, 'y').effects).toEqual([{ type: 'killWindow', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs', index: 1 }, reach: { alsoIn: [{ id: '$1', name: 'beta' }], ending: [] } }]);
    // Narrower (the link gone again): nothing to recheck.
    expect(type(run(asked, [snapshot(SESSIONS)]).state, 'y').effects).toHaveLength(1);
  });

  it('at 40 columns the dialog names every session the window closes in, wrapped, not cut', () => {
    const logs = ALPHA.panes.find((entry) => entry.windowId === '@1');
    if (logs === undefined) throw new Error('fixture');
    const names = ['frontend-build-watcher', 'other-session-one', 'third-of-them'];
    const others = names.map((name, index) => session(name, index + 5, [{ ...logs, windowIndex: 3 }]));
    const asked = type({ ...start({}, [ALPHA, ...others]), columns: 40, rows: 30 }, 'ljjd').state;
    const lines = screenLines(asked, fullMeasure).map((line) => line.map((segment) => segment.text).join(''));
    const dialog = lines.slice(lines.findIndex((line) => line.startsWith('╭')));
    expect(dialog.every((line) => !line.includes('…'))).toBe(true);
    const text = dialog.join(' ').replace(/[\s│]+/g, ' ');
    for (const name of names) expect(text).toContain(name);
    expect(text).toMatch(/they end too/);
  });

  it('a window closed elsewhere moves the selection to the next one: a d y then does not delete that one; a window the user deleted does not count', () => {
    const onLogs = type(start(), 'ljj').state;
    const noLogs = { ...ALPHA, windows: 2, panes: ALPHA.panes.filter((entry) => entry.windowId !== '@1') };
    const moved = run(onLogs, [snapshot([noLogs, BETA, GAMMA])]).state;
    expect(selectedRow(moved)?.key).toBe('$0@2');
    const asked = type(moved, 'dy');
    expect(asked.effects).toEqual([{ type: 'refresh' }]);
    expect(asked.state.mode).toMatchObject({ kind: 'delete', window: { id: '@2' } });
    // Deleted here: the next window is selected at once, and its d y is taken.
    const deleted = run(type(onLogs, 'dy').state, [{ type: 'windowKilled', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs', index: 1 } }, snapshot([noLogs, BETA, GAMMA])]).state;
    expect(selectedRow(deleted)?.key).toBe('$0@2');
    expect(type(deleted, 'dy').effects).toContainEqual(expect.objectContaining({ type: 'killWindow', window: { id: '@2', name: 'shell', index: 2 } }));
  });

  it('the last window of a session deleted (here or elsewhere): the window above is selected, never the session row (d y d y must not delete the session)', () => {
    const onShell = type(start(), 'ljjj').state;
    expect(selectedRow(onShell)?.key).toBe('$0@2');
    const deleted = run(type(onShell, 'dy').state, [{ type: 'windowKilled', session: { id: '$0', name: 'alpha' }, window: { id: '@2', name: 'shell', index: 2 } }]).state;
    expect(selectedRow(deleted)?.key).toBe('$0@1');
    const noShell = { ...ALPHA, windows: 2, panes: ALPHA.panes.filter((entry) => entry.windowId !== '@2') };
    expect(selectedRow(run(onShell, [snapshot([noShell, BETA, GAMMA])]).state)?.key).toBe('$0@1');
  });

  it('a window dialog closes, saying so, when its window is gone in the next list', () => {
    const asked = type(start(), 'ljjd').state;
    const noLogs = { ...ALPHA, panes: ALPHA.panes.filter((entry) => entry.windowId !== '@1') };
    const after = run(asked, [snapshot([noLogs, BETA, GAMMA])]).state;
    expect(after.mode.kind).toBe('list');
    expect(after.notice?.text).toMatch(/window logs of alpha is gone/);
  });

  it('d on a pane row is refused with a reason; tmux refusing a window action says so', () => {
    const refused = type(start(), 'ljlj').state;
    expect(type(refused, 'd').state.notice?.text).toMatch(/pane row/);
    const asked = type(start(), 'ljjdy').state;
    const failed = run(asked, [{ type: 'windowActionFailed', session: { id: '$0', name: 'alpha' }, window: { id: '@1', name: 'logs', index: 1 }, message: 'window logs of alpha was renamed to x meanwhile; nothing was done' }]).state;
    expect(failed.mode.kind).toBe('list');
    expect(failed.notice?.text).toMatch(/renamed to x meanwhile/);
  });
});

describe('the preview scrolls (Tab, then PgUp PgDn ↑ ↓ g G)', () => {
  const text = Array.from({ length: 100 }, (_, index) => `line ${index + 1}`).join('\n');
  const capture = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'capturePreview' ? [effect.lines] : []));
  const shown = (state: State) =>
    screenLines(state, fullMeasure)
      .map((line) => line.map((segment) => segment.text).join(''))
      .join('\n');

  it('goes back through the pane’s history, asks tmux for more of it, and follows the pane again on Esc', () => {
    const first = run(start(), [{ type: 'previewCaptured', paneId: '%0', text, lines: 20 }]).state;
    expect(shown(first)).toMatch(/line 100/);
    const inPreview = type(first, '\t').state;
    expect(inPreview.mode.kind).toBe('preview');
    const paged = run(inPreview, [{ type: 'key', key: { kind: 'named', name: 'PageUp' } }]);
    expect(paged.state.previewScroll).toBeGreaterThan(0);
    // More history than the 20 configured lines: the capture reaches back past the scroll.
    expect(capture(paged.effects)[0]).toBeGreaterThan(20);
    const back = run(paged.state, [{ type: 'previewCaptured', paneId: '%0', text, lines: capture(paged.effects)[0] }]).state;
    const page = back.previewScroll;
    expect(shown(back)).toMatch(new RegExp(`${page} lines back`));
    expect(shown(back)).toMatch(new RegExp(`line ${100 - page}\\n`));
    expect(shown(back)).not.toMatch(/line 100/);
    expect(type(back, 'j').state.previewScroll).toBe(page - 1);
    expect(type(back, 'G').state.previewScroll).toBe(0);
    // g: the oldest line captured, no further.
    const oldest = type(back, 'g').state;
    expect(shown(oldest)).toMatch(/line 1\n/);
    // …and once tmux answered the capture g asked for (all it holds: 100 lines), the title counts from there and j moves at once.
    const asked = capture(run(back, [{ type: 'key', key: { kind: 'char', char: 'g' } }]).effects)[0] ?? 0;
    expect(asked).toBe(MAX_PREVIEW_HISTORY);
    const answered = run(oldest, [{ type: 'previewCaptured', paneId: '%0', text, lines: asked }]).state;
    const top = 100 - previewPage(answered);
    expect(answered.previewScroll).toBe(top);
    expect(shown(answered)).toMatch(new RegExp(`${top} lines back`));
    expect(shown(answered)).toMatch(/line 1\n/);
    const down = type(answered, 'j').state;
    expect(down.previewScroll).toBe(top - 1);
    expect(shown(down)).toMatch(/line 2\n/);
    expect(shown(down)).not.toMatch(/line 1\n/);
    const left = type(back, '\x1b').state;
    expect(left.mode.kind).toBe('list');
    expect(left.previewScroll).toBe(0);
  });

  it('scrolled back, the lines read stay on screen while the pane prints below them; at the oldest line it stays there', () => {
    const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `line ${from + index}`).join('\n');
    const first = run(start(), [{ type: 'previewCaptured', paneId: '%0', text: lines(1, 100), lines: 20 }]).state;
    const back = run(type(first, '\t').state, [{ type: 'key', key: { kind: 'named', name: 'PageUp' } }]).state;
    const page = back.previewScroll;
    const read = run(back, [{ type: 'previewCaptured', paneId: '%0', text: lines(1, 100), lines: 200 }]).state;
    const shownBefore = previewWindow(read.preview?.text, previewPage(read), read.previewScroll).shown;
    expect(shownBefore.at(-1)).toBe(`line ${100 - page}`);
    // 10 lines printed, and the history's top moved by 10 (the capture asks for as many lines as before).
    const printed = run(read, [{ type: 'previewCaptured', paneId: '%0', text: lines(11, 110), lines: 200 }]).state;
    expect(printed.previewScroll).toBe(page + 10);
    expect(previewWindow(printed.preview?.text, previewPage(printed), printed.previewScroll).shown).toEqual(shownBefore);
    expect(shown(printed)).toMatch(new RegExp(`${page + 10} lines back`));
    // The screen redrawn (nothing of what was read is left): the scroll stays.
    const redrawn = run(printed, [{ type: 'previewCaptured', paneId: '%0', text: lines(500, 599), lines: 200 }]).state;
    expect(redrawn.previewScroll).toBe(page + 10);
    // g, then output: still the oldest line, not the oldest of the capture before.
    const oldest = run(type(first, '\t').state, [{ type: 'key', key: { kind: 'char', char: 'g' } }, { type: 'previewCaptured', paneId: '%0', text: lines(1, 100), lines: MAX_PREVIEW_HISTORY }]).state;
    expect(shown(oldest)).toMatch(/line 1\n/);
    const more = run(oldest, [{ type: 'previewCaptured', paneId: '%0', text: lines(1, 130), lines: MAX_PREVIEW_HISTORY }]).state;
    expect(shown(more)).toMatch(/line 1\n/);
    expect(more.previewScroll).toBe(130 - previewPage(more));
    // Following the pane (not scrolled): new output shows at once.
    const following = run(first, [{ type: 'previewCaptured', paneId: '%0', text: lines(11, 110), lines: 20 }]).state;
    expect(following.previewScroll).toBe(0);
    expect(shown(following)).toMatch(/line 110/);
  });

  it('scrollKeptOn: whatever was printed below and however the history moved, the lines shown are the lines shown before (property)', () => {
    // A small alphabet, so that lines repeat as in a real log.
    const line = fc.constantFrom('a', 'b', 'c', '', 'ok', 'building…');
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.array(line, { maxLength: 20 }), fc.array(line, { maxLength: 30 }), fc.nat(80), fc.integer({ min: 1, max: 25 }), fc.boolean(), (before, above, below, scroll, page, dropTop) => {
        // The new capture: more history above (or less, when the history's top moved), and the new output below.
        const dropped = dropTop ? Math.min(before.length - 1, above.length) : 0;
        const after = [...(dropTop ? [] : above), ...before.slice(dropped), ...below];
        const kept = scrollKeptOn(before.join('\n'), scroll, after.join('\n'), page);
        const window = previewWindow(before.join('\n'), page, scroll).shown;
        const reachable = window.length > 0 && previewWindow(before.join('\n'), page, scroll).above.length >= dropped;
        // Scrolled past the first line captured (the view held at it while more history was asked for), the scroll is what was asked: not this property's case.
        if (!reachable || scroll > before.length - page) return;
        expect(kept).toBeDefined();
        // The same lines end the window (a text shorter than a page grows one: compare its end).
        expect(previewWindow(after.join('\n'), page, kept).shown.slice(-window.length)).toEqual(window);
        // Never further down than the scroll was: output only adds lines below.
        expect(kept).toBeGreaterThanOrEqual(scroll);
      }),
      { numRuns: 2000 },
    );
  });

  it('Tab is refused while the preview is hidden; another pane starts at its last line', () => {
    const hidden = type(start(), 'p\t').state;
    expect(hidden.mode.kind).toBe('list');
    expect(hidden.notice?.text).toMatch(/preview is not shown/);
    const scrolled = run(start(), [{ type: 'previewCaptured', paneId: '%0', text, lines: 20 }, { type: 'key', key: { kind: 'named', name: 'Tab' } }, { type: 'key', key: { kind: 'char', char: 'k' } }]).state;
    expect(scrolled.previewScroll).toBe(1);
    expect(shown(scrolled)).toMatch(/ 1 line back/);
    const onBeta = run({ ...scrolled, mode: { kind: 'list' } }, [{ type: 'key', key: { kind: 'char', char: 'j' } }]).state;
    expect(onBeta.previewScroll).toBe(0);
  });
});
