import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, TestServer, tempDir, waitFor } from '../helpers/tmux-server.js';

// The launcher's code cache (bin/tmux-dashboard.cjs): V8's compiled code for
// dist/cli.cjs, kept between starts in a private directory, one file per
// build, Node version and kind of start.

let server: TestServer;
let cacheHome: string;
let codeDir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  server = new TestServer();
  await server.start('keep');
  cacheHome = path.join(server.home, '.cache');
  codeDir = path.join(cacheHome, 'tmux-dashboard', 'code');
  env = { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' };
});
afterEach(async () => {
  await server.kill();
});

const build = () => /^\/\/ tmux-dashboard build ([0-9a-f]{64})\n/.exec(readFileSync(path.join(REPO_ROOT, 'dist', 'cli.cjs'), 'latin1'))?.[1]?.slice(0, 32) ?? 'missing';
const cacheFiles = () => (existsSync(codeDir) ? readdirSync(codeDir).sort() : []);
const named = (kind: string) => `${build()}-${process.version}-${process.arch}-${kind}.bin`;

async function listNames(): Promise<string[]> {
  const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env });
  expect([listed.exitCode, listed.stderr]).toEqual([0, '']);
  return (JSON.parse(listed.stdout) as { name: string }[]).map((session) => session.name);
}

/** A dashboard in a pane of the test's server, until its list is on the screen; then q. */
async function startDashboard(): Promise<void> {
  const envArgs = Object.entries(env).map(([key, value]) => `${key}=${value ?? ''}`);
  await server.tmux('new-window', '-d', '-t', '=keep:', '-n', 'ui', 'env', ...envArgs, process.execPath, BIN, '-L', server.socketName);
  await waitFor(async () => ((await server.tmux('capture-pane', '-p', '-t', '=keep:ui')).includes('tmux-dashboard · 1 session') ? true : undefined), 'the dashboard');
  await server.tmux('send-keys', '-t', '=keep:ui', 'q');
  await waitFor(async () => ((await server.tmux('list-windows', '-F', '#{window_name}')).includes('ui') ? undefined : true), 'the dashboard to quit');
}

