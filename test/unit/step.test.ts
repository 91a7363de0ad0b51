import { describe, expect, it } from 'vitest';
import { simpleMeasure } from '../../src/sessions/measure.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { HELP_TITLES, helpLines, KEYMAPS } from '../../src/dashboard/keymaps.js';
import type { Effect, Event } from '../../src/dashboard/events.js';
import { viewport } from '../../src/dashboard/layout.js';
import { sameScreen } from '../../src/dashboard/pace.js';
import { selectedSession } from '../../src/dashboard/selection.js';
import { initialState } from '../../src/dashboard/settle.js';
import type { Context, State } from '../../src/dashboard/state.js';
import { step } from '../../src/dashboard/step.js';
import { fitHints } from '../../src/dashboard/hint-bar.js';
import { screenLines } from '../../src/dashboard/view.js';
import { decodeKeys, flushKeys, INITIAL_DECODER, type Key } from '../../src/input/keys.js';
import type { Session } from '../../src/tmux/types.js';
import { runEvents, TEST_CONTEXT } from '../helpers/core-steps.js';

// The core on made-up sessions: pure logic, no tmux. (The property-based
// test over a real server's list is test/integration/step-chunking.test.ts.)

function session(name: string, index: number, fields: Partial<Session> = {}): Session {
  return {
    id: `$${index}`,
    name,
    windows: 1,
    attached: 0,
    created: 0,
    activity: 1000 - index,
    lastAttached: null,
    path: `/home/me/src/${name}`,
    autoName: null,
    panes: [{ id: `%${index}`, windowId: `@${index}`, windowIndex: 0, windowName: 'sh', windowActive: true, index: 0, active: true, command: 'bash', path: `/home/me/src/${name}` }],
    clients: [],
    ...fields,
  };
}

// In name order, so the rows are in this order too.
const NAMES = ['alpha', 'beta', 'delta', 'epsilon', 'eta', 'gamma', 'iota', 'kappa', 'lambda', 'mu', 'theta', 'zeta'];
const SESSIONS = NAMES.map((name, index) => session(name, index));

const CONTEXT: Context = TEST_CONTEXT;

const INIT = {
  context: CONTEXT,
  columns: 80,
  rows: 13,
  now: 1_000_000,
  sortMode: 'name',
  snapshot: { serverRunning: true, sessions: SESSIONS },
  selectedId: undefined,
  message: undefined,
} as const;

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

/** Types `input` as a terminal would send it (one read), then lets the escape timer run out. */
function type(state: State, input: string): { state: State; effects: Effect[] } {
  const decoded = decodeKeys(INITIAL_DECODER, input);
  const keys: Key[] = [...decoded.keys, ...flushKeys(decoded.state).keys];
  return events(state, keys.map((key): Event => ({ type: 'key', key })));
}

const events = runEvents;

const selected = (state: State) => selectedSession(state)?.name;
const screen = (state: State) => screenLines(state, fullMeasure).map((line) => line.map((segment) => segment.text).join('')).join('\n');

describe('the list', () => {
  it('moves with j k ↓ ↑ Ctrl-N Ctrl-P g G Home End PgDn PgUp, within the rows', () => {
    const state = start();
    expect(selected(state)).toBe('alpha');
    expect(selected(type(state, 'jj').state)).toBe('delta');
    expect(selected(type(state, 'jjk').state)).toBe('beta');
    expect(selected(type(state, '\x1b[B\x1b[B\x1b[A').state)).toBe('beta');
    expect(selected(type(state, '\x0e\x0e\x10').state)).toBe('beta');
    expect(selected(type(state, 'G').state)).toBe('zeta');
    expect(selected(type(state, 'Gg').state)).toBe('alpha');
    expect(selected(type(state, '\x1b[F').state)).toBe('zeta');
    expect(selected(type(state, '\x1b[F\x1b[H').state)).toBe('alpha');
    expect(selected(type(state, 'k').state)).toBe('alpha');
    expect(selected(type(state, 'Gj').state)).toBe('zeta');
    // 13 rows: the column labels and 9 list lines, 8 rows and the "more" line: a page is 8 rows.
    expect(selected(type(state, '\x1b[6~').state)).toBe(selected(type(state, 'jjjjjjjj').state));
    expect(selected(type(state, 'G\x1b[5~').state)).toBe(selected(type(state, 'Gkkkkkkkk').state));
  });

  it('Enter attaches outside tmux, switches inside, naming the session by id and name; keys after it do nothing', () => {
    expect(type(start(), 'j\r').effects).toEqual([{ type: 'attach', session: { id: '$1', name: 'beta' } }]);
    const inside = type(start({ context: { insideTmux: true } }), 'jj\rj\rd');
    expect(inside.effects).toEqual([{ type: 'switch', session: { id: '$2', name: 'delta' } }]);
    expect(inside.state.closing).toBe(true);
    expect(inside.state.mode.kind).toBe('list');
  });

  it('1–9 go to the row with that number on screen, after scrolling too; a number past the rows says so', () => {
    expect(type(start(), '3').effects).toEqual([{ type: 'attach', session: { id: '$2', name: 'delta' } }]);
    const scrolled = type(start(), 'G').state;
    const top = viewport(scrolled.visible.length, scrolled.visible.length - 1, scrolled.top, 9).top;
    expect(type(scrolled, '1').effects).toEqual([{ type: 'attach', session: { id: scrolled.visible[top]?.id, name: scrolled.visible[top]?.name } }]);
    const few = start({ sessions: SESSIONS.slice(0, 2) });
    const result = type(few, '5');
    expect(result.effects).toEqual([]);
    expect(result.state.notice?.text).toMatch(/no row 5/);
  });

  it('says what it hides: ↑ N more / ↓ N more', () => {
    expect(screen(start())).toMatch(/↓ 4 more/);
    expect(screen(type(start(), 'G').state)).toMatch(/↑ 4 more/);
    expect(screen(type(start(), 'jjjjjjjjj').state)).toMatch(/↑ 2 more {2}↓ 2 more/);
    expect(screen(start({ sessions: SESSIONS.slice(0, 3) }))).not.toMatch(/more/);
  });

  it('s re-sorts, keeps the selection and asks to remember the mode', () => {
    const result = type(start(), 'jjs');
    expect(result.state.sortMode).toBe('ai_first');
    expect(selected(result.state)).toBe('delta');
    expect(result.effects).toEqual([{ type: 'rememberSort', mode: 'ai_first' }]);
  });

  it('r refreshes (once while a refresh runs, again when it ends); p toggles the preview; q and Ctrl-C quit', () => {
    const first = type(start(), 'rr');
    expect(first.effects).toEqual([{ type: 'refresh' }]);
    expect(first.state.refreshAgain).toBe(true);
    const after = step(first.state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: SESSIONS }, now: 1_000_100 });
    expect(after.effects).toEqual([{ type: 'refresh' }]);
    expect(type(start(), 'p').state.showPreview).toBe(!start().showPreview);
    // The choice is remembered for the next start (the state file, as the sort mode).
    expect(type(start(), 'pp').effects.filter((effect) => effect.type === 'rememberPreview')).toEqual([
      { type: 'rememberPreview', shown: !start().showPreview },
      { type: 'rememberPreview', shown: start().showPreview },
    ]);
    expect(type(start(), 'q').effects).toEqual([{ type: 'quit', reason: 'user' }]);
    expect(type(start(), '\x03').effects).toEqual([{ type: 'quit', reason: 'user' }]);
  });

  it('Ctrl-Z suspends from every mode where a shell waits to take the terminal back; elsewhere (a popup) it says so and stays', () => {
    const suspendable = start({ context: { suspendable: true } });
    // The list, the filter, the new-session dialog, the help, the delete dialog: the keys after it act once the dashboard is continued.
    for (const keys of ['', '/al', 'n', '?', 'd']) {
      const result = type(suspendable, `${keys}\x1a`);
      expect(result.effects.filter((effect) => effect.type === 'suspend')).toEqual([{ type: 'suspend' }]);
      expect(result.state.mode.kind).toBe(type(suspendable, keys).state.mode.kind);
    }
    expect(type(suspendable, '\x1aj').state.selectedKey).toBe(type(suspendable, 'j').state.selectedKey);
    const nowhere = type(start(), '\x1a');
    expect(nowhere.effects).toEqual([]);
    expect(nowhere.state.notice?.text).toMatch(/Ctrl-Z: no shell to go back to here/);
    expect(nowhere.state.closing).toBe(false);
  });

  it('tmuxChanged lists at once, one call at a time, and counts as a change (the idle pace ends)', () => {
    const idle = start();
    const rang = step(idle, { type: 'tmuxChanged', now: 1_060_000 });
    expect(rang.effects).toEqual([{ type: 'refresh' }]);
    expect(rang.state.lastChangeAt).toBe(1_060_000);
    expect(rang.state.refreshingSince).toBe(1_060_000);
    expect(sameScreen(idle, rang.state)).toBe(true);
    const again = step(rang.state, { type: 'tmuxChanged', now: 1_060_010 });
    expect(again.effects).toEqual([]);
    expect(again.state.refreshAgain).toBe(true);
    const listed = step(again.state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: SESSIONS }, now: 1_060_020 });
    expect(listed.effects).toEqual([{ type: 'refresh' }]);
  });

  it('Esc: clears a kept filter; in a popup, closes; otherwise nothing', () => {
    expect(type(start(), '\x1b').effects).toEqual([]);
    expect(type(start({ context: { inPopup: true } }), '\x1b').effects).toEqual([{ type: 'quit', reason: 'user' }]);
    const kept = type(start({ context: { inPopup: true } }), '/eta\t').state;
    expect(kept.mode.kind).toBe('list');
    expect(kept.visible.length).toBeLessThan(SESSIONS.length);
    const cleared = type(kept, '\x1b');
    expect(cleared.effects).toEqual([]);
    expect(cleared.state.visible).toHaveLength(SESSIONS.length);
  });

  it('dry run: n, R and d say why they do nothing', () => {
    const dry = start({ context: { dryRun: true } });
    for (const [keys, what] of [['n', 'creating a session'], ['R', 'renaming'], ['d', 'deleting']] as const) {
      const result = type(dry, keys);
      expect(result.state.mode.kind).toBe('list');
      expect(result.state.notice).toMatchObject({ kind: 'error', text: `dry run is on: ${what} is refused` });
    }
  });

  it('with no session, Enter, R and d say there is none', () => {
    const empty = start({ sessions: [] });
    for (const keys of ['\r', 'R', 'd']) {
      const result = type(empty, keys);
      expect(result.effects).toEqual([]);
      expect(result.state.notice?.text).toBe('no session is selected');
    }
  });

  it('a paste on the list never runs as keys', () => {
    const result = type(start(), '\x1b[200~dy\x1b[201~');
    expect(result.state.mode.kind).toBe('list');
    expect(result.effects).toEqual([]);
    expect(result.state.notice?.text).toMatch(/paste ignored/);
  });
});

