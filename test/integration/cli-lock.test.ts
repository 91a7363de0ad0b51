import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstanceLock } from '../../src/lock/instance-lock.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;

beforeEach(() => {
  server = new TestServer();
});
afterEach(async () => {
  await server.kill();
});

interface StatusJson {
  locked: boolean;
  alive: boolean;
  stale: boolean;
  pid: number | null;
  lockFile: string;
  pidFile: string;
}

async function statusJson(env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<{ code: number | undefined; status: StatusJson }> {
  const result = await server.cli([...args, 'status', '--json'], { env });
  return { code: result.exitCode, status: JSON.parse(result.stdout) as StatusJson };
}

describe('status and cleanup-locks', () => {
  it('no dashboard: status exits 0 and says not running, with the lock and PID paths', async () => {
    const result = await server.cli(['status']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/dashboard: not running/);
    const { status } = await statusJson();
    expect(status).toMatchObject({ locked: false, alive: false, stale: false, pid: null });
    expect(status.lockFile.startsWith(path.join(server.home, '.local', 'state', 'tmux-dashboard', 'lock.'))).toBe(true);
  });

  it('a lock left by a dead dashboard: status says stale (exit 0), cleanup-locks removes it', async () => {
    const { status } = await statusJson();
    mkdirSync(status.lockFile, { recursive: true });
    writeFileSync(status.pidFile, JSON.stringify({ pid: 999_999, host: os.hostname() }));
    const stale = await server.cli(['status']);
    expect(stale.exitCode).toBe(0);
    expect(stale.stdout).toMatch(/stale lock of a dead dashboard \(pid 999999/);
    const cleaned = await server.cli(['cleanup-locks']);
    expect(cleaned.exitCode).toBe(0);
    expect(cleaned.stdout).toContain(`removed ${status.lockFile}`);
    expect(cleaned.stdout).toContain(`removed ${status.pidFile}`);
    expect((await statusJson()).status.locked).toBe(false);
    expect((await server.cli(['cleanup-locks'])).stdout).toMatch(/no stale lock found/);
  });

  it('a plain file where the lock directory goes: cleanup-locks says what it is and what to do, and leaves it', async () => {
    const { status } = await statusJson();
    mkdirSync(path.dirname(status.lockFile), { recursive: true });
    writeFileSync(status.lockFile, 'mine\n');
    const cleaned = await server.cli(['cleanup-locks']);
    expect(cleaned.exitCode).toBe(1);
    expect(cleaned.stderr).toContain(`${status.lockFile} is a file, where the lock's directory goes; no dashboard made it: remove it (or move it away) and start again`);
    expect(readFileSync(status.lockFile, 'utf8')).toBe('mine\n');
    // status says the same, not "stale lock: run cleanup-locks".
    const said = await server.cli(['status']);
    expect(said.stdout).toContain(`dashboard: not running, and no dashboard can start: ${status.lockFile} is a file, where the lock's directory goes; remove it (or move it away)`);
    expect(said.stdout).not.toMatch(/cleanup-locks/);
  });

  it('TMUX_DASHBOARD_LOCK_FILE / _PID_FILE move the files (the server suffix kept)', async () => {
    const lockFile = path.join(server.home, 'custom', 'my.lock');
    const pidFile = path.join(server.home, 'custom', 'my.pid');
    const { status } = await statusJson({ TMUX_DASHBOARD_LOCK_FILE: lockFile, TMUX_DASHBOARD_PID_FILE: pidFile });
    expect(status.lockFile.startsWith(`${lockFile}.`)).toBe(true);
    expect(status.pidFile.startsWith(`${pidFile}.`)).toBe(true);
  });

  it('two tmux servers get two locks', async () => {
    const a = (await statusJson()).status.lockFile;
    const other = new TestServer();
    try {
      const result = await other.cli(['status', '--json'], { env: { HOME: server.home, XDG_STATE_HOME: server.env.XDG_STATE_HOME } });
      expect((JSON.parse(result.stdout) as StatusJson).lockFile).not.toBe(a);
    } finally {
      await other.kill();
    }
  });
});

describe('the dashboard without a terminal', () => {
  it('says so, points to the subcommands and exits 2', async () => {
    await server.start();
    const result = await server.cli([]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/needs a terminal.*list --json/);
    expect((await statusJson()).status.locked).toBe(false);
  });
});

describe.runIf(process.getuid?.() === 0 && process.platform === 'linux')('another user on the guard\'s name', () => {
  it('status names it as not a dashboard of yours (exit 0), cleanup-locks goes on', async () => {
    const { status } = await statusJson();
    const name = new InstanceLock({ lockFile: status.lockFile, pidFile: status.pidFile }).guard.names[0] ?? '';
    const code = "require('node:net').createServer().listen({ path: '\\0' + process.argv[1], exclusive: true }, () => console.log('listening')); setInterval(() => {}, 1 << 30);";
    const squatter = execa(process.execPath, ['-e', code, name.slice(1)], { reject: false, uid: 65534, gid: 65534, cwd: '/' });
    let output = '';
    squatter.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await waitFor(() => (output.includes('listening') ? true : undefined), 'the squatter to listen', 5000);
      const text = await server.cli(['status']);
      expect(text.exitCode).toBe(0);
      expect(text.stdout).toMatch(/dashboard: not running/);
      expect(text.stdout).toContain(`warning: the lock's guard name is also held by pid ${squatter.pid}, uid 65534: not a dashboard of yours, ignored`);
      const json = JSON.parse((await server.cli(['status', '--json'])).stdout) as { foreignGuardHolders: unknown };
      expect(json.foreignGuardHolders).toEqual([{ pid: squatter.pid, uid: 65534 }]);
      const cleaned = await server.cli(['cleanup-locks']);
      expect(cleaned.exitCode).toBe(0);
      expect(cleaned.stdout).toMatch(/no stale lock found/);
    } finally {
      if (squatter.pid !== undefined) process.kill(squatter.pid, 'SIGKILL');
      await squatter;
    }
  }, 30_000);
});
