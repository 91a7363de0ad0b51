import { describe, expect, it } from 'vitest';
import { isoWithOffset } from '../../src/log/logger.js';

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
