import { execa, type ResultPromise } from 'execa';
import { chmodSync, existsSync, lchownSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockForServer } from '../../src/lock/index.js';
import { InstanceLock } from '../../src/lock/instance-lock.js';
import { readPidFile } from '../../src/lock/pid-file.js';
import { lockFs } from '../../src/lock/lock-files.js';
import { bundleScript } from '../helpers/bundle.js';
import { alive, tempDir, waitFor } from '../helpers/tmux-server.js';

interface Line {
  pid: number;
  event: string;
  round?: number;
  acquired?: boolean;
  from?: number;
  until?: number;
  ms?: number;
  name?: string;
  message?: string;
}

let script: string;
let dir: string;
let lockFile: string;
let pidFile: string;
const started: ResultPromise[] = [];

beforeAll(async () => {
  script = await bundleScript('test/helpers/lock-contender.ts');
});
beforeEach(() => {
  dir = tempDir();
  lockFile = path.join(dir, 'state', 'lock');
  pidFile = path.join(dir, 'state', 'pid');
});
afterEach(() => {
  // End only the processes this test started, by their PID.
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGCONT');
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

function contender(mode: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): ResultPromise {
  const child = execa(process.execPath, [script, lockFile, pidFile, mode, ...args], { reject: false, env, stdin: 'ignore' });
  started.push(child);
  return child;
}

function lines(stdout: unknown): Line[] {
  return String(stdout)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line);
}

/** Resolves with the first event line of a running child. */
function firstEvent(child: ResultPromise): Promise<Line> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line !== undefined && buffer.includes('\n')) resolve(JSON.parse(line) as Line);
    });
    child.then(() => {
      reject(new Error(`exited before any event: ${buffer}`));
    }, reject);
  });
}

/** A lock as a dead holder leaves it: fresh lock directory, PID file naming `pid`. */
function seedLock(pidFileContent: string): void {
  mkdirSync(lockFile, { recursive: true });
  writeFileSync(pidFile, pidFileContent);
}

async function deadPid(): Promise<number> {
  const child = execa(process.execPath, ['-e', '0']);
  await child;
  return child.pid ?? 0;
}

describe('where the holder runs, as its PID file says', () => {
  it('records $TMUX_PANE only with the $TMUX it belongs to: inherited alone, it names no pane of ours', async () => {
    const server = { kind: 'socket-name', name: 'pane-test' } as const;
    const state = { XDG_STATE_HOME: path.join(dir, 'xdg') };
    const alone = lockForServer(server, { ...state, TMUX_PANE: '%0' });
    expect(await alone.acquire()).toBe(true);
    const paths = readdirSync(path.join(dir, 'xdg', 'tmux-dashboard'));
    const pidName = paths.find((name) => name.startsWith('pid.'));
    expect(pidName, paths.join(' ')).toBeDefined();
    const pidPath = path.join(dir, 'xdg', 'tmux-dashboard', pidName ?? '');
    const record = readPidFile(pidPath);
    expect(record.kind === 'record' ? [record.record.pane, record.record.paneSocket] : record).toEqual([null, null]);
    alone.release();
    const inside = lockForServer(server, { ...state, TMUX: '/tmp/tmux-0/other,1,0', TMUX_PANE: '%3' });
    expect(await inside.acquire()).toBe(true);
    const again = readPidFile(pidPath);
    expect(again.kind === 'record' ? [again.record.pane, again.record.paneSocket] : again).toEqual(['%3', '/tmp/tmux-0/other']);
    inside.release();
  });
});