describe('the filter', () => {
  it('typing selects the best match; ↓ then Enter acts on the highlighted row, not the top one', () => {
    const typed = type(start(), '/eta');
    expect(typed.state.mode.kind).toBe('filter');
    const rows = typed.state.visible.map((item) => item.name);
    expect(rows.length).toBeGreaterThan(1);
    expect(selected(typed.state)).toBe(rows[0]);
    const result = type(typed.state, '\x1b[B\r');
    expect(result.effects).toEqual([{ type: 'attach', session: { id: typed.state.visible[1]?.id, name: rows[1] } }]);
  });

  it('Esc clears, Esc again leaves; letters are typed, not commands', () => {
    const typed = type(start(), '/dq');
    expect(typed.state.filter.text).toBe('dq');
    expect(typed.effects).toEqual([]);
    const cleared = type(typed.state, '\x1b');
    expect(cleared.state.filter.text).toBe('');
    expect(cleared.state.mode.kind).toBe('filter');
    expect(type(cleared.state, '\x1b').state.mode.kind).toBe('list');
  });

  it('edits like readline: ← inserts in the middle, Ctrl-A/E, Ctrl-W, Ctrl-U, Ctrl-K, Delete', () => {
    const field = (keys: string) => type(start(), `/${keys}`).state.filter;
    expect(field('ac\x1b[Db')).toEqual({ text: 'abc', cursor: 2 });
    expect(field('bc\x01a')).toEqual({ text: 'abc', cursor: 1 });
    expect(field('bc\x01a\x05d')).toEqual({ text: 'abcd', cursor: 4 });
    expect(field('one two\x17')).toEqual({ text: 'one ', cursor: 4 });
    expect(field('abc\x1b[D\x15')).toEqual({ text: 'c', cursor: 0 });
    expect(field('abc\x01\x0b')).toEqual({ text: '', cursor: 0 });
    expect(field('abc\x01\x1b[3~')).toEqual({ text: 'bc', cursor: 0 });
    expect(field('日本\x7f')).toEqual({ text: '日', cursor: 1 });
  });

  it('Alt keys edit the field and never leave it: Alt-B/F move by words, Alt-D and Alt-Backspace delete words', () => {
    const field = (keys: string) => type(start(), `/${keys}`).state;
    expect(field('one two\x1bb\x1bd').filter).toEqual({ text: 'one ', cursor: 4 });
    expect(field('one two\x1b\x7f').filter).toEqual({ text: 'one ', cursor: 4 });
    expect(field('one two\x01\x1bf').filter).toEqual({ text: 'one two', cursor: 3 });
    expect(field('ab\x1bq').mode.kind).toBe('filter');
    // The rename dialog: Alt-d then text that would confirm a delete on the list.
    const renamed = type(start(), 'jjR\x01\x1bdyak');
    expect(renamed.state.mode.kind).toBe('rename');
    expect(renamed.effects).toEqual([]);
    // On the list, Esc and a key in one write are Esc, then the key (tmux's escape-time).
    expect(type(start(), '?\x1bq').effects).toEqual([{ type: 'quit', reason: 'user' }]);
  });

  it('without styles (NO_COLOR) a cursor inside the text is a bar, not an invisible inversion', () => {
    const plainScreen = type(start({ context: { styles: false } }), '/abc\x1b[D\x1b[D').state;
    expect(screen(plainScreen).split('\n').at(-1)).toMatch(/^\/a▏bc/);
  });

  it('Ctrl-W deletes back to the previous space', () => {
    expect(type(start(), '/a/b c.d\x17').state.filter).toEqual({ text: 'a/b ', cursor: 4 });
  });

  it('Ctrl-U followed by text in the same read clears, then types', () => {
    expect(type(start(), '/abc\x15et').state.filter.text).toBe('et');
  });

  it('a paste is inserted as text; one with a newline or a control character is refused', () => {
    expect(type(start(), '/\x1b[200~et a\x1b[201~').state.filter.text).toBe('et a');
    const refused = type(start(), '/x\x1b[200~a\nb\x1b[201~');
    expect(refused.state.filter.text).toBe('x');
    expect(refused.state.notice?.text).toMatch(/paste refused/);
    expect(refused.effects).toEqual([]);
  });

  it('a filter that matches nothing keeps the selection for when it is cleared', () => {
    const state = type(start(), 'jj/qqq').state;
    expect(state.visible).toEqual([]);
    expect(selected(type(state, '\x1b\x1b').state)).toBe('delta');
  });

  it('Tab keeps the filter and hands the rows to the list keys', () => {
    const kept = type(start(), '/eta\tj');
    expect(kept.state.mode.kind).toBe('list');
    expect(kept.state.filter.text).toBe('eta');
    expect(selected(kept.state)).toBe(kept.state.visible[1]?.name);
  });
});

describe('the new-session dialog', () => {
  it('prefills the project name and directory; the name follows the directory until it is edited', () => {
    const opened = type(start(), 'n');
    expect(opened.effects).toEqual([{ type: 'checkDir', path: '/home/me/src/proj' }]);
    const mode = opened.state.mode;
    expect(mode).toMatchObject({ kind: 'new', name: { text: 'proj' }, dir: { text: '~/src/proj' }, field: 'name' });
    const moved = type(opened.state, '\t\x15~/work/api');
    expect(moved.state.mode).toMatchObject({ name: { text: 'api' }, dirCheck: { path: '/home/me/work/api', checked: false } });
    expect(moved.effects.at(-1)).toEqual({ type: 'checkDir', path: '/home/me/work/api' });
    const relative = type(opened.state, '\t\x15../web');
    expect(relative.state.mode).toMatchObject({ name: { text: 'web' }, dirCheck: { path: '/home/me/src/web' } });
    const edited = type(opened.state, 'X\t\x15/srv/other');
    expect(edited.state.mode).toMatchObject({ name: { text: 'projX' }, nameEdited: true, dirCheck: { path: '/srv/other' } });
  });

  it('says at once when the directory does not exist, and Enter does not create', () => {
    const typed = type(type(start(), 'n').state, '\t\x15/nope');
    const checked = step(typed.state, { type: 'dirChecked', path: '/nope', problem: 'no such directory: /nope' });
    expect(screen(checked.state)).toMatch(/✗ no such directory: \/nope/);
    const entered = type(checked.state, '\r');
    expect(entered.effects).toEqual([]);
    expect(entered.state.mode.kind).toBe('new');
    expect(entered.state.notice).toMatchObject({ kind: 'error', text: 'no such directory: /nope' });
    // Said once in the dialog, not on two lines.
    expect(screen(checked.state).match(/no such directory/g)).toHaveLength(1);
    // A check for a path the user has typed past is ignored.
    expect(step(typed.state, { type: 'dirChecked', path: '/no', problem: 'x' }).state).toEqual(typed.state);
  });

  it('Enter creates (automatic name while unedited) once, even pressed twice; then goes to the new session', () => {
    const opened = type(start(), 'n').state;
    const entered = type(opened, '\r\r');
    expect(entered.effects).toEqual([{ type: 'create', name: 'proj', dir: '/home/me/src/proj', automatic: true }]);
    const created = step(entered.state, { type: 'created', session: { id: '$99', name: 'proj' } });
    expect(created.effects).toEqual([{ type: 'attach', session: { id: '$99', name: 'proj' } }]);
  });

  it('a failed create keeps the dialog with what was typed', () => {
    const entered = type(type(start(), 'n').state, '\x15my name\r');
    expect(entered.effects).toEqual([{ type: 'create', name: 'my name', dir: '/home/me/src/proj', automatic: false }]);
    const failed = step(entered.state, { type: 'createFailed', message: 'tmux said no' });
    expect(failed.state.mode).toMatchObject({ kind: 'new', busy: false, error: 'tmux said no', name: { text: 'my name' } });
    expect(type(failed.state, '\x1b').state.mode.kind).toBe('list');
  });
});

