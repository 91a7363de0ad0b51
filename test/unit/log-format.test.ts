import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoWithOffset, Logger } from '../../src/log/logger.js';

describe('isoWithOffset', () => {
  it('is ISO 8601 with an explicit offset that names the same instant', () => {
    const date = new Date('2026-11-26T15:20:00.123Z');
    const text = isoWithOffset(date);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(new Date(text).getTime()).toBe(date.getTime());
  });

  it('carries the local offset (TZ=Asia/Kolkata is +05:30)', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const text = isoWithOffset(new Date('2026-11-26T15:20:00.000Z'));
      expect(text).toBe('2026-11-26T20:50:00.000+05:30');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('Logger.hold', () => {
  it('writes nothing while held, then every held line in order with the time it was logged; close() writes them too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'td-log-hold-'));
    try {
      const file = path.join(dir, 'log.jsonl');
      const log = new Logger(file);
      const release = log.hold();
      log.info('first', 'one');
      const loggedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 30));
      log.warn('second', 'two', 'sess');
      expect(existsSync(file)).toBe(false);
      release();
      log.info('third', 'three');
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.event)).toEqual(['first', 'second', 'third']);
      expect(lines[1]?.session_name).toBe('sess');
      expect(Math.abs(new Date(String(lines[0]?.ts)).getTime() - loggedAt)).toBeLessThan(20);

      const other = new Logger(path.join(dir, 'other.jsonl'));
      other.hold();
      other.info('kept', 'until close');
      other.close();
      expect(readFileSync(path.join(dir, 'other.jsonl'), 'utf8')).toContain('"event":"kept"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
