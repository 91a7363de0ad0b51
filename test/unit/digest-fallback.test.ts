import { describe, expect, it, vi } from 'vitest';

// /dev/urandom that cannot be opened (a sandbox or chroot without /dev, no
// file descriptor left) or that reads as empty (/dev/null bound over it):
// the lock still gets its random bytes, from node:crypto.
const failure: { mode: 'none' | 'open' | 'empty' } = vi.hoisted(() => ({ mode: 'none' }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      if (failure.mode === 'open' && args[0] === '/dev/urandom') throw Object.assign(new Error("ENXIO: no such device or address, open '/dev/urandom'"), { code: 'ENXIO' });
      return fs.openSync(...args);
    },
    readSync: (...args: Parameters<typeof fs.readSync>) => (failure.mode === 'empty' ? 0 : fs.readSync(...args)),
  };
});

const { randomBytes } = await import('../../src/digest.js');

describe('random bytes when /dev/urandom fails', () => {
  for (const mode of ['open', 'empty'] as const) {
    it(`${mode === 'open' ? 'cannot be opened' : 'reads as empty'}: node:crypto's, as many as asked`, () => {
      failure.mode = mode;
      try {
        const a = randomBytes(32);
        const b = randomBytes(32);
        expect(a.length).toBe(32);
        expect(a.equals(b)).toBe(false);
        expect(a.equals(Buffer.alloc(32))).toBe(false);
      } finally {
        failure.mode = 'none';
      }
    });
  }
});
