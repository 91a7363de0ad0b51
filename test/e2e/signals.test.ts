import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { BIN } from '../helpers/tmux-server.js';

let fx: DashboardFixture;

beforeEach(async () => {
  fx = new DashboardFixture();
  await fx.addSessions('alpha', 'beta');
});
afterEach(async () => {
  await fx.close();
});

/** The terminal's echo and canonical-input flags after the dashboard exited, one per line (`tty:echo` or `tty:-echo`). */
const TTY_MODE = 'stty -a | tr " ;" "\\n\\n" | grep -x -e echo -e -echo -e icanon -e -icanon | sed "s/^/tty:/"';

describe('a dashboard ended by a signal gives the terminal back as it found it', () => {
  it.each([
    ['SIGTERM', 15],
    ['SIGINT', 2],
    ['SIGHUP', 1],
    ['SIGQUIT', 3],
  ] as const)('%s: the main screen holds only what was there, echo and icanon are on, the lock is released', async (signal, number) => {
    const window = await fx.start({ before: 'echo before-the-dashboard', after: TTY_MODE });
    await window.waitForScreen(/tmux-dashboard · 2 sessions · sort: activity/, 'the dashboard');
    // A key only the UI answers: Ink is mounted and drawing when the signal comes.
    await window.press('s');
    await window.waitForScreen(/sort: name/, 'the UI to answer a key');
    const status = JSON.parse((await fx.inner.cli(['status', '--json'])).stdout) as { pid: number; pidFile: string; lockFile: string; alive: boolean };
    expect(status.alive).toBe(true);

    // Two keys in two reads and the signal right behind them: the UI may have
    // a frame still to draw (Ink draws at most one every 32 ms), which Ink
    // flushes as it unmounts; that must happen before the alternate screen
    // is left, not on the main screen.
    await window.press('s');
    await window.press('s');
    process.kill(status.pid, signal);
    expect(await window.waitForExit(`the dashboard to end on ${signal}`)).toBe(128 + number);
    const screen = await window.waitForScreen(/tty:-?icanon/, 'the terminal modes');
    expect(screen).toMatch(/before-the-dashboard/);
    // Nothing of the dashboard on the main screen, and the next line starts at column 0.
    expect(screen).not.toMatch(/tmux-dashboard|alpha|beta|sort:|Enter attach/);
    expect(screen).toMatch(new RegExp(`^rc=${128 + number}$`, 'm'));
    expect(screen).toMatch(/^tty:echo$/m);
    expect(screen).toMatch(/^tty:icanon$/m);
    expect(existsSync(status.pidFile)).toBe(false);
    expect(existsSync(status.lockFile)).toBe(false);
    expect(JSON.parse((await fx.inner.cli(['status', '--json'])).stdout)).toMatchObject({ alive: false, locked: false });
  });
});

describe('a dashboard whose config.js loops for ever', () => {
  it('opens after the deadline with the warning in its status line; Ctrl-C while it waits ends it, terminal intact', async () => {
    const dir = path.join(fx.env.XDG_CONFIG_HOME ?? '', 'tmux-dashboard');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config.js'), 'for (;;) {}');
    const window = await fx.start();
    await window.waitForScreen(/warning: .*config\.js failed/, 'the dashboard with the warning (cut to the width)', 15_000);
    await window.press('q');
    expect(await window.waitForExit()).toBe(0);

    // Ctrl-C while the config is still being given its chance: the terminal is not raw yet, so it is a signal.
    const waiting = await fx.start({ after: TTY_MODE });
    await waiting.waitForScreen(/\$ |^$/m, 'the window');
    await new Promise((resolve) => setTimeout(resolve, 800)); // the loader runs the loop now (what is tested: it does not hold the process)
    await waiting.press('C-c');
    expect(await waiting.waitForExit('Ctrl-C to end it', 2500)).toBe(130);
    const screen = await waiting.waitForScreen(/tty:-?icanon/, 'the terminal modes');
    expect(screen).toMatch(/^tty:echo$/m);
    expect(screen).not.toMatch(/tmux-dashboard/);
  }, 60_000);
});

