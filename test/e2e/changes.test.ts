import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

/** The inner server's control-mode clients, as `name session`. */
async function controlClients(): Promise<string[]> {
  const out = (await fx.inner.tmux('list-clients', '-F', '#{client_control_mode} #{client_name} #{session_name}')).trim();
  return out === '' ? [] : out.split('\n').filter((line) => line.startsWith('1 ')).map((line) => line.slice(2));
}

describe('changes made elsewhere', () => {
  it('a session another client creates, renames and kills shows on the dashboard before the next poll could; the dashboard leaves no control client behind', async () => {
    await fx.addSessions('alpha', 'beta');
    const dir = path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard');
    mkdirSync(dir, { recursive: true });
    // A poll every 10 s: within the waits below only tmux's notification can explain a change on screen.
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ refresh_interval_ms: 10_000 }));
    const window = await fx.attachClient('alpha');
    await window.run({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await window.waitForScreen(/alpha[\s\S]*beta/, 'the list');
    // The control client joins the session the person's client shows, and is not counted as attached.
    await waitFor(async () => ((await controlClients()).length === 1 ? true : undefined), 'the control client');
    expect((await controlClients())[0]).toMatch(/ alpha$/);
    const budget = 7000;

    await fx.inner.tmux('new-session', '-d', '-s', 'gamma');
    let screen = await window.waitForScreen(/gamma/, 'gamma, made elsewhere', budget);
    expect(screen).toMatch(/alpha .*●1 /);
    await fx.inner.tmux('rename-session', '-t', '=gamma', 'delta');
    screen = await window.waitForScreen(/delta/, 'gamma renamed elsewhere', budget);
    expect(screen).not.toMatch(/gamma/);
    await fx.inner.tmux('kill-session', '-t', '=delta');
    await window.waitForScreenWithout(/delta/, 'delta killed elsewhere', budget);

    await window.press('q');
    expect(await window.waitForExit()).toBe(0);
    expect(await controlClients()).toEqual([]);
    const left = await execa('pgrep', ['-f', `-L ${fx.inner.socketName} -C`], { reject: false });
    expect(left.stdout.trim()).toBe('');
  });

  it('SIGTERM to the dashboard (a popup closed, a logout) ends its control client too', async () => {
    await fx.addSessions('alpha');
    const window = await fx.attachClient('alpha');
    await window.run();
    await window.waitForScreen(/alpha/, 'the list');
    await waitFor(async () => ((await controlClients()).length === 1 ? true : undefined), 'the control client');
    const clientPid = Number((await fx.inner.tmux('list-clients', '-F', '#{client_control_mode} #{client_pid}')).split('\n').find((line) => line.startsWith('1 '))?.slice(2));
    // Its parent is the dashboard (spawned directly, in a process group of its own).
    const dashboardPid = Number(readFileSync(`/proc/${clientPid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
    expect(readFileSync(`/proc/${dashboardPid}/cmdline`, 'utf8')).toMatch(/tmux-dashboard/);
    process.kill(dashboardPid, 'SIGTERM');
    await window.waitForExit();
    await waitFor(async () => ((await controlClients()).length === 0 ? true : undefined), 'no control client');
    // Gone, or dead and waiting for its new parent to reap it.
    const state = existsSync(`/proc/${clientPid}`) ? readFileSync(`/proc/${clientPid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[0] : 'gone';
    expect(['gone', 'Z']).toContain(state);
  });

  it('control_mode: false polls only: no control client joins', async () => {
    await fx.addSessions('alpha');
    const window = await fx.attachClient('alpha');
    await window.run({ env: { TMUX_DASHBOARD_CONTROL_MODE: 'false' } });
    await window.waitForScreen(/alpha/, 'the list');
    // A change is listed (by the poll) only after the UI has subscribed, where the client would have started.
    await fx.inner.tmux('new-session', '-d', '-s', 'later');
    await window.waitForScreen(/later/, 'the poll');
    expect(await controlClients()).toEqual([]);
    await window.press('q');
    expect(await window.waitForExit()).toBe(0);
  });
});
