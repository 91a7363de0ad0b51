import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/terminal.js';
import { REPO_ROOT, TestServer, waitFor } from '../helpers/tmux-server.js';

let inner: TestServer;
let terminal: Terminal;

beforeEach(() => {
  inner = new TestServer();
  terminal = new Terminal();
});
afterEach(async () => {
  await terminal.close();
  await inner.kill();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the tmux plugin file', () => {
  it('binds prefix + S to a popup with the dashboard, in the project of the pane that pressed it', async () => {
    // A pane inside a repository whose folder names would break a command line.
    const repo = path.join(inner.home, "it's #(touch MARKER) repo");
    const sub = path.join(repo, 'sub dir');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(sub);
    await inner.tmux('new-session', '-d', '-s', 'work', '-c', sub.replaceAll('#', '##'));
    await inner.tmux('new-session', '-d', '-s', 'other');
    await inner.tmux('run-shell', path.join(REPO_ROOT, 'tmux-dashboard.tmux'));
    expect(await inner.tmux('list-keys', '-T', 'prefix', 'S')).toMatch(/display-popup/);

    await terminal.open(['tmux', '-L', inner.socketName, 'attach-session', '-t', '=work']);
    await waitFor(async () => ((await inner.tmux('list-clients', '-F', '#{session_name}')).trim() === 'work' ? true : undefined), 'a client on work');
    await terminal.send('C-b');
    await pause(50);
    await terminal.send('S');
    const screen = await terminal.waitForScreen(/tmux-dashboard · 2 sessions/, 'the dashboard in the popup');
    expect(screen).toMatch(/\*work/); // the client's own session is marked
    await pause(100);
    await terminal.send('n');
    await terminal.waitForScreen(/→ creates it's #\(touch MARKER\) repo/, 'the project of the pane, not of the popup');
    await terminal.send('Escape');
    await pause(100);
    await terminal.send('q');
    await waitFor(async () => (/tmux-dashboard ·/.test(await terminal.screen()) ? undefined : true), 'the popup to close').catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await terminal.screen()}`);
    });
    await pause(500);
    expect(existsSync(path.join(inner.home, 'MARKER'))).toBe(false);
    expect(existsSync(path.join(sub, 'MARKER'))).toBe(false);
  });

  it('honours @tmux-dashboard-key', async () => {
    await inner.start('work');
    await inner.tmux('set-option', '-g', '@tmux-dashboard-key', 'D');
    await inner.tmux('run-shell', path.join(REPO_ROOT, 'tmux-dashboard.tmux'));
    expect(await inner.tmux('list-keys', '-T', 'prefix', 'D')).toMatch(/display-popup/);
  });
});
