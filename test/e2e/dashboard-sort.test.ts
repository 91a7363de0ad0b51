import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(async () => {
  fx = new DashboardFixture();
  // zeta is the most recently active, alpha has the most windows.
  await fx.addSessions('alpha');
  await fx.inner.tmux('new-window', '-t', '=alpha:');
  await fx.inner.tmux('new-window', '-t', '=alpha:');
  await fx.addSessions('s10', 's2');
  // tmux counts activity in whole seconds: zeta is created in a later one.
  const latest = Math.max(...(await fx.inner.tmux('list-sessions', '-F', '#{session_activity}')).split('\n').map(Number));
  await waitFor(() => (Date.now() / 1000 >= latest + 1 ? true : undefined), 'the next second');
  await fx.addSessions('zeta');
});
afterEach(async () => {
  await fx.close();
});

/** Session names in screen order. */
function order(screen: string): string[] {
  return [...screen.matchAll(/^[› ][1-9 ][* ](\S+)\s+\d+ win/gm)].map((match) => match[1] ?? "");
}

describe('sorting in the dashboard', () => {
  it('s cycles the modes, the header says which, and the choice is remembered', async () => {
    await fx.start();
    let screen = await fx.waitForScreen(/sort: activity[\s\S]*zeta/, 'the dashboard with its sessions');
    expect(order(screen)[0]).toBe('zeta');

    await fx.press('s');
    screen = await fx.waitForScreen(/sort: name \(a–z/, 'name order');
    expect(order(screen)).toEqual(['alpha', 's2', 's10', 'zeta']);

    await fx.press('s');
    await fx.waitForScreen(/sort: ai_first/, 'ai_first');
    await fx.press('s');
    screen = await fx.waitForScreen(/sort: windows_count/, 'windows_count');
    expect(order(screen)[0]).toBe('alpha');

    await fx.press('q');
    expect(await fx.waitForExit('quit')).toBe(0);
    const state = JSON.parse(readFileSync(path.join(fx.env.XDG_STATE_HOME ?? '', 'tmux-dashboard', 'state.json'), 'utf8')) as { sort_mode: string };
    expect(state.sort_mode).toBe('windows_count');

    await fx.start();
    await fx.waitForScreen(/sort: windows_count/, 'the remembered mode on the next start');
  });

  it('p hides the preview, and the next start remembers it (the first frame too)', async () => {
    await fx.start({ width: 100, height: 30 });
    await fx.waitForScreen(/── zeta ─/, 'the preview of the selected session');
    await fx.press('p');
    await fx.waitForScreenWithout(/── zeta ─/, 'the preview hidden');
    await fx.press('q');
    expect(await fx.waitForExit('quit')).toBe(0);
    const state = JSON.parse(readFileSync(path.join(fx.env.XDG_STATE_HOME ?? '', 'tmux-dashboard', 'state.json'), 'utf8')) as { show_preview: boolean };
    expect(state.show_preview).toBe(false);

    await fx.start();
    const screen = await fx.waitForScreen(/Enter attach/, 'the next start');
    expect(screen).not.toMatch(/── zeta ─/);
    await fx.press('p');
    await fx.waitForScreen(/── zeta ─/, 'p brings it back');
  });

  it('TMUX_DASHBOARD_SORT_MODE beats the remembered mode', async () => {
    const stateDir = path.join(fx.env.XDG_STATE_HOME ?? '', 'tmux-dashboard');
    await fx.start();
    await fx.waitForScreen(/sort: activity/, 'the dashboard');
    await fx.press('s');
    await fx.waitForScreen(/sort: name/, 'name');
    await fx.press('q');
    expect(await fx.waitForExit('quit')).toBe(0);
    expect(readFileSync(path.join(stateDir, 'state.json'), 'utf8')).toMatch(/"name"/);
    await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'windows_count' } });
    await fx.waitForScreen(/sort: windows_count/, 'the environment\'s mode');
  });

  it('a state file that cannot be written: one warning, sorting still works', async () => {
    // A directory where state.json should be makes every write fail, even as root.
    const stateDir = path.join(fx.env.XDG_STATE_HOME ?? '', 'tmux-dashboard');
    await fx.start();
    await fx.waitForScreen(/sort: activity/, 'the dashboard');
    mkdirSync(path.join(stateDir, 'state.json', 'in-the-way'), { recursive: true });
    await fx.press('s');
    const screen = await fx.waitForScreen(/will not be remembered/, 'the warning');
    expect(screen).toMatch(/sort: name/);
    expect(screen).toMatch(/cannot remember the state in /);
    await fx.press('s');
    await fx.waitForScreen(/sort: ai_first/, 'sorting goes on');
    await fx.press('q');
    expect(await fx.waitForExit('quit')).toBe(0);
  });

  it('a broken config: the dashboard starts with defaults and shows the warning', async () => {
    const dir = path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config.json'), '{"sort_mode": "name",,}');
    await fx.start();
    const screen = await fx.waitForScreen(/warning: .*config\.json cannot be read/, 'the warning');
    expect(screen).toMatch(/sort: activity/);
  });

  it('an unwritable log leaves the dashboard working', async () => {
    const blocker = path.join(fx.home, 'a-file');
    writeFileSync(blocker, '');
    await fx.start({ env: { TMUX_DASHBOARD_LOG: path.join(blocker, 'log.jsonl') } });
    await fx.waitForScreen(/sort: activity[\s\S]*zeta/, 'the dashboard with its sessions');
    await fx.press('s');
    await fx.waitForScreen(/sort: name/, 'keys still work');
  });
});