describe('the code cache', () => {
  it('a command keeps one private file; a dashboard start keeps its own, which later commands use instead of writing theirs', async () => {
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([named('command')]);
    expect(statSync(path.join(codeDir, named('command'))).mode & 0o777).toBe(0o600);
    expect(statSync(codeDir).mode & 0o777).toBe(0o700);

    await startDashboard();
    expect(cacheFiles()).toEqual([named('command'), named('dashboard')].sort());
    const kept = readFileSync(path.join(codeDir, named('dashboard')));

    // Loaded and accepted: a command writes nothing (a rejected file is removed and replaced).
    const before = statSync(path.join(codeDir, named('command'))).mtimeMs;
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([named('command'), named('dashboard')].sort());
    expect(statSync(path.join(codeDir, named('command'))).mtimeMs).toBe(before);
    expect(readFileSync(path.join(codeDir, named('dashboard')))).toEqual(kept);
  });

  it('a damaged file (garbage, or bytes changed inside) never reaches V8: it is dropped and written again, and the command works the same', async () => {
    mkdirSync(codeDir, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(codeDir, named('dashboard')), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([named('command')]);
    const good = readFileSync(path.join(codeDir, named('command')));
    expect(good.subarray(0, 64).equals(Buffer.alloc(64, 0x5a))).toBe(false);
    // Two bytes near the end of V8's data: V8 itself would abort on it ("Invalid bytecode").
    const damaged = Buffer.from(good);
    for (const at of [damaged.length - 100, damaged.length - 99]) damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(path.join(codeDir, named('command')), damaged, { mode: 0o600 });
    expect(await listNames()).toEqual(['keep']);
    // Written again (V8's data differs a little from run to run), and sealed: the next start uses it.
    const again = readFileSync(path.join(codeDir, named('command')));
    expect(again.equals(damaged)).toBe(false);
    expect(again.length).toBeGreaterThan(good.length / 2);
    const before = statSync(path.join(codeDir, named('command'))).mtimeMs;
    expect(await listNames()).toEqual(['keep']);
    expect(statSync(path.join(codeDir, named('command'))).mtimeMs).toBe(before);
  });

  it('a copy of the bundle edited to the same length runs as edited, not from the code cached for the original', async () => {
    const copy = tempDir('tmux-dashboard-copy-');
    mkdirSync(path.join(copy, 'bin'));
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(copy, 'dist'), { recursive: true });
    cpSync(BIN, path.join(copy, 'bin', 'tmux-dashboard.cjs'));
    const version = async () => (await server.cli(['--version'], { env, bin: path.join(copy, 'bin', 'tmux-dashboard.cjs') })).stdout;
    const original = await version();
    expect(await version()).toBe(original);
    const file = path.join(copy, 'dist', 'cli.cjs');
    const text = readFileSync(file, 'latin1');
    expect(text).toContain(`"${original}"`);
    const edited = original.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
    writeFileSync(file, text.replace(`"${original}"`, `"${edited}"`), 'latin1');
    expect(await version()).toBe(edited);
  });

  it("a file another user could have written is neither run nor kept: one of theirs, one others can write, a FIFO", async () => {
    mkdirSync(codeDir, { recursive: true, mode: 0o700 });
    expect(await listNames()).toEqual(['keep']);
    const ours = readFileSync(path.join(codeDir, named('command')));
    // Theirs (planted while the directory was open to them), with our own valid content: still not used.
    const planted = path.join(codeDir, named('dashboard'));
    writeFileSync(planted, ours, { mode: 0o644 });
    if (process.getuid?.() === 0) chownSync(planted, 65534, 65534);
    else chmodSync(planted, 0o666);
    expect(await listNames()).toEqual(['keep']);
    expect(existsSync(planted)).toBe(false);
    execFileSync('mkfifo', [planted]);
    const started = Date.now();
    expect(await listNames()).toEqual(['keep']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(planted)).toBe(false);
  });

  it("another build's files go a week after they were written, when this build writes its own (two installs side by side keep theirs)", async () => {
    mkdirSync(codeDir, { recursive: true, mode: 0o700 });
    const old = `${'0'.repeat(32)}-${process.version}-${process.arch}-dashboard.bin`;
    const recent = `${'1'.repeat(32)}-${process.version}-${process.arch}-dashboard.bin`;
    writeFileSync(path.join(codeDir, old), 'old', { mode: 0o600 });
    writeFileSync(path.join(codeDir, recent), 'recent', { mode: 0o600 });
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    utimesSync(path.join(codeDir, old), eightDaysAgo, eightDaysAgo);
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([recent, named('command')].sort());
  });

  it('a link where the directory goes (planted by another user, or made by us) is neither followed nor written through, with a message; nothing outside is changed', async () => {
    const elsewhere = tempDir('tmux-dashboard-planted-');
    const modeBefore = statSync(path.dirname(elsewhere)).mode;
    mkdirSync(path.dirname(codeDir), { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, codeDir);
    if (process.getuid?.() === 0) execFileSync('chown', ['-h', '65534:65534', codeDir]);
    const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env });
    expect(listed.exitCode).toBe(0);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((session) => session.name)).toEqual(['keep']);
    expect(listed.stderr).toMatch(/code is a link, not a directory; starting without the code cache/);
    expect(readdirSync(elsewhere)).toEqual([]);
    // Its parent (the system's temporary directory) is left as it was: only our own two directories are ever tightened.
    expect(statSync(path.dirname(elsewhere)).mode).toBe(modeBefore);
  });

  it('inside a directory everyone can write (not sticky), it is not used, with a message', async () => {
    const open = tempDir('tmux-dashboard-open-');
    chmodSync(open, 0o777);
    env = { ...env, XDG_CACHE_HOME: path.join(open, 'cache') };
    const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env });
    expect(listed.exitCode).toBe(0);
    expect(listed.stderr).toMatch(/goes through .*, which others can write; starting without the code cache/);
    expect(existsSync(path.join(open, 'cache'))).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)("another user's home (root with HOME kept, as sudo -E does): refused before anything is made there", async () => {
    const theirs = tempDir('tmux-dashboard-theirs-');
    mkdirSync(path.join(theirs, '.cache'));
    chownSync(theirs, 65534, 65534);
    chownSync(path.join(theirs, '.cache'), 65534, 65534);
    const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env: { ...env, XDG_CACHE_HOME: '', HOME: theirs } });
    expect(listed.exitCode).toBe(0);
    expect(listed.stderr).toMatch(/goes through .*, which belongs to uid 65534; starting without the code cache/);
    expect(readdirSync(path.join(theirs, '.cache'))).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)('inside a directory a group of others can write, it is not used, with a message', async () => {
    const shared = tempDir('tmux-dashboard-group-');
    chownSync(shared, process.getuid?.() ?? 0, 100);
    chmodSync(shared, 0o775);
    const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env: { ...env, XDG_CACHE_HOME: path.join(shared, 'cache') } });
    expect(listed.exitCode).toBe(0);
    expect(listed.stderr).toMatch(/goes through .*, which others can write; starting without the code cache/);
    expect(existsSync(path.join(shared, 'cache'))).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)("inside a directory only the user's own group can write (a user-private-group home, 0775), it is used, quietly", async () => {
    // The precondition the rule reads: root's group 0 has root alone, as primary group and as listed members.
    const primaries = readFileSync('/etc/passwd', 'utf8').split('\n').filter((line) => line.split(':')[3] === '0');
    expect(primaries.map((line) => line.split(':')[2])).toEqual(['0']);
    expect(readFileSync('/etc/group', 'utf8')).toMatch(/^root:[^:]*:0:$/m);
    const home = tempDir('tmux-dashboard-upg-');
    chownSync(home, 0, 0);
    chmodSync(home, 0o775);
    env = { ...env, XDG_CACHE_HOME: path.join(home, 'cache') };
    codeDir = path.join(home, 'cache', 'tmux-dashboard', 'code');
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([named('command')]);
  });

  it.runIf(process.getuid?.() === 0)("a link of ours that leads through a link of another user's is not followed, with a message; nothing is made", async () => {
    const theirs = tempDir('tmux-dashboard-theirs-');
    const target = tempDir('tmux-dashboard-target-');
    symlinkSync(target, path.join(theirs, 'L'));
    execFileSync('chown', ['-h', '65534:65534', path.join(theirs, 'L')]);
    const ours = path.join(tempDir('tmux-dashboard-ours-'), 'mylink');
    symlinkSync(path.join(theirs, 'L'), ours);
    const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env: { ...env, XDG_CACHE_HOME: path.join(ours, 'c') } });
    expect(listed.exitCode).toBe(0);
    expect(listed.stderr).toMatch(/goes through .*L, a link of uid 65534; starting without the code cache/);
    expect(readdirSync(target)).toEqual([]);
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 turns it off', async () => {
    env = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([]);
  });
});
