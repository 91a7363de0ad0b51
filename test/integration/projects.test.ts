import { execa } from 'execa';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { runEffect } from '../../src/dashboard/effects.js';
import { Logger } from '../../src/log/logger.js';
import { scanCachePath } from '../../src/project/cache.js';
import { openLockPath } from '../../src/project/open.js';
import { projectServices } from '../../src/project/services.js';
import { autoRenameToProject } from '../../src/sessions/naming.js';
import { statePath } from '../../src/state/state.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

// Projects on real folders in a private HOME, against a real private tmux
// server: nested repositories, a git worktree, names that broke other tools,
// planted symlinks, and a fake zoxide that answers, hangs or fails.
let server: TestServer;
let home: string;
let bin: string;

const NO_STACK = /^\s+at /m;
const HOSTILE = ['with space', '#(touch PWNED)', "it's", 'quote"d', 'v1.2', 'a:b'];

function project(relative: string, marker = 'go.mod'): string {
  const dir = path.join(home, relative);
  mkdirSync(dir, { recursive: true });
  if (marker === '.git') mkdirSync(path.join(dir, '.git'), { recursive: true });
  else writeFileSync(path.join(dir, marker), '');
  return realpathSync(dir);
}

async function git(cwd: string, ...args: string[]): Promise<void> {
  await execa('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, env: server.env, extendEnv: false });
}

/** A `zoxide` on PATH that runs `body` (sh). */
function fakeZoxide(body: string): NodeJS.ProcessEnv {
  writeFileSync(path.join(bin, 'zoxide'), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(bin, 'zoxide'), 0o755);
  return { PATH: `${bin}:${server.env.PATH ?? ''}` };
}

function config(value: object): void {
  const dir = path.join(home, '.config', 'tmux-dashboard');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(value));
}

interface Listed {
  name: string;
  path: string;
  sources: string[];
  session: string | null;
}

async function projects(env: NodeJS.ProcessEnv = {}): Promise<{ listed: Listed[]; stderr: string; ms: number }> {
  const started = Date.now();
  const result = await server.cli(['projects', '--json'], { env });
  const ms = Date.now() - started;
  expect(result.stderr).not.toMatch(NO_STACK);
  expect(result.exitCode).toBe(0);
  return { listed: JSON.parse(result.stdout) as Listed[], stderr: result.stderr, ms };
}

async function open(target: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await server.cli(['open', target, '--no-attach'], { env });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout.trim().split('\n').at(-1) ?? '';
}

async function sessions(): Promise<{ name: string; path: string; project: string | null; panes: { path: string }[] }[]> {
  const result = await server.cli(['list', '--json']);
  return JSON.parse(result.stdout) as { name: string; path: string; project: string | null; panes: { path: string }[] }[];
}

let src: string;
let mono: string;
let sub: string;
let tool: string;
let worktree: string;

beforeEach(async () => {
  server = new TestServer();
  home = server.home;
  bin = path.join(home, 'bin');
  mkdirSync(bin);
  mono = project('src/mono', '.git');
  sub = project('src/mono/packages/sub', '.git');
  project('src/mono/node_modules/dep', 'package.json');
  project('src/.hidden/secret', '.git');
  for (const name of HOSTILE) project(`src/${name}`);
  src = realpathSync(path.join(home, 'src'));
  // A real repository with a linked worktree outside the root.
  tool = path.join(src, 'tool');
  mkdirSync(tool);
  await git(tool, 'init', '-q');
  await git(tool, 'commit', '-q', '--allow-empty', '-m', 'first');
  await git(tool, 'worktree', 'add', '-q', path.join(home, 'wt', 'tool-feature'));
  worktree = realpathSync(path.join(home, 'wt', 'tool-feature'));
  // Planted: a loop back to the root, and a way out of it.
  symlinkSync(src, path.join(src, 'loop'));
  symlinkSync('/', path.join(src, 'out'));
  config({ project_roots: [{ path: '~/src', depth: 3 }] });
});
afterEach(async () => {
  await server.kill();
});

