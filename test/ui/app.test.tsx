import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import { renderAppOn, type AppOptions } from '../helpers/app-on-terminal.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

// The UI against a real private tmux server: the keys are simulated, the sessions are not.
let server: TestServer;
let tmux: TmuxService;
const apps: { unmount: () => void }[] = [];

beforeEach(async () => {
  server = new TestServer();
  await server.start('alpha');
  await server.tmux('new-session', '-d', '-s', 'beta');
  await server.tmux('new-window', '-t', '=beta:');
  await server.tmux('new-session', '-d', '-s', 'gamma');
  tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
});
afterEach(async () => {
  for (const app of apps.splice(0)) app.unmount();
  await server.kill();
});

function renderApp(options: AppOptions = {}) {
  const app = renderAppOn(server, tmux, options);
  apps.push(app);
  return app;
}

/** Names in list order, and the selected one. */
function listed(frame: string): { order: string[]; selected: string | undefined } {
  const rows = [...frame.matchAll(/^([› ])[1-9 ][* ](\S+)\s+\d+ win/gm)];
  return { order: rows.map((row) => row[2] ?? ''), selected: rows.find((row) => row[1] === '›')?.[2] };
}

const DOWN = '\u001b[B';
const UP = '\u001b[A';
const ESC = '\u001b';
const ENTER = '\r';
const anyId = expect.stringMatching(/^\$/) as unknown;

