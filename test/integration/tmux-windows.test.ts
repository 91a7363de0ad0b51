import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runEffect } from '../../src/dashboard/effects.js';
import { Logger } from '../../src/log/logger.js';
import { SessionChangedError } from '../../src/tmux/errors.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import type { SessionRef, WindowReach, WindowRef } from '../../src/tmux/types.js';
import { TestServer } from '../helpers/tmux-server.js';

// The window actions of the tree against a real server: each re-checks the
// session (id, name) and that the window is still its own, under the name
// the user saw, right before it acts.

let server: TestServer;
let tmux: TmuxService;

beforeEach(async () => {
  server = new TestServer();
  await server.start('alpha');
  await server.tmux('new-window', '-d', '-t', '=alpha:', '-n', 'logs');
  await server.tmux('new-session', '-d', '-s', 'alphabet');
  tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
});
afterEach(async () => {
  await server.kill();
});

async function refs(session: string, window: string): Promise<{ ref: SessionRef; win: WindowRef }> {
  const [id = '', windowId = '', index = ''] = (await server.tmux('display-message', '-p', '-t', `=${session}:${window}`, '#{session_id} #{window_id} #{window_index}')).trim().split(' ');
  return { ref: { id, name: session }, win: { id: windowId, name: window, index: Number(index) } };
}

/** A window in its own session only, which has other windows. */
const ALONE: WindowReach = { alsoIn: [], ending: [] };

// (`display-message -t =name` prints nothing on 3.3a: the list is read instead.)
const sessionId = async (name: string) => (await server.tmux('list-sessions', '-F', '#{session_id} #{session_name}')).split('\n').find((line) => line.endsWith(` ${name}`))?.split(' ')[0] ?? '';

const windowNames = async (session: string) => (await server.tmux('list-windows', '-t', `=${session}:`, '-F', '#{window_name}')).split('\n');

describe('window actions, re-checked before acting', () => {
  it('kills exactly that window; a renamed window, a renamed session or a window moved away is refused, nothing done', async () => {
    const { ref, win } = await refs('alpha', 'logs');
    await server.tmux('rename-window', '-t', win.id, 'other');
    await expect(tmux.killWindow(ref, win, ALONE)).rejects.toThrow(/window logs of alpha was renamed to other meanwhile; nothing was done/);
    await server.tmux('rename-window', '-t', win.id, 'logs');
    await server.tmux('rename-session', '-t', ref.id, 'beta');
    await expect(tmux.killWindow(ref, win, ALONE)).rejects.toBeInstanceOf(SessionChangedError);
    await server.tmux('rename-session', '-t', ref.id, 'alpha');
    await server.tmux('move-window', '-s', win.id, '-t', '=alphabet:');
    await expect(tmux.killWindow(ref, win, ALONE)).rejects.toThrow(/window logs is no longer in session alpha/);
    expect(await windowNames('alphabet')).toContain('logs');
    await server.tmux('move-window', '-s', win.id, '-t', '=alpha:');
    await tmux.killWindow(ref, win, ALONE);
    expect(await windowNames('alpha')).not.toContain('logs');
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'alphabet']);
  });

  it('a kill that would reach a session the dialog did not name is refused: a window linked since, the last window since', async () => {
    const { ref, win } = await refs('alpha', 'logs');
    // Linked into alphabet after the dialog said "alpha only": tmux would close it there too.
    await server.tmux('link-window', '-d', '-s', win.id, '-t', '=alphabet:');
    await expect(tmux.killWindow(ref, win, ALONE)).rejects.toThrow(/window logs is now also in session alphabet, where it would close too; nothing was done/);
    expect(await windowNames('alpha')).toContain('logs');
    // Named (the dialog said "also in alphabet"): it goes from both, and both sessions stay.
    const alphabet = { id: await sessionId('alphabet'), name: 'alphabet' };
    await tmux.killWindow(ref, win, { alsoIn: [alphabet], ending: [] });
    expect(await windowNames('alpha')).not.toContain('logs');
    expect(await windowNames('alphabet')).not.toContain('logs');
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'alphabet']);

    // The dialog said "1 other window stays"; that window closed before y: alpha would end.
    await server.tmux('new-window', '-d', '-t', '=alpha:', '-n', 'logs');
    const again = await refs('alpha', 'logs');
    await server.tmux('kill-window', '-t', (await refs('alpha', '0')).win.id);
    await expect(tmux.killWindow(again.ref, again.win, ALONE)).rejects.toThrow(/window logs is now the last window of alpha, which would end with it; nothing was done/);
    expect(await server.sessionNames()).toContain('alpha');
    await tmux.killWindow(again.ref, again.win, { alsoIn: [], ending: [again.ref] });
    expect(await server.sessionNames()).toEqual(['alphabet']);
  });

  it('in a session group every session shares the window: named, it goes from all of them', async () => {
    await server.tmux('new-session', '-d', '-t', '=alpha', '-s', 'twin');
    const { ref, win } = await refs('alpha', 'logs');
    await expect(tmux.killWindow(ref, win, ALONE)).rejects.toThrow(/also in session twin/);
    const twin = { id: await sessionId('twin'), name: 'twin' };
    await tmux.killWindow(ref, win, { alsoIn: [twin], ending: [] });
    expect(await windowNames('twin')).not.toContain('logs');
    expect((await server.sessionNames()).sort()).toEqual(['alpha', 'alphabet', 'twin']);
  });

  it('on the dashboard, a session gone before its kill is said so, without the command line\'s hint', async () => {
    const event = await runEffect({ type: 'kill', session: { id: '$99', name: 'gone' } }, { tmux, log: new Logger(null), rememberSort: () => Promise.resolve(undefined), now: Date.now });
    expect(event).toMatchObject({ type: 'killFailed', message: 'gone is gone (closed elsewhere)' });
  });

  it('renames a window with its text as typed: formats are not run, the name is read back', async () => {
    const { ref, win } = await refs('alpha', 'logs');
    expect(await tmux.renameWindow(ref, win, 'build #{session_name} #(echo x)')).toBe('build #{session_name} #(echo x)');
    expect(await windowNames('alpha')).toContain('build #{session_name} #(echo x)');
    await expect(tmux.renameWindow(ref, win, 'again')).rejects.toThrow(/renamed to build/);
  });

  it('going to a window that is no longer in the session is refused before any attach', async () => {
    const { ref, win } = await refs('alpha', 'logs');
    await server.tmux('move-window', '-s', win.id, '-t', '=alphabet:');
    await expect(tmux.attachOrSwitch(ref, undefined, { windowId: win.id })).rejects.toThrow(/window @\d+ is no longer in session alpha/);
    const panes = (await server.tmux('list-panes', '-s', '-t', '=alphabet:', '-F', '#{pane_id}')).trim().split('\n');
    await expect(tmux.attachOrSwitch(ref, undefined, { windowId: (await refs('alpha', '0')).win.id, paneId: panes[0] ?? '' })).rejects.toThrow(/pane %\d+ is no longer in window/);
    expect(await server.tmux('list-clients')).toBe('');
  });
});
