import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';

// A tmux server that stops answering (SIGSTOP here; wedged, in life): the
// dashboard says so, names the server, and its keys keep working.
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
