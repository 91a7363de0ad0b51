import { execa } from 'execa';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/log/logger.js';
import { bundleScript } from '../helpers/bundle.js';
import { DashboardFixture } from '../helpers/dashboard-fixture.js';
import { waitFor } from '../helpers/tmux-server.js';

let fx: DashboardFixture;
let logWriter: string;

beforeAll(async () => {
  logWriter = await bundleScript('test/helpers/log-writer.ts');
});
beforeEach(async () => {
  fx = new DashboardFixture();
  await fx.addSessions('alpha');
});
afterEach(async () => {
  await fx.close();
});

/** The product's rotation size: 1 MiB, 3 old files. */
const MAX_BYTES = 1024 * 1024;
const WRITERS = 8;
/**
 * ~230 bytes a line: 8 × 2000 lines are ~3.5 MiB, three rotations and a
 * current file; a fourth rotation would drop the oldest lines, and the
 * count below could not be exact.
 */
const LINES = 2000;

describe('the log across rotations, with a dashboard open and 8 other writers', () => {
  it('every line is in exactly one file, in order per writer; exactly 3 old files; the dashboard writes to the current file', async () => {
    const dir = path.join(fx.env.XDG_STATE_HOME ?? '', 'tmux-dashboard');
    const file = path.join(dir, 'log.jsonl');
    const window = await fx.start();
    await window.waitForScreen(/tmux-dashboard · 1 session/, 'the dashboard');
    await waitFor(() => (existsSync(file) && readFileSync(file, 'utf8').includes('lock_acquired') ? true : undefined), 'the dashboard to log its lock');

    const writers = await Promise.all(Array.from({ length: WRITERS }, () => execa(process.execPath, [logWriter, file, String(LINES), String(MAX_BYTES)])));
    expect(writers.map((writer) => writer.exitCode)).toEqual(Array(WRITERS).fill(0));

    // The dashboard, still holding the file it opened first (now log.jsonl.3), writes again as it quits.
    await window.press('q');
    expect(await window.waitForExit()).toBe(0);

    expect(readdirSync(dir).filter((name) => name.startsWith('log.jsonl')).sort()).toEqual(['log.jsonl', 'log.jsonl.1', 'log.jsonl.2', 'log.jsonl.3']);
    const generations = ['log.jsonl.3', 'log.jsonl.2', 'log.jsonl.1', 'log.jsonl'].map((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as LogRecord),
    );
    for (const old of generations.slice(0, 3)) expect(old.length).toBeGreaterThan(0);
    const records = generations.flat();
    const seen = new Map<string, number[]>();
    for (const record of records) {
      const match = /^line (\d+) of (\d+) /.exec(record.message);
      if (match === null) continue;
      const lines = seen.get(match[2] ?? '') ?? [];
      lines.push(Number(match[1]));
      seen.set(match[2] ?? '', lines);
    }
    expect(seen.size).toBe(WRITERS);
    // Each writer's lines, oldest file first: 0, 1, 2, … once each, in order.
    for (const lines of seen.values()) expect(lines).toEqual(Array.from({ length: LINES }, (_, i) => i));
    // The dashboard's own lines: the first in the oldest file, the last in the current one.
    expect(generations[0]?.some((record) => record.event === 'lock_acquired')).toBe(true);
    expect(generations[3]?.map((record) => record.event)).toContain('lock_released');
    expect(records.filter((record) => record.event === 'lock_released')).toHaveLength(1);
  }, 120_000);
});