describe('InstanceLock across real processes', () => {
  it('8 processes, 50 rounds started at the same instant: never two holders at once, a holder every round', async () => {
    const rounds = 50;
    const start = Date.now() + 1500;
    const children = Array.from({ length: 8 }, () => contender('rounds', [String(rounds), String(start), '200', '120']));
    const results = await Promise.all(children);
    const all = results.flatMap((result) => lines(result.stdout));
    expect(all.filter((line) => line.event === 'error')).toEqual([]);
    for (let round = 0; round < rounds; round++) {
      const inRound = all.filter((line) => line.event === 'round' && line.round === round);
      expect(inRound).toHaveLength(8);
      // On a loaded machine a contender can start its round after the winner
      // released and win it too; what must never happen is an overlap.
      expect(inRound.filter((line) => line.acquired === true).length).toBeGreaterThanOrEqual(1);
    }
    const held = all.filter((line) => line.event === 'round' && line.acquired === true).map((line) => ({ from: Number(line.from), until: Number(line.until) })).sort((a, b) => a.from - b.from);
    for (let index = 1; index < held.length; index++) expect(held[index]?.from ?? 0).toBeGreaterThanOrEqual(held[index - 1]?.until ?? 0);
  }, 60_000);

  it('a holder killed with SIGKILL: the next start acquires within 500 ms', async () => {
    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ event: 'result', acquired: true });
    expect(existsSync(lockFile)).toBe(true);
    process.kill(holder.pid ?? 0, 'SIGKILL');
    await holder;
    // The dead holder's lock directory and PID file are still there.
    expect(existsSync(lockFile)).toBe(true);
    const next = await contender('once', ['500']);
    expect(lines(next.stdout)[0]).toMatchObject({ event: 'result', acquired: true });
  });

  it('a pre-seeded dead lock and 8 contenders: exactly one holder, no compromised event', async () => {
    seedLock(JSON.stringify({ pid: await deadPid(), startTime: '1', host: os.hostname(), version: 'old' }));
    const start = String(Date.now() + 1200);
    // Hold 2.5 s: past proper-lockfile's update interval (1 s at stale 2 s), when a steal would show.
    const results = await Promise.all(Array.from({ length: 8 }, () => contender('once', ['0', '2500', start])));
    const all = results.flatMap((result) => lines(result.stdout));
    expect(all.filter((line) => line.event === 'result' && line.acquired === true)).toHaveLength(1);
    expect(all.filter((line) => line.event === 'compromised' || line.event === 'error')).toEqual([]);
  }, 30_000);

  it('a PID file naming a live unrelated process: treated as stale, that process untouched', async () => {
    const sleeper = execa('sleep', ['30'], { reject: false });
    started.push(sleeper);
    seedLock(JSON.stringify({ pid: sleeper.pid, host: os.hostname(), version: 'old' }));
    const next = await contender('once', ['0']);
    expect(lines(next.stdout)[0]).toMatchObject({ acquired: true });
    expect(alive(sleeper.pid ?? 0)).toBe(true);
    expect(sleeper.exitCode).toBeNull();
  });

  it('a fresh lock whose PID file names another host (a shared home) is respected', async () => {
    seedLock(JSON.stringify({ pid: 1234, host: 'another-host.example', version: 'x' }));
    const next = await contender('once', ['0']);
    expect(lines(next.stdout)[0]).toMatchObject({ acquired: false });
    expect(existsSync(lockFile)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'garbage\u0000\u00ff'],
    ['0', '0'],
    ['-1', '-1'],
    ['huge', '99999999999'],
    ['own pid of the test runner', String(process.pid)],
    ['JSON with pid -1', '{"pid":-1}'],
  ])('a PID file that is %s: stale, nothing signalled, the lock is taken', async (_label, content) => {
    seedLock(content);
    const next = await contender('once', ['0']);
    expect(lines(next.stdout)[0]).toMatchObject({ acquired: true });
    expect(alive(process.pid)).toBe(true);
  });

  it('a holder stopped (SIGSTOP) past the stale time is not stolen, and runs on after SIGCONT', async () => {
    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ acquired: true });
    const holderPid = holder.pid ?? 0;
    const pidBefore = statSync(pidFile).mtimeMs;
    process.kill(holderPid, 'SIGSTOP');
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000)); // stale time is 2 s in the contender
      const next = await contender('once', ['0']);
      expect(lines(next.stdout)[0]).toMatchObject({ acquired: false });
    } finally {
      process.kill(holderPid, 'SIGCONT');
    }
    // One update interval later the holder has refreshed its lock, not lost it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alive(holderPid)).toBe(true);
    expect(statSync(pidFile).mtimeMs).toBe(pidBefore);
    const status = await new InstanceLock({ lockFile, pidFile }).getStatus();
    expect(status).toMatchObject({ locked: true, alive: true, stale: false, holder: { pid: holderPid } });
    process.kill(holderPid, 'SIGKILL');
    const result = await holder;
    expect(lines(result.stdout).filter((line) => line.event === 'compromised')).toEqual([]);
  }, 20_000);

  it('a read-only state directory: a clear LockFileError, no partial lock or PID file', async () => {
    const readOnly = path.join(dir, 'ro');
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
    chmodSync(dir, 0o755);
    chmodSync(path.dirname(script), 0o755);
    lockFile = path.join(readOnly, 'lock');
    pidFile = path.join(readOnly, 'pid');
    // As root the mode bits do not bind: run the contender as nobody then.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = execa(process.execPath, [script, lockFile, pidFile, 'once', '0'], { reject: false, ...asNobody });
    const result = await child;
    expect(lines(result.stdout)[0]).toMatchObject({ event: 'error', name: 'LockFileError' });
    expect(lines(result.stdout)[0]?.message).toMatch(/cannot (use the lock directory|create the lock|write the PID file)/);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)('a lock or PID path that is a symlink planted by another user is refused', async () => {
    mkdirSync(path.dirname(lockFile), { recursive: true });
    const target = path.join(dir, 'elsewhere');
    for (const planted of [lockFile, pidFile]) {
      symlinkSync(target, planted);
      lchownSync(planted, 65534, 65534);
      const result = await contender('once', ['0']);
      expect(lines(result.stdout)[0]).toMatchObject({ event: 'error', name: 'LockFileError' });
      expect(lines(result.stdout)[0]?.message).toMatch(/is a symbolic link owned by uid 65534; refusing/);
      expect(existsSync(target)).toBe(false);
      rmSync(planted);
    }
  });

  it('files are 0600 and directories 0700 even under umask 000', async () => {
    const holder = contender('hold', [], { LOCK_UMASK: '0' });
    expect(await firstEvent(holder)).toMatchObject({ acquired: true });
    expect(statSync(path.dirname(lockFile)).mode & 0o777).toBe(0o700);
    expect(statSync(lockFile).mode & 0o777).toBe(0o700);
    expect(statSync(pidFile).mode & 0o777).toBe(0o600);
  });

  it('takeover asks a live holder to quit through the guard, then holds the lock', async () => {
    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ acquired: true });
    const next = await contender('takeover', ['3000']);
    expect(lines(next.stdout)[0]).toMatchObject({ acquired: true });
    const old = await holder;
    expect(lines(old.stdout).map((line) => line.event)).toContain('takeover-requested');
  });

  it('a takeover request without the holder\'s token is refused', async () => {
    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ acquired: true });
    const lock = new InstanceLock({ lockFile, pidFile });
    expect(await lock.guard.request({ op: 'quit', token: 'guess' })).toMatchObject({ ok: false, reason: 'wrong token' });
    expect(alive(holder.pid ?? 0)).toBe(true);
  });
});

