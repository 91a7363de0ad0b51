import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;

beforeEach(() => {
  server = new TestServer();
});
afterEach(async () => {
  await server.kill();
});

interface ListedSession {
  id: string;
  name: string;
  path: string;
  panes: { path: string; command: string }[];
}

async function listJson(): Promise<ListedSession[]> {
  const result = await server.cli(['list', '--json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as ListedSession[];
}

async function panePath(sessionName: string): Promise<string> {
  const sessions = await listJson();
  const session = sessions.find((s) => s.name === sessionName);
  if (session === undefined) throw new Error(`no session ${sessionName}`);
  return session.panes[0]?.path ?? '';
}

const NO_STACK = /^\s+at /m;

/**
 * The control cases: tmux runs `#()` jobs in the background and, under load,
 * now and then not at all (seen in CI about once in ten runs). A proof needs
 * one job that ran: up to three attempts, each with its own marker.
 */
async function tmuxRunsAJob(start: (n: number, marker: string) => Promise<unknown>, markerOf: (n: number) => string = (n) => path.join(server.home, `CONTROL_${n}`)): Promise<boolean> {
  for (let n = 1; n <= 3; n++) {
    const marker = markerOf(n);
    await start(n, marker);
    const ran = await waitFor(() => (existsSync(marker) ? true : undefined), 'tmux to run the #() job', 5000).catch(() => false);
    if (ran) return true;
  }
  return false;
}

describe('exact targets: foo never hits foobar', () => {
  it.each([
    [['kill', 'foo']],
    [['rename', 'foo', 'x']],
    [['attach', 'foo']],
  ])('%j fails with "not found" and foobar survives', async (args) => {
    await server.start('foobar');
    const result = await server.cli(args);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/not found: foo\b/);
    expect(result.stderr).not.toMatch(NO_STACK);
    expect(await server.sessionNames()).toEqual(['foobar']);
  });

  it('kill foo kills foo and leaves foobar', async () => {
    await server.start('foobar');
    await server.tmux('new-session', '-d', '-s', 'foo');
    const result = await server.cli(['kill', 'foo']);
    expect(result.exitCode).toBe(0);
    expect(await server.sessionNames()).toEqual(['foobar']);
  });
});

describe('hostile names', () => {
  const hostile = ['#(touch MARKER)', 'x#{host}y', 'a.b:c', 'with space', '-dash', 'ünïcödé', `'q"uote`, 'x'.repeat(1000)];
  const expected = (name: string) => name.replace(/[.:]/g, '_');

  it('tmux really runs #() in an unescaped name (the control case that proves the check below can fail)', async () => {
    await server.start();
    await expect(tmuxRunsAJob((n, marker) => server.tmux('new-session', '-d', '-s', `x${n}#(touch ${marker})`))).resolves.toBe(true);
  });

  it('go through new, list --json, rename and kill without running anything', async () => {
    await server.start();
    const absoluteMarker = path.join(server.home, 'ABS_MARKER');
    const homeMarker = path.join(server.home, 'HOME_MARKER');
    const names = [...hostile, `#(touch ${absoluteMarker})`, '#(cd;touch HOME_MARKER)'];
    for (const name of names) {
      const created = await server.cli(['new', '--', name]);
      expect(created.stderr).toBe('');
      expect(created.exitCode).toBe(0);
      expect(created.stdout).toBe(expected(name));
    }
    const listed = (await listJson()).map((s) => s.name);
    const held = await server.sessionNames();
    for (const name of names) {
      expect(listed).toContain(expected(name));
      expect(held).toContain(expected(name));
    }

    for (const name of names) {
      const renamed = await server.cli(['rename', '--', expected(name), `${name}!`]);
      expect(renamed.stderr).toBe('');
      expect(renamed.stdout).toBe(`${expected(name)}!`);
    }
    expect((await server.sessionNames()).sort()).toEqual(['keep', ...names.map((n) => `${expected(n)}!`)].sort());

    for (const name of names) {
      const killed = await server.cli(['kill', '--', `${expected(name)}!`]);
      expect(killed.stderr).toBe('');
      expect(killed.exitCode).toBe(0);
    }
    expect(await server.sessionNames()).toEqual(['keep']);

    // #() jobs run asynchronously: give any that was started time to land.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(existsSync(absoluteMarker)).toBe(false);
    expect(existsSync(homeMarker)).toBe(false);
    expect(existsSync(path.join(server.home, 'MARKER'))).toBe(false);
  });

  it('refuses empty names and control characters with a clear message', async () => {
    await server.start();
    for (const bad of ['', '  ', 'a\tb', 'esc\u001b[2J']) {
      const result = await server.cli(['new', '--', bad]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/session name cannot/);
      expect(result.stderr).not.toMatch(NO_STACK);
    }
    expect(await server.sessionNames()).toEqual(['keep']);
  });
});

describe('new', () => {
  it('starts in a directory whose name has spaces', async () => {
    const dir = path.join(server.home, 'dir with spaces');
    mkdirSync(dir);
    const result = await server.cli(['new', 'spaced', '--dir', dir]);
    expect(result.exitCode).toBe(0);
    expect(await waitFor(async () => ((await panePath('spaced')) === dir ? dir : undefined), 'pane path')).toBe(dir);
  });

  it('--dir takes ~/ as the home folder (quoted, the shell leaves it to us), as open and the n dialog do', async () => {
    const dir = path.join(server.home, 'src');
    mkdirSync(dir);
    const result = await server.cli(['new', 'tilde', '--dir', '~/src']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(await waitFor(async () => ((await panePath('tilde')) === dir ? dir : undefined), 'pane path')).toBe(dir);
  });

  it('tmux really runs #() in an unescaped start directory (control case)', async () => {
    await server.start();
    await expect(tmuxRunsAJob((n) => server.tmux('new-session', '-d', '-s', `ctl${n}`, '-c', path.join(server.home, `#(cd;touch CONTROL_${n})`)), (n) => path.join(server.home, `CONTROL_${n}`))).resolves.toBe(true);
  });

  it('starts in a directory named #(touch MARKER2) without running it, named after it', async () => {
    // No '/' can stand in a folder name: `cd` alone goes to $HOME, the test's own.
    const marker = path.join(server.home, 'MARKER2');
    const dir = path.join(server.home, '#(cd;touch MARKER2)');
    mkdirSync(dir);
    const result = await server.cli(['new', '--dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('#(cd;touch MARKER2)');
    expect(await panePath('#(cd;touch MARKER2)')).toBe(dir);
    const [session] = await listJson();
    expect(session?.path).toBe(dir);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(existsSync(marker)).toBe(false);
  });

  it('from a subfolder of a git repository: starts in the repository root, named after it', async () => {
    const repo = path.join(server.home, 'src', 'my.repo');
    const sub = path.join(repo, 'packages', 'web');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'package.json'), '{}');
    const result = await server.cli(['new'], { cwd: sub });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('my_repo');
    expect(await panePath('my_repo')).toBe(repo);
  });

  it('de-duplicates: proj, proj-2, proj-3', async () => {
    const dir = path.join(server.home, 'proj');
    mkdirSync(dir);
    const outputs: string[] = [];
    for (let i = 0; i < 3; i++) outputs.push((await server.cli(['new', '--dir', dir])).stdout);
    expect(outputs).toEqual(['proj', 'proj-2', 'proj-3']);
  });

  it('refuses a start directory that does not exist, and creates nothing', async () => {
    await server.start();
    const result = await server.cli(['new', 'x', '--dir', path.join(server.home, 'nope')]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/start directory does not exist: .*nope/);
    expect(await server.sessionNames()).toEqual(['keep']);
  });
});

describe('rename', () => {
  it('refuses a name that is taken, leaving both sessions as they were', async () => {
    await server.start('a');
    await server.tmux('new-session', '-d', '-s', 'b');
    const result = await server.cli(['rename', 'a', 'b']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/a session named b already exists/);
    expect((await server.sessionNames()).sort()).toEqual(['a', 'b']);
  });
});

describe('no server, dead server, no tmux', () => {
  it('list on a server that never ran: empty table and [] with exit 0', async () => {
    const table = await server.cli(['list']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^NAME\s+WINDOWS\s+ATTACHED\s+ACTIVITY\s+PATH$/)]);
    const json = await server.cli(['list', '--json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('NO_COLOR=1 list prints no escape sequences', async () => {
    await server.start('esc\u001b[31mred');
    const result = await server.cli(['list'], { env: { NO_COLOR: '1' } });
    // tmux holds it escaped (`\033`); we read the name back as typed and show the control character as \x1b.
    expect(result.stdout).toMatch(/esc\\x1b\[31mred/);
    expect(result.stdout).not.toContain('\u001b');
  });

  it('list after the server was SIGKILLed (its socket left behind): [] with exit 0', async () => {
    await server.start();
    const pid = Number(await server.tmux('display-message', '-p', '#{pid}'));
    process.kill(pid, 'SIGKILL');
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 'the server to die');
    const json = await server.cli(['list', '--json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('kill on a server that never ran: not found, exit 1', async () => {
    const result = await server.cli(['kill', 'x']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/not found: x/);
  });

  it('tmux missing from PATH: exit 127 with a clear message', async () => {
    const result = await server.cli(['list'], { env: { PATH: path.join(server.home, 'empty-bin') } });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toMatch(/tmux is not installed or not on PATH/);
    expect(result.stderr).not.toMatch(NO_STACK);
  });
});

describe('usage and help', () => {
  it('--help lists the commands and exit codes; --version prints the version', async () => {
    const help = await server.cli(['--help']);
    expect(help.exitCode).toBe(0);
    for (const word of ['list', 'new', 'attach', 'kill', 'rename', '127']) expect(help.stdout).toContain(word);
    const version = await server.cli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a usage error exits 2 with one line and a pointer to --help', async () => {
    const result = await server.cli(['rename', 'only-one']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/usage: tmux-dashboard rename OLD NEW/);
    expect(result.stderr).not.toMatch(NO_STACK);
  });
});
