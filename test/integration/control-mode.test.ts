import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { humanClientOf } from '../../src/tmux/control-lines.js';
import { ControlSource } from '../../src/tmux/control.js';
import { resolveServer, socketPathOf } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import type { Session } from '../../src/tmux/types.js';
import { Terminal } from '../helpers/terminal.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;
let terminal: Terminal;
let tmux: TmuxService;
let source: ControlSource | undefined;
let clock = 0;

beforeEach(async () => {
  server = new TestServer();
  await server.start('alpha');
  await server.tmux('new-session', '-d', '-s', 'beta', '-c', server.home);
  terminal = new Terminal();
  tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
});
afterEach(async () => {
  source?.stop();
  source = undefined;
  await terminal.close();
  await server.kill();
});

function newSource(preferredSessionId?: string): ControlSource {
  source = new ControlSource({ server: tmux.server, env: server.env, preferredSessionId, handshakeMs: 5000, now: () => clock });
  return source;
}

/** A person's client on `session`: a `tmux attach` in a terminal window. */
async function attachPerson(session: string): Promise<string> {
  const window = await terminal.open(['tmux', '-L', server.socketName, 'attach-session', '-t', `=${session}`]);
  const tty = (await terminal.outer.tmux('display-message', '-p', '-t', window, '#{pane_tty}')).trim();
  await waitFor(async () => ((await clientsOf()).some((client) => client.startsWith(`${tty} 0 ${session}`)) ? true : undefined), `a client on ${session}`);
  return tty;
}

/** Every client as `name control_mode session`. */
async function clientsOf(): Promise<string[]> {
  const out = (await server.tmux('list-clients', '-F', '#{client_name} #{client_control_mode} #{session_name}')).trim();
  return out === '' ? [] : out.split('\n');
}

const byName = (sessions: readonly Session[], name: string): Session => {
  const found = sessions.find((session) => session.name === name);
  if (found === undefined) throw new Error(`no session ${name}`);
  return found;
};

/** tmux's own processes of ours on this server in control mode. */
async function controlProcesses(): Promise<string[]> {
  const result = await execa('pgrep', ['-f', `tmux -u -L ${server.socketName} -C`], { reject: false });
  return result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n');
}

async function waitAttached(control: ControlSource, session: string): Promise<void> {
  await waitFor(async () => (control.attachedTo !== undefined && (await clientsOf()).some((client) => client.endsWith(` 1 ${session}`)) ? true : undefined), `the control client on ${session}`);
}

describe('tmux control mode as an event source', () => {
  it('rings when another client creates, renames or kills a session; the attached count and times of the session it joins stay as they were', async () => {
    await attachPerson('alpha');
    const before = byName(await tmux.listSessions(), 'alpha');
    // The attach must come in a later second than the person's, or a changed time could not be seen.
    await waitFor(() => (Math.floor(Date.now() / 1000) > Math.max(before.activity, before.lastAttached ?? 0) ? true : undefined), 'the next second');
    const control = newSource();
    let rings = 0;
    control.subscribe(() => rings++);
    control.sawList(await tmux.listSessions());
    await waitAttached(control, 'alpha');
    expect(control.attachedTo).toBe(before.id);

    const after = byName(control.sawList(await tmux.listSessions()), 'alpha');
    expect(after.attached).toBe(1);
    expect(after.activity).toBe(before.activity);
    expect(after.lastAttached).toBe(before.lastAttached);
    expect(byName(await tmux.listSessions(), 'beta').attached).toBe(0);

    for (const change of [
      ['new-session', '-d', '-s', 'gamma'],
      ['rename-session', '-t', '=gamma', 'delta'],
      ['kill-session', '-t', '=delta'],
    ]) {
      const heard = rings;
      await server.tmux(...change);
      await waitFor(() => (rings > heard ? true : undefined), `a ring after ${change.join(' ')}`);
    }
  });

  it('never starts while no person is attached: no session turns attached because of us', async () => {
    const control = newSource();
    control.subscribe(() => undefined);
    control.sawList(await tmux.listSessions());
    expect(control.attachedTo).toBeUndefined();
    expect(await clientsOf()).toEqual([]);
    expect((await tmux.listSessions()).map((session) => session.attached)).toEqual([0, 0]);
  });

  it('says "gone" when its session is killed, and the next list starts it on a session a person still looks at', async () => {
    await attachPerson('alpha');
    await attachPerson('beta');
    const sessions = await tmux.listSessions();
    const control = newSource(byName(sessions, 'alpha').id);
    let rings = 0;
    control.subscribe(() => rings++);
    control.sawList(sessions);
    await waitAttached(control, 'alpha');
    const heard = rings;
    await server.tmux('kill-session', '-t', '=alpha');
    await waitFor(() => (control.attachedTo === undefined && rings > heard ? true : undefined), 'the control client gone');
    clock += 60_000;
    control.sawList(await tmux.listSessions());
    await waitAttached(control, 'beta');
    expect(control.attachedTo).toBe(byName(sessions, 'beta').id);
  });

  it('leaves at once when tmux moves it to another session (a switch-client -c naming it, or detach-on-destroy off)', async () => {
    await attachPerson('alpha');
    const control = newSource();
    let rings = 0;
    control.subscribe(() => rings++);
    control.sawList(await tmux.listSessions());
    await waitAttached(control, 'alpha');
    const ours = (await clientsOf()).find((client) => client.includes(' 1 '))?.split(' ')[0] ?? '';
    await server.tmux('switch-client', '-c', ours, '-t', '=beta');
    await waitFor(async () => (control.attachedTo === undefined && !(await clientsOf()).some((client) => client.includes(' 1 ')) ? true : undefined), 'the control client gone from beta');
    expect(rings).toBeGreaterThan(0);
  });

  it('stops when the last listener leaves and when stopped: no tmux -C process is left', async () => {
    await attachPerson('alpha');
    const control = newSource();
    const unsubscribe = control.subscribe(() => undefined);
    control.sawList(await tmux.listSessions());
    await waitAttached(control, 'alpha');
    expect(await controlProcesses()).toHaveLength(1);
    unsubscribe();
    await waitFor(async () => ((await controlProcesses()).length === 0 ? true : undefined), 'no control process');
    control.subscribe(() => undefined);
    await waitAttached(control, 'alpha');
    control.stop();
    await waitFor(async () => ((await controlProcesses()).length === 0 && !(await clientsOf()).some((client) => client.includes(' 1 ')) ? true : undefined), 'no control client');
  });

  it('a switch from a pane moves the person’s client, not the control client attached to the same session', async () => {
    const person = await attachPerson('alpha');
    const sessions = await tmux.listSessions();
    const alpha = byName(sessions, 'alpha');
    const control = newSource(alpha.id);
    control.subscribe(() => undefined);
    control.sawList(sessions);
    await waitAttached(control, 'alpha');
    // The control client is now tmux's most recently active client of alpha: its "current client".
    const pane = alpha.panes[0]?.id ?? '';
    const inside = { ...server.env, TMUX: `${socketPathOf(tmux.server, server.env)},1,0`, TMUX_PANE: pane };
    const fromPane = new TmuxService(tmux.server, inside);
    await fromPane.attachOrSwitch(byName(sessions, 'beta'));
    const where = await clientsOf();
    expect(where).toContain(`${person} 0 beta`);
    expect(where.filter((client) => client.includes(' 1 ')).map((client) => client.split(' ')[2])).toEqual(['alpha']);
    // The dashboard names the client itself (src/dashboard/start.ts): the same one.
    expect(humanClientOf(sessions, alpha.id)).toBe(person);
  });
});
