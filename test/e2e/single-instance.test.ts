import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/terminal.js';
import { BIN, TestServer, waitFor } from '../helpers/tmux-server.js';

let inner: TestServer;
let terminal: Terminal;

beforeEach(async () => {
  inner = new TestServer();
  await inner.start('alpha');
  await inner.tmux('new-session', '-d', '-s', 'beta');
  terminal = new Terminal();
});
afterEach(async () => {
  await terminal.close();
  await inner.kill();
});

const DASHBOARD = /tmux-dashboard · 2 sessions/;
const REFUSED = /tmux-dashboard is already running \(pid \d+/;

/**
 * A shell line that runs the dashboard against the inner server and prints
 * its exit code. The shell stays: tmux 3.3 scrolls the screen of a pane
 * that dies right after leaving the alternate screen, hiding the last lines.
 */
function dashboardLine(args = '', after = ''): string {
  return `'${process.execPath}' '${BIN}' -L ${inner.socketName} ${args}; echo "rc=$?"; ${after} exec sleep 600`;
}

/** `status` as seen by the dashboards in the terminal (same state directory). */
function status(...args: string[]) {
  return inner.cli(['status', ...args], { env: { HOME: terminal.outer.home, XDG_STATE_HOME: terminal.outer.env.XDG_STATE_HOME } });
}

describe('one dashboard per tmux server, in real terminals', () => {
  it('two dashboards started at the same moment: one draws, the other says so and exits 3', async () => {
    const go = path.join(terminal.outer.home, 'GO');
    const line = `while [ ! -e '${go}' ]; do sleep 0.01; done; ${dashboardLine()}`;
    const a = await terminal.open(['sh', '-c', line]);
    const b = await terminal.open(['sh', '-c', line]);
    writeFileSync(go, '');
    let last: string[] = [];
    const screens = await waitFor(async () => {
      const both = [await terminal.screen(a), await terminal.screen(b)];
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
    const window = await terminal.open(['sh', '-c', dashboardLine()]);
    await terminal.waitForScreen(DASHBOARD, 'the dashboard', window);
    const held = await status('--json');
    expect(held.exitCode).toBe(3);
    expect(JSON.parse(held.stdout)).toMatchObject({ locked: true, alive: true, stale: false });
    await terminal.send('q');
    await terminal.waitForScreen(/rc=0/, 'the dashboard to quit', window);
    expect((await status()).exitCode).toBe(0);
  });

  it.each([['SIGTERM'], ['SIGHUP']] as const)('%s releases the lock and restores the terminal', async (signal) => {
    const window = await terminal.open(['sh', '-c', dashboardLine('', 'stty -a | grep -o -- "-\\?icanon" | sed "s/^/tty:/";')]);
    await terminal.waitForScreen(DASHBOARD, 'the dashboard', window);
    const pid = (JSON.parse((await status('--json')).stdout) as { pid: number }).pid;
    process.kill(pid, signal);
    const screen = await terminal.waitForScreen(/tty:/, 'the dashboard to exit', window);
    expect(screen).toMatch(/rc=1\d\d/);
    // Raw mode off again (canonical input) and the normal screen back.
    expect(screen).toMatch(/tty:icanon/);
    expect(await terminal.outer.tmux('display-message', '-p', '-t', window, '#{alternate_on}')).toBe('0');
    const after = await status('--json');
    expect(after.exitCode).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ locked: false });
  });

  it('--wait 2 against a live holder gives up after about 2 s with exit 3', async () => {
    await terminal.open(['sh', '-c', dashboardLine()]);
    await terminal.waitForScreen(DASHBOARD, 'the first dashboard');
    const second = await terminal.open(['sh', '-c', `s=$(date +%s%N); ${dashboardLine('--wait 2', 'echo "ms=$(( ($(date +%s%N) - s) / 1000000 ))";')}`]);
    const screen = await terminal.waitForScreen(/ms=\d+/, 'the second start to give up', second);
    expect(screen).toMatch(/rc=3/);
    expect(screen).toMatch(REFUSED);
    const ms = Number(/ms=(\d+)/.exec(screen)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(6000);
  });

  it('--wait takes the lock as soon as the holder quits', async () => {
    const first = await terminal.open(['sh', '-c', dashboardLine()]);
    await terminal.waitForScreen(DASHBOARD, 'the first dashboard', first);
    const second = await terminal.open(['sh', '-c', dashboardLine('--wait 20')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await terminal.sendTo(first, 'q');
    await terminal.waitForScreen(DASHBOARD, 'the second dashboard', second);
  });

  it('--takeover closes the running dashboard cleanly and opens here', async () => {
    const first = await terminal.open(['sh', '-c', dashboardLine()]);
    await terminal.waitForScreen(DASHBOARD, 'the first dashboard', first);
    const second = await terminal.open(['sh', '-c', dashboardLine('--takeover')]);
    await terminal.waitForScreen(DASHBOARD, 'the second dashboard', second);
    await terminal.waitForScreen(/rc=0/, 'the first to quit with 0', first);
  });

  it('inside tmux: a second start goes to the pane of the running dashboard (exit 0)', async () => {
    // The user's terminal is a client of the inner server; the dashboard runs in window "dash" of alpha.
    await inner.tmux('new-window', '-t', '=alpha:', '-n', 'dash', process.execPath, BIN);
    const dashPane = (await inner.tmux('display-message', '-p', '-t', '=alpha:dash', '#{pane_id}')).trim();
    await waitFor(async () => (DASHBOARD.test(await inner.tmux('capture-pane', '-p', '-t', dashPane)) ? true : undefined), 'the dashboard in alpha:dash');
    await terminal.open(['tmux', '-L', inner.socketName, 'attach-session', '-t', '=beta']);
    await waitFor(async () => ((await inner.tmux('list-clients', '-F', '#{session_name}')) === 'beta' ? true : undefined), 'a client on beta');

    await terminal.type(`'${process.execPath}' '${BIN}'; echo "rc=$?"`);
    await terminal.send('Enter');
    await waitFor(async () => {
      const where = (await inner.tmux('list-clients', '-F', '#{session_name} #{pane_id}')).trim();
      return where === `alpha ${dashPane}` ? where : undefined;
    }, 'the client to be switched to the running dashboard');
    const betaScreen = await waitFor(async () => {
      const screen = await inner.tmux('capture-pane', '-p', '-t', '=beta:');
      return /rc=\d+/.test(screen) ? screen : undefined;
    }, 'the second start to exit');
    expect(betaScreen).toMatch(/rc=0/);
    expect(betaScreen).not.toMatch(REFUSED);
  });

  it('in a display-popup, the refusal stays on screen until a key is pressed', async () => {
    // The running dashboard is outside tmux (no pane to go to).
    const holder = await terminal.open(['sh', '-c', dashboardLine()]);
    await terminal.waitForScreen(DASHBOARD, 'the first dashboard', holder);
    const client = await terminal.open(['tmux', '-L', inner.socketName, 'attach-session', '-t', '=beta']);
    const clientName = await waitFor(async () => (await inner.tmux('list-clients', '-F', '#{client_name}')).trim() || undefined, 'a client');
    // display-popup returns when the popup closes: keep it running meanwhile.
    // Same user, same state directory as the holder in the terminal.
    const sameUser = `HOME='${terminal.outer.home}' XDG_STATE_HOME='${terminal.outer.env.XDG_STATE_HOME ?? ''}'`;
    const popup = inner
      .tmux('display-popup', '-c', clientName, '-w', '90', '-h', '12', '-E', `${sameUser} '${process.execPath}' '${BIN}'`)
      .then(() => 0, (error: unknown) => (error as { exitCode?: number }).exitCode);
    const screen = await terminal.waitForScreen(/Press any key to close/, 'the refusal in the popup', client);
    expect(screen).toMatch(REFUSED);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await terminal.screen(client)).toMatch(/Press any key to close/);
    await terminal.sendTo(client, 'x');
    await waitFor(async () => (/Press any key/.test(await terminal.screen(client)) ? undefined : true), 'the popup to close');
    // display-popup -E passes the dashboard's exit code on.
    expect(await popup).toBe(3);
  });

  it('a lock removed from under the running dashboard: it says so and exits cleanly', async () => {
    const window = await terminal.open(['sh', '-c', dashboardLine('', 'stty -a | grep -o -- "-\\?icanon" | sed "s/^/tty:/";')]);
    await terminal.waitForScreen(DASHBOARD, 'the dashboard', window);
    const { lockFile } = JSON.parse((await status('--json')).stdout) as { lockFile: string };
    rmSync(lockFile, { recursive: true });
    // proper-lockfile notices at its next refresh (every 5 s).
    const screen = await terminal.waitForScreen(/tty:/, 'the dashboard to exit', window, 15_000);
    expect(screen).toMatch(/the lock was lost/);
    expect(screen).toMatch(/rc=1\b/);
    expect(screen).toMatch(/tty:icanon/);
  });
});