describe('a Node started without WebAssembly (NODE_OPTIONS=--jitless)', () => {
  it('says what the dashboard needs and what still works, exits 1, and leaves the terminal and the lock as they were', async () => {
    const window = await fx.start({ env: { NODE_OPTIONS: '--jitless' }, after: TTY_MODE });
    expect(await window.waitForExit('the dashboard to refuse', 15_000)).toBe(1);
    const screen = await window.waitForScreen(/tty:-?icanon/, 'the terminal modes');
    expect(screen).toMatch(/the dashboard needs WebAssembly .*--jitless/s);
    expect(screen).not.toMatch(/WebAssembly is not defined|unexpected error/);
    expect(screen).toMatch(/^tty:echo$/m);
    expect(JSON.parse((await fx.inner.cli(['status', '--json'])).stdout)).toMatchObject({ alive: false, locked: false });
    // The subcommands do not draw: they run as they would anywhere.
    expect((await fx.inner.cli(['list'], { env: { NODE_OPTIONS: '--jitless' } })).stdout).toMatch(/alpha/);
  });
});

describe('Ctrl-Z', () => {
  it('from a shell with job control: the shell gets the terminal back as it was; fg brings the dashboard back whole, its keys acting at once', async () => {
    const shell = await fx.open(['bash', '--norc', '--noprofile', '-i']);
    await shell.type(`PS1='prompt$ '; echo before-the-dashboard; ${process.execPath} ${BIN} -L ${fx.inner.socketName}`);
    await shell.press('Enter');
    await shell.waitForScreen(/tmux-dashboard · 2 sessions · sort: activity/, 'the dashboard');
    // A key and Ctrl-Z in one read: the key acts, then the dashboard stops.
    await shell.sendTogether('s', 'C-z');
    const stopped = await shell.waitForScreen(/Stopped[\s\S]*^prompt\$ ?$/m, 'the shell saying the job stopped, and its prompt');
    expect(stopped).toMatch(/before-the-dashboard/);
    expect(stopped).not.toMatch(/sort:|alpha/);
    await shell.type(TTY_MODE);
    await shell.press('Enter');
    const modes = await shell.waitForScreen(/tty:-?icanon/, 'the terminal modes in the shell');
    expect(modes).toMatch(/^tty:echo$/m);
    await shell.type('fg');
    await shell.press('Enter');
    // The sort typed before the stop, and the whole screen drawn again.
    await shell.waitForScreen(/tmux-dashboard · 2 sessions · sort: name[\s\S]*alpha[\s\S]*beta/, 'the dashboard again');
    await shell.press('s');
    await shell.waitForScreen(/sort: ai_first/, 'a key acting at once, unechoed');
    expect(await shell.quitToShell()).toBe(0);
  });

  it.runIf(existsSync('/bin/dash'))('from dash, which leaves the terminal as the job had it: fg is typed and seen; two Ctrl-Z in one read stop it twice, each on a shell screen of its own', async () => {
    const shell = await fx.open(['dash', '-i'], { env: { PS1: 'dash$ ' } });
    await shell.type(`PS1='dash$ '; ${process.execPath} ${BIN} -L ${fx.inner.socketName}`);
    await shell.press('Enter');
    await shell.waitForScreen(/tmux-dashboard · 2 sessions/, 'the dashboard');
    await shell.sendTogether('C-z', 'C-z');
    await shell.waitForScreen(/Stopped[\s\S]*^dash\$ ?$/m, 'the first stop, and the prompt');
    // Cooked again before the stop: dash echoes what is typed, and Enter ends the line.
    await shell.type('fg');
    await shell.waitForScreen(/^dash\$ fg$/m, 'fg echoed');
    await shell.press('Enter');
    // Continued, drawn again, and stopped by the second Ctrl-Z: the shell's notice again, on the main screen.
    const twice = await shell.waitForScreen(/Stopped[\s\S]*Stopped[\s\S]*^dash\$ ?$/m, 'the second stop, and the prompt');
    expect(twice).not.toMatch(/sort:/);
    await shell.type('fg');
    await shell.press('Enter');
    await shell.waitForScreen(/tmux-dashboard · 2 sessions/, 'the dashboard again');
    expect(await shell.quitToShell()).toBe(0);
  });
});
