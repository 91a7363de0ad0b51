// What a terminal (xterm, and tmux inside it) sends for each key: the inverse
// of src/input/keys.ts, for tests that type whole key sequences.
import type { Key, NamedKey } from '../../src/input/keys.js';

const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 0x60);

/** Every named key with its bytes; the Record type makes a key added to NamedKey fail to compile here until it has them. */
export const NAMED_KEY_BYTES: Readonly<Record<NamedKey, string>> = {
  Enter: '\r',
  Escape: '\x1b',
  Tab: '\t',
  BTab: '\x1b[Z',
  Backspace: '\x7f',
  Delete: '\x1b[3~',
  Insert: '\x1b[2~',
  Up: '\x1b[A',
  Down: '\x1b[B',
  Right: '\x1b[C',
  Left: '\x1b[D',
  Home: '\x1b[H',
  End: '\x1b[F',
  PageUp: '\x1b[5~',
  PageDown: '\x1b[6~',
  'C-Left': '\x1b[1;5D',
  'C-Right': '\x1b[1;5C',
  'C-Space': '\x00',
  F1: '\x1bOP',
  F2: '\x1bOQ',
  F3: '\x1bOR',
  F4: '\x1bOS',
  F5: '\x1b[15~',
  F6: '\x1b[17~',
  F7: '\x1b[18~',
  F8: '\x1b[19~',
  F9: '\x1b[20~',
  F10: '\x1b[21~',
  F11: '\x1b[23~',
  F12: '\x1b[24~',
  'C-a': ctrl('a'),
  'C-b': ctrl('b'),
  'C-c': ctrl('c'),
  'C-d': ctrl('d'),
  'C-e': ctrl('e'),
  'C-f': ctrl('f'),
  'C-g': ctrl('g'),
  'C-k': ctrl('k'),
  'C-l': ctrl('l'),
  'C-n': ctrl('n'),
  'C-o': ctrl('o'),
  'C-p': ctrl('p'),
  'C-q': ctrl('q'),
  'C-r': ctrl('r'),
  'C-s': ctrl('s'),
  'C-t': ctrl('t'),
  'C-u': ctrl('u'),
  'C-v': ctrl('v'),
  'C-w': ctrl('w'),
  'C-x': ctrl('x'),
  'C-y': ctrl('y'),
  'C-z': ctrl('z'),
};

export const NAMED_KEYS = Object.keys(NAMED_KEY_BYTES) as NamedKey[];

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

export function encodeKey(key: Key): string {
  switch (key.kind) {
    case 'char':
      return key.char;
    case 'named':
      return NAMED_KEY_BYTES[key.name];
    case 'paste':
      return PASTE_START + key.text + PASTE_END;
    case 'alt':
      return `\x1b${encodeKey(key.key)}`;
    case 'mouse':
      return `\x1b[<${key.button};${key.column + 1};${key.row + 1}${key.release ? 'm' : 'M'}`;
  }
}

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