describe('the dashboard UI', () => {
  it('shows the sessions, the count and the sort mode', async () => {
    const { until, frame } = renderApp();
    await until(/gamma/, 'the list');
    expect(frame()).toMatch(/3 sessions · sort: name \(a–z\)/);
    expect(listed(frame()).order).toEqual(['alpha', 'beta', 'gamma']);
    expect(frame()).toMatch(/beta\s+2 win/);
  });

  it('with a list taken before it mounted, the very first frame shows it', async () => {
    const { frame, until } = renderApp({ snapshot: await tmux.snapshot() });
    await until(/gamma/, 'a frame');
    expect(listed(frame()).order).toEqual(['alpha', 'beta', 'gamma']);
    expect(frame()).not.toMatch(/Loading/);
  });

  it('a lone line feed (Enter typed ahead in cooked mode, or Ctrl-J) attaches like Enter', async () => {
    const { until, press, done } = renderApp();
    await until(/›1 alpha/, 'the list');
    await press('j', /›2 beta/);
    await press('\n');
    await waitFor(() => done[0], 'the attach');
    expect(done).toEqual([{ kind: 'attach', session: { id: anyId, name: 'beta' }, typedAhead: [] }]);
  });

  it('inside tmux, Enter switches the client (the UI closes)', async () => {
    const { until, press, done } = renderApp({ context: { insideTmux: true } });
    await until(/›1 alpha/, 'the list');
    await press('jj\r');
    await waitFor(() => done[0], 'the switch');
    expect(done).toEqual([{ kind: 'switch', session: { id: anyId, name: 'gamma' }, typedAhead: [] }]);
  });

  it('the preview of the dashboard’s own pane says so instead of showing the dashboard inside itself', async () => {
    await server.tmux('send-keys', '-t', '=alpha:', 'echo alpha-text', 'Enter');
    const alpha = (await tmux.snapshot()).sessions.find((session) => session.name === 'alpha');
    const ownPaneId = alpha?.panes.find((pane) => pane.active && pane.windowActive)?.id;
    expect(ownPaneId).toMatch(/^%/);
    const { until, frame } = renderApp({ context: { ownPaneId } });
    await until(/this pane runs the dashboard/, 'the note');
    expect(frame()).not.toMatch(/alpha-text/);
    // Control: without it, the same pane's text is shown.
    const other = renderApp();
    await other.until(/alpha-text/, 'the pane text');
  });

  it('moves with j/k, arrows, g and G', async () => {
    const { until, press, frame } = renderApp();
    await until(/›1 alpha/, 'alpha selected');
    await press('j', /›2 beta/);
    await press(DOWN, /›3 gamma/);
    await press('k', /›2 beta/);
    await press(UP, /›1 alpha/);
    await press('G', /›3 gamma/);
    await press('g', /›1 alpha/);
    expect(listed(frame()).selected).toBe('alpha');
  });

  it('s cycles the sort modes, reports each choice, and keeps the selection on the same session', async () => {
    await server.tmux('send-keys', '-t', '=alpha:', 'echo busy', 'Enter'); // alpha most recent
    const { until, press, frame, sortChanges } = renderApp();
    await until(/›1 alpha/, 'the list');
    await press('j', /›2 beta/);
    await press('s', /sort: ai_first/);
    expect(listed(frame()).selected).toBe('beta');
    await press('s', /sort: windows_count/);
    expect(listed(frame()).order[0]).toBe('beta'); // two windows
    expect(listed(frame()).selected).toBe('beta');
    await press('s', /sort: activity/);
    await press('s', /sort: name/);
    expect(sortChanges).toEqual(['ai_first', 'windows_count', 'activity', 'name']);
  });

  it('keeps the selection on its session across refreshes that add sessions before it', async () => {
    const { until, press, frame } = renderApp();
    await until(/›1 alpha/, 'the list');
    await press('G', /›3 gamma/);
    await server.tmux('new-session', '-d', '-s', 'aaa');
    await until(/aaa/, 'the refreshed list');
    expect(listed(frame()).selected).toBe('gamma');
    expect(listed(frame()).order).toEqual(['aaa', 'alpha', 'beta', 'gamma']);
  });

  it('/ filters as you type; Esc clears, Esc again leaves; Enter attaches the highlighted row, not the top match', async () => {
    const { until, press, frame, done } = renderApp();
    await until(/gamma/, 'the list');
    await press('/', /\/█/);
    await press('ga', /\/ga█/);
    expect(listed(frame()).order).toEqual(['gamma']);
    await press(ESC, /\/█/);
    expect(listed(frame()).order).toHaveLength(3);
    await press('a', /\/a█/);
    const order = listed(frame()).order;
    expect(order.length).toBeGreaterThan(1);
    await press(DOWN + ENTER);
    await waitFor(() => done[0], 'the attach result');
    expect(done[0]).toMatchObject({ kind: 'attach', session: { name: order[1] } });
  });

  it('Enter twice at once attaches once, and the UI closes with an empty last frame', async () => {
    const { until, press, stdout, done } = renderApp();
    await until(/›1 alpha/, 'the list');
    await press(ENTER + ENTER);
    await waitFor(() => done[0], 'the attach result');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The second Enter is the session's: it goes on to its pane, as it would a moment later.
    expect(done).toEqual([{ kind: 'attach', session: { id: anyId, name: 'alpha' }, typedAhead: [{ kind: 'named', name: 'Enter' }] }]);
    // Ink shows the cursor again as it unmounts; the frame before that is empty.
    expect(stdout.frames.filter((frame) => frame !== '\u001b[?25h').at(-1)).toBe('');
  });

  it('1–9 attach the session on that row', async () => {
    const { until, press, done } = renderApp();
    await until(/gamma/, 'the list');
    await press('3');
    await waitFor(() => done[0], 'the attach result');
    expect(done[0]).toMatchObject({ kind: 'attach', session: { name: 'gamma' } });
  });

  it('q quits, and so does Ctrl-C', async () => {
    const first = renderApp();
    await first.until(/gamma/, 'the list');
    await first.press('q');
    await waitFor(() => first.done[0], 'quit');
    expect(first.done[0]).toEqual({ kind: 'quit' });
    const second = renderApp();
    await second.until(/gamma/, 'the list');
    await second.press('\u0003');
    await waitFor(() => second.done[0], 'quit');
    expect(second.done[0]).toEqual({ kind: 'quit' });
  });

  it('a takeover request closes the UI with its reason', async () => {
    const { until, requestQuit, done } = renderApp();
    await until(/gamma/, 'the list');
    requestQuit({ type: 'quitRequested', reason: 'takeover', message: 'another tmux-dashboard took over' });
    await waitFor(() => done[0], 'the close');
    expect(done[0]).toEqual({ kind: 'takeover', message: 'another tmux-dashboard took over' });
  });

  it('Esc and a key arriving together (tmux escape-time) act as Esc, then the key', async () => {
    const { until, press, done } = renderApp();
    await until(/gamma/, 'the list');
    await press('?', /Session list/);
    await press('\u001bq');
    await waitFor(() => done[0], 'quit');
    expect(done[0]).toEqual({ kind: 'quit' });
  });

  it('a lone Esc closes the help once nothing follows it', async () => {
    const { until, press } = renderApp();
    await until(/gamma/, 'the list');
    await press('?', /Session list[\s\S]*filter the sessions/);
    await press(ESC, /›1 alpha/);
  });

  it('p hides and shows the preview', async () => {
    const { until, press } = renderApp();
    await until(/── alpha/, 'the preview');
    await press('p');
    await until(/^(?![\s\S]*── alpha)/, 'no preview');
    await press('p', /── alpha/);
  });

  it('n: prefilled with the project name, shows the result; Esc cancels; Enter creates and attaches', async () => {
    const { until, press, done } = renderApp();
    await until(/gamma/, 'the list');
    await press('n', /New session[\s\S]*→ Enter creates /);
    await press(ESC);
    await until(/^(?![\s\S]*New session)/, 'the dialog to close');
    await press('n', /New session/);
    // The prefilled name is the start directory's project name; typing extends it, sanitised.
    const auto = path.basename(server.home);
    await until(new RegExp(`Name: ${auto}`), 'the prefilled name');
    await press('.x', new RegExp(`→ Enter creates ${auto}_x`));
    await press(ENTER);
    await waitFor(() => done[0], 'the attach result');
    expect(done[0]).toMatchObject({ kind: 'attach', session: { name: `${auto}_x` } });
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'beta', 'gamma', `${auto}_x`].sort());
  });

  it('R renames the selected session; an empty name is refused', async () => {
    const { until, press } = renderApp();
    await until(/›1 alpha/, 'the list');
    await press('R', /Rename alpha[\s\S]*New name: alpha/);
    await press('\u0015', /name cannot be empty/);
    await press(ENTER, /name cannot be empty/);
    await press('alpha.x', /→ Enter renames it to alpha_x/);
    await press(ENTER, /renamed alpha → alpha_x/);
    expect((await server.sessionNames()).sort()).toEqual(['alpha_x', 'beta', 'gamma']);
  });

  it('d asks first (what runs there); n keeps it, y deletes it and selects its neighbour', async () => {
    const { until, press, frame } = renderApp();
    await until(/›1 alpha/, 'the list');
    await press('d', /Delete session alpha\?[\s\S]*running: [\s\S]*no client is attached/);
    await press('n');
    await until(/^(?![\s\S]*Delete session)/, 'the dialog to close');
    expect(frame()).not.toMatch(/New session/);
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'beta', 'gamma']);
    await press('j', /›2 beta/);
    await press('d', /Delete session beta\?/);
    await press('y', /deleted beta/);
    expect(listed(frame()).selected).toBe('gamma');
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'gamma']);
  });

  it('dry run refuses n, R and d with a message', async () => {
    const { until, press } = renderApp({ config: { dry_run: true } });
    await until(/gamma/, 'the list');
    await press('d', /dry run is on: deleting is refused/);
    await press('R', /dry run is on: renaming is refused/);
    await press('n', /dry run is on: creating a session is refused/);
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'beta', 'gamma']);
  });
});
