import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('a file V8 refuses (garbage, another Node) is dropped and written again, and the command works the same', async () => {
    mkdirSync(codeDir, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(codeDir, named('dashboard')), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([named('command')]);
    expect(readFileSync(path.join(codeDir, named('command'))).subarray(0, 64).equals(Buffer.alloc(64, 0x5a))).toBe(false);
  });

  it("an earlier build's files go when this build writes its own", async () => {
    mkdirSync(codeDir, { recursive: true, mode: 0o700 });
    const old = `${'0'.repeat(32)}-${process.version}-${process.arch}-dashboard.bin`;
    writeFileSync(path.join(codeDir, old), 'old', { mode: 0o600 });
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([named('command')]);
  });

  it('a link planted where the directory goes is neither followed nor written through; the command works', async () => {
    const elsewhere = tempDir('tmux-dashboard-planted-');
    mkdirSync(path.dirname(codeDir), { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, codeDir);
    expect(await listNames()).toEqual(['keep']);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('inside a directory everyone can write (not sticky), it is not used, with a message', async () => {
    const open = tempDir('tmux-dashboard-open-');
    chmodSync(open, 0o777);
    env = { ...env, XDG_CACHE_HOME: path.join(open, 'cache') };
    const listed = await server.cli(['-L', server.socketName, 'list', '--json'], { env });
    expect(listed.exitCode).toBe(0);
    expect(listed.stderr).toMatch(/is inside .*, which another user can change; starting without the code cache/);
    expect(readdirSync(path.join(open, 'cache', 'tmux-dashboard', 'code'))).toEqual([]);
  });

  it('NODE_DISABLE_COMPILE_CACHE=1 turns it off', async () => {
    env = { ...env, NODE_DISABLE_COMPILE_CACHE: '1' };
    expect(await listNames()).toEqual(['keep']);
    expect(cacheFiles()).toEqual([]);
  });
});
