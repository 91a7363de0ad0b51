import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { closeSync, openSync, readSync } from 'node:fs';

/*
 * The digests and random bytes the lock needs before the first frame, without
 * node:crypto: loading it costs ~4 ms of every start (README, "Start-up, and
 * what it costs"). SHA-256 and HMAC-SHA-256 from @noble/hashes give the very
 * digests node:crypto gives (the lock's file and guard names must not change
 * from one version to the next: a running dashboard holds the old ones);
 * random bytes come from the kernel, as node:crypto's do.
 */

/** SHA-256 of `text` (UTF-8), in hex. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** HMAC-SHA-256 of `text` (UTF-8) keyed by `key`, in hex. */
export function hmacSha256Hex(key: Uint8Array, text: string): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes(text)));
}

/**
 * `count` random bytes from the kernel's generator: /dev/urandom (it never
 * blocks once the system has booted), else, where it cannot be read (a
 * sandbox or chroot without /dev, no file descriptor left), node:crypto's,
 * loaded only then.
 */
export function randomBytes(count: number): Buffer {
  try {
    return readUrandom(count);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: loaded only when /dev/urandom fails
    return (require('node:crypto') as typeof import('node:crypto')).randomBytes(count);
  }
}

function readUrandom(count: number): Buffer {
  const bytes = Buffer.alloc(count);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let done = 0; done < count; ) {
      const read = readSync(fd, bytes, done, count - done, null);
      if (read <= 0) throw new Error('/dev/urandom gave no bytes');
      done += read;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}