describe('the rename dialog', () => {
  it('is about the selected row; an empty name and a taken name are refused; the same name just closes', () => {
    const opened = type(start(), 'jR').state;
    expect(opened.mode).toMatchObject({ kind: 'rename', session: { id: '$1', name: 'beta' }, name: { text: 'beta' } });
    const empty = type(opened, '\x15\r');
    expect(empty.effects).toEqual([]);
    expect(empty.state.mode.kind).toBe('rename');
    expect(screen(empty.state)).toMatch(/✗ type a new name \(a name cannot be empty\)/);
    expect(empty.state.notice?.text).toMatch(/cannot be empty/);
    expect(type(opened, '\x15gamma\r').state.notice?.text).toBe('gamma is taken by another session');
    expect(type(opened, '\r').state.mode.kind).toBe('list');
  });

  it('Enter renames by id and name; the result closes it and refreshes; a failure keeps it', () => {
    const entered = type(start(), 'jR\x15b.2\r');
    expect(entered.effects).toEqual([{ type: 'rename', session: { id: '$1', name: 'beta' }, name: 'b_2' }]);
    const done = step(entered.state, { type: 'renamed', from: { id: '$1', name: 'beta' }, to: { id: '$1', name: 'b_2' } });
    expect(done.state.mode.kind).toBe('list');
    expect(done.state.notice?.text).toBe('renamed beta → b_2');
    expect(done.effects).toEqual([{ type: 'refresh' }]);
    const failed = step(entered.state, { type: 'renameFailed', session: { id: '$1', name: 'beta' }, message: 'gone' });
    expect(failed.state.mode).toMatchObject({ kind: 'rename', error: 'gone', name: { text: 'b.2' } });
  });
});

describe('the delete dialog', () => {
  const withClients = SESSIONS.map((item) => (item.name === 'beta' ? { ...item, attached: 2, clients: [{ name: '/dev/pts/3', tty: '/dev/pts/3', termName: 'xterm', activity: 0, controlMode: false, readOnly: false }, { name: 'client-42', tty: '', termName: 'x', activity: 0, controlMode: true, readOnly: false }] } : item));

  it('names the session, what runs there, which people’s clients are attached, and the dashboard’s own session', () => {
    const opened = type(start({ sessions: withClients, context: { currentSessionId: '$1' } }), 'jd').state;
    const text = screen(opened);
    expect(text).toMatch(/Delete session beta\?/);
    expect(text).toMatch(/1 window, running: bash/);
    // client-42 is a control-mode client (a program, such as the dashboard's own): not someone attached.
    expect(text).toMatch(/attached: \/dev\/pts\/3 +│/);
    expect(text).not.toMatch(/client-42/);
    expect(text).toMatch(/the dashboard runs in this session/);
    expect(screen(type(start(), 'd').state)).not.toMatch(/dashboard runs in this session/);
  });

  it('y kills by id and name; n and Esc keep; other keys do nothing', () => {
    // Opening asks for a fresh list (who is attached now), then y kills.
    expect(type(start(), 'jjdy').effects).toEqual([{ type: 'refresh' }, { type: 'kill', session: { id: '$2', name: 'delta' } }]);
    expect(type(start(), 'dn').state.mode.kind).toBe('list');
    expect(type(start(), 'd\x1b').state.mode.kind).toBe('list');
    const other = type(start(), 'dxjq');
    expect(other.state.mode.kind).toBe('delete');
    expect(other.effects).toEqual([{ type: 'refresh' }]);
  });

  it('shows the newest list’s clients while open, but stays about the session (and name) the user pointed at', () => {
    const opened = type(start(), 'jd').state;
    expect(screen(opened)).toMatch(/no client is attached/);
    const renamedAndAttached = withClients.map((item) => (item.id === '$1' ? { ...item, name: 'beta-renamed' } : item));
    const fresh = step(opened, { type: 'snapshot', snapshot: { serverRunning: true, sessions: renamedAndAttached }, now: 1 }).state;
    expect(screen(fresh)).toMatch(/attached: \/dev\/pts\/3/);
    expect(screen(fresh)).toMatch(/Delete session beta\?/);
    expect(type(fresh, 'y').effects).toEqual([{ type: 'kill', session: { id: '$1', name: 'beta' } }]);
  });

  it('what it deletes grows while the dialog is open (a window opened in the session): said, and the next y does not count', () => {
    const opened = type(start(), 'jd').state;
    const grown = SESSIONS.map((item) => (item.id === '$1' ? { ...item, windows: 2, panes: [...item.panes, { ...item.panes[0], id: '%77', windowId: '@77', windowIndex: 1, windowName: 'precious', command: 'sleep' } as Session['panes'][number]] } : item));
    const fresh = step(opened, { type: 'snapshot', snapshot: { serverRunning: true, sessions: grown }, now: 1 }).state;
    expect(screen(fresh).replace(/[\s│]+/g, ' ')).toMatch(/what it deletes grew meanwhile \(read it again\): y twice/);
    expect(screen(fresh)).toMatch(/2 windows, running: bash, sleep/);
    const first = type(fresh, 'y');
    expect(first.effects).toEqual([]);
    expect(type(first.state, 'y').effects).toEqual([{ type: 'kill', session: { id: '$1', name: 'beta' } }]);
  });

  it('a session gone while its dialog is open closes the dialog and says so', () => {
    for (const keys of ['jd', 'jR']) {
      const opened = type(start(), keys).state;
      const gone = step(opened, { type: 'snapshot', snapshot: { serverRunning: true, sessions: SESSIONS.filter((item) => item.id !== '$1') }, now: 1 }).state;
      expect(gone.mode.kind).toBe('list');
      expect(gone.notice).toMatchObject({ kind: 'error', text: expect.stringMatching(/^beta is gone/) as unknown });
      expect(type(gone, 'y').effects).toEqual([]);
    }
  });

  it('keys read while tmux deletes act once it has answered, as if typed after: dydy deletes two sessions', () => {
    const first = type(start(), 'dydy');
    expect(first.effects).toEqual([{ type: 'refresh' }, { type: 'kill', session: { id: '$0', name: 'alpha' } }]);
    expect(first.state.heldKeys).toHaveLength(2);
    const second = step(first.state, { type: 'killed', session: { id: '$0', name: 'alpha' } });
    expect(second.effects).toContainEqual({ type: 'kill', session: { id: '$1', name: 'beta' } });
    expect(second.state.heldKeys).toEqual([]);
    // Ctrl-C does not wait.
    expect(type(first.state, '\x03').effects).toEqual([{ type: 'quit', reason: 'user' }]);
  });

  it('after the kill the neighbouring row is selected, not the top', () => {
    const asked = type(start(), 'jjdy').state;
    const killed = step(asked, { type: 'killed', session: { id: '$2', name: 'delta' } });
    expect(selected(killed.state)).toBe(selected(type(start(), 'jjj').state));
    expect(killed.state.notice?.text).toBe('deleted delta');
    // The list asked for at the opening is still on its way: one more follows it.
    expect(killed.state.refreshAgain).toBe(true);
    const last = type(start(), 'Gdy').state;
    const lastKilled = step(last, { type: 'killed', session: { id: selectedSession(last)?.id ?? '', name: 'zeta' } });
    expect(selected(lastKilled.state)).toBe(selected(type(start(), 'Gk').state));
  });
});

