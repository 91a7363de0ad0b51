import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { BIN, waitFor } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(async () => {
  fx = new DashboardFixture();
  await fx.addSessions('alpha', 'beta');
});
afterEach(async () => {
  await fx.close();
});

const DASHBOARD = /tmux-dashboard · 2 sessions/;
const REFUSED = /tmux-dashboard is already running \(pid \d+/;
/**
 * Nothing on the screen or in tmux says that a `--wait` start has reached its
 * wait for the lock: it gets this long after its process started, and must
 * not draw meanwhile.
 */
const WAITING_MS = 500;
/** How long the refusal in a popup must stay: a popup that closed on its own would be gone by then. */
const STAYS_MS = 500;
/** Prints whether the terminal is back in canonical mode, after the dashboard exited. */
const TTY_MODE = 'stty -a | grep -o -- "-\\?icanon" | sed "s/^/tty:/"';

/** `status` as seen by the dashboards (the fixture's one HOME: the same state directory). */
function status(...args: string[]) {
  return fx.inner.cli(['status', ...args]);
}

describe('one dashboard per tmux server, in real terminals', () => {
  it('two dashboards started at the same moment: one draws, the other says so and exits 3', async () => {
    const go = path.join(fx.home, 'GO');
    const atOnce = { before: `while [ ! -e '${go}' ]; do sleep 0.01; done` };
    const a = await fx.start(atOnce);
    const b = await fx.start(atOnce);
    writeFileSync(go, '');
    let last: string[] = [];
    const screens = await waitFor(async () => {
      const both = [await a.screen(), await b.screen()];
      last = both;
      const drawn = both.filter((screen) => DASHBOARD.test(screen));
      const refused = both.filter((screen) => REFUSED.test(screen) && /rc=3/.test(screen));
      return drawn.length + refused.length === 2 ? both : undefined;
    }, 'one dashboard and one refusal').catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- screens ---\n${last.join('\n---\n')}`);
    });
    expect(screens.filter((screen) => DASHBOARD.test(screen))).toHaveLength(1);
    const refusal = screens.find((screen) => REFUSED.test(screen)) ?? '';
    expect(refusal).not.toMatch(DASHBOARD);
    expect(refusal).toMatch(/lock file: .*lock/);
    expect(refusal).toMatch(/--takeover/);
  });

  it('q releases the lock; status says running (3) before and not running (0) after', async () => {
    await fx.start();
    await fx.waitForScreen(DASHBOARD, 'the dashboard');
    const held = await status('--json');
    expect(held.exitCode).toBe(3);
    expect(JSON.parse(held.stdout)).toMatchObject({ locked: true, alive: true, stale: false });
    await fx.press('q');
    await fx.waitForScreen(/rc=0/, 'the dashboard to quit');
    expect(await fx.waitForExit('the dashboard to quit')).toBe(0);
    expect((await status()).exitCode).toBe(0);
  });

  it.each([['SIGTERM'], ['SIGHUP']] as const)('%s releases the lock and restores the terminal', async (signal) => {
    const window = await fx.start({ after: TTY_MODE });
    await fx.waitForScreen(DASHBOARD, 'the dashboard');
    const pid = (JSON.parse((await status('--json')).stdout) as { pid: number }).pid;
    process.kill(pid, signal);
    const screen = await fx.waitForScreen(/tty:/, 'the dashboard to exit');
    expect(screen).toMatch(/rc=1\d\d/);
    // Raw mode off again (canonical input) and the normal screen back.
    expect(screen).toMatch(/tty:icanon/);
    expect(await fx.terminal.outer.tmux('display-message', '-p', '-t', window.id, '#{alternate_on}')).toBe('0');
    const after = await status('--json');
    expect(after.exitCode).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ locked: false });
  });

  it('--wait 2 against a live holder gives up after about 2 s with exit 3', async () => {
    await fx.start();
    await fx.waitForScreen(DASHBOARD, 'the first dashboard');
    const second = await fx.start({ args: ['--wait', '2'], before: 's=$(date +%s%N)', after: 'echo "ms=$(( ($(date +%s%N) - s) / 1000000 ))"' });
    const screen = await second.waitForScreen(/ms=\d+/, 'the second start to give up');
    expect(screen).toMatch(/rc=3/);
    expect(screen).toMatch(REFUSED);
    const ms = Number(/ms=(\d+)/.exec(screen)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(6000);
  });

  it('--wait takes the lock as soon as the holder quits', async () => {
    const first = await fx.start();
    await first.waitForScreen(DASHBOARD, 'the first dashboard');
    const second = await fx.start({ args: ['--wait', '20'] });
    await waitFor(async () => ((await second.processes()).some((args) => args.startsWith(`${process.execPath} ${BIN}`)) ? true : undefined), 'the second start to run');
    await new Promise((resolve) => setTimeout(resolve, WAITING_MS));
    const waiting = await second.screen();
    expect(waiting).not.toMatch(DASHBOARD);
    // Not a blank terminal: it says what it waits for (read without white space: the line wraps where the server's name puts it).
    expect(waiting.replace(/\s/g, '')).toMatch(/anotherdashboardrunsforserver-L\S+;waitingupto20sforittoquit/);
    await first.press('q');
    await second.waitForScreen(DASHBOARD, 'the second dashboard');
  });

  it('--takeover closes the running dashboard cleanly and opens here', async () => {
    const first = await fx.start();
    await first.waitForScreen(DASHBOARD, 'the first dashboard');
    const second = await fx.start({ args: ['--takeover'] });
    await second.waitForScreen(DASHBOARD, 'the second dashboard');
    await first.waitForScreen(/rc=0/, 'the first to quit with 0');
    expect(await first.waitForExit('the first to quit with 0')).toBe(0);
  });

  it('inside tmux: a second start goes to the pane of the running dashboard (exit 0)', async () => {
    // The user's terminal is a client of the inner server; the dashboard runs in window "dash" of alpha.
    await fx.inner.tmux('new-window', '-t', '=alpha:', '-n', 'dash', process.execPath, BIN);
    const dashPane = (await fx.inner.tmux('display-message', '-p', '-t', '=alpha:dash', '#{pane_id}')).trim();
    await waitFor(async () => (DASHBOARD.test(await fx.inner.tmux('capture-pane', '-p', '-t', dashPane)) ? true : undefined), 'the dashboard in alpha:dash');
    const client = await fx.attachClient('beta');

    await client.run();
    await waitFor(async () => {
      const where = (await fx.inner.tmux('list-clients', '-F', '#{session_name} #{pane_id}')).trim();
      return where === `alpha ${dashPane}` ? where : undefined;
    }, 'the client to be switched to the running dashboard');
    expect(await client.waitForExit('the second start to exit')).toBe(0);
    const betaScreen = await waitFor(async () => {
      const screen = await fx.inner.tmux('capture-pane', '-p', '-t', '=beta:');
      return /rc=\d+/.test(screen) ? screen : undefined;
    }, 'the second start to exit');
    expect(betaScreen).toMatch(/rc=0/);
    expect(betaScreen).not.toMatch(REFUSED);
  });

  it('in a display-popup, the refusal stays on screen until a key is pressed', async () => {
    // The running dashboard is outside tmux (no pane to go to).
    const holder = await fx.start();
    await holder.waitForScreen(DASHBOARD, 'the first dashboard');
    const client = await fx.attachClient('beta');
    // display-popup returns when the popup closes: keep it running meanwhile.
    const popup = fx.popup(client.client, { width: 90, height: 12 });
    const screen = await client.waitForScreen(/Press t to take over/, 'the refusal in the popup');
    expect(screen).toMatch(REFUSED);
    await new Promise((resolve) => setTimeout(resolve, STAYS_MS));
    expect(await client.screen()).toMatch(/Press t to take over/);
    await client.press('x');
    await client.waitForScreenWithout(/Press t to take over/, 'the popup to close');
    // display-popup -E passes the dashboard's exit code on.
    expect(await popup).toBe(3);
    await holder.waitForScreen(DASHBOARD, 'the first dashboard, untouched');
  });

  it('in a display-popup, t takes over: the running dashboard says so and closes, the popup opens the dashboard', async () => {
    const holder = await fx.start();
    await holder.waitForScreen(DASHBOARD, 'the first dashboard');
    const client = await fx.attachClient('beta');
    const popup = fx.popup(client.client, { width: 90, height: 14 });
    await client.waitForScreen(/Press t to take over/, 'the offer in the popup');
    await client.press('t');
    expect(await holder.waitForExit('the first dashboard to close')).toBe(0);
    expect(await holder.screen()).toMatch(/closed: another tmux-dashboard took over/);
    await client.waitForScreen(DASHBOARD, 'the dashboard in the popup');
    await client.press('q');
    expect(await popup).toBe(0);
  });

  it('a lock removed from under the running dashboard: it says so and exits cleanly', async () => {
    await fx.start({ after: TTY_MODE });
    await fx.waitForScreen(DASHBOARD, 'the dashboard');
    const { lockFile } = JSON.parse((await status('--json')).stdout) as { lockFile: string };
    rmSync(lockFile, { recursive: true });
    // proper-lockfile notices at its next refresh (every 5 s).
    const screen = await fx.waitForScreen(/tty:/, 'the dashboard to exit', 15_000);
    expect(screen).toMatch(/the lock was lost/);
    expect(screen).toMatch(/rc=1\b/);
    expect(screen).toMatch(/tty:icanon/);
  });
});
