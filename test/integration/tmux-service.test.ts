import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionChangedError, SessionNotFoundError } from '../../src/tmux/errors.js';
import { LIST_ARGS, RS } from '../../src/tmux/formats.js';
import { runTmux } from '../../src/tmux/runner.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import type { Session } from '../../src/tmux/types.js';
import { Terminal } from '../helpers/terminal.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;
let tmux: TmuxService;

beforeEach(async () => {
  server = new TestServer();
  await server.start('keep');
  tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
});
afterEach(async () => {
  await server.kill();
});

describe('TmuxService', () => {
  it('lists no session, and a server running, when the server is kept alive without any (exit-empty off)', async () => {
    await server.tmux('set-option', '-g', 'exit-empty', 'off');
    await server.tmux('kill-session', '-t', '=keep');
    expect(await tmux.snapshot()).toEqual({ serverRunning: true, sessions: [] });
    expect(await tmux.snapshot({ quick: true })).toEqual({ serverRunning: true, sessions: [] });
  });

  it('lists every session with its panes in one call', async () => {
    await server.tmux('new-session', '-d', '-s', 'two', '-c', server.home);
    await server.tmux('split-window', '-t', '=two:', '-c', server.home);
    const sessions = await tmux.listSessions();
    expect(sessions.map((s) => s.name).sort()).toEqual(['keep', 'two']);
    const two = sessions.find((s) => s.name === 'two');
    expect(two?.panes).toHaveLength(2);
    expect(two?.panes.every((pane) => pane.path === server.home)).toBe(true);
    expect(two?.windows).toBe(1);
    expect(two?.attached).toBe(0);
  });

  it('records a look at a session in the one list call: markSeen writes it, the list reads it back', async () => {
    const keep = await tmux.requireByName('keep');
    expect(keep.seenAt).toBeNull();
    await tmux.markSeen(keep, 1_700_000_123.9);
    expect((await tmux.requireByName('keep')).seenAt).toBe(1_700_000_123);
  });

  it('never acts on a session renamed since it was looked up', async () => {
    const stale = await tmux.requireByName('keep');
    await server.tmux('rename-session', '-t', '=keep', 'other');
    await expect(tmux.killSession(stale)).rejects.toBeInstanceOf(SessionChangedError);
    await expect(tmux.renameSession(stale, 'x')).rejects.toBeInstanceOf(SessionChangedError);
    expect(await server.sessionNames()).toEqual(['other']);
  });

  it('never acts on a session killed since it was looked up', async () => {
    const stale = await tmux.requireByName('keep');
    await server.tmux('new-session', '-d', '-s', 'keep2');
    await server.tmux('kill-session', '-t', '=keep');
    await expect(tmux.killSession(stale)).rejects.toBeInstanceOf(SessionNotFoundError);
    expect(await server.sessionNames()).toEqual(['keep2']);
  });

  it('concurrent creates of one name all succeed under distinct names', async () => {
    const created = await Promise.all(Array.from({ length: 4 }, () => tmux.createSession('proj', server.home)));
    expect(created.map((c) => c.name).sort()).toEqual(['proj', 'proj-2', 'proj-3', 'proj-4']);
    expect(new Set(created.map((c) => c.id)).size).toBe(4);
  });

  it('captures the text of a pane', async () => {
    const [keep] = await tmux.listSessions();
    const pane = keep?.panes[0];
    if (pane === undefined) throw new Error('no pane');
    await server.tmux('send-keys', '-t', pane.id, 'echo hello-from-pane', 'Enter');
    const text = await waitFor(async () => {
      const captured = await tmux.capturePane(pane, 20);
      return captured.includes('hello-from-pane\n') ? captured : undefined;
    }, 'the pane to show the echo');
    expect(text).toContain('hello-from-pane');
  });
});