describe('a selection that moved by itself (its row closed elsewhere)', () => {
  // The dialog's warning wraps at the screen's width.
  const flat = (state: State) => screen(state).replace(/[\s│]+/g, ' ');
  const list = (sessions: Session[]): Event => ({ type: 'snapshot', snapshot: { serverRunning: true, sessions }, now: 1 });
  const withoutBeta = SESSIONS.filter((item) => item.name !== 'beta');

  it('d y in one read opens the dialog, which says so and does not take that y; the next y deletes', () => {
    const moved = step(type(start(), 'j').state, list(withoutBeta)).state;
    expect(selected(moved)).toBe('delta');
    const asked = type(moved, 'dy');
    expect(asked.effects).toEqual([{ type: 'refresh' }]);
    expect(asked.state.mode).toMatchObject({ kind: 'delete', session: { name: 'delta' } });
    expect(flat(type(moved, 'd').state)).toMatch(/session beta closed meanwhile; the selection moved here: y twice/);
    expect(flat(asked.state)).toMatch(/session beta closed meanwhile; the selection moved here: y again deletes it/);
    expect(type(asked.state, 'y').effects).toEqual([{ type: 'kill', session: { id: '$2', name: 'delta' } }]);
  });

  it('R: the first Enter renames nothing and says why; the second renames', () => {
    const moved = step(type(start(), 'j').state, list(withoutBeta)).state;
    const first = type(moved, 'R\x15d2\r');
    expect(first.effects).toEqual([]);
    expect(first.state.mode).toMatchObject({ kind: 'rename', error: undefined });
    expect(flat(first.state)).toMatch(/session beta closed meanwhile; the selection moved here: Enter again renames it/);
    expect(type(first.state, '\r').effects).toEqual([{ type: 'rename', session: { id: '$2', name: 'delta' }, name: 'd2' }]);
  });

  it('through the list keys from the row it fell on (j, k, r, t), until another mode; never after a delete of the user’s own: dydy deletes two sessions', () => {
    const moved = step(type(start(), 'j').state, list(withoutBeta)).state;
    // From a place the user did not choose: the dialog still asks twice.
    expect(type(moved, 'jkdy').effects).toEqual([{ type: 'refresh' }]);
    expect(type(moved, 'rdy').effects.filter((effect) => effect.type === 'kill')).toEqual([]);
    // t tags the row it fell on: the tagged dialog asks twice too.
    const tagged = type(moved, 'tdy');
    expect(tagged.state.mode).toMatchObject({ kind: 'deleteTagged' });
    expect(tagged.effects.filter((effect) => effect.type === 'killTagged')).toEqual([]);
    expect(type(tagged.state, 'y').effects).toContainEqual(expect.objectContaining({ type: 'killTagged' }));
    // Another mode first (the filter, left again): the row is the user's.
    expect(type(type(moved, '/\x1b').state, 'dy').effects).toContainEqual({ type: 'kill', session: { id: '$2', name: 'delta' } });
    const first = type(start(), 'dy');
    const killed = step(first.state, { type: 'killed', session: { id: '$0', name: 'alpha' } }).state;
    const listed = step(killed, list(SESSIONS.filter((item) => item.name !== 'alpha'))).state;
    expect(type(listed, 'dy').effects).toContainEqual({ type: 'kill', session: { id: '$1', name: 'beta' } });
  });
});

