import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filterSessions } from '../../src/sessions/filter.js';
import type { Session } from '../../src/tmux/types.js';
import { DashboardFixture, type TerminalWindow } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

// Keys that arrive in one read — a fast typist, a paste, a slow SSH link —
// in a real terminal: every write below is ONE send-keys (or one literal
// text), so the dashboard reads its keys together. Each must act on the row
// the cursor is on when the action key is read.
let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

async function dashboard(options: { width?: number; height?: number } = {}): Promise<TerminalWindow> {
  await fx.addSessions(...NAMES);
  const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' }, ...options });
  await window.waitForScreen(/›1 alpha/, 'the list, alpha selected');
  return window;
}

/** Pastes `text` the way a terminal does when the program asked for bracketed paste (tmux adds the markers only then). */
async function paste(window: TerminalWindow, text: string): Promise<void> {
  await fx.terminal.outer.tmux('set-buffer', '-b', 'test-paste', '--', text);
  await fx.terminal.outer.tmux('paste-buffer', '-p', '-r', '-d', '-b', 'test-paste', '-t', window.id);
}

describe('keys typed together, in a real terminal', () => {
  it('outside tmux: what is typed after Enter in its write reaches the pane of the session it attaches, as it would in writes of its own', async () => {
    const window = await dashboard();
    await window.sendTogether('j', 'Enter', 'echo ahead-$((6*7))', 'Enter');
    await window.waitForScreen(/^\[bravo\] /m, 'bravo attached');
    // Before, the keys after Enter were read by the dashboard and dropped.
    await waitFor(async () => ((await fx.inner.tmux('capture-pane', '-p', '-t', '=bravo:')).includes('ahead-42') ? true : undefined), 'the command typed ahead to run in bravo');
    expect(await fx.inner.tmux('capture-pane', '-p', '-t', '=alpha:')).not.toMatch(/ahead/);
  });

  it('inside tmux: what is typed after Enter in its write reaches the pane of the session it switches to', async () => {
    await fx.addSessions(...NAMES);
    const client = await fx.attachClient('alpha');
    await client.run({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await client.waitForScreen(/›1\*alpha/, 'the list in alpha (its own session marked)');
    await client.sendTogether('j', 'Enter', 'echo ahead-$((6*7))', 'Enter');
    await waitFor(async () => ((await fx.clients()).map((each) => each.session).join() === 'bravo' ? true : undefined), 'the client to switch to bravo');
    await waitFor(async () => ((await fx.inner.tmux('capture-pane', '-p', '-t', '=bravo:')).includes('ahead-42') ? true : undefined), 'the command typed ahead to run in bravo');
  });

  it('j d in one write asks about the row the cursor moved to; y kills exactly that one', async () => {
    const window = await dashboard();
    await window.type('jd');
    await window.waitForScreen(/Delete session bravo\?/, 'the dialog about bravo');
    await window.type('y');
    await window.waitForScreen(/deleted bravo/, 'the notice');
    expect(await fx.names()).toEqual(['alpha', 'charlie', 'delta', 'echo']);
  });

  it('movement, dialog and answer in one write: jjdy deletes the third row, and the neighbour is selected', async () => {
    const window = await dashboard();
    await window.type('jjdy');
    await window.waitForScreen(/deleted charlie/, 'the notice');
    expect(await fx.names()).toEqual(['alpha', 'bravo', 'delta', 'echo']);
    await window.waitForScreen(/›3 delta/, 'delta (the next row) selected');
  });

  it('filter, ↓ and Enter in one write attach the highlighted match, not the top one', async () => {
    const window = await dashboard();
    // What the filter will show for "a", in the order it will show it.
    const sessions = NAMES.map((name, index) => ({ id: `$${index}`, name, panes: [] }) as unknown as Session);
    const matches = filterSessions(sessions, 'a').map((session) => session.name);
    expect(matches.length).toBeGreaterThan(2);
    await window.sendTogether('/', 'a', 'Down', 'Down', 'Enter');
    await window.waitForScreen(new RegExp(`\\[${matches[2] ?? ''}\\]`), `${matches[2] ?? ''} attached (tmux status line)`);
  });

  it('Ctrl-U and text in one write: the name is cleared, then typed; Enter renames', async () => {
    const window = await dashboard();
    await window.sendTogether('j', 'R', 'C-u', 'n', 'e', 'w', '.', 'n', 'a', 'm', 'e', 'Enter');
    await window.waitForScreen(/renamed bravo → new_name/, 'the notice');
    expect(await fx.names()).toEqual(['alpha', 'charlie', 'delta', 'echo', 'new_name']);
  });

  it('an empty name is refused (Ctrl-U, Enter in one write); cursor keys edit in the middle', async () => {
    const window = await dashboard();
    await window.sendTogether('R', 'C-u', 'Enter');
    await window.waitForScreen(/✗ type a new name \(a name cannot be empty\)/, 'the refusal');
    await window.sendTogether('a', 'c', 'Left', 'b', 'Home', 'x', 'End', 'y', 'Enter');
    await window.waitForScreen(/renamed alpha → xabcy/, 'the notice');
    expect(await fx.names()).toContain('xabcy');
  });

  it('a paste never runs as keys: ignored on the list, inserted in the filter, refused with a newline in a name', async () => {
    const window = await dashboard();
    await paste(window, 'jdy');
    await window.waitForScreen(/paste ignored/, 'the message');
    await window.waitForScreen(/›1 alpha/, 'the selection unmoved');
    expect(await fx.names()).toEqual(NAMES);
    await window.type('/');
    await window.waitForScreen(/\/█/, 'the filter');
    await paste(window, 'ech');
    await window.waitForScreen(/\/ech█/, 'the pasted text in the filter');
    await window.press('Escape');
    await window.waitForScreen(/\/█/, 'the filter cleared');
    await window.press('Escape');
    // Left: tmux has sent the Esc on its own (an R sent within its escape-time would come with it, as Alt-R, which a field ignores).
    await window.waitForScreenWithout(/\/█/, 'the filter left');
    // The filter left the selection on its match.
    await window.type('R');
    await window.waitForScreen(/New name: echo/, 'the rename dialog');
    await paste(window, 'x\ny');
    await window.waitForScreen(/paste refused/, 'the refusal');
    await window.waitForScreen(/New name: echo█/, 'the name unchanged');
    expect(await fx.names()).toEqual(NAMES);
  });

  it('new session: ~ is expanded, a missing directory is said before Enter, and Enter then creates nothing', async () => {
    const window = await dashboard();
    await window.sendTogether('n', 'Tab', 'C-u', '~', '/', 'n', 'o', 'p', 'e');
    await window.waitForScreen(/✗ no such directory: \S*\/nope/, 'the missing directory');
    expect(await window.screen()).toContain(`no such directory: ${fx.home}/nope`);
    await window.press('Enter');
    await window.waitForScreen(/✗ no such directory/, 'still refused');
    await window.sendTogether('C-w', 'C-w', 'Enter');
    // An empty directory is the project folder the dashboard started in (HOME here).
    await waitFor(async () => ((await fx.names()).length === NAMES.length + 1 ? true : undefined), 'the new session');
    const created = (await fx.names()).find((name) => !NAMES.includes(name)) ?? '';
    expect(await fx.inner.tmux('display-message', '-p', '-t', `=${created}:`, '#{pane_current_path}')).toBe(fx.home);
  });

  it('delete names the attached clients by tty', async () => {
    const window = await dashboard();
    const client = await fx.attachClient('charlie');
    await window.type('jj');
    await window.waitForScreen(/›3 charlie/, 'charlie selected');
    await window.type('d');
    await window.waitForScreen(new RegExp(`attached: ${client.client}`), 'the client named');
    await window.press('Escape');
    await window.waitForScreenWithout(/Delete session/, 'the dialog closed');
    expect(await fx.names()).toEqual(NAMES);
  });

  it('the list says what it hides, above and below', async () => {
    const names = Array.from({ length: 30 }, (_, index) => `s${String(index).padStart(2, '0')}`);
    await fx.addSessions(...names);
    const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' }, height: 12 });
    await window.waitForScreen(/↓ \d+ more/, 'rows hidden below');
    await window.type('G');
    const screen = await window.waitForScreen(/↑ \d+ more[\s\S]*/, 'rows hidden above');
    expect(screen).toMatch(/›\d s29/);
    const fifth = /^ 5 (s\d\d)/m.exec(screen)?.[1];
    expect(fifth).toMatch(/^s\d\d$/);
    await window.type('5');
    await window.waitForScreen(new RegExp(`\\[${fifth ?? ''}\\]`), 'the fifth row on screen attached');
  });
});

describe('the help in small terminals', () => {
  it.each([
    [60, 14],
    [40, 10],
  ])('at %i×%i: one line per row, nothing wrapped, it scrolls to the end and closes', async (width, height) => {
    const window = await dashboard({ width, height });
    await window.type('?');
    const screen = await window.waitForScreen(/Session list/, 'the help');
    const lines = screen.split('\n');
    expect(lines[0]).toMatch(/^tmux-dashboard/);
    expect(lines[1]).toBe('Session list');
    // The help's last body line says where you are; the hint bar is the last line.
    expect(lines.find((line) => /^lines 1–\d+ of \d+/.test(line))).toBeDefined();
    expect(lines.findIndex((line) => /^lines 1–/.test(line))).toBe(height - 3);
    await window.type('G');
    await window.waitForScreen(/lines \d+–(\d+) of \1 /, 'the end of the help');
    await window.press('Escape');
    await window.waitForScreen(/›1 alpha/, 'the list again');
  });
});