describe('InstanceLock in one process', () => {
  it('concurrent acquire() calls on two locks for one path: one winner', async () => {
    const a = new InstanceLock({ lockFile, pidFile });
    const b = new InstanceLock({ lockFile, pidFile });
    const results = await Promise.all([a.acquire(), b.acquire(), a.acquire(), b.acquire()]);
    expect(results.filter(Boolean).length).toBe(2); // both calls of the one winner
    expect(a.held !== b.held).toBe(true);
    a.release();
    b.release();
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('cleanupStaleLocks removes a dead holder\'s files and never a live holder\'s', async () => {
    seedLock(JSON.stringify({ pid: await deadPid() }));
    utimesSync(lockFile, new Date(), new Date());
    const cleaner = new InstanceLock({ lockFile, pidFile });
    expect((await cleaner.getStatus()).stale).toBe(true);
    expect((await cleaner.cleanupStaleLocks()).removed.sort()).toEqual([lockFile, pidFile].sort());

    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ acquired: true });
    const result = await cleaner.cleanupStaleLocks();
    expect(result.removed).toEqual([]);
    expect(result.liveHolder?.pid).toBe(holder.pid);
    expect(existsSync(lockFile)).toBe(true);
    await waitFor(() => (existsSync(pidFile) ? true : undefined), 'the PID file to stay');
  });
});

