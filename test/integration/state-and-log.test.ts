import { execa } from 'execa';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Logger, type LogRecord } from '../../src/log/logger.js';
import { readState, rememberedPreview, StateWriteError, updateState } from '../../src/state/state.js';
import { sortMemory } from '../../src/state/sort-memory.js';
import { bundleScript } from '../helpers/bundle.js';
import { TestServer, tempDir } from '../helpers/tmux-server.js';

let stateWriter: string;
let logWriter: string;
let dir: string;

beforeAll(async () => {
  [stateWriter, logWriter] = await Promise.all([bundleScript('test/helpers/state-writer.ts'), bundleScript('test/helpers/log-writer.ts')]);
});
beforeEach(() => {
  dir = tempDir();
});

describe('remembered state', () => {
  it('10 processes × 100 sort-mode changes while readers poll: every read parses, other keys survive', async () => {
    const file = path.join(dir, 'state', 'state.json');
    await updateState(file, { window_layout: 'wide', sort_mode: 'name' });
    const writers = Array.from({ length: 10 }, () => execa(process.execPath, [stateWriter, file, '100']));
    let reads = 0;
    const failures: string[] = [];
    const poll = setInterval(() => {
      try {
        const text = readFileSync(file, 'utf8');
        const value = JSON.parse(text) as Record<string, unknown>;
        if (value.window_layout !== 'wide') failures.push(`lost key: ${text}`);
        reads++;
      } catch (error) {
        failures.push(String(error));
      }
    }, 1);
    try {
      await Promise.all(writers);
    } finally {
      clearInterval(poll);
    }
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(10);
    const final = readState(file);
    expect(final.window_layout).toBe('wide');
    expect(['activity', 'name', 'ai_first', 'windows_count']).toContain(final.sort_mode);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temp or lock files left behind.
    expect(readdirSync(path.dirname(file))).toEqual(['state.json']);
  }, 60_000);

  it('the preview choice is remembered next to the sort mode, in the order of the keys, and read back', async () => {
    const file = path.join(dir, 'state', 'state.json');
    const memory = sortMemory(file, new Logger(null));
    expect(rememberedPreview(readState(file))).toBeUndefined();
    void memory.remember('name');
    void memory.rememberPreview(false);
    void memory.rememberPreview(true);
    await memory.rememberPreview(false);
    await memory.settled();
    expect(readState(file)).toEqual({ sort_mode: 'name', show_preview: false });
    expect(rememberedPreview(readState(file))).toBe(false);
    writeFileSync(file, '{"show_preview": "yes"}');
    expect(rememberedPreview(readState(file))).toBeUndefined();
  });

  it('a broken state file reads as empty and is replaced whole on the next write', async () => {
    const file = path.join(dir, 'state.json');
    writeFileSync(file, '{"sort_mode": "na');
    expect(readState(file)).toEqual({});
    await updateState(file, { sort_mode: 'name' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ sort_mode: 'name' });
  });

  it('a read-only state directory: a StateWriteError that says where, and nothing written', async () => {
    if (process.getuid?.() === 0) {
      // Root ignores mode bits; a file where the directory should be fails for everyone.
      writeFileSync(path.join(dir, 'not-a-dir'), '');
      await expect(updateState(path.join(dir, 'not-a-dir', 'state.json'), { sort_mode: 'name' })).rejects.toThrow(/cannot remember the state in .*not-a-dir/);
      return;
    }
    const readOnly = path.join(dir, 'ro');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    await expect(updateState(path.join(readOnly, 'state.json'), { sort_mode: 'name' })).rejects.toBeInstanceOf(StateWriteError);
    expect(readdirSync(readOnly)).toEqual([]);
  });
});

describe('JSONL log', () => {
  it('8 processes × 5000 lines: every line parses and the count is exact', async () => {
    const file = path.join(dir, 'log', 'log.jsonl');
    await Promise.all(Array.from({ length: 8 }, () => execa(process.execPath, [logWriter, file, '5000'])));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(40_000);
    for (const line of lines) {
      const record = JSON.parse(line) as LogRecord;
      expect(record.event).toBe('test_line');
      expect(record.ts).toMatch(/[+-]\d\d:\d\d$/);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('rotates by size and keeps a bounded number of files', () => {
    const file = path.join(dir, 'log.jsonl');
    const log = new Logger(file, { maxBytes: 4096, keep: 2 });
    for (let i = 0; i < 500; i++) log.info('rotation', `line ${i} ${'y'.repeat(50)}`);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['log.jsonl', 'log.jsonl.1', 'log.jsonl.2']);
    for (const name of readdirSync(dir)) {
      expect(statSync(path.join(dir, name)).size).toBeLessThan(4096 + 200);
      for (const line of readFileSync(path.join(dir, name), 'utf8').trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
  });
});

describe('the log in the commands', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = new TestServer();
    await server.start('keep');
  });
  afterEach(async () => {
    await server.kill();
  });

  it('actions are logged with their session name', async () => {
    const logFile = path.join(server.home, 'my.log');
    await server.cli(['new', 'made', '--dir', server.home], { env: { TMUX_DASHBOARD_LOG: logFile } });
    await server.cli(['rename', 'made', 'renamed'], { env: { TMUX_DASHBOARD_LOG: logFile } });
    await server.cli(['kill', 'renamed'], { env: { TMUX_DASHBOARD_LOG: logFile } });
    await server.cli(['kill', 'ghost'], { env: { TMUX_DASHBOARD_LOG: logFile } });
    const records = readFileSync(logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LogRecord);
    expect(records.map((r) => [r.level, r.event, r.session_name])).toEqual([
      ['info', 'session_created', 'made'],
      ['info', 'session_renamed', 'renamed'],
      ['info', 'session_killed', 'renamed'],
      ['error', 'command_failed', undefined],
    ]);
    expect(records[3]?.message).toMatch(/kill: session not found: ghost/);
  });

  it('an unwritable log leaves list working, silently', async () => {
    writeFileSync(path.join(server.home, 'file'), '');
    const result = await server.cli(['list'], { env: { TMUX_DASHBOARD_LOG: path.join(server.home, 'file', 'log.jsonl') } });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/keep/);
  });

  it('dry_run: kill and rename say what they would do and do nothing', async () => {
    const env = { TMUX_DASHBOARD_DRY_RUN: '1' };
    expect((await server.cli(['kill', 'keep'], { env })).stdout).toMatch(/dry run: would kill keep/);
    expect((await server.cli(['rename', 'keep', 'x'], { env })).stdout).toMatch(/dry run: would rename keep to x/);
    expect(await server.sessionNames()).toEqual(['keep']);
  });
});
