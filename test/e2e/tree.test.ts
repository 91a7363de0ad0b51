import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

// The tree in a real terminal: open a session into its windows, go to one,
// rename and kill windows. The keys that matter go in ONE send-keys write.

let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

/** alpha with three windows: shell (0), logs (1), edit (2). */
async function threeWindows(): Promise<Map<string, string>> {
  await fx.inner.tmux('rename-window', '-t', '=alpha:0', 'shell');
  await fx.inner.tmux('new-window', '-d', '-t', '=alpha:1', '-n', 'logs');
  await fx.inner.tmux('new-window', '-d', '-t', '=alpha:2', '-n', 'edit');
  return windows('alpha');
}

/** A session's windows: name → id. */
async function windows(session: string): Promise<Map<string, string>> {
  const out = (await fx.inner.tmux('list-windows', '-t', `=${session}:`, '-F', '#{window_name}\t#{window_id}')).trim();
  return new Map(out.split('\n').map((line) => line.split('\t') as [string, string]));
}

/** The window each client of the inner server looks at, by the client's session. */
async function clientWindows(): Promise<Map<string, string>> {
  const out = (await fx.inner.tmux('list-clients', '-F', '#{session_name}\t#{window_id}')).trim();
  return new Map(out === '' ? [] : out.split('\n').map((line) => line.split('\t') as [string, string]));
}

const NAME_ORDER = { TMUX_DASHBOARD_SORT_MODE: 'name' };

describe('the tree, end to end', () => {
  it('outside tmux: l Down Down Enter in one write attaches with the second window selected', async () => {
    await fx.addSessions('alpha');
    const ids = await threeWindows();
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 alpha/, 'alpha selected');
    await fx.sendTogether('l', 'Down', 'Down', 'Enter');
    const logs = ids.get('logs');
    expect(logs).toMatch(/^@\d+$/);
    await waitFor(async () => ((await clientWindows()).get('alpha') === logs ? true : undefined), 'a client attached to alpha on its window logs');
    // Detached: the dashboard is back with the tree open and that window's row selected (now alpha's current window, ▸).
    await fx.press('C-b', 'd');
    await fx.waitForScreen(/›3 +├─▸1: logs/, 'the tree as it was left');
  });

  it('inside tmux: the same keys switch the client and select the window', async () => {
    await fx.addSessions('alpha', 'home');
    const ids = await threeWindows();
    const window = await fx.attachClient('home');
    await window.run({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 alpha/, 'alpha selected');
    await fx.sendTogether('l', 'Down', 'Down', 'Enter');
    const logs = ids.get('logs');
    await waitFor(async () => ((await fx.inner.tmux('display-message', '-p', '-t', window.client, '#{session_name} #{window_id}')).trim() === `alpha ${logs}` ? true : undefined), 'the client switched to alpha, window logs');
    expect(await window.waitForExit()).toBe(0);
  });

  it('the filter finds a session by a window’s name and selects that window: / logs Enter in one write goes there', async () => {
    await fx.addSessions('alpha', 'beta');
    const ids = await threeWindows();
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 alpha/, 'alpha selected');
    await fx.sendTogether('/', 'l', 'o', 'g', 's', 'Enter');
    await waitFor(async () => ((await clientWindows()).get('alpha') === ids.get('logs') ? true : undefined), 'a client attached to alpha on its window logs');
  });

  it('d on a window row kills exactly that window after saying what runs there; r renames one', async () => {
    await fx.addSessions('alpha', 'alphabet');
    await threeWindows();
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 alpha /, 'alpha selected');
    await fx.sendTogether('l', 'Down', 'Down', 'd');
    const dialog = await fx.waitForScreen(/Delete window 1: logs of alpha\?/, 'the window confirmation');
    expect(dialog).toMatch(/1 pane, running: /);
    expect(dialog).toMatch(/2 other windows stay/);
    await fx.press('y');
    await fx.waitForScreen(/deleted window logs of alpha/, 'the notice');
    expect([...(await windows('alpha')).keys()]).toEqual(['shell', 'edit']);
    expect(await fx.names()).toEqual(['alpha', 'alphabet']);

    // The next window took the deleted one's place, and the selection with it (not the session's row,
    // where the next d would offer the whole session): rename it.
    await fx.waitForScreen(/›3\s+└─ 2: edit/, 'the window edit selected');
    await fx.press('r');
    await fx.waitForScreen(/Rename window 2: edit of alpha/, 'the window rename dialog');
    await fx.sendTogether('C-u', 'b', 'u', 'i', 'l', 'd', '#', 'x', 'Enter');
    await fx.waitForScreen(/renamed window edit → build#x/, 'the notice');
    expect([...(await windows('alpha')).keys()]).toEqual(['shell', 'build#x']);
  });

  it('a window linked into another session: the dialog names it and that it ends there, and y does what it said', async () => {
    await fx.addSessions('alpha', 'notes');
    const ids = await threeWindows();
    // notes's only window is alpha's logs too: tmux's kill-window would end notes.
    const logs = ids.get('logs') ?? '';
    await fx.inner.tmux('link-window', '-d', '-s', logs, '-t', '=notes:5');
    await fx.inner.tmux('kill-window', '-t', '=notes:0');
    await fx.start({ env: NAME_ORDER });
    await fx.waitForScreen(/›1 alpha/, 'alpha selected');
    await fx.sendTogether('l', 'Down', 'Down', 'd');
    const dialog = await fx.waitForScreen(/Delete window 1: logs of alpha\?/, 'the window confirmation');
    expect(dialog).toMatch(/also in session notes: it closes there too/);
    expect(dialog).toMatch(/the last window of session notes: it ends too/);
    await fx.press('y');
    await fx.waitForScreen(/deleted window logs of alpha/, 'the notice');
    expect(await fx.names()).toEqual(['alpha']);
    expect([...(await windows('alpha')).keys()]).toEqual(['shell', 'edit']);
  });

  it('killing the last window says the session goes too', async () => {
    await fx.addSessions('solo');
    await fx.start();
    await fx.waitForScreen(/›1 solo/, 'solo selected');
    await fx.sendTogether('l', 'Down', 'd');
    await fx.waitForScreen(/its last window: session solo is deleted too/, 'the warning');
    await fx.press('y');
    // The notice says so until the next list, which finds no server left (its last session is gone): either may be on screen.
    await fx.waitForScreen(/deleted window|0 sessions/, 'the notice or the empty list');
    expect(await fx.names()).toEqual([]);
  });
});
