import { execa } from 'execa';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { BIN, TestServer, tempDir, waitFor } from '../helpers/tmux-server.js';

/**
 * The CLI under bad input and broken surroundings, on real tmux servers:
 * a -S that names some other file, a server that does not answer, a current
 * folder that was deleted, a tmux that does not understand us.
 */

/** Every subcommand that talks to a tmux server (or, for status and cleanup-locks, names one). */
const SUBCOMMANDS: string[][] = [['list'], ['list', '--json'], ['new', 'x'], ['new'], ['kill', 'keep'], ['rename', 'keep', 'other'], ['attach', 'keep'], ['status'], ['status', '--json'], ['cleanup-locks']];

let scratch: string;
let home: TestServer;

beforeAll(() => {
  scratch = tempDir('tmux-dashboard-faults-');
  // Only for its private HOME and environment: no server is started on it.
  home = new TestServer();
});
afterAll(async () => {
  await home.kill();
  rmSync(scratch, { recursive: true, force: true });
});

/** The binary with `-S socket` (not the TestServer's -L), in the private HOME. */
function cliAt(socket: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return execa(process.execPath, [BIN, '-S', socket, ...args], { cwd: home.home, env: { ...home.env, ...env }, extendEnv: false, reject: false, stdin: 'ignore' });
}

const oneLine = (text: string) => text.trimEnd().split('\n').length === 1;

describe('-S at something that is not a socket is refused before any tmux call', () => {
  const notes = 'my notes\nline two\n\u0000binary\u00ff';

  it.each([
    ['a regular file', (target: string) => { writeFileSync(target, notes); }, /is a regular file, not a tmux socket/],
    ['a directory', (target: string) => { mkdirSync(target); }, /is a directory, not a tmux socket/],
    ['a symlink to a file', (target: string) => {
      writeFileSync(`${target}.real`, notes);
      symlinkSync(`${target}.real`, target);
    }, /is a symbolic link to a regular file, not a tmux socket/],
  ] as const)('%s: every subcommand exits 1 with one line, the file is byte-identical', async (_what, make, message) => {
    const target = path.join(scratch, `target-${Math.random().toString(36).slice(2)}`);
    make(target);
    const real = target.endsWith('') && _what === 'a symlink to a file' ? `${target}.real` : target;
    const before = _what === 'a directory' ? undefined : readFileSync(real);
    for (const args of SUBCOMMANDS) {
      const result = await cliAt(target, args);
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(oneLine(result.stderr), result.stderr).toBe(true);
      if (before !== undefined) expect(readFileSync(real).equals(before), args.join(' ')).toBe(true);
    }
  });

  it('config and agent-hooks, which ask no tmux, work whatever -S names', async () => {
    const target = path.join(scratch, 'notes.txt');
    writeFileSync(target, notes);
    const config = await cliAt(target, ['config']);
    expect(config.exitCode).toBe(0);
    expect(config.stdout).toMatch(/sort_mode/);
    const hooks = await cliAt(target, ['agent-hooks', 'claude']);
    expect(hooks.exitCode).toBe(0);
    expect(hooks.stdout).toMatch(/agent-state needs-input/);
    expect(readFileSync(target, 'utf8')).toBe(notes);
  });

  it('a -S whose folder does not exist: a clear message, exit 1', async () => {
    const socket = path.join(scratch, 'no-such-folder', 'sock');
    for (const args of [['list'], ['new', 'x'], ['status']]) {
      const result = await cliAt(socket, args);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(`tmux-dashboard: -S ${socket}: the folder ${path.dirname(socket)} does not exist`);
    }
  });

  it('a socket of another program that closes the connection: list says so, and new does not replace it', async () => {
    const socket = path.join(scratch, 'closer.sock');
    const closer = net.createServer((connection) => connection.destroy());
    await new Promise<void>((resolve) => closer.listen(socket, resolve));
    try {
      const list = await cliAt(socket, ['list']);
      expect(list.exitCode).toBe(1);
      expect(list.stderr).toMatch(new RegExp(`no tmux server answers on ${socket}: the socket closed the connection`));
      expect(oneLine(list.stderr)).toBe(true);
      const created = await cliAt(socket, ['new', 'x']);
      expect(created.exitCode).toBe(1);
      // Still the other program's socket: it answers (and closes) again.
      await new Promise<void>((resolve, reject) => {
        const probe = net.connect(socket, () => {
          probe.destroy();
          resolve();
        });
        probe.on('error', reject);
      });
    } finally {
      await new Promise((resolve) => closer.close(resolve));
    }
  });
});

