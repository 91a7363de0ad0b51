import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, TestServer, tempDir, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;

beforeEach(async () => {
  server = new TestServer();
  await server.start('packaged');
});
afterEach(async () => {
  await server.kill();
});

describe('the npm package', () => {
  it('packs only what runs, installs into a fresh prefix with no dependencies, and works from outside the repository', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const out = tempDir('tmux-dashboard-pack-');
    // dist/ is built by the test command already; rebuilding here would race the other tests.
    const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: REPO_ROOT });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const files = info?.files.map((file) => file.path).sort() ?? [];
    // dist/early.cjs: the launcher's first tmux call (src/cli/early.ts); dist/cli.cjs: everything else, the UI included.
    expect(files).toEqual(['LICENSE', 'README.md', 'bin/tmux-dashboard.cjs', 'dist/cli.cjs', 'dist/early.cjs', 'package.json', 'tmux-dashboard.tmux']);
    const tarball = path.join(out, info?.filename ?? '');

    const prefix = tempDir('tmux-dashboard-prefix-');
    const elsewhere = tempDir('tmux-dashboard-elsewhere-');
    const npmEnv = { ...server.env, npm_config_cache: path.join(out, 'cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    await execa('npm', ['install', '--global', '--prefix', prefix, tarball], { cwd: elsewhere, env: npmEnv, extendEnv: false });
    // The bundle is self-contained: nothing else gets installed.
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'tmux-dashboard', 'node_modules'))).toBe(false);

    const bin = path.join(prefix, 'bin', 'tmux-dashboard');
    const run = (args: string[]) => execa(bin, args, { cwd: elsewhere, env: { ...server.env, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH ?? ''}` }, extendEnv: false, reject: false });
    expect((await run(['--version'])).stdout).toBe(version);
    expect((await run(['--help'])).stdout).toMatch(/Keys in the dashboard/);
    const listed = await run(['-L', server.socketName, 'list', '--json']);
    expect(listed.exitCode).toBe(0);
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((session) => session.name)).toEqual(['packaged']);
    // The dashboard itself (the UI too), in a pane of the server: a real terminal.
    await server.tmux('new-window', '-d', '-t', '=packaged:', '-n', 'ui', bin, '-L', server.socketName);
    await waitFor(async () => ((await server.tmux('capture-pane', '-p', '-t', '=packaged:ui')).includes('tmux-dashboard · 1 session') ? true : undefined), 'the installed dashboard');
    await server.tmux('send-keys', '-t', '=packaged:ui', 'q');
    const plugin = path.join(prefix, 'lib', 'node_modules', 'tmux-dashboard', 'tmux-dashboard.tmux');
    expect(existsSync(plugin)).toBe(true);

    // npx from an empty directory with a fresh cache, as `npx tmux-dashboard` would run.
    const npxEnv = { ...npmEnv, npm_config_cache: path.join(out, 'npx-cache') };
    const viaNpx = await execa('npx', ['--yes', `--package=${tarball}`, 'tmux-dashboard', '-L', server.socketName, 'list', '--json'], { cwd: tempDir('tmux-dashboard-empty-'), env: npxEnv, extendEnv: false });
    expect((JSON.parse(viaNpx.stdout) as { name: string }[]).map((session) => session.name)).toEqual(['packaged']);
  }, 180_000);
});