describe('TmuxService: the clients attached, from the same one call', () => {
  let terminal: Terminal;
  beforeEach(async () => {
    await server.tmux('new-session', '-d', '-s', 'other', '-c', server.home);
    terminal = new Terminal();
  });
  afterEach(async () => {
    await terminal.close();
  });

  async function sessionsOnceAttached(count: number): Promise<Session[]> {
    return waitFor(async () => {
      const sessions = await tmux.listSessions();
      return sessions.reduce((sum, s) => sum + s.clients.length, 0) === count ? sessions : undefined;
    }, `${count} client(s) listed`);
  }

  it('inside the server, a switch goes by id in one call: to a renamed session, never to one killed since, nor to its namesake', async () => {
    const window = await terminal.open(['tmux', '-L', server.socketName, 'attach-session', '-t', '=keep']);
    const tty = (await terminal.outer.tmux('display-message', '-p', '-t', window, '#{pane_tty}')).trim();
    await sessionsOnceAttached(1);
    const socket = (await server.tmux('display-message', '-p', '#{socket_path}')).trim();
    const inside = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), { ...server.env, TMUX: `${socket},1,0` });
    // list-clients: display-message -c names the client to show a message to, not the session its format reads.
    const clientSession = async () => (await server.tmux('list-clients', '-F', '#{client_tty} #{session_name}')).trim().replace(`${tty} `, '');

    const renamed = await inside.requireByName('other');
    await server.tmux('rename-session', '-t', '=other', 'moved');
    await expect(inside.attachOrSwitch(renamed, tty)).resolves.toBe(0);
    await waitFor(async () => ((await clientSession()) === 'moved' ? true : undefined), 'the client on the renamed session');

    const gone = await inside.requireByName('keep');
    await server.tmux('kill-session', '-t', '=keep');
    await server.tmux('new-session', '-d', '-s', 'keep');
    await expect(inside.attachOrSwitch(gone, tty)).rejects.toThrow(SessionNotFoundError);
    await expect(inside.attachOrSwitch(gone, tty)).rejects.toThrow(/keep/);
    expect(await clientSession()).toBe('moved');
  });

  it("reads a client's own session and pane folder, not the newest session's", async () => {
    await server.tmux('new-session', '-d', '-s', 'here', '-c', '/usr');
    const window = await terminal.open(['tmux', '-L', server.socketName, 'attach-session', '-t', '=here']);
    const tty = (await terminal.outer.tmux('display-message', '-p', '-t', window, '#{pane_tty}')).trim();
    await sessionsOnceAttached(1);
    // tmux's current session is now the newest, not the client's.
    await server.tmux('new-session', '-d', '-s', 'newest', '-c', '/etc');
    const here = (await tmux.listSessions()).find((s) => s.name === 'here');
    expect(await tmux.clientView(tty)).toEqual({ sessionId: here?.id, panePath: '/usr' });
    expect(await tmux.clientView('/dev/pts/no-such-client')).toBeUndefined();
  });

  it('with no client attached there are no client records, and every session has none', async () => {
    const raw = await runTmux({ server: tmux.server, env: server.env }, LIST_ARGS);
    expect(raw).toContain(`${RS}S`);
    expect(raw).not.toContain(`${RS}C`);
    const sessions = await tmux.listSessions();
    expect(sessions.map((s) => [s.name, s.clients])).toEqual([['keep', []], ['other', []]]);
  });

  it('lists a client attached in a real terminal, by its tty, on its session only', async () => {
    const plain = await terminal.open(['tmux', '-L', server.socketName, 'attach-session', '-t', '=keep']);
    const readOnly = await terminal.open(['tmux', '-L', server.socketName, 'attach-session', '-r', '-t', '=keep']);
    const ttyOf = async (window: string) => (await terminal.outer.tmux('display-message', '-p', '-t', window, '#{pane_tty}')).trim();
    const [plainTty, readOnlyTty] = [await ttyOf(plain), await ttyOf(readOnly)];
    const termName = (await terminal.outer.tmux('show-options', '-gv', 'default-terminal')).trim();

    const sessions = await sessionsOnceAttached(2);
    const keep = sessions.find((s) => s.name === 'keep');
    const other = sessions.find((s) => s.name === 'other');
    expect(keep?.attached).toBe(2);
    expect(keep?.clients.map((c) => c.tty).sort()).toEqual([plainTty, readOnlyTty].sort());
    expect(keep?.clients.find((c) => c.tty === plainTty)).toMatchObject({ name: plainTty, termName, controlMode: false, readOnly: false });
    expect(keep?.clients.find((c) => c.tty === readOnlyTty)).toMatchObject({ name: readOnlyTty, controlMode: false, readOnly: true });
    const now = Date.now() / 1000;
    for (const client of keep?.clients ?? []) expect(Math.abs(client.activity - now)).toBeLessThan(120);
    expect(other?.attached).toBe(0);
    expect(other?.clients).toEqual([]);
  });

  it('marks a control-mode client, and reads a TERM holding separators exactly, without shifting its fields', async () => {
    // No terminal at all: tmux then takes any TERM and names the client client-PID.
    const control = execa('tmux', ['-u', '-f', '/dev/null', '-L', server.socketName, '-C', 'attach-session', '-t', '=other'], {
      env: { ...server.env, TERM: 'odd\x1fterm\x1ename' },
      extendEnv: false,
      stdin: 'pipe',
      reject: false,
    });
    try {
      const sessions = await sessionsOnceAttached(1);
      expect(sessions.find((s) => s.name === 'other')?.clients).toEqual([
        { name: `client-${String(control.pid)}`, tty: '', termName: 'odd\x1fterm\x1ename', activity: expect.any(Number) as number, controlMode: true, readOnly: false, lastSession: '' },
      ]);
      expect(sessions.find((s) => s.name === 'keep')?.clients).toEqual([]);
      // Switched: the session it left is its last one (what L goes back to), read with the same call.
      await server.tmux('switch-client', '-c', `client-${String(control.pid)}`, '-t', '=keep');
      const switched = await tmux.snapshot();
      expect(switched.sessions.find((s) => s.name === 'keep')?.clients.map((client) => client.lastSession)).toEqual(['other']);
    } finally {
      control.stdin.end();
      await control;
    }
  });
});