/**
 * A process of another user (nobody) listening on `name`, as a squatter
 * would once it has seen the name in use. It prints every line it is sent.
 */
async function squatAs(name: string): Promise<{ child: ResultPromise; received: () => string[] }> {
  chmodSync(dir, 0o755);
  const code = `
    const net = require('node:net');
    const server = net.createServer((socket) => {
      socket.on('data', (data) => process.stdout.write('got ' + data.toString()));
      socket.on('error', () => {});
    });
    server.listen({ path: '\\0' + process.argv[1], exclusive: true }, () => process.stdout.write('listening\\n'));
    setInterval(() => {}, 1 << 30);`;
  const child = execa(process.execPath, ['-e', code, name.slice(1)], { reject: false, uid: 65534, gid: 65534, cwd: '/' });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(() => (output.includes('listening') ? true : undefined), 'the squatter to listen', 5000);
  return { child, received: () => output.split('\n').filter((line) => line.startsWith('got ')) };
}

describe.runIf(process.getuid?.() === 0 && process.platform === 'linux')('the guard against other users', () => {
  it('another user listening on the guard\'s name first: starts still win, status names it, takeover and cleanup never ask it anything', async () => {
    const lock = new InstanceLock({ lockFile, pidFile });
    const squatter = await squatAs(lock.guard.names[0] ?? '');
    const squatterPid = squatter.child.pid ?? 0;

    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ event: 'result', acquired: true });
    const status = await lock.getStatus();
    expect(status).toMatchObject({ alive: true, holder: { pid: holder.pid } });
    expect(status.squatters).toEqual([expect.objectContaining({ pid: squatterPid, uid: 65534, ours: false })]);
    // A second start is refused because of our holder, not the squatter.
    expect(lines((await contender('once', ['0'])).stdout)[0]).toMatchObject({ acquired: false });

    const next = await contender('takeover', ['3000']);
    expect(lines(next.stdout)[0]).toMatchObject({ event: 'result', acquired: true });
    expect(lines((await holder).stdout).map((line) => line.event)).toContain('takeover-requested');

    // Nobody holds the lock now; the squatter still listens.
    expect(await lock.cleanupStaleLocks()).toMatchObject({ liveHolder: null, squatters: [] });
    expect((await lock.getStatus()).alive).toBe(false);
    expect(await lock.guard.request({ op: 'quit', token: 'x', deadline: Number.MAX_SAFE_INTEGER })).toBeUndefined();
    // It was only ever sent random challenges: no quit, no token.
    expect(squatter.received().length).toBeGreaterThan(0);
    for (const line of squatter.received()) {
      const request = JSON.parse(line.slice(4)) as Record<string, unknown>;
      expect(Object.keys(request).sort()).toEqual(['nonce', 'op']);
      expect(request.op).toBe('ping');
    }
    expect(alive(squatterPid)).toBe(true);
  }, 30_000);

  it('every name squatted: a start says so and names the processes, it does not claim a dashboard runs', async () => {
    const lock = new InstanceLock({ lockFile, pidFile });
    const squatters = [];
    for (const name of lock.guard.names) squatters.push(await squatAs(name));
    const result = await contender('once', ['0']);
    expect(lines(result.stdout)[0]).toMatchObject({ event: 'error', name: 'LockAcquisitionError' });
    expect(lines(result.stdout)[0]?.message).toMatch(/held by processes of other users \(pid \d+, uid 65534/);
    const status = await lock.getStatus();
    expect(status).toMatchObject({ alive: false });
    expect(status.squatters).toHaveLength(lock.guard.names.length);
  }, 60_000);

  it('a guard key that is a symlink or another user\'s file is refused', async () => {
    mkdirSync(path.dirname(lockFile), { recursive: true, mode: 0o700 });
    const key = path.join(path.dirname(lockFile), 'guard-key');
    symlinkSync(path.join(dir, 'elsewhere'), key);
    const planted = lines((await contender('once', ['0'])).stdout)[0];
    expect(planted).toMatchObject({ event: 'error', name: 'LockFileError' });
    expect(planted?.message).toMatch(/guard-key is a symbolic link/);
    rmSync(key);
    writeFileSync(key, 'k'.repeat(32), { mode: 0o600 });
    lchownSync(key, 65534, 65534);
    const foreign = lines((await contender('once', ['0'])).stdout)[0];
    expect(foreign).toMatchObject({ event: 'error', name: 'LockFileError' });
    expect(foreign?.message).toMatch(/guard-key is owned by uid 65534/);
  });
});

