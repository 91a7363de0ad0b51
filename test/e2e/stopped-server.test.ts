import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture, type TerminalWindow } from '../helpers/dashboard-fixture.js';
import { BIN, waitFor } from '../helpers/tmux-server.js';

// A tmux server that stops answering (SIGSTOP here; wedged, in life): the
// dashboard says so, names the server, and its keys keep working. And the
// dashboard itself stopped and continued (SIGSTOP, a debugger, a shell's
// job control) while someone else set its terminal back to cooked mode and
// wrote on it (a shell taking the terminal back does both).
let fx: DashboardFixture;
let stopped: number | undefined;

beforeEach(() => {
  fx = new DashboardFixture();
});
afterEach(async () => {
  if (stopped !== undefined) process.kill(stopped, 'SIGCONT');
  stopped = undefined;
  await fx.close();
});

async function stopServer(): Promise<void> {
  stopped = Number((await fx.inner.tmux('display-message', '-p', '#{pid}')).trim());
  process.kill(stopped, 'SIGSTOP');
}

describe('a server that stops answering', () => {
  it('at start: the screen says the dashboard waits for tmux and which server; q ends the wait', async () => {
    await fx.addSessions('alpha');
    await stopServer();
    await fx.start();
    await fx.waitForScreen(new RegExp(`waiting for tmux to answer \\(server -L ${fx.inner.socketName}\\)`), 'the waiting screen');
    await fx.press('q');
    expect(await fx.waitForExit()).toBe(0);
  });

  it('at start, keys typed while tmux has not answered are not echoed; Ctrl-C ends the wait at once, before the waiting screen', async () => {
    await fx.addSessions('alpha');
    await stopServer();
    const window = await fx.start();
    // The dashboard's process up, its lock taken: it waits for tmux now.
    await waitFor(async () => ((JSON.parse((await fx.inner.cli(['status', '--json'])).stdout) as { alive: boolean }).alive ? true : undefined), 'the dashboard to hold its lock');
    await window.type('jjx');
    // Within the second before the waiting screen: typed in cooked mode, they were echoed on the screen.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await window.screen()).not.toMatch(/jjx/);
    await window.press('C-c');
    expect(await window.waitForExit('Ctrl-C to end the wait', 900)).toBe(130);
    expect(await window.screen()).not.toMatch(/jjx|waiting for tmux/);
  });

  it('on the waiting screen, Ctrl-Z suspends at once (a shell with job control); after fg it waits on, and the list comes when tmux answers', async () => {
    await fx.addSessions('alpha');
    await stopServer();
    const shell = await fx.open(['bash', '--norc', '--noprofile', '-i']);
    await shell.type(`PS1='prompt$ '; ${process.execPath} ${BIN} -L ${fx.inner.socketName}`);
    await shell.press('Enter');
    await shell.waitForScreen(/waiting for tmux to answer/, 'the waiting screen');
    await shell.press('C-z');
    // Before, the Ctrl-Z waited for tmux's answer, and the dashboard stopped itself then, seconds later.
    await shell.waitForScreen(/Stopped[\s\S]*^prompt\$ ?$/m, 'the shell saying the job stopped, and its prompt', 2500);
    await shell.type('fg');
    await shell.press('Enter');
    await shell.waitForScreen(/waiting for tmux to answer/, 'the waiting screen again');
    process.kill(stopped ?? 0, 'SIGCONT');
    stopped = undefined;
    await shell.waitForScreen(/tmux-dashboard · 1 session/, 'the list once tmux answers');
    expect(await shell.quitToShell()).toBe(0);
  });

  it('at start, the configured deadline holds for the first call too, which the launcher starts before the config is read', async () => {
    await fx.addSessions('alpha');
    await stopServer();
    const began = Date.now();
    const window = await fx.start({ env: { TMUX_DASHBOARD_TMUX_TIMEOUT_MS: '1500' } });
    expect(await window.waitForExit()).toBe(1);
    // The deadline is what is tested: 1.5 s, not the launcher call's own 5 s and then 1.5 s more.
    expect(Date.now() - began).toBeLessThan(4_500);
    await window.waitForScreen(/listing sessions: the tmux server -L \S+ .*did not answer within 1\.5 s/s, 'the message');
  });

  it('while running: the status line says so, the keys keep working, and the list comes back when it answers', async () => {
    await fx.addSessions('alpha', 'bravo', 'charlie');
    const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await window.waitForScreen(/›1 alpha/, 'the list');
    await stopServer();
    await window.type('r');
    await window.waitForScreen(/tmux is not answering \(server -L \S+\): waiting for it; the keys still work/, 'the status line');
    await window.type('jj');
    await window.waitForScreen(/›3 charlie/, 'the selection moved');
    process.kill(stopped ?? 0, 'SIGCONT');
    stopped = undefined;
    await window.waitForScreenWithout(/not answering/, 'the status line back to normal');
    await window.type('q');
    expect(await window.waitForExit()).toBe(0);
  });
});

/**
 * Stops the dashboard running in `window` (SIGSTOP, by its PID), then does
 * what a shell taking the terminal back does: cooked mode, and something
 * written over the screen. Returns the dashboard's PID.
 */
async function stopAndScribble(window: TerminalWindow): Promise<number> {
  // Node itself, not the shell line that started it (which names it too).
  const dashboard = (await window.processTable()).find((row) => /^(\S*\/)?node \S*tmux-dashboard/.test(row.args));
  const pid = dashboard?.pid ?? 0;
  expect(pid).toBeGreaterThan(0);
  process.kill(pid, 'SIGSTOP');
  const tty = (await fx.terminal.outer.tmux('display-message', '-p', '-t', window.id, '#{pane_tty}')).trim();
  await execa('stty', ['-F', tty, 'sane']);
  await execa('sh', ['-c', 'printf "\\033[2J\\033[HSCRIBBLED" > "$1"', 'sh', tty]);
  await window.waitForScreen(/SCRIBBLED/, 'the scribble');
  return pid;
}

describe('the dashboard stopped and continued', () => {
  it('on the screen that waits for tmux too: the text drawn again, and q quits at once', async () => {
    await fx.addSessions('alpha');
    await stopServer();
    const window = await fx.start();
    await window.waitForScreen(/waiting for tmux to answer/, 'the waiting screen');
    const pid = await stopAndScribble(window);
    process.kill(pid, 'SIGCONT');
    await window.waitForScreen(/waiting for tmux to answer/, 'the waiting screen again');
    await window.type('q');
    expect(await window.waitForExit()).toBe(0);
  });

  it('takes its terminal back: keys act at once again (raw mode), and the whole frame is drawn again', async () => {
    await fx.addSessions('alpha', 'bravo', 'charlie');
    const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await window.waitForScreen(/›1 alpha/, 'the list');
    stopped = await stopAndScribble(window);
    process.kill(stopped, 'SIGCONT');
    stopped = undefined;
    await window.waitForScreen(/›1 alpha[\s\S]*charlie/, 'the frame drawn again');
    await window.waitForScreenWithout(/SCRIBBLED/, 'the scribble gone');
    // One key, no Enter: in cooked mode it would wait in the line (and show).
    await window.type('j');
    await window.waitForScreen(/›2 bravo/, 'the selection moved');
    await window.type('q');
    expect(await window.waitForExit()).toBe(0);
  });
});
