import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

// The built dashboard in a real terminal, agents marked by hook calls (what
// Claude Code's hooks run). No real agent: a fake one is a process named
// `claude`.

let fx: DashboardFixture;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  await fx.close();
});

/** A session whose pane runs a fake agent: `exec`, so that it leads the pane's process group and tmux names the pane after it. */
async function agentSession(name: string): Promise<string> {
  return (await fx.inner.tmux('new-session', '-d', '-P', '-F', '#{pane_id}', '-s', name, '-x', '120', '-y', '40', "exec bash -c 'exec -a claude sleep 600'")).trim();
}

/**
 * A `tmux` in front of the real one that logs every call, and lets the
 * dashboard's list calls (`list-sessions …`) run only up to the number in
 * the gate file while it exists: a test can allow exactly one more refresh.
 */
function gatedTmux(dir: string): { pathDir: string; listCalls: () => number; allow: (calls: number) => void; open: () => void } {
  mkdirSync(dir, { recursive: true });
  const log = path.join(dir, 'calls.log');
  const gate = path.join(dir, 'gate');
  writeFileSync(log, '');
  const tmuxPath = (process.env.PATH ?? '').split(':').map((each) => path.join(each, 'tmux')).find((file) => existsSync(file)) ?? 'tmux';
  const script = [
    '#!/bin/sh',
    `echo "$*" >> '${log}'`,
    'case "$*" in *list-sessions*)',
    `  n=$(grep -c list-sessions '${log}')`,
    `  while [ -f '${gate}' ] && [ "$n" -gt "$(cat '${gate}')" ]; do sleep 0.05; done ;;`,
    'esac',
    `exec '${tmuxPath}' "$@"`,
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'tmux'), script);
  chmodSync(path.join(dir, 'tmux'), 0o755);
  return {
    pathDir: dir,
    listCalls: () => readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('list-sessions')).length,
    allow: (calls) => {
      writeFileSync(`${gate}.new`, String(calls));
      // Renamed into place: the shim never reads half a number.
      renameSync(`${gate}.new`, gate);
    },
    open: () => {
      rmSync(gate, { force: true });
    },
  };
}

/** BEL characters in a terminal's output, not counting those that end an OSC sequence (a title, a hyperlink). */
function bells(output: string): number {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return output.replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '').split('\x07').length - 1;
}

/** The screen line of a session's row. */
const rowOf = (screen: string, name: string) => screen.split('\n').find((line) => new RegExp(`^[› ][1-9 ][* ]${name}\\s`).test(line)) ?? '';

describe('agents in the dashboard, end to end', () => {
  it('a hook call shows within one refresh (row and header); the bell rings once; ! selects the waiting session and Enter goes there', async () => {
    await fx.addSessions('alpha');
    const busy = await agentSession('busy');
    const wait = await agentSession('wait');
    await fx.addSessions('zed');
    const tmux = gatedTmux(path.join(fx.scratch, 'shim'));
    mkdirSync(path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard'), { recursive: true });
    writeFileSync(path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard', 'config.json'), JSON.stringify({ refresh_interval_ms: 500 }));

    const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name', PATH: `${tmux.pathDir}:${process.env.PATH ?? ''}` } });
    // Everything the dashboard writes to its terminal, byte for byte.
    const output = path.join(fx.scratch, 'output');
    await fx.terminal.outer.tmux('pipe-pane', '-o', '-t', window.id, `cat >> '${output}'`);
    const bellFlag = async () => (await fx.terminal.outer.tmux('display-message', '-p', '-t', window.id, '#{window_bell_flag}')).trim();

    let screen = await fx.waitForScreen(/›1 alpha[\s\S]*wait/, 'the list');
    // An agent process no source says anything about: the plain marker.
    expect(rowOf(screen, 'wait')).toMatch(/\bAI\b/);
    await fx.inner.cli(['agent-state', 'working', '--pane', busy]);
    screen = await fx.waitForScreen(/» work/, 'busy working');
    expect(rowOf(screen, 'busy')).toMatch(/» work/);
    expect(screen).not.toMatch(/need you/);

    // Only one more list call may run once the hook has returned: the first one must show it.
    const before = tmux.listCalls();
    tmux.allow(before);
    expect((await fx.inner.cli(['agent-state', 'needs-input', '--pane', wait])).exitCode).toBe(0);
    tmux.allow(before + 1);
    screen = await fx.waitForScreen(/! input/, 'the waiting row, after one refresh');
    expect(rowOf(screen, 'wait')).toMatch(/! input/);
    expect(screen.split('\n')[0]).toMatch(/· 1 need you ·/);
    expect(screen).toMatch(/claude in wait needs you \(! jumps there\)/);
    tmux.open();

    // Rung once: not again on the refreshes while it keeps waiting, and working rang nothing.
    const after = tmux.listCalls();
    await waitFor(() => (tmux.listCalls() >= after + 3 ? true : undefined), 'three more refreshes');
    expect(bells(readFileSync(output, 'latin1'))).toBe(1);
    expect(await bellFlag()).toBe('1');

    await fx.press('!');
    screen = await fx.waitForScreen(/›\d wait/, 'the waiting session selected');
    expect(rowOf(screen, 'busy')).toMatch(/^ /);
    await fx.press('Enter');
    await fx.waitForScreen(/\[wait\]/, 'attached to wait');
    expect((await fx.clients()).map((client) => client.session)).toEqual(['wait']);
  });

  it('notify: off rings no bell, and still says so in the status line', async () => {
    await fx.addSessions('alpha');
    const wait = await agentSession('wait');
    const tmux = gatedTmux(path.join(fx.scratch, 'shim'));
    mkdirSync(path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard'), { recursive: true });
    writeFileSync(path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard', 'config.json'), JSON.stringify({ refresh_interval_ms: 500, notify: 'off' }));
    const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name', PATH: `${tmux.pathDir}:${process.env.PATH ?? ''}` } });
    const output = path.join(fx.scratch, 'output');
    await fx.terminal.outer.tmux('pipe-pane', '-o', '-t', window.id, `cat >> '${output}'`);
    await fx.waitForScreen(/›1 alpha[\s\S]*wait/, 'the list');
    await fx.inner.cli(['agent-state', 'needs-input', '--pane', wait]);
    const screen = await fx.waitForScreen(/claude in wait needs you/, 'the status line');
    expect(screen.split('\n')[0]).toMatch(/· 1 need you ·/);
    // A bell would have been written right after that frame: wait for later ones.
    const after = tmux.listCalls();
    await waitFor(() => (tmux.listCalls() >= after + 3 ? true : undefined), 'three more refreshes');
    expect(bells(readFileSync(output, 'latin1'))).toBe(0);
    expect((await fx.terminal.outer.tmux('display-message', '-p', '-t', window.id, '#{window_bell_flag}')).trim()).toBe('0');
  });
});