describe('takeover requests that got no answer', () => {
  it('a takeover sent to a stopped holder is refused, and the holder stays open once continued', async () => {
    const holder = contender('hold');
    expect(await firstEvent(holder)).toMatchObject({ acquired: true });
    const holderPid = holder.pid ?? 0;
    process.kill(holderPid, 'SIGSTOP');
    let result;
    try {
      result = await contender('takeover', ['3000']);
    } finally {
      process.kill(holderPid, 'SIGCONT');
    }
    expect(lines(result.stdout)[0]).toMatchObject({ event: 'error', name: 'LockAcquisitionError' });
    expect(lines(result.stdout)[0]?.message).toMatch(/did not answer .* in time/);
    // Continued, the holder reads the request that waited in its socket: too late, ignored.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alive(holderPid)).toBe(true);
    expect(holder.exitCode).toBeNull();
    const status = await new InstanceLock({ lockFile, pidFile }).getStatus();
    expect(status).toMatchObject({ alive: true, holder: { pid: holderPid } });
    process.kill(holderPid, 'SIGKILL');
    expect(lines((await holder).stdout).map((line) => line.event)).not.toContain('takeover-requested');
  }, 20_000);
});

describe('the fs the lock is taken with', () => {
  const nextTick = () =>
    new Promise<void>((resolve) => {
      process.nextTick(resolve);
    });

  it('runs its calls at once while the lock is being taken (no event-loop turn), and in the background once settled', async () => {
    const { fs: lockingFs, settle } = lockFs();
    const target = path.join(dir, 'lock.d');
    const seen: string[] = [];
    const previous = process.umask(0o000);
    try {
      lockingFs.mkdir(target, (error: unknown) => seen.push(`mkdir ${String(error)}`));
    } finally {
      process.umask(previous);
    }
    const mtime = new Date(1_700_000_000_005);
    lockingFs.utimes(target, mtime, mtime, (error: unknown) => seen.push(`utimes ${String(error)}`));
    lockingFs.stat(target, (error: unknown, stat?: { mtimeMs: number }) => seen.push(`stat ${String(error)} ${stat?.mtimeMs}`));
    lockingFs.mkdir(target, (error: unknown) => seen.push(`again ${(error as NodeJS.ErrnoException | null)?.code}`));
    expect(seen).toEqual([]);
    await nextTick();
    expect(seen).toEqual(['mkdir null', 'utimes null', 'stat null 1700000000005', 'again EEXIST']);
    // 0700 under umask 000: no one else may add or remove anything in it.
    expect(statSync(target).mode & 0o777).toBe(0o700);

    settle();
    seen.length = 0;
    // Settled, each call is Node's own asynchronous one: no answer before the event loop turns. One after
    // the other: in the thread pool an rmdir sent beside a stat may well finish first.
    lockingFs.stat(target, (error: unknown) => seen.push(`stat ${String(error)}`));
    for (let i = 0; i < 5; i++) await nextTick();
    expect(seen).toEqual([]);
    await waitFor(() => (seen.length === 1 ? true : undefined), 'the stat');
    lockingFs.rmdir(target, (error: unknown) => seen.push(`rmdir ${String(error)}`));
    for (let i = 0; i < 5; i++) await nextTick();
    expect(seen).toEqual(['stat null']);
    await waitFor(() => (seen.length === 2 ? true : undefined), 'the rmdir');
    expect(seen).toEqual(['stat null', 'rmdir null']);
    expect(existsSync(target)).toBe(false);
  });
});