describe('the dashboard with -S at a regular file, in a real terminal', () => {
  let fx: DashboardFixture;
  afterEach(async () => {
    await fx.close();
  });

  it('refuses with one line and exit 1; the file is byte-identical', async () => {
    fx = new DashboardFixture();
    const notes = path.join(fx.scratch, 'notes.txt');
    writeFileSync(notes, 'do not lose me');
    const window = await fx.open(['sh', '-c', `'${process.execPath}' '${BIN}' -S '${notes}'; echo "rc=$?"; exec sleep 600`]);
    // The pane wraps the long line: read it joined.
    const screen = (await window.waitForScreen(/rc=\d+/, 'the dashboard to exit')).replaceAll('\n', '');
    expect(screen).toContain(`tmux-dashboard: -S ${notes} is a regular file, not a tmux socket; refusing to use it (tmux would replace it)`);
    expect(screen).toContain('rc=1');
    expect(readFileSync(notes, 'utf8')).toBe('do not lose me');
  });
});

/** Processes of ours whose command line names `needle`, other than `except`. */
async function processesNaming(needle: string, except: number[] = []): Promise<string[]> {
  const { stdout } = await execa('ps', ['-e', '-o', 'pid=,args=']);
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2]?.includes(needle) === true && !except.includes(Number(match[1])))
    .map((match) => match[0]);
}

