import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';

// The dashboard stopped from outside (SIGSTOP, a debugger) and continued,
// while someone else set its terminal back to cooked mode and wrote on it
// (a shell taking the terminal back does both).
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

describe('the dashboard stopped and continued', () => {
  it('takes its terminal back: keys act at once again (raw mode), and the whole frame is drawn again', async () => {
    await fx.addSessions('alpha', 'bravo', 'charlie');
    const window = await fx.start({ env: { TMUX_DASHBOARD_SORT_MODE: 'name' } });
    await window.waitForScreen(/›1 alpha/, 'the list');
    // Node itself, not the shell line that started it (which names it too).
    const dashboard = (await window.processTable()).find((row) => /^(\S*\/)?node \S*tmux-dashboard/.test(row.args));
    expect(dashboard).toBeDefined();
    stopped = dashboard?.pid ?? 0;
    process.kill(stopped, 'SIGSTOP');
    const tty = (await fx.terminal.outer.tmux('display-message', '-p', '-t', window.id, '#{pane_tty}')).trim();
    await execa('stty', ['-F', tty, 'sane']);
    await execa('sh', ['-c', 'printf "\\033[2J\\033[HSCRIBBLED" > "$1"', 'sh', tty]);
    await window.waitForScreen(/SCRIBBLED/, 'the scribble');
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
