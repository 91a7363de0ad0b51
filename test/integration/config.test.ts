import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, TestServer, tempDir } from '../helpers/tmux-server.js';

let server: TestServer;
let configDir: string;

beforeEach(async () => {
  server = new TestServer();
  await server.start('keep');
  configDir = path.join(server.home, '.config', 'tmux-dashboard');
  mkdirSync(configDir, { recursive: true });
});
afterEach(async () => {
  await server.kill();
});

interface ConfigJson {
  file: string | null;
  settings: Record<string, { value: unknown; source: string }>;
  warnings: string[];
}

async function effective(env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ConfigJson> {
  const result = await server.cli(['config', '--json'], { env, ...(cwd === undefined ? {} : { cwd }) });
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as ConfigJson;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('config file', () => {
  it('is read without loading node:crypto or fs/promises (cosmiconfig requires both when it loads; build.mjs defers them): ~6 ms of every start', async () => {
    const probe = tempDir('tmux-dashboard-probe-');
    const preload = path.join(probe, 'modules.cjs');
    const out = path.join(probe, 'modules.json');
    writeFileSync(preload, `process.on('exit', () => { require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)); });\n`);
    for (const [name, text] of [['config.json', '{"sort_mode": "name"}'], ['config.yaml', 'sort_mode: name\n']] as const) {
      const file = path.join(configDir, name);
      writeFileSync(file, text);
      const { settings, warnings } = await effective({ NODE_OPTIONS: `--require ${preload}` });
      expect(warnings).toEqual([]);
      expect(settings.sort_mode?.value).toBe('name');
      const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
      expect(loaded).toContain('NativeModule fs');
      expect(loaded.filter((module) => /^NativeModule (crypto|internal\/fs\/promises)$/.test(module))).toEqual([]);
      rmSync(file);
    }
  });

  it('config.json (the original tool\'s file) applies; `config` names each value\'s source', async () => {
    const file = path.join(configDir, 'config.json');
    writeFileSync(file, JSON.stringify({ sort_mode: 'name', preview_lines: 5, ai_commands: ['claude', 'mybot'] }));
    const { settings, warnings } = await effective();
    expect(warnings).toEqual([]);
    expect(settings.sort_mode).toEqual({ value: 'name', source: file });
    expect(settings.preview_lines).toEqual({ value: 5, source: file });
    expect(settings.auto_create).toEqual({ value: true, source: 'default' });
    const table = await server.cli(['config']);
    expect(table.stdout).toMatch(new RegExp(`sort_mode\\s+"name"\\s+${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  it('an environment variable beats the file', async () => {
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ sort_mode: 'name', dry_run: false }));
    const { settings } = await effective({ TMUX_DASHBOARD_SORT_MODE: 'windows_count', TMUX_DASHBOARD_DRY_RUN: 'yes' });
    expect(settings.sort_mode).toEqual({ value: 'windows_count', source: 'TMUX_DASHBOARD_SORT_MODE' });
    expect(settings.dry_run).toEqual({ value: true, source: 'TMUX_DASHBOARD_DRY_RUN' });
  });

  it('a dry_run whose value cannot be read turns the dry run on: a typo never makes the next command act for real', async () => {
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ dry_run: 'yes' }));
    const fromFile = await server.cli(['new', 'typo1']);
    expect(fromFile.stderr).toMatch(/dry_run = "yes" is not allowed \(expected true or false\); a dry run is on \(nothing is changed\) until it reads true or false/);
    expect(fromFile.stdout).toMatch(/would create typo1/);
    rmSync(path.join(configDir, 'config.json'));
    const fromVariable = await server.cli(['kill', 'keep'], { env: { TMUX_DASHBOARD_DRY_RUN: 'y' } });
    expect(fromVariable.stderr).toMatch(/TMUX_DASHBOARD_DRY_RUN="y" is not allowed .*; a dry run is on/);
    expect(await server.sessionNames()).toEqual(['keep']);
    // Read, it is what it says.
    expect((await server.cli(['new', 'real'], { env: { TMUX_DASHBOARD_DRY_RUN: 'no' } })).exitCode).toBe(0);
    expect((await server.sessionNames()).sort()).toEqual(['keep', 'real']);
  });

  it('YAML and an explicit TMUX_DASHBOARD_CONFIG are read', async () => {
    writeFileSync(path.join(configDir, 'config.yaml'), 'sort_mode: ai_first\nauto_create: false\n');
    expect((await effective()).settings.sort_mode?.value).toBe('ai_first');
    const explicit = path.join(server.home, 'elsewhere.json');
    writeFileSync(explicit, '{"sort_mode":"windows_count"}');
    expect((await effective({ TMUX_DASHBOARD_CONFIG: explicit })).settings.sort_mode).toEqual({ value: 'windows_count', source: explicit });
  });

  it.each([
    ['invalid JSON', '{"sort_mode": "name",,}', /cannot be read \(line 1, column 22: [^\n|>]+\); using defaults$/],
    ['invalid JSON, a position', '{\n  "sort_mode": "name",\n  bad\n}', /cannot be read \(line 3, column 3: Expected double-quoted property name\); using defaults$/],
    ['a byte order mark', '\uFEFF{"sort_mode": "name"}', /byte order mark; read anyway/],
    ['wrong types', '{"sort_mode": 42, "auto_create": "yes", "preview_lines": 10}', /sort_mode = 42 is not allowed \(expected one of activity, name, ai_first, windows_count\)/],
    ['10 MB', `{"x": "${'a'.repeat(10 * 1024 * 1024)}"}`, /more than a config can be/],
  ])('%s: list and config still work, one clear warning, the file byte-identical', async (_label, content, warning) => {
    const file = path.join(configDir, 'config.json');
    writeFileSync(file, content);
    const before = sha(file);
    const list = await server.cli(['list']);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/keep/);
    const lines = list.stderr.trim().split('\n');
    expect(lines[0]).toMatch(warning);
    expect(lines[0]).toContain(file);
    expect(list.stderr).not.toMatch(/^\s+at /m);
    const { settings } = await effective();
    if (_label === 'wrong types') {
      expect(settings.sort_mode).toEqual({ value: 'activity', source: 'default' });
      expect(settings.preview_lines).toEqual({ value: 10, source: file });
      expect(lines).toHaveLength(2); // sort_mode and auto_create
    } else {
      expect(lines).toHaveLength(1);
    }
    expect(sha(file)).toBe(before);
  });
});

describe('a config in the default place that is no file', () => {
  it('a dangling link (a dotfile manager\'s), a folder, a FIFO: each said, none waited on, the next candidate read', async () => {
    symlinkSync(path.join(server.home, 'dotfiles', 'gone.json'), path.join(configDir, 'config.json'));
    await execa('mkfifo', [path.join(configDir, 'config.yaml')]);
    mkdirSync(path.join(configDir, 'config.yml'));
    writeFileSync(path.join(configDir, 'config.mjs'), 'export default { sort_mode: "name" };\n');
    const { settings, warnings } = await effective();
    expect(warnings).toEqual([
      `${path.join(configDir, 'config.json')} is a link to nothing (dangling); not read`,
      `${path.join(configDir, 'config.yaml')} is not a plain file (a FIFO, socket or device); not read`,
      `${path.join(configDir, 'config.yml')} is a folder; not read`,
    ]);
    expect(settings.sort_mode).toEqual({ value: 'name', source: path.join(configDir, 'config.mjs') });
  });
});

describe('a hostile current directory', () => {
  /**
   * A cloned repository that tries every way cosmiconfig would pick it up:
   * its rc files and `.config/config.js` (cosmiconfig's own "meta config")
   * write a marker when run; with `withPackageJson` its package.json also
   * carries a "tmux-dashboard" key.
   */
  function hostileRepo(withPackageJson: boolean): { dir: string; markers: string[] } {
    const dir = tempDir('hostile-repo-');
    const markers = ['rc', 'config', 'meta'].map((name) => path.join(dir, `MARKER_${name}`));
    const writer = (marker: string) => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { sort_mode: 'name' };`;
    writeFileSync(path.join(dir, '.tmux-dashboardrc.js'), writer(markers[0] ?? ''));
    writeFileSync(path.join(dir, 'tmux-dashboard.config.js'), writer(markers[1] ?? ''));
    mkdirSync(path.join(dir, '.config'));
    writeFileSync(path.join(dir, '.config', 'config.js'), writer(markers[2] ?? ''));
    if (withPackageJson) writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'evil', 'tmux-dashboard': { sort_mode: 'name' } }));
    return { dir, markers };
  }

  /** What plain cosmiconfig does in that folder: the control that proves the checks below can fail. */
  async function naiveSearch(dir: string): Promise<string> {
    const cosmiconfigPath = path.join(REPO_ROOT, 'node_modules', 'cosmiconfig', 'dist', 'index.js');
    const script = `require(${JSON.stringify(cosmiconfigPath)}).cosmiconfig('tmux-dashboard').search().then((r) => console.log(r ? r.filepath : 'none'), (e) => console.log('error', e.message))`;
    return (await execa(process.execPath, ['-e', script], { cwd: dir, reject: false })).stdout;
  }

  it('the trap is real: plain cosmiconfig in that folder applies its package.json or runs its code (control case)', async () => {
    const withPkg = hostileRepo(true);
    expect(await naiveSearch(withPkg.dir)).toBe(path.join(withPkg.dir, 'package.json'));
    const withoutPkg = hostileRepo(false);
    await naiveSearch(withoutPkg.dir);
    expect(withoutPkg.markers.some((marker) => existsSync(marker))).toBe(true);
  });

  it.each([
    ['no user config, repo with package.json', false, true],
    ['no user config, repo without package.json', false, false],
    ['a user config (cosmiconfig loaded), repo with package.json', true, true],
    ['a user config (cosmiconfig loaded), repo without package.json', true, false],
  ])('%s: nothing from the folder runs or applies', async (_label, userConfig, withPackageJson) => {
    if (userConfig) writeFileSync(path.join(configDir, 'config.json'), '{"preview_lines": 7}');
    const { dir, markers } = hostileRepo(withPackageJson);
    const { settings } = await effective({}, dir);
    expect(settings.sort_mode?.source).toBe('default');
    if (userConfig) expect(settings.preview_lines?.value).toBe(7);
    const list = await server.cli(['list'], { cwd: dir });
    expect(list.exitCode).toBe(0);
    for (const marker of markers) expect(existsSync(marker)).toBe(false);
  });
});

describe('config code that misbehaves', () => {
  // The loader's deadline is 3 s; a command waits for it once, then runs.
  // The rest is Node's start and the command itself, which on a loaded
  // 2-core machine (the tests run in parallel) took up to ~3 s.
  const WITHIN_MS = 3000 + 4000;
  const cases = [
    ['config.js', 'loops for ever', 'for (;;) {}', /did not finish within 3 s/],
    ['config.js', 'never settles (and keeps a timer)', 'setInterval(() => {}, 1000); module.exports = new Promise(() => {});', /did not finish within 3 s/],
    ['config.mjs', 'never settles (top-level await)', 'export default await new Promise(() => {});', /its value never settled/],
    ['config.js', 'throws', 'throw new Error("no such setting: colour");', /failed: no such setting: colour; using defaults/],
    ['config.mjs', 'throws', 'throw new TypeError("broken on purpose");', /failed: TypeError: broken on purpose; using defaults/],
  ] as const;

  it.each(cases)('a %s that %s: list, config and config --json return within the deadline, with the warning, on defaults', async (name, _label, body, warning) => {
    const file = path.join(configDir, name);
    writeFileSync(file, body);
    for (const args of [['list'], ['config'], ['config', '--json']]) {
      const started = Date.now();
      const result = await server.cli(args);
      expect(Date.now() - started).toBeLessThan(WITHIN_MS);
      expect(result.exitCode).toBe(0);
      const said = args[0] === 'list' ? result.stderr : result.stdout;
      expect(said).toMatch(warning);
      expect(said).toContain(file);
      expect(said).not.toMatch(/__dirname/);
      if (args[0] === 'list') expect(result.stdout).toMatch(/keep/);
    }
  }, 60_000);

  it('status, cleanup-locks, --version and --help do not run the config at all', async () => {
    const marker = path.join(server.home, 'CONFIG_RAN');
    writeFileSync(path.join(configDir, 'config.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); for (;;) {}`);
    for (const args of [['status'], ['cleanup-locks'], ['--version'], ['--help']]) {
      const started = Date.now();
      const result = await server.cli(args);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(result.exitCode).toBe(0);
      expect(existsSync(marker)).toBe(false);
    }
    // The control: a command that needs it does run it.
    await server.cli(['config']);
    expect(existsSync(marker)).toBe(true);
  }, 30_000);

  it.each([['SIGTERM'], ['SIGINT']] as const)('%s ends a command whose config loops, at once', async (signal) => {
    writeFileSync(path.join(configDir, 'config.js'), 'for (;;) {}');
    const child = execa(process.execPath, [path.join(REPO_ROOT, 'bin', 'tmux-dashboard.cjs'), '-L', server.socketName, 'list'], { env: server.env, extendEnv: false, reject: false });
    await new Promise((resolve) => setTimeout(resolve, 700)); // the worker is running the loop by now
    const sent = Date.now();
    child.kill(signal);
    const result = await child;
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(result.signal).toBe(signal);
  });
});

describe('config, the text form', () => {
  it('shows the warnings, the remembered sort mode with the state file as its source, and the real log path', async () => {
    writeFileSync(path.join(configDir, 'config.json'), '{"sort_mode": "name", "colour": "red", "preview_lines": "many"}');
    const stateFile = path.join(server.home, '.local', 'state', 'tmux-dashboard', 'state.json');
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, '{"sort_mode": "windows_count"}');
    const text = (await server.cli(['config'])).stdout;
    expect(text).toMatch(new RegExp(`sort_mode\\s+"windows_count"\\s+remembered in ${stateFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    expect(text).toMatch(new RegExp(`log_path\\s+"${path.join(server.home, '.local', 'state', 'tmux-dashboard', 'log.jsonl').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"\\s+default`));
    expect(text).toMatch(/warnings:\n {2}.*unknown key "colour"/);
    expect(text).toMatch(/preview_lines = "many" is not allowed/);
    // The JSON form says the same.
    const json = await effective();
    expect(json.settings.sort_mode).toEqual({ value: 'windows_count', source: `remembered in ${stateFile}` });
    expect(json.warnings).toHaveLength(2);
    // An environment variable beats the memory, as in the dashboard.
    expect((await effective({ TMUX_DASHBOARD_SORT_MODE: 'ai_first' })).settings.sort_mode).toEqual({ value: 'ai_first', source: 'TMUX_DASHBOARD_SORT_MODE' });
    expect((await effective({ TMUX_DASHBOARD_LOG: 'off' })).settings.log_path).toEqual({ value: 'off', source: 'TMUX_DASHBOARD_LOG' });
  });

  it('log_path: ~/ is the home folder, a relative path is refused (each command would write it in the folder it runs in)', async () => {
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ log_path: '~/logs/dashboard.jsonl' }));
    const work = path.join(server.home, 'work');
    mkdirSync(work);
    const expected = path.join(server.home, 'logs', 'dashboard.jsonl');
    expect((await effective({}, work)).settings.log_path?.value).toBe(expected);
    await server.cli(['kill', 'nosuch'], { cwd: work });
    expect(readFileSync(expected, 'utf8')).toMatch(/nosuch/);
    expect(existsSync(path.join(work, '~'))).toBe(false);
    const relative = await effective({ TMUX_DASHBOARD_LOG: 'relative.log' }, work);
    expect(relative.warnings.join('\n')).toMatch(/TMUX_DASHBOARD_LOG="relative.log" is not allowed \(expected a file path, absolute or starting with ~\/, or 'off'\)/);
    expect(relative.settings.log_path?.value).toBe(expected);
  });

  it('a config directory left 0777 is tightened to 0700; a config file of another user is not read', async () => {
    chmodSync(configDir, 0o777);
    const file = path.join(configDir, 'config.json');
    writeFileSync(file, '{"sort_mode": "name"}');
    expect((await effective()).settings.sort_mode?.value).toBe('name');
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    if (process.getuid?.() !== 0) return;
    chownSync(file, 65534, 65534);
    const { settings, warnings } = await effective();
    expect(settings.sort_mode?.value).toBe('activity');
    expect(warnings[0]).toMatch(/belongs to uid 65534, not to you; not read, using defaults/);
  });
});
