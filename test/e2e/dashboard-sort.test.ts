import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/terminal.js';
import { BIN, TestServer } from '../helpers/tmux-server.js';

let inner: TestServer;
let terminal: Terminal;

beforeEach(async () => {
  inner = new TestServer();
  // zeta is the most recently active, alpha has the most windows.
  await inner.start('alpha');
  await inner.tmux('new-window', '-t', '=alpha:');
  await inner.tmux('new-window', '-t', '=alpha:');
  await inner.tmux('new-session', '-d', '-s', 's10');
  await inner.tmux('new-session', '-d', '-s', 's2');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await inner.tmux('new-session', '-d', '-s', 'zeta');
  terminal = new Terminal();
});
afterEach(async () => {
  await terminal.close();
  await inner.kill();
});

function dashboard(env: Record<string, string> = {}): Promise<string> {
  return terminal.open(['sh', '-c', `'${process.execPath}' '${BIN}' -L ${inner.socketName}; echo "rc=$?"; exec sleep 600`], { env });
}

/** Session names in screen order. */
function order(screen: string): string[] {
  return [...screen.matchAll(/^[› ][1-9 ][* ](\S+)\s+\d+w/gm)].map((match) => match[1] ?? "");
}

describe('sorting in the dashboard', () => {
  it('s cycles the modes, the header says which, and the choice is remembered', async () => {
    await dashboard();
    let screen = await terminal.waitForScreen(/sort: activity[\s\S]*zeta/, 'the dashboard with its sessions');
    expect(order(screen)[0]).toBe('zeta');

    await terminal.send('s');
    screen = await terminal.waitForScreen(/sort: name \(a–z/, 'name order');
    expect(order(screen)).toEqual(['alpha', 's2', 's10', 'zeta']);

    await terminal.send('s');
    await terminal.waitForScreen(/sort: ai_first/, 'ai_first');
    await terminal.send('s');
    screen = await terminal.waitForScreen(/sort: windows_count/, 'windows_count');
    expect(order(screen)[0]).toBe('alpha');

    await terminal.send('q');
    await terminal.waitForScreen(/rc=0/, 'quit');
    const state = JSON.parse(readFileSync(path.join(terminal.outer.env.XDG_STATE_HOME ?? '', 'tmux-dashboard', 'state.json'), 'utf8')) as { sort_mode: string };
    expect(state.sort_mode).toBe('windows_count');

    await dashboard();
    await terminal.waitForScreen(/sort: windows_count/, 'the remembered mode on the next start');
  });

  it('TMUX_DASHBOARD_SORT_MODE beats the remembered mode', async () => {
    const stateDir = path.join(terminal.outer.env.XDG_STATE_HOME ?? '', 'tmux-dashboard');
    await dashboard();
    await terminal.waitForScreen(/sort: activity/, 'the dashboard');
    await terminal.send('s');
    await terminal.waitForScreen(/sort: name/, 'name');
    await terminal.send('q');
    await terminal.waitForScreen(/rc=0/, 'quit');
    expect(readFileSync(path.join(stateDir, 'state.json'), 'utf8')).toMatch(/"name"/);
    await dashboard({ TMUX_DASHBOARD_SORT_MODE: 'windows_count' });
    await terminal.waitForScreen(/sort: windows_count/, 'the environment\'s mode');
  });

  it('a state file that cannot be written: one warning, sorting still works', async () => {
    // A directory where state.json should be makes every write fail, even as root.
    const stateDir = path.join(terminal.outer.env.XDG_STATE_HOME ?? '', 'tmux-dashboard');
    await dashboard();
    await terminal.waitForScreen(/sort: activity/, 'the dashboard');
    mkdirSync(path.join(stateDir, 'state.json', 'in-the-way'), { recursive: true });
    await terminal.send('s');
    const screen = await terminal.waitForScreen(/will not be remembered/, 'the warning');
    expect(screen).toMatch(/sort: name/);
    expect(screen).toMatch(/cannot remember the state in /);
    await terminal.send('s');
    await terminal.waitForScreen(/sort: ai_first/, 'sorting goes on');
    await terminal.send('q');
    await terminal.waitForScreen(/rc=0/, 'quit');
  });

  it('a broken config: the dashboard starts with defaults and shows the warning', async () => {
    const dir = path.join(terminal.outer.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config.json'), '{"sort_mode": "name",,}');
    await dashboard();
    const screen = await terminal.waitForScreen(/warning: .*config\.json cannot be read/, 'the warning');
    expect(screen).toMatch(/sort: activity/);
  });

  it('an unwritable log leaves the dashboard working', async () => {
    const blocker = path.join(terminal.outer.home, 'a-file');
    writeFileSync(blocker, '');
    await dashboard({ TMUX_DASHBOARD_LOG: path.join(blocker, 'log.jsonl') });
    await terminal.waitForScreen(/sort: activity[\s\S]*zeta/, 'the dashboard with its sessions');
    await terminal.send('s');
    await terminal.waitForScreen(/sort: name/, 'keys still work');
  });
});
