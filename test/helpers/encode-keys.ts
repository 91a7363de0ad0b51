// Whole key sequences as a terminal sends them, for tests that type them
// (each key's bytes: src/input/encode-keys.ts).
import { encodeKey, NAMED_KEY_BYTES } from '../../src/input/encode-keys.js';
import type { Key, NamedKey } from '../../src/input/keys.js';

export { encodeKey, NAMED_KEY_BYTES, PASTE_END, PASTE_START } from '../../src/input/encode-keys.js';

export const NAMED_KEYS = Object.keys(NAMED_KEY_BYTES) as NamedKey[];

/**
 * The bytes of a key sequence. Escape directly before a key whose bytes do
 * not start with Esc reads back as Alt with that key (in one write, a
 * terminal sends the same for both), and before a `[` or `O` typed as a
 * character as the start of a sequence: sequences meant to read back as
 * typed avoid those pairs (`readsBack`).
 */
export function encodeKeys(keys: readonly Key[]): string {
  return keys.map(encodeKey).join('');
}

/** Whether `key` reads back as itself after `previous` (see encodeKeys). */
export function readsBack(previous: Key | undefined, key: Key): boolean {
  if (previous?.kind !== 'named' || previous.name !== 'Escape') return true;
  return encodeKey(key).startsWith('\x1b');
}

export const char = (text: string): Key => ({ kind: 'char', char: text });
export const named = (name: NamedKey): Key => ({ kind: 'named', name });
export const paste = (text: string): Key => ({ kind: 'paste', text });
export const alt = (key: Key): Key => {
  if (key.kind !== 'char' && key.kind !== 'named') throw new Error('Alt goes with a character or a named key');
  return { kind: 'alt', key };
};

/** A mouse report at 0-based `column`, `row` (button 0: the left one; 64/65: the wheel). */
export const mouse = (button: number, column: number, row: number, release = false): Key => ({ kind: 'mouse', button, column, row, release });