describe('a server that does not answer', () => {
  const TIMEOUT_MS = 1000;
  // Node's start, the config and one deadline, with room for a loaded 2-core machine.
  const RETURNS_WITHIN_MS = TIMEOUT_MS + 4000;
  let server: TestServer;
  let pid: number;

  beforeAll(async () => {
    server = new TestServer();
    await server.start('keep');
    pid = Number((await server.tmux('display-message', '-p', '#{pid}')).trim());
  });
  afterAll(async () => {
    process.kill(pid, 'SIGCONT');
    await server.kill();
  });

  it('stopped with SIGSTOP: every subcommand returns within its deadline, exit 1, one line naming the server; nothing left behind; works after SIGCONT', async () => {
    const env = { TMUX_DASHBOARD_TMUX_TIMEOUT_MS: String(TIMEOUT_MS) };
    process.kill(pid, 'SIGSTOP');
    try {
      for (const args of SUBCOMMANDS.filter(([command]) => command !== 'status' && command !== 'cleanup-locks')) {
        const began = Date.now();
        const result = await server.cli(args, { env });
        const took = Date.now() - began;
        expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`the tmux server -L ${server.socketName} \\(.*/${server.socketName}\\) did not answer within 1 s`));
        expect(oneLine(result.stderr), result.stderr).toBe(true);
        expect(took, args.join(' ')).toBeLessThan(RETURNS_WITHIN_MS);
        // No tmux client of ours is left waiting on the stopped server.
        expect(await processesNaming(server.socketName, [pid])).toEqual([]);
      }
      // status and cleanup-locks ask the lock, not tmux: they answer at once.
      for (const args of [['status'], ['cleanup-locks']]) {
        const began = Date.now();
        const result = await server.cli(args, { env });
        expect(result.exitCode).toBe(0);
        expect(Date.now() - began).toBeLessThan(RETURNS_WITHIN_MS);
      }
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await server.sessionNames()).toEqual(['keep']);
    const list = await server.cli(['list'], { env });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/^keep\s/m);
  }, 120_000);

  it('Ctrl-C (SIGINT) during a call to a stopped server: the CLI dies of it and takes its tmux client along', async () => {
    process.kill(pid, 'SIGSTOP');
    try {
      const child = execa(process.execPath, [BIN, '-L', server.socketName, 'list'], { cwd: server.home, env: { ...server.env, TMUX_DASHBOARD_TMUX_TIMEOUT_MS: '60000' }, extendEnv: false, reject: false, stdin: 'ignore' });
      const client = `-u -L ${server.socketName}`;
      await waitFor(async () => ((await processesNaming(client)).length > 0 ? true : undefined), 'the tmux client to start');
      child.kill('SIGINT');
      const result = await child;
      expect(result.signal).toBe('SIGINT');
      expect(await processesNaming(client)).toEqual([]);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('a socket nobody answers on: list gives up after the deadline and names it', async () => {
    const socket = path.join(scratch, 'silent.sock');
    const silent = net.createServer({ pauseOnConnect: true }, () => undefined);
    await new Promise<void>((resolve) => silent.listen(socket, resolve));
    try {
      const began = Date.now();
      const result = await cliAt(socket, ['list', '--json'], { TMUX_DASHBOARD_TMUX_TIMEOUT_MS: String(TIMEOUT_MS) });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(`tmux-dashboard: listing sessions: the tmux server ${socket} did not answer within 1 s (stopped or wedged?; TMUX_DASHBOARD_TMUX_TIMEOUT_MS sets how long to wait)`);
      expect(Date.now() - began).toBeLessThan(RETURNS_WITHIN_MS);
      expect(await processesNaming(socket)).toEqual([]);
    } finally {
      silent.close();
    }
  });
});

describe('a running dashboard whose server stops, in a real terminal', () => {
  let fx: DashboardFixture;
  afterEach(async () => {
    await fx.close();
  });

  it('says so in the status line, naming the server; its keys keep working; q quits', async () => {
    fx = new DashboardFixture();
    await fx.addSessions('alpha');
    const pid = Number((await fx.inner.tmux('display-message', '-p', '#{pid}')).trim());
    await fx.start({ env: { TMUX_DASHBOARD_TMUX_TIMEOUT_MS: '1000' }, width: 160 });
    await fx.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    process.kill(pid, 'SIGSTOP');
    try {
      await fx.waitForScreen(new RegExp(`the tmux server -L ${fx.inner.socketName} .*did not answer within 1 s`), 'the status line to say the server does not answer');
      await fx.press('?');
      await fx.waitForScreen(/Session list/, 'the help, while the server is stopped');
      await fx.press('Escape');
      await fx.waitForScreenWithout(/Session list/, 'the help to close');
      await fx.press('q');
      expect(await fx.waitForExit('q to quit while the server is stopped')).toBe(0);
      // A refresh in flight when q was read does not outlive the dashboard.
      expect(await processesNaming(`-u -L ${fx.inner.socketName}`)).toEqual([]);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await fx.names()).toEqual(['alpha']);
  });
});

describe('the dashboard started in a deleted folder, in a real terminal', () => {
  let fx: DashboardFixture;
  afterEach(async () => {
    await fx.close();
  });

  it('shows the list and says that n creates in the home folder', async () => {
    fx = new DashboardFixture();
    await fx.addSessions('alpha');
    const gone = path.join(fx.home, 'gone');
    mkdirSync(gone);
    await fx.start({ before: `cd '${gone}' && rmdir '${gone}'`, width: 160 });
    const screen = await fx.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    expect(screen).toContain(`the current folder no longer exists; using ${fx.home}`);
    await fx.press('q');
    const code = await fx.waitForExit();
    expect(code, await fx.screen()).toBe(0);
  });
});

describe('a server that is still starting at the deadline', () => {
  it('new: the client, the server it forked and what that started are all ended', async () => {
    // The user's tmux.conf holds the new server's start (a config is read before the first command runs).
    const marker = '37.25';
    writeFileSync(path.join(home.home, '.tmux.conf'), `run-shell 'sleep ${marker}'\n`);
    const socket = path.join(scratch, 'starting.sock');
    try {
      const began = Date.now();
      const result = await cliAt(socket, ['new', 'x'], { TMUX_DASHBOARD_TMUX_TIMEOUT_MS: '1000' });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^tmux-dashboard: creating session x: the tmux server ${socket} did not answer within 1 s`));
      expect(Date.now() - began).toBeLessThan(5000);
      expect(await processesNaming(socket)).toEqual([]);
      expect(await processesNaming(`sleep ${marker}`)).toEqual([]);
    } finally {
      rmSync(path.join(home.home, '.tmux.conf'), { force: true });
      rmSync(socket, { force: true });
    }
  });
});

describe('a current folder that was deleted', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = new TestServer();
    await server.start('keep');
  });
  afterAll(async () => {
    await server.kill();
  });

  /** The binary run from a folder removed just before it starts. */
  function inDeletedFolder(args: string[]) {
    const gone = path.join(server.home, `gone-${Math.random().toString(36).slice(2)}`);
    mkdirSync(gone);
    const binary = [process.execPath, BIN, '-L', server.socketName, ...args].map((word) => `'${word}'`).join(' ');
    return execa('sh', ['-c', `cd '${gone}' && rmdir '${gone}' && exec ${binary}`], { cwd: server.home, env: server.env, extendEnv: false, reject: false, stdin: 'ignore' });
  }

  it('list, kill and rename work as anywhere else', async () => {
    const list = await inDeletedFolder(['list']);
    expect(list.stderr).toBe('');
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/^keep\s/m);
    await server.tmux('new-session', '-d', '-s', 'doomed');
    expect((await inDeletedFolder(['rename', 'doomed', 'doomed2'])).exitCode).toBe(0);
    expect((await inDeletedFolder(['kill', 'doomed2'])).exitCode).toBe(0);
    expect(await server.sessionNames()).toEqual(['keep']);
  });

  it('new without --dir starts in the home folder and says so; a relative --dir asks for a full path', async () => {
    const created = await inDeletedFolder(['new']);
    expect(created.exitCode).toBe(0);
    const name = created.stdout.trim();
    expect(created.stderr).toBe(`tmux-dashboard: the current folder no longer exists; using ${server.home}: the session starts in ${server.home}`);
    expect((await server.tmux('display-message', '-p', '-t', `=${name}:`, '#{pane_current_path}')).trim()).toBe(server.home);
    const relative = await inDeletedFolder(['new', 'r', '--dir', 'sub']);
    expect(relative.exitCode).toBe(1);
    expect(relative.stderr).toBe('tmux-dashboard: --dir sub is relative, and the current folder is gone or cannot be read: give a full path');
  });
});

describe('errors are one line and say what was being done', () => {
  let bin: string;
  beforeAll(() => {
    bin = path.join(scratch, 'fake-bin');
    mkdirSync(bin, { recursive: true });
  });

  /** A `tmux` on PATH that prints `stderr` and fails, and answers -V with `version`. */
  function fakeTmux(version: string, stderr: string): NodeJS.ProcessEnv {
    const file = path.join(bin, 'tmux');
    writeFileSync(file, `#!/bin/sh\nif [ "$1" = -V ]; then echo 'tmux ${version}'; exit 0; fi\nprintf '%s\\n' '${stderr}' >&2\nexit 1`);
    chmodSync(file, 0o755);
    return { PATH: `${bin}:${process.env.PATH ?? ''}` };
  }

  it('a tmux that prints its usage text: too old, need ≥ 3.2', async () => {
    const result = await cliAt(path.join(scratch, 'unused.sock'), ['list'], fakeTmux('3.0a', 'usage: tmux [-2CluvV] [-c shell-command] [-f file]'));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('tmux-dashboard: tmux 3.0a is too old: need ≥ 3.2');
  });

  it('a newer tmux that does not understand a flag: not understood', async () => {
    const result = await cliAt(path.join(scratch, 'unused.sock'), ['list'], fakeTmux('9.9', 'unknown flag -Z'));
    expect(result.stderr).toBe('tmux-dashboard: tmux 9.9 is not understood: need ≥ 3.2');
  });

  it("tmux's own error is prefixed with what we were doing", async () => {
    const result = await cliAt(path.join(scratch, 'unused.sock'), ['list'], fakeTmux('3.3a', 'out of memory\nsecond line'));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('tmux-dashboard: listing sessions: tmux: out of memory');
  });

  it('usage errors name the option and what it takes, in one line, exit 2', async () => {
    for (const [args, message] of [
      [['--bogus'], 'unknown option --bogus (usage: tmux-dashboard [--client CLIENT] [--wait SECONDS | --takeover]) (see tmux-dashboard --help)'],
      [['--wait', '-1'], '--wait takes a number of seconds (0 to 86400), not "-1" (see tmux-dashboard --help)'],
      [['list', '-S'], '-S needs a socket path (see tmux-dashboard --help)'],
    ] as const) {
      const result = await cliAt(path.join(scratch, 'unused.sock'), [...args]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(`tmux-dashboard: ${message}`);
    }
  });
});

describe('cleanup-locks and a live dashboard', () => {
  let fx: DashboardFixture;
  afterEach(async () => {
    await fx.close();
  });

  it('refuses to remove a live lock and exits 3, as status does', async () => {
    fx = new DashboardFixture();
    await fx.addSessions('alpha');
    await fx.start();
    await fx.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    const cleanup = await fx.inner.cli(['cleanup-locks']);
    expect(cleanup.stdout).toMatch(/a live dashboard holds the lock/);
    expect(cleanup.exitCode).toBe(3);
    expect((await fx.inner.cli(['status'])).exitCode).toBe(3);
    await fx.press('q');
    expect(await fx.waitForExit()).toBe(0);
    await waitFor(async () => ((await fx.inner.cli(['cleanup-locks'])).exitCode === 0 ? true : undefined), 'the lock to be released');
  });
});
