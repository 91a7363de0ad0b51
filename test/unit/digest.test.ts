import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, randomBytes, sha256Hex } from '../../src/digest.js';

// The lock's file and guard names are these digests: they must be the very
// ones node:crypto gave before, or a new version would not see a running
// dashboard of the previous one.
describe('digests without node:crypto', () => {
  it('SHA-256 of any text is node:crypto’s', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
      }),
    );
  });

  it('HMAC-SHA-256 of any text under any key is node:crypto’s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), fc.string({ unit: 'binary' }), (key, text) => {
        expect(hmacSha256Hex(key, text)).toBe(createHmac('sha256', key).update(text).digest('hex'));
      }),
    );
  });

  it('random bytes: as many as asked, never twice the same', () => {
    const seen = new Set<string>();
    for (const count of [1, 6, 16, 32, 4096]) {
      const bytes = randomBytes(count);
      expect(bytes.length).toBe(count);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(5);
    expect(randomBytes(4096).equals(Buffer.alloc(4096))).toBe(false);
  });
});