describe('help', () => {
  it('lists every key of every mode, scrolls within its lines, and closes with Esc, ? or q', () => {
    const lines = helpLines();
    for (const keymap of KEYMAPS) {
      expect(lines).toContain(keymap.title);
      for (const binding of keymap.bindings) expect(lines.some((line) => line.includes(binding.label) && line.includes(binding.description))).toBe(true);
    }
    const opened = type(start(), '?').state;
    expect(opened.mode).toEqual({ kind: 'help', scroll: 0, back: { kind: 'list' } });
    const bottom = type(opened, 'G').state;
    const scroll = bottom.mode.kind === 'help' ? bottom.mode.scroll : -1;
    expect(scroll).toBeGreaterThan(0);
    expect(type(bottom, 'j').state.mode).toEqual({ kind: 'help', scroll, back: { kind: 'list' } });
    expect(type(bottom, 'k').state.mode).toEqual({ kind: 'help', scroll: scroll - 1, back: { kind: 'list' } });
    for (const close of ['\x1b', '?', 'q']) expect(type(opened, close).state.mode.kind).toBe('list');
    expect(type(opened, '\x03').effects).toEqual([{ type: 'quit', reason: 'user' }]);
  });

  it('wraps each description to the terminal, under its text (or under the label when narrow): nothing is cut', () => {
    const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');
    const opened = type(start(), '?').state;
    const whole = words(helpLines({ ...opened, columns: 100_000 }).join(' '));
    for (const columns of [120, 60, 40, 30]) {
      const lines = helpLines({ ...opened, columns });
      // (Section titles are one line: at 30 columns the longest is cut by the screen.)
      expect(lines.filter((line) => !HELP_TITLES.has(line)).every((line) => line.length <= columns - 1)).toBe(true);
      // The same words in the same order: wrapped, not cut.
      expect(words(lines.join(' '))).toEqual(whole);
    }
    const at60 = helpLines({ ...opened, columns: 60 });
    const d = at60.findIndex((line) => /^ {2}d +delete/.test(line));
    expect(at60[d + 1]).toMatch(/^ {2}[^ ]| {4,}\S/);
  });

  it('F1 opens it over the filter and the dialogs, their keys first, and goes back to them as they were', () => {
    const filtering = type(start(), '/et').state;
    const help = type(filtering, '\x1bOP').state;
    expect(help.mode.kind).toBe('help');
    expect(helpLines(help)[0]).toBe('Filter (/)');
    const back = type(help, '\x1b').state;
    expect(back.mode.kind).toBe('filter');
    expect(back.filter.text).toBe('et');
    // In the new-session dialog: the directory's check is asked again on the way back.
    const dialog = type(start(), 'n\tx').state;
    const returned = type(type(dialog, '\x1bOP').state, 'q');
    expect(returned.state.mode).toEqual(dialog.mode);
    expect(returned.effects).toEqual([{ type: 'checkDir', path: '/home/me/src/projx' }]);
    // While tmux works on the dialog's action, keys wait for its answer.
    const busy = type(start(), 'n\r\x1bOP').state;
    expect(busy.mode.kind).toBe('new');
    expect(busy.heldKeys).toEqual([{ kind: 'named', name: 'F1' }]);
    const failed = step(busy, { type: 'createFailed', message: 'no' }).state;
    expect(failed.mode).toMatchObject({ kind: 'help', back: { kind: 'new', error: 'no' } });
  });

  it('lists the text-field keys once, and keeps the title of the section a page starts in', () => {
    expect(helpLines().filter((line) => line.includes('Ctrl-W'))).toHaveLength(1);
    const scrolled = type(start(), '?jjj').state;
    expect(screen(scrolled).split('\n')[1]).toBe('Session list (continued)');
  });

  it('says when a key is off and why', () => {
    expect(helpLines(start({ context: { dryRun: true } })).join('\n')).toMatch(/new session \(in the project directory\) \(now off: dry run is on/);
  });
});

describe('events that are not keys', () => {
  it('a new list keeps the selection on its session; when it is gone, on the row that took its place', () => {
    const state = type(start(), 'jj').state;
    const reordered = step(state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: [session('aaa', 50), ...SESSIONS] }, now: 1 }).state;
    expect(selected(reordered)).toBe('delta');
    const gone = step(state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: SESSIONS.filter((item) => item.name !== 'delta') }, now: 1 }).state;
    expect(selected(gone)).toBe(selected(type(start(), 'jjj').state));
  });

  it('a message lasts until the next key or its time; an error a little longer', () => {
    const noticed = type(start({ sessions: SESSIONS.slice(0, 1) }), '7').state;
    expect(noticed.notice?.kind).toBe('error');
    expect(type(noticed, 'j').state.notice).toBeUndefined();
    // Its time starts at the next tick.
    const shown = step(noticed, { type: 'tick', now: noticed.now + 1000 }).state;
    expect(step(shown, { type: 'tick', now: noticed.now + 5000 }).state.notice).toBeDefined();
    expect(step(shown, { type: 'tick', now: noticed.now + 11_000 }).state.notice).toBeUndefined();
  });

  it('a message gets its full time however long the clock stood still before it (the clock moves only for what shows it)', () => {
    // Ages in minutes, and every refresh answered with the same list: for a while nothing on screen moves, nor does the state's clock.
    const old = SESSIONS.slice(0, 1).map((item) => ({ ...item, activity: 1 }));
    const tick = (state: State, now: number): State => {
      const ticked = step(state, { type: 'tick', now });
      return ticked.effects.some((effect) => effect.type === 'refresh') ? step(ticked.state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: old }, now }).state : ticked.state;
    };
    let state = step(start(), { type: 'snapshot', snapshot: { serverRunning: true, sessions: old }, now: 1_030_000 }).state;
    for (let at = 1_031_000; at <= 1_070_000; at += 1000) state = tick(state, at);
    expect(state.now).toBe(1_030_000);
    const noticed = type(state, '7').state;
    expect(noticed.notice?.kind).toBe('error');
    let later = tick(noticed, 1_071_000);
    expect(later.notice).toBeDefined();
    // Its time starting is nothing to draw.
    expect(sameScreen(noticed, later)).toBe(true);
    later = tick(later, 1_080_000);
    expect(later.notice).toBeDefined();
    expect(tick(later, 1_081_000).notice).toBeUndefined();
  });

  it('the same list read afresh (a status file for a pane not listed) is kept as read: nothing redrawn, the next poll compares nothing', () => {
    const listed = SESSIONS.map((item) => ({ ...item, activity: 1 }));
    const first = step(start(), { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now: 1_002_000 }).state;
    const files = new Map([['%999', { agent: 'claude', state: 'working' as const, since: 1 }]]);
    const again = step({ ...first, refreshingSince: 1_003_000 }, { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now: 1_003_050, files }).state;
    expect(again.sessions).toBe(first.sessions);
    expect(again.annotated).not.toBe(first.annotated);
    expect(sameScreen(first, again)).toBe(true);
    const third = step({ ...again, refreshingSince: 1_004_000 }, { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now: 1_004_050, files: new Map(files) }).state;
    expect(third.annotated).toBe(again.annotated);
  });

  it('ticks refresh the list every refresh interval, one at a time, and re-capture the preview while it shows', () => {
    const state = start({ rows: 30 });
    const startEffects = step(state, { type: 'start', now: 1_000_000 });
    expect(startEffects.effects).toEqual([{ type: 'capturePreview', paneId: '%0', lines: 20 }]);
    const captured = step(startEffects.state, { type: 'previewCaptured', paneId: '%0', text: 'hello' }).state;
    expect(screen(captured)).toMatch(/hello/);
    expect(step(captured, { type: 'tick', now: 1_001_000 }).effects).toEqual([{ type: 'capturePreview', paneId: '%0', lines: 20 }]);
    const due = step(captured, { type: 'tick', now: 1_002_000 });
    expect(due.effects).toContainEqual({ type: 'refresh' });
    expect(step(due.state, { type: 'tick', now: 1_004_100 }).effects).not.toContainEqual({ type: 'refresh' });
  });

  it('a list tmux printed the same as last time (the same array from the service) neither re-sorts nor redraws', () => {
    // Active 16 minutes ago: the ages on screen read the same two seconds later.
    const listed = SESSIONS.map((item) => ({ ...item, activity: 1 }));
    const first = step(start(), { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now: 1_002_000 }).state;
    const asked = step(first, { type: 'tick', now: 1_004_000 });
    expect(asked.effects).toEqual([{ type: 'refresh' }]);
    expect(sameScreen(first, asked.state)).toBe(true);
    const again = step(asked.state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now: 1_004_050 }).state;
    expect(again.sessions).toBe(first.sessions);
    expect(again.visible).toBe(first.visible);
    expect(again.refreshingSince).toBeUndefined();
    expect(sameScreen(first, again)).toBe(true);
    // The same sessions in a new array (tmux printed something else): read again, drawn again.
    const changed = step(asked.state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: [...listed] }, now: 1_004_050 }).state;
    expect(changed.sessions).not.toBe(first.sessions);
    expect(sameScreen(first, changed)).toBe(false);
  });

  it('an unchanged list still moves the ages on screen on (`2s ago` → `4s ago`), and only then', () => {
    const fresh = SESSIONS.map((item) => ({ ...item, activity: 1000 }));
    const first = step(start({ sessions: fresh }), { type: 'snapshot', snapshot: { serverRunning: true, sessions: fresh }, now: 1_002_000 }).state;
    expect(screen(first)).toMatch(/2s ago/);
    const again = step(step(first, { type: 'tick', now: 1_004_000 }).state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: fresh }, now: 1_004_050 }).state;
    expect(again.sessions).toBe(first.sessions);
    expect(screen(again)).toMatch(/4s ago/);
  });

  it('a tick with nothing to do leaves the state as it was; the ages move on once a minute', () => {
    const state = start();
    expect(step(state, { type: 'tick', now: state.now + 500 }).state).toBe(state);
    const minute = step(state, { type: 'tick', now: Math.ceil((state.now + 1) / 60_000) * 60_000 }).state;
    expect(minute.now).not.toBe(state.now);
  });

  it('left alone (no key, no change) for 30 s, it asks tmux every 10 s while an agent runs, every 30 s when none does; a key brings the configured pace back at the next tick', () => {
    const withAgent = SESSIONS.map((item, index) => (index === 3 ? { ...item, panes: item.panes.map((pane) => ({ ...pane, command: 'claude' })) } : item));
    const paceOf = (listed: Session[]) => {
      let state = step(start({ sessions: listed }), { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now: 1_000_000 }).state;
      const refreshes: number[] = [];
      for (let now = 1_001_000; now <= 1_100_000; now += 1000) {
        const ticked = step(state, { type: 'tick', now });
        state = ticked.state;
        if (ticked.effects.some((effect) => effect.type === 'refresh')) {
          refreshes.push(now - 1_000_000);
          state = step(state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: listed }, now }).state;
        }
      }
      return { refreshes, state };
    };
    const configured = [2000, 4000, 6000, 8000, 10_000, 12_000, 14_000, 16_000, 18_000, 20_000, 22_000, 24_000, 26_000, 28_000];
    expect(paceOf(withAgent).refreshes).toEqual([...configured, 38_000, 48_000, 58_000, 68_000, 78_000, 88_000, 98_000]);
    const quiet = paceOf([...SESSIONS]);
    expect(quiet.refreshes).toEqual([...configured, 58_000, 88_000]);
    const typed = type(quiet.state, 'j').state;
    expect(step(typed, { type: 'tick', now: 1_101_000 }).effects).toContainEqual({ type: 'refresh' });
  });

  it('the preview is captured again while its window has output, not while it is quiet', () => {
    const quiet = SESSIONS.map((item) => ({ ...item, panes: item.panes.map((pane) => ({ ...pane, windowActivity: 900 })) }));
    const shown = step(step(start({ rows: 30, sessions: quiet }), { type: 'start', now: 1_000_000 }).state, { type: 'previewCaptured', paneId: '%0', text: 'hello' }).state;
    expect(step(shown, { type: 'tick', now: 1_001_000 }).effects).toEqual([]);
    const busy = quiet.map((item, index) => (index === 0 ? { ...item, panes: item.panes.map((pane) => ({ ...pane, windowActivity: 1000 })) } : item));
    const listed = step(shown, { type: 'snapshot', snapshot: { serverRunning: true, sessions: busy }, now: 1_000_500 }).state;
    expect(step(listed, { type: 'tick', now: 1_001_100 }).effects).toEqual([{ type: 'capturePreview', paneId: '%0', lines: 20 }]);
  });

  it('a list call that does not come back is said in the status line, and the keys keep working', () => {
    const asked = type(start(), 'r').state;
    expect(asked.refreshingSince).toBe(asked.now);
    const late = step(asked, { type: 'tick', now: asked.now + 3000 }).state;
    expect(screen(late)).toMatch(/tmux is not answering \(server default\): waiting for it; the keys still work/);
    const moved = type(late, 'jj');
    expect(selected(moved.state)).toBe('delta');
    expect(moved.effects).toEqual([]);
    const answered = step(late, { type: 'snapshotFailed', message: 'tmux did not answer within 5 s (server default)', now: asked.now + 5000 }).state;
    expect(screen(answered)).toMatch(/did not answer within 5 s/);
    expect(screen(answered)).not.toMatch(/not answering/);
  });

  it('never captures the dashboard’s own pane; moving captures the new pane, one capture at a time', () => {
    const own = step(start({ rows: 30, context: { ownPaneId: '%0' } }), { type: 'start', now: 1 });
    expect(own.effects).toEqual([]);
    expect(screen(own.state)).toMatch(/this pane runs the dashboard/);
    const moved = type(own.state, 'jj');
    expect(moved.effects).toEqual([{ type: 'capturePreview', paneId: '%1', lines: 20 }]);
  });

  it('a preview no one chose follows the terminal: on once it has room, off again when it has not; a chosen one stays as chosen', () => {
    const small = start({ rows: 10 });
    expect(small.showPreview).toBe(false);
    const grown = step(small, { type: 'resize', columns: 120, rows: 40 }).state;
    expect(grown.showPreview).toBe(true);
    expect(screen(grown)).toMatch(/── alpha ─/);
    expect(step(grown, { type: 'resize', columns: 40, rows: 10 }).state.showPreview).toBe(false);
    // p chooses: from then on a resize leaves it as it is, either way.
    const chosenOn = type(small, 'p');
    expect(chosenOn.effects).toContainEqual({ type: 'rememberPreview', shown: true });
    expect(step(step(chosenOn.state, { type: 'resize', columns: 40, rows: 12 }).state, { type: 'resize', columns: 40, rows: 11 }).state.showPreview).toBe(true);
    const chosenOff = type(grown, 'p').state;
    expect(step(chosenOff, { type: 'resize', columns: 120, rows: 50 }).state.showPreview).toBe(false);
    // Remembered from an earlier start: chosen too.
    const remembered = initialState({ ...INIT, rows: 40, showPreview: false });
    expect(step(remembered, { type: 'resize', columns: 120, rows: 50 }).state.showPreview).toBe(false);
  });

  it('a resize re-lays the screen; a takeover or a lost lock closes it with the reason', () => {
    const big = step(start(), { type: 'resize', columns: 120, rows: 40 }).state;
    expect(screenLines(big, fullMeasure)).toHaveLength(40);
    const taken = step(start(), { type: 'quitRequested', reason: 'takeover', message: 'another dashboard took over' });
    expect(taken.effects).toEqual([{ type: 'quit', reason: 'takeover', message: 'another dashboard took over' }]);
    expect(taken.state.closing).toBe(true);
  });
});