describe('projects --json on real folders', () => {
  it('lists the repositories and project folders of the roots, nested ones too, and a worktree as repo/worktree; never node_modules, hidden folders or symlinks', async () => {
    const { listed } = await projects({ PATH: `${bin}:${server.env.PATH ?? ''}` });
    const byPath = new Map(listed.map((item) => [item.path, item]));
    expect(byPath.get(mono)).toMatchObject({ name: 'mono', sources: ['root'], session: null });
    expect(byPath.get(sub)).toMatchObject({ name: 'sub' });
    expect(byPath.get(tool)).toMatchObject({ name: 'tool' });
    expect(byPath.get(worktree)).toMatchObject({ name: 'tool/tool-feature', sources: ['worktree'] });
    for (const name of HOSTILE) expect(byPath.get(path.join(src, name))?.name).toBe(name);
    for (const item of listed) {
      expect(item.path).not.toMatch(/node_modules|\.hidden|\/loop|\/out/);
      expect(item.path.startsWith(src) || item.path === worktree).toBe(true);
    }
    // The scan is cached privately.
    const cache = scanCachePath({ ...server.env, XDG_CACHE_HOME: path.join(home, '.cache') });
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cache)).mode & 0o777).toBe(0o700);
  });

  it('zoxide that answers: its folders join, one entry per real folder whichever source found it; deleted folders are left out', async () => {
    const elsewhere = project('elsewhere/zproj', 'README');
    const env = fakeZoxide(`printf '%s\\n' '${elsewhere}' '${mono}' '${path.join(home, 'gone')}' '${path.join(src, 'loop', 'mono')}'`);
    const { listed, stderr } = await projects(env);
    expect(stderr).toBe('');
    expect(listed.find((item) => item.path === elsewhere)).toMatchObject({ name: 'zproj', sources: ['zoxide'] });
    // ~/src/loop/mono is ~/src/mono: one entry.
    expect(listed.filter((item) => item.path === mono)).toEqual([{ name: 'mono', path: mono, sources: ['zoxide', 'root'], session: null }]);
    expect(listed.some((item) => item.path.endsWith('/gone'))).toBe(false);
  });

  it('zoxide that hangs: projects answers within its deadline, says zoxide timed out, and leaves no zoxide behind', async () => {
    const pidFile = path.join(home, 'zoxide.pid');
    const env = fakeZoxide(`echo $$ > '${pidFile}'\nexec sleep 60`);
    const { listed, stderr, ms } = await projects(env);
    expect(stderr).toMatch(/zoxide timed out/);
    expect(listed.some((item) => item.path === mono)).toBe(true);
    // Node's start included; zoxide's own share is its 400 ms deadline.
    expect(ms).toBeLessThan(3000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 'the hanging zoxide to be killed', 2000);
  });

  it('zoxide that fails: one line saying so, the rest of the list as ever', async () => {
    const { listed, stderr } = await projects(fakeZoxide('echo "database is broken" >&2; exit 3'));
    expect(stderr).toBe('tmux-dashboard: zoxide failed: database is broken');
    expect(listed.some((item) => item.path === mono)).toBe(true);
  });

  it('a zoxide that cannot be run (EACCES: not executable, or a PATH folder that cannot be searched) is no zoxide: nothing said', async () => {
    const env = fakeZoxide('echo never');
    chmodSync(path.join(bin, 'zoxide'), 0o644);
    const { listed, stderr } = await projects(env);
    expect(stderr).toBe('');
    expect(listed.some((item) => item.path === mono)).toBe(true);
  });

  it('the picker’s zoxide source answers within 1 s from a hanging zoxide, and says it timed out', async () => {
    const env = { ...server.env, ...fakeZoxide('exec sleep 60') };
    const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, env), env);
    const services = projectServices({ tmux, config: DEFAULT_CONFIG, env, home, stateFile: statePath(env), cacheFile: scanCachePath(env), lockPath: openLockPath(env) });
    const started = Date.now();
    const event = await runEffect({ type: 'findProjects', source: 'zoxide', generation: 1 }, { tmux, log: new Logger(null), rememberSort: () => Promise.resolve(undefined), now: Date.now, projects: services });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(event).toMatchObject({ type: 'projectsFound', source: 'zoxide', projects: [], note: 'zoxide timed out (no answer in 400 ms)' });
  });
});

