import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionChangedError, SessionNotFoundError } from '../../src/tmux/errors.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
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
