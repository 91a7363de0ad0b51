import type { Key, NamedKey } from './keys.js';

// What a terminal (xterm, and tmux inside it) sends for each key: the
// inverse of keys.ts. Keys typed after Enter in the same read are handed on
// in these bytes to the pane the dashboard goes to (TmuxService.attachOrSwitch).

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
 * Keys read after an Enter that goes to a session, as the text its pane
 * would have received had they come in reads of their own: a paste as its
 * text, a mouse report not at all (it pointed at the dashboard's screen).
 */
export function handedOnText(keys: readonly Key[]): string {
  return keys.map((key) => (key.kind === 'mouse' ? '' : key.kind === 'paste' ? key.text : encodeKey(key))).join('');
}