describe('open', () => {
  it('twice on the same folder: one session, created in that folder, then found again', async () => {
    expect(await open(mono)).toBe('mono');
    expect(await open(`~/src/mono`)).toBe('mono');
    const listed = await sessions();
    expect(listed.map((item) => item.name)).toEqual(['mono']);
    expect(listed[0]).toMatchObject({ path: mono, project: mono });
    expect(listed[0]?.panes[0]?.path).toBe(mono);
    // Remembered as opened: the picker's recent source.
    const { listed: after } = await projects();
    expect(after[0]).toMatchObject({ path: mono, sources: ['recent', 'session', 'root'], session: 'mono' });
  });

  it('two at the same moment on one folder: one session, both print its name', async () => {
    const results = await Promise.all([1, 2, 3].map(() => server.cli(['open', sub, '--no-attach'])));
    for (const result of results) {
      expect(result.exitCode).toBe(0);
      expect(result.stdout.trim()).toBe('sub');
    }
    expect((await sessions()).map((item) => item.name)).toEqual(['sub']);
  });

  it('names with spaces, #(…), quotes, dots and colons: sanitised like new, nothing run', async () => {
    const names = [];
    for (const name of HOSTILE) names.push(await open(path.join(src, name)));
    expect(names).toEqual(['with space', '#(touch PWNED)', "it's", 'quote"d', 'v1_2', 'a_b']);
    const listed = await sessions();
    for (const name of HOSTILE) expect(listed.find((item) => item.path === path.join(src, name))).toBeDefined();
    expect(existsSync(path.join(home, 'PWNED'))).toBe(false);
    expect(existsSync(path.join(src, '#(touch PWNED)', 'PWNED'))).toBe(false);
    // A second folder of the same name gets -2, as `new` would.
    const twin = project('other/v1.2');
    expect(await open(twin)).toBe('v1_2-2');
  });

  it('a NAME is a project of that name; nested projects keep their own sessions; no argument is the current folder’s project', async () => {
    expect(await open('sub')).toBe('sub');
    expect(await open('mono')).toBe('mono');
    expect(await open('tool/tool-feature')).toBe('tool/tool-feature');
    const result = await server.cli(['open', '--no-attach'], { cwd: path.join(sub) });
    expect(result.stdout.trim()).toBe('sub');
    expect((await sessions()).map((item) => item.name).sort()).toEqual(['mono', 'sub', 'tool/tool-feature']);
  });

  it('auto-rename after a detach leaves a project session’s name (repo/worktree) while its pane stays in the project', async () => {
    expect(await open(worktree)).toBe('tool/tool-feature');
    const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
    const [created] = await tmux.listSessions();
    expect(created).toMatchObject({ name: 'tool/tool-feature', autoName: 'tool/tool-feature', project: worktree });
    expect(await autoRenameToProject(tmux, created?.id ?? '')).toBeUndefined();
    expect(await server.sessionNames()).toEqual(['tool/tool-feature']);
  });

  it('open NAME finds a project made since the last scan (the roots are scanned again when the name is not in the cached scan)', async () => {
    expect(await open('mono')).toBe('mono');
    mkdirSync(path.join(src, 'fresh', '.git'), { recursive: true });
    // The cache is older than the 10 s a scan stays fresh.
    const cacheFile = scanCachePath({ ...server.env, XDG_CACHE_HOME: path.join(home, '.cache') });
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { scannedAt: number };
    writeFileSync(cacheFile, JSON.stringify({ ...cached, scannedAt: cached.scannedAt - 60_000 }));
    expect(await open('fresh')).toBe('fresh');
  });

  it('bad input: one line and exit 1, never a stack trace', async () => {
    for (const args of [['open', path.join(home, 'nope')], ['open', 'no-such-project'], ['open', path.join(src, 'mono', '.git', 'HEAD-missing')], ['open', ''], ['open', ' ']]) {
      const result = await server.cli(args);
      expect(result.exitCode).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(NO_STACK);
    }
    const usage = await server.cli(['projects', 'extra']);
    expect(usage.exitCode).toBe(2);
  });

  it('a template: its windows are added and its commands typed into the user’s shell', async () => {
    config({ project_roots: [{ path: '~/src', depth: 3 }], templates: [{ match: '~/src/*', startup_command: 'touch started', windows: [{ name: 'logs #{pane_id}', command: 'touch "from logs"', dir: 'packages' }] }] });
    mkdirSync(path.join(mono, 'packages'), { recursive: true });
    expect(await open(mono)).toBe('mono');
    await waitFor(() => (existsSync(path.join(mono, 'started')) ? true : undefined), 'the startup command to run');
    await waitFor(() => (existsSync(path.join(mono, 'packages', 'from logs')) ? true : undefined), "the window's command to run in its folder");
    const windows = await server.tmux('list-windows', '-t', '=mono', '-F', '#{window_name}');
    expect(windows.split('\n')[1]).toBe('logs #{pane_id}');
    // A window whose folder is missing is not opened (tmux would open it in its own folder and run the command there), and open says so.
    config({ project_roots: [{ path: '~/src', depth: 3 }], templates: [{ match: '~/src/*', windows: [{ name: 'gone', command: 'touch "ran here"', dir: 'no-such-dir' }, { name: 'kept', dir: 'packages' }] }] });
    await server.tmux('kill-session', '-t', '=mono');
    const result = await server.cli(['open', mono, '--no-attach']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/warning: template ~\/src\/\*: window gone not opened: \S*no-such-dir is not a directory/);
    expect((await server.tmux('list-windows', '-t', '=mono', '-F', '#{window_name}')).trim().split('\n').slice(1)).toEqual(['kept']);
    // Not a template's folder: no windows added.
    rmSync(path.join(mono, 'started'));
    expect(await open(worktree)).toBe('tool/tool-feature');
    expect((await server.tmux('list-windows', '-t', '=tool/tool-feature', '-F', '#{window_name}')).split('\n')).toHaveLength(1);
  });
});