describe('small terminals and long text', () => {
  const sized = (columns: number, rows: number) => step(start(), { type: 'resize', columns, rows }).state;
  const lines = (state: State) => screenLines(state, fullMeasure).map((line) => line.map((segment) => segment.text).join(''));

  it('every mode keeps one line per row and the hint bar last, down to 20×6', () => {
    for (const [columns, rows] of [[40, 10], [40, 9], [20, 6], [60, 14]] as const) {
      for (const keys of ['', 'jd', 'n', 'R', '?', '/ab']) {
        const shown = lines(type(sized(columns, rows), keys).state);
        expect(shown, `${columns}x${rows} ${keys}`).toHaveLength(rows);
        for (const line of shown) expect(fullMeasure.width(line)).toBeLessThanOrEqual(columns);
      }
      expect(lines(type(sized(columns, rows), 'jd').state).at(-1)).toMatch(/y delete/);
    }
    // 20×6: the dialog takes the body, without its border, field first.
    expect(lines(type(sized(20, 6), 'n').state).join('\n')).toMatch(/New session\nName: proj/);
  });

  it('a long paste is refused, and a long field scrolls so the cursor stays in sight', () => {
    const huge = type(start(), `/\x1b[200~${'ab'.repeat(100_000)}\x1b[201~`).state;
    expect(huge.filter.text).toBe('');
    expect(huge.notice?.text).toMatch(/longer than 1024/);
    const long = type(start(), `/${'x'.repeat(300)}END`).state;
    expect(long.filter.text).toHaveLength(303);
    const bar = lines(long).at(-1) ?? '';
    expect(bar).toMatch(/^\/…x+END█/);
    const atStart = lines(type(long, '\x01').state).at(-1) ?? '';
    expect(atStart).toMatch(/^\/x+…/);
  });

  it('a paste with one trailing line break is taken without it', () => {
    expect(type(start(), '/\x1b[200~beta\n\x1b[201~').state.filter.text).toBe('beta');
    expect(type(start(), '/\x1b[200~be\nta\n\x1b[201~').state.filter.text).toBe('');
  });
});

describe('the hint bar', () => {
  it('keeps whole hints only, the most useful first (always ? help), in the table’s order', () => {
    const measure = simpleMeasure().measure;
    const hints = [
      { text: '↑↓ move', rank: 9 },
      { text: 'Enter attach', rank: 1 },
      { text: '/ filter', rank: 2 },
      { text: 's sort', rank: 7 },
      { text: 'd delete', rank: 3 },
      { text: '? help', rank: 0 },
      { text: 'q quit', rank: 6 },
    ];
    for (const width of [10, 20, 40, 60, 80]) {
      const bar = fitHints(hints, width, measure);
      expect(bar.length).toBeLessThanOrEqual(width);
      expect(bar).toContain('? help');
      for (const part of bar.split(' · ')) expect(hints.map((hint) => hint.text)).toContain(part);
    }
    expect(fitHints(hints, 44, measure)).toBe('Enter attach · / filter · d delete · ? help');
  });

  it('on the list at 80 columns: delete and filter stay, sort and preview go first', () => {
    const bar = screen(start()).split('\n').at(-1) ?? '';
    expect(bar).toMatch(/Enter attach/);
    expect(bar).toMatch(/d delete/);
    expect(bar).toMatch(/\/ filter/);
    expect(bar).toMatch(/\? help/);
  });
});

