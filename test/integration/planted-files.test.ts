import { execa } from 'execa';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InstanceLock } from '../../src/lock/instance-lock.js';
import { Logger } from '../../src/log/logger.js';
import { readState, updateState } from '../../src/state/state.js';
import { TestServer } from '../helpers/tmux-server.js';

// Another local user is needed: as root the test runs that user's steps as nobody.
const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;

let server: TestServer;
let stateDir: string;
let victim: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  server = new TestServer();
  await server.start('keep');
  // The dashboard's state directory, as an old version or a careless mkdir left it: 0777.
  stateDir = path.join(server.home, '.local', 'state', 'tmux-dashboard');
  mkdirSync(stateDir, { recursive: true });
  for (let dir = stateDir; dir.startsWith(server.home); dir = path.dirname(dir)) chmodSync(dir, 0o755);
  chmodSync(stateDir, 0o777);
  // A file of the user's that the other user cannot write, but would like us to.
  victim = path.join(server.home, 'victim.txt');
  writeFileSync(victim, 'precious\n', { mode: 0o644 });
  process.env.XDG_STATE_HOME = path.join(server.home, '.local', 'state');
});
afterEach(async () => {
  process.env = { ...savedEnv };
  await server.kill();
});

/** What another user does in a directory they can write. */
async function plantAsNobody(...argv: string[]): Promise<void> {
  await execa(argv[0] ?? '', argv.slice(1), NOBODY);
}

describe.runIf(asRoot)('files planted in the state directory by another user', () => {
  it('symlinks named state.json and log.jsonl: nothing is written through them, and the directory ends 0700', async () => {
    await plantAsNobody('ln', '-s', victim, path.join(stateDir, 'state.json'));
    await plantAsNobody('ln', '-s', victim, path.join(stateDir, 'log.jsonl'));
    expect(lstatSync(path.join(stateDir, 'log.jsonl')).uid).toBe(65534);

    // A command that logs (the default log in the state directory), then a remembered sort mode.
    const made = await server.cli(['new', 'made', '--dir', server.home]);
    expect(made.exitCode).toBe(0);
    await expect(updateState(path.join(stateDir, 'state.json'), { sort_mode: 'name' })).rejects.toThrow(/state\.json is a symbolic link \(owned by uid 65534\); refusing to follow it/);
    expect(readState(path.join(stateDir, 'state.json'))).toEqual({});

    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(path.join(stateDir, 'state.json')).isSymbolicLink()).toBe(true);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
  });

  it('plain files of another user named state.json and log.jsonl are neither written nor trusted', async () => {
    await plantAsNobody('sh', '-c', `echo '{"sort_mode":"name"}' > ${path.join(stateDir, 'state.json')}; : > ${path.join(stateDir, 'log.jsonl')}`);
    const log = new Logger(path.join(stateDir, 'log.jsonl'));
    log.info('test', 'must not land in their file');
    log.close();
    expect(readFileSync(path.join(stateDir, 'log.jsonl'), 'utf8')).toBe('');
    expect(readState(path.join(stateDir, 'state.json'))).toEqual({});
    await expect(updateState(path.join(stateDir, 'state.json'), { sort_mode: 'name' })).rejects.toThrow(/belongs to uid 65534, not to you/);
  });

  it('a FIFO named state.json: read as empty at once, not waited on', async () => {
    await plantAsNobody('mkfifo', path.join(stateDir, 'state.json'));
    expect(readState(path.join(stateDir, 'state.json'))).toEqual({});
  });

  it('a state directory that belongs to another user is refused with a message: state, lock and dashboard', async () => {
    chownSync(stateDir, 65534, 65534);
    await expect(updateState(path.join(stateDir, 'state.json'), { sort_mode: 'name' })).rejects.toThrow(/the state directory .* belongs to uid 65534, not to you; refusing to use it/);
    const lock = new InstanceLock({ lockFile: path.join(stateDir, 'lock'), pidFile: path.join(stateDir, 'pid') });
    await expect(lock.acquire()).rejects.toThrow(/belongs to uid 65534/);
    expect(existsSync(path.join(stateDir, 'lock'))).toBe(false);
    // Commands that only log keep working; the log stays quiet.
    const listed = await server.cli(['list']);
    expect(listed.exitCode).toBe(0);
    expect(existsSync(path.join(stateDir, 'log.jsonl'))).toBe(false);
    expect(statSync(stateDir).mode & 0o777).toBe(0o777);
  });
});

describe.runIf(asRoot)('the code cache directory', () => {
  it('left 0777 it is tightened to 0700; owned by another user it is not used, with a message', async () => {
    const cacheHome = path.join(server.home, '.cache');
    const dir = path.join(cacheHome, 'tmux-dashboard');
    mkdirSync(dir, { recursive: true, mode: 0o777 });
    chmodSync(dir, 0o777);
    const env = { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '' };
    const first = await server.cli(['--version'], { env });
    expect(first.stderr).toBe('');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'code')).mode & 0o777).toBe(0o700);

    chownSync(dir, 65534, 65534);
    const second = await server.cli(['--version'], { env });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/belongs to uid 65534.*; starting without the code cache/);
  });
});