describe('the project picker (o)', () => {
  const found = (source: 'recent' | 'zoxide' | 'root' | 'worktree', ...paths: string[]) => paths.map((dir) => ({ path: dir, name: dir.split('/').at(-1) ?? dir, source }));
  const picker = (state: State) => {
    if (state.mode.kind !== 'projects') throw new Error(`not in the picker: ${state.mode.kind}`);
    return state.mode;
  };
  const rows = (state: State) => picker(state).rows.map((row) => row.project.path);
  const answer = (state: State, source: 'recent' | 'zoxide' | 'rootsCache' | 'roots', projects: ReturnType<typeof found>, note?: string) =>
    step(state, { type: 'projectsFound', source, generation: picker(state).generation, projects, note });
  /** `o`, the recent folders' answer (none), then `keys`: typed once the picker has what it waits for. */
  const pick = (state: State, keys: string) => type(answer(type(state, 'o').state, 'recent', []).state, keys);

  it('opens at once with the open sessions’ folders and asks the other sources, which fill it in as they answer', () => {
    const opened = type(start(), 'o');
    expect(opened.effects).toEqual([
      { type: 'findProjects', source: 'recent', generation: 1 },
      { type: 'findProjects', source: 'zoxide', generation: 1 },
    ]);
    expect(rows(opened.state)).toHaveLength(SESSIONS.length);
    expect(screen(opened.state)).toMatch(/Open a project: /);
    expect(screen(opened.state)).toMatch(/waiting for recent, zoxide…/);
    // With roots configured: the cached scan, then a fresh one.
    expect(type(start({ context: { projectRoots: true } }), 'o').effects.map((effect) => (effect.type === 'findProjects' ? effect.source : ''))).toEqual(['recent', 'rootsCache', 'zoxide', 'roots']);
    const recent = answer(opened.state, 'recent', found('recent', '/home/me/src/zeta', '/home/me/notes')).state;
    // Recent first, most recent first; a folder found twice is one row with both sources.
    expect(rows(recent).slice(0, 2)).toEqual(['/home/me/src/zeta', '/home/me/notes']);
    expect(picker(recent).rows[0]?.project.sources).toEqual(['recent', 'session']);
    expect(rows(recent)).toHaveLength(SESSIONS.length + 1);
    const timedOut = answer(recent, 'zoxide', [], 'zoxide timed out (no answer in 400 ms)').state;
    expect(picker(timedOut).waiting).toEqual([]);
    expect(screen(timedOut)).toMatch(/zoxide timed out/);
    // An answer for an earlier opening is dropped.
    const late = step(timedOut, { type: 'projectsFound', source: 'zoxide', generation: 0, projects: found('zoxide', '/elsewhere'), note: undefined });
    expect(rows(late.state)).toEqual(rows(timedOut));
  });

  it('with roots configured, the cached scan and recent folders are read once after the start, and o shows them on its first frame', () => {
    const state = start({ context: { projectRoots: true } });
    const started = step(state, { type: 'start', now: 1_000_000 });
    const prefetch = started.effects.filter((effect) => effect.type === 'findProjects');
    expect(prefetch).toEqual([
      { type: 'findProjects', source: 'rootsCache', generation: 0 },
      { type: 'findProjects', source: 'recent', generation: 0 },
    ]);
    const read = step(step(started.state, { type: 'projectsFound', source: 'rootsCache', generation: 0, projects: found('root', '/home/me/src/cached'), note: undefined }).state, { type: 'projectsFound', source: 'recent', generation: 0, projects: found('recent', '/home/me/src/lately'), note: undefined }).state;
    // Read ahead, not shown: the list stays as it is.
    expect(read.mode.kind).toBe('list');
    const opened = type(read, 'o');
    expect(rows(opened.state).slice(0, 1)).toEqual(['/home/me/src/lately']);
    expect(rows(opened.state)).toContain('/home/me/src/cached');
    // Every source is still asked afresh; the start does not read ahead again.
    expect(opened.effects.map((effect) => (effect.type === 'findProjects' ? `${effect.source}:${effect.generation}` : ''))).toEqual(['recent:1', 'rootsCache:1', 'zoxide:1', 'roots:1']);
    expect(step(read, { type: 'start', now: 1_000_500 }).effects.filter((effect) => effect.type === 'findProjects')).toEqual([]);
    // Without roots nothing is read ahead.
    expect(step(start(), { type: 'start', now: 1 }).effects.filter((effect) => effect.type === 'findProjects')).toEqual([]);
  });

  it('makes the first rows when the read-ahead is in, and o takes them while the list and the answers are the same', () => {
    const state = start({ context: { projectRoots: true } });
    const started = step(state, { type: 'start', now: 1_000_000 }).state;
    const cached = step(started, { type: 'projectsFound', source: 'rootsCache', generation: 0, projects: found('root', '/home/me/src/cached', '/home/me/src/other'), note: undefined }).state;
    // Half the read-ahead: nothing made yet, and nothing drawn (the read-ahead is not on the screen).
    expect(cached.pickerOpening).toBeUndefined();
    expect(sameScreen(started, cached)).toBe(true);
    const read = step(cached, { type: 'projectsFound', source: 'recent', generation: 0, projects: found('recent', '/home/me/src/lately'), note: undefined }).state;
    expect(sameScreen(cached, read)).toBe(true);
    const made = read.pickerOpening?.rows;
    expect(made?.map((row) => row.project.path).slice(0, 1)).toEqual(['/home/me/src/lately']);
    const opened = type(read, 'o').state;
    expect(picker(opened).rows).toBe(made);
    // The same rows as made on the key itself.
    const unmade = type({ ...read, pickerOpening: undefined }, 'o').state;
    expect(picker(opened).rows).toEqual(picker(unmade).rows);
    expect(screen(opened)).toBe(screen(unmade));
    // Once the quick sources answered again (keys wait for them), a move (Ctrl-N) selects the next row and keeps the rows as they are.
    const answered = answer(answer(opened, 'recent', found('recent', '/home/me/src/lately')).state, 'rootsCache', found('root', '/home/me/src/cached', '/home/me/src/other')).state;
    const moved = type(answered, '\x0e').state;
    expect(picker(moved).rows).toBe(picker(answered).rows);
    expect(picker(moved).selected).toBe(picker(answered).rows[1]?.project.path);
    // Another list (a session opened in a project since): made afresh on the key, with that session.
    const sessions = [...read.sessions, session('cached', 99, { path: '/home/me/src/cached' })];
    const listed = step(read, { type: 'snapshot', snapshot: { serverRunning: true, sessions }, now: 1_000_100 }).state;
    const reopened = type(listed, 'o').state;
    expect(picker(reopened).rows).not.toBe(made);
    expect(picker(reopened).rows.find((row) => row.project.path === '/home/me/src/cached')?.session?.name).toBe('cached');
  });

  it('keys typed with o wait for the recent folders and the cached scan: Enter acts on the project, not on a session folder that also matches', () => {
    const sessions = [session('sub', 0, { path: '/home/me/src/mono/sub' })];
    const typed = type(start({ sessions, context: { projectRoots: true } }), 'omono\r');
    // Held: nothing typed or entered yet, no session asked for.
    expect(picker(typed.state).query.text).toBe('');
    expect(typed.effects.some((effect) => effect.type === 'attach' || effect.type === 'openProject')).toBe(false);
    const recent = answer(typed.state, 'recent', []);
    expect(recent.effects).toEqual([]);
    // mono/sub is a project of its own (it has a project file), with its session.
    const cached = answer(recent.state, 'rootsCache', found('root', '/home/me/src/mono', '/home/me/src/mono/sub'));
    // Replayed once both are in: the query, then Enter on the project itself, not on sub's session.
    expect(cached.effects).toMatchObject([{ type: 'openProject', dir: '/home/me/src/mono', name: 'mono' }]);
  });

  it('the fresh scan replaces the cached one; a worktree keeps its repo/worktree name', () => {
    const opened = type(start({ context: { projectRoots: true } }), 'o').state;
    const cached = answer(opened, 'rootsCache', found('root', '/home/me/src/old')).state;
    expect(rows(cached)).toContain('/home/me/src/old');
    const fresh = answer(cached, 'roots', [...found('root', '/home/me/src/new', '/home/me/src/new-wt'), { path: '/home/me/src/new-wt', name: 'new/new-wt', source: 'worktree' }]).state;
    expect(rows(fresh)).not.toContain('/home/me/src/old');
    expect(picker(fresh).rows.find((row) => row.project.path === '/home/me/src/new-wt')?.project).toMatchObject({ name: 'new/new-wt', sources: ['worktree', 'root'] });
  });

  it('typing matches names and folders fuzzily; Enter on a project whose session is open goes there and remembers the project', () => {
    const typed = pick(start(), 'gam').state;
    expect(picker(typed).query.text).toBe('gam');
    expect(rows(typed)[0]).toBe('/home/me/src/gamma');
    const entered = type(typed, '\r');
    expect(entered.effects).toEqual([
      { type: 'rememberProject', dir: '/home/me/src/gamma' },
      { type: 'attach', session: { id: '$5', name: 'gamma' } },
    ]);
    expect(pick(start({ context: { insideTmux: true } }), 'gam\r').effects.at(-1)).toEqual({ type: 'switch', session: { id: '$5', name: 'gamma' } });
  });

  it('Enter on a project without a session asks for it once; keys typed meanwhile wait; then the client goes to the session', () => {
    const opened = answer(type(start(), 'o').state, 'recent', found('recent', '/home/me/src/new.app')).state;
    const entered = type(opened, '\r\rj');
    expect(entered.effects).toEqual([{ type: 'openProject', dir: '/home/me/src/new.app', name: 'new.app', others: [] }]);
    expect(picker(entered.state).busy).toBe(true);
    expect(screen(entered.state)).toMatch(/opening…/);
    const done = step(entered.state, { type: 'projectOpened', session: { id: '$20', name: 'new_app' }, created: true, warning: undefined });
    // The held Enter and j act after it: the UI is closing, so they do nothing.
    expect(done.effects).toEqual([{ type: 'attach', session: { id: '$20', name: 'new_app' } }]);
    expect(done.state.closing).toBe(true);
  });

  it('a failed open keeps the picker and says why; dry run refuses to create but still goes to open sessions', () => {
    const opened = answer(type(start(), 'o').state, 'recent', found('recent', '/gone')).state;
    const entered = type(opened, '\r').state;
    const failed = step(entered, { type: 'projectOpenFailed', message: 'no such directory: /gone' }).state;
    expect(picker(failed).busy).toBe(false);
    expect(screen(failed)).toMatch(/✗ no such directory: \/gone/);
    const dry = answer(type(start({ context: { dryRun: true } }), 'o').state, 'recent', found('recent', '/new')).state;
    const refused = type(dry, '\r');
    expect(refused.effects).toEqual([]);
    expect(refused.state.notice?.text).toBe('dry run is on: creating a session is refused');
    expect(type(dry, '\x1b[B\r').effects.at(-1)).toMatchObject({ type: 'attach' });
  });

  it('a typed folder (~/…, /…) is offered first, as typed; Tab completes it from the disk, only for the same query', () => {
    const typed = pick(start(), '~/src/').state;
    expect(picker(typed).rows[0]).toMatchObject({ typed: true, project: { path: '/home/me/src' } });
    // Known projects below it follow.
    expect(rows(typed)).toContain('/home/me/src/alpha');
    expect(screen(typed)).not.toMatch(/no known project/);
    // A folder no project is in: its row alone, and the line above says so (not "0 projects").
    const alone = pick(start(), '~/elsewhere/').state;
    expect(picker(alone).rows.map((row) => row.typed)).toEqual([true]);
    expect(screen(alone)).toMatch(/no known project matches( ·|\n)/);
    expect(screen(alone)).not.toMatch(/0 projects/);
    const tab = type(typed, '\t');
    expect(tab.effects).toEqual([{ type: 'completePath', text: '~/src/', generation: 1 }]);
    const completed = step(tab.state, { type: 'pathCompleted', generation: 1, text: '~/src/', completed: '~/src/other/' }).state;
    expect(picker(completed).query).toEqual({ text: '~/src/other/', cursor: 12 });
    expect(picker(completed).rows[0]?.project.path).toBe('/home/me/src/other');
    // Typed on meanwhile: the completion is for an older query and is dropped.
    const moved = step(type(tab.state, 'x').state, { type: 'pathCompleted', generation: 1, text: '~/src/', completed: '~/src/other/' }).state;
    expect(picker(moved).query.text).toBe('~/src/x');
    // On a project, Tab puts its path in the query to go on below it.
    expect(picker(pick(start(), 'gam\t').state).query.text).toBe('~/src/gamma/');
  });

  it('nested projects keep their own sessions; a session made for a project (its mark) belongs to it wherever its panes are', () => {
    const sessions = [
      session('mono', 0, { path: '/home/me/src/mono' }),
      session('sub', 1, { path: '/home/me/src/mono/sub' }),
      session('away', 2, { path: '/tmp', project: '/home/me/src/marked' }),
    ];
    const opened = answer(type(start({ sessions }), 'o').state, 'recent', found('recent', '/home/me/src/mono/sub', '/home/me/src/mono', '/home/me/src/marked', '/home/me/src/mono/lib')).state;
    const sessionOf = (dir: string) => picker(opened).rows.find((row) => row.project.path === dir)?.session?.name;
    expect(sessionOf('/home/me/src/mono')).toBe('mono');
    expect(sessionOf('/home/me/src/mono/sub')).toBe('sub');
    expect(sessionOf('/home/me/src/marked')).toBe('away');
    expect(sessionOf('/home/me/src/mono/lib')).toBeUndefined();
    // Opening mono/lib is asked with the nested projects it must not take sessions from: none below it.
    const lib = type(opened, 'lib\r').effects;
    expect(lib).toEqual([{ type: 'openProject', dir: '/home/me/src/mono/lib', name: 'lib', others: [] }]);
  });

  it('Esc clears the query, then goes back to the list; Ctrl-O in the new-session dialog opens it; the help lists its keys', () => {
    const typed = pick(start(), 'ab').state;
    const cleared = type(typed, '\x1b').state;
    expect(picker(cleared).query.text).toBe('');
    expect(type(cleared, '\x1b').state.mode.kind).toBe('list');
    expect(type(start(), 'n\x0f').state.mode.kind).toBe('projects');
    expect(helpLines().join('\n')).toMatch(/Projects \(o\)[\s\S]*Tab\s+complete the folder being typed/);
    expect(KEYMAPS.find((keymap) => keymap.mode === 'list')?.bindings.filter((binding) => binding.keys.includes('o'))).toHaveLength(1);
  });

  it('draws folder names as text: an escape sequence in a folder is shown, never sent', () => {
    const opened = answer(type(start(), 'o').state, 'recent', [{ path: '/home/me/evil\x1b]0;owned\x07', name: 'evil\x1b]0;owned\x07', source: 'recent' }]).state;
    const text = screen(opened);
    expect(text).not.toContain('\x1b');
    expect(text).toMatch(/evil\\x1b/);
  });
});

describe('the list filter and folders', () => {
  it('/ matches a session’s folder as well as its name, names first', () => {
    const sessions = [session('web', 0, { path: '/home/me/src/frontend' }), session('frontend-notes', 1, { path: '/home/me/notes' }), session('other', 2, { path: '/home/me/x' })];
    const typed = type(start({ sessions }), '/frontend').state;
    expect(typed.visible.map((item) => item.name)).toEqual(['frontend-notes', 'web']);
  });

  it('/ matches the folder as the row shows it: the home folder is ~, so the user name matches nothing', () => {
    const sessions = [session('web', 0, { path: '/home/me/src/frontend' }), session('notes', 1, { path: '/home/me/notes' }), session('memo', 2, { path: '/srv/x' })];
    expect(type(start({ sessions }), '/me').state.visible.map((item) => item.name)).toEqual(['memo']);
    expect(type(start({ sessions }), '/~/src').state.visible.map((item) => item.name)).toEqual(['web']);
  });
});

describe('agents', () => {
  const NOW_S = 1_000_000 / 1000;
  const withMark = (name: string, index: number, state: string, command = 'claude') =>
    session(name, index, { panes: [{ id: `%${index}`, windowId: `@${index}`, windowIndex: 0, windowName: 'sh', windowActive: true, index: 0, active: true, command, path: '/p', agentMark: `${state} ${NOW_S - 30} ${NOW_S - 30}` }] });
  const AGENTS = [session('alpha', 0), withMark('beta', 1, 'working'), withMark('delta', 2, 'needs-input'), session('eta', 3), withMark('gamma', 4, 'done'), withMark('iota', 5, 'needs-input')];

  it('a list where a client looks at a session with a done agent records the look, once; a dry run records nothing', () => {
    const looking = { name: '/dev/pts/1', tty: '/dev/pts/1', termName: 'xterm', activity: NOW_S, controlMode: false, readOnly: false };
    const watched = { ...withMark('gamma', 4, 'done'), lastAttached: NOW_S - 600, clients: [looking] };
    const listed = step(start(), { type: 'snapshot', snapshot: { serverRunning: true, sessions: [watched] }, now: 1_000_000, files: undefined });
    expect(listed.effects).toContainEqual({ type: 'markSeen', session: { id: watched.id, name: 'gamma' }, at: NOW_S });
    const recorded = step(listed.state, { type: 'snapshot', snapshot: { serverRunning: true, sessions: [{ ...watched, seenAt: NOW_S }] }, now: 1_001_000, files: undefined });
    expect(recorded.effects.filter((effect) => effect.type === 'markSeen')).toEqual([]);
    const dry = step(start({ context: { dryRun: true } }), { type: 'snapshot', snapshot: { serverRunning: true, sessions: [watched] }, now: 1_000_000, files: undefined });
    expect(dry.effects.filter((effect) => effect.type === 'markSeen')).toEqual([]);
  });

  it('rows show the state as a symbol and a word; the header counts who needs you', () => {
    const text = screen(start({ sessions: AGENTS }));
    expect(text).toMatch(/tmux-dashboard · 6 sessions · 2 need you · 1 done · sort/);
    expect(text).toMatch(/delta\s+1 win\s+! input/);
    expect(text).toMatch(/gamma\s+1 win\s+✓ done/);
    expect(text).toMatch(/beta\s+1 win\s+» work/);
    expect(text).toMatch(/! 2 need you/);
  });

  it('! selects the next waiting session after the selection, wrapping, then done ones', () => {
    let state = start({ sessions: AGENTS });
    expect(selected(state)).toBe('alpha');
    state = type(state, '!').state;
    expect(selected(state)).toBe('delta');
    state = type(state, '!').state;
    expect(selected(state)).toBe('iota');
    state = type(state, '!').state;
    expect(selected(state)).toBe('delta');
    const onlyDone = start({ sessions: [session('alpha', 0), withMark('gamma', 4, 'done')] });
    expect(selected(type(onlyDone, '!').state)).toBe('gamma');
    const nothing = type(start(), '!');
    expect(nothing.effects).toEqual([]);
    expect(screen(nothing.state)).toMatch(/no agent is waiting for you/);
  });

  it('! with the waiting sessions hidden by a kept filter: the filter goes, the next waiting one is selected, and that is said', () => {
    const filtered = type(start({ sessions: AGENTS }), '/alpha\t').state;
    expect(filtered.visible.map((item) => item.name)).toEqual(['alpha']);
    const jumped = type(filtered, '!').state;
    expect(jumped.filter.text).toBe('');
    expect(selected(jumped)).toBe('delta');
    expect(screen(jumped)).toMatch(/filter cleared: delta was hidden by it/);
    // A hidden session waiting for the user comes before a shown one that is only done.
    const doneShown = type(start({ sessions: AGENTS }), '/gamma\t').state;
    expect(selected(doneShown)).toBe('gamma');
    expect(selected(type(doneShown, '!').state)).toBe('iota');
  });

  it('the help judges what is off in the mode it was opened over: the preview shown on the list is not "off"', () => {
    const list = start({ rows: 40 });
    expect(list.showPreview).toBe(true);
    expect(helpLines(type(list, '?').state).join('\n')).not.toMatch(/now off: the preview is not shown/);
  });

  it('a pane that starts waiting rings the bell once and says who; the next list with it still waiting rings nothing', () => {
    let state = start({ sessions: [withMark('beta', 1, 'working')] });
    const snapshot = (sessions: Session[]): Event => ({ type: 'snapshot', snapshot: { serverRunning: true, sessions }, now: 1_000_500 });
    let result = step(state, snapshot([withMark('beta', 1, 'needs-input')]));
    expect(result.effects).toContainEqual({ type: 'bell' });
    expect(screen(result.state)).toMatch(/claude in beta needs you/);
    state = result.state;
    result = step(state, snapshot([withMark('beta', 1, 'needs-input')]));
    expect(result.effects).not.toContainEqual({ type: 'bell' });
    const quiet = step(start({ sessions: [withMark('beta', 1, 'working')], context: { notify: 'off' } }), snapshot([withMark('beta', 1, 'needs-input')]));
    expect(quiet.effects).not.toContainEqual({ type: 'bell' });
    expect(screen(quiet.state)).toMatch(/claude in beta needs you/);
  });

  it('ai_first orders by urgency: waiting, done, working, other agents, the rest', () => {
    const state = initialState({ context: CONTEXT, columns: 80, rows: 12, now: 1_000_000, sortMode: 'ai_first', snapshot: { serverRunning: true, sessions: [...AGENTS, withMark('kappa', 6, 'idle')] }, selectedId: undefined, message: undefined });
    expect(state.sessions.map((s) => s.name)).toEqual(['delta', 'iota', 'gamma', 'beta', 'kappa', 'alpha', 'eta']);
  });

  it('the preview gives each agent pane its state, how long it has been in it, and where that comes from', () => {
    const pane = (id: string, index: number, command: string, extra: Partial<Session['panes'][number]> = {}) => ({ id, windowId: '@9', windowIndex: 0, windowName: 'work', windowActive: true, index, active: index === 0, command, path: '/p', ...extra });
    const multi = session('multi', 9, {
      panes: [
        // Entered the state 2 minutes ago, last hook call 5 s ago: the age is since it entered.
        pane('%10', 0, 'claude', { agentMark: `needs-input ${NOW_S - 120} ${NOW_S - 5}` }),
        pane('%11', 1, 'claude', { pid: 4242 }),
        pane('%12', 2, 'codex', { title: '[ ! ] Action Required' }),
        pane('%13', 3, 'aider'),
        pane('%14', 4, 'bash'),
      ],
    });
    const files = new Map([['%11', { agent: 'claude', state: 'working' as const, since: NOW_S - 45 }]]);
    const wide = step(start({ rows: 40, context: { aiCommands: new Set(['claude', 'codex', 'aider']) } }), { type: 'resize', columns: 120, rows: 40 }).state;
    const state = step(wide, { type: 'snapshot', snapshot: { serverRunning: true, sessions: [multi] }, now: 1_000_000, files }).state;
    const text = screen(state);
    expect(text).toMatch(/── multi/);
    expect(text).toMatch(/● claude {2}! input 2m \(hook\) {2}\/p/);
    expect(text).toMatch(/· claude {2}» work 45s \(file\) {2}\/p/);
    // A title and a bare process name say nothing about since when: no age.
    expect(text).toMatch(/· codex {2}! input \(title\) {2}\/p/);
    expect(text).toMatch(/· aider {2}AI \(process\) {2}\/p/);
    expect(text).toMatch(/· bash {2}\/p/);
  });

  it('! is in the list keymap and the help', () => {
    expect(helpLines().join('\n')).toMatch(/!\s+select the next session whose agent waits for you/);
  });
});
