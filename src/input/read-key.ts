import type { Key, NamedKey } from './keys.js';

// One key read from the input (src/input/keys.ts keeps the decoder's state
// between chunks and the bracketed paste): a character, a control key, or
// what one escape sequence means (CSI, SS3, mouse reports).

/**
 * The longest escape sequence waited for. Real key and mouse reports are
 * under 30 characters; anything longer is not a sequence (Escape and what
 * followed it, as typed), so a stray `ESC [` followed by digits cannot hold
 * the input back forever.
 */
const MAX_SEQUENCE = 64;

export const ESC = '\x1b';

/** What one step of decoding read: where it ended and the key it was, if any; 'paste' opens a bracketed paste. */
export interface Step {
  next: number;
  key: Key | 'paste' | undefined;
}

export const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
export const named = (name: NamedKey): Key => ({ kind: 'named', name });

/** The C0 control characters by code; ESC is decoded on its own, and the four after it mean nothing here. */
const CONTROL_KEYS: readonly (NamedKey | undefined)[] = [
  'C-Space', 'C-a', 'C-b', 'C-c', 'C-d', 'C-e', 'C-f', 'C-g', 'Backspace', 'Tab', 'Enter', 'C-k', 'C-l', 'Enter', 'C-n', 'C-o',
  'C-p', 'C-q', 'C-r', 'C-s', 'C-t', 'C-u', 'C-v', 'C-w', 'C-x', 'C-y', 'C-z', undefined, undefined, undefined, undefined, undefined,
];

/** The key at input[at], or undefined when the input ends before it is known. */
export function readKey(input: string, at: number): Step | undefined {
  const code = input.codePointAt(at) ?? 0;
  if (code === 0x1b) return readEscape(input, at);
  if (code < 0x20) return { next: at + 1, key: keyOrNothing(CONTROL_KEYS[code]) };
  if (code === 0x7f) return { next: at + 1, key: named('Backspace') };
  // C1 controls; a lone surrogate is no character, but a first half at the
  // very end may be completed by the next chunk.
  if (code >= 0x80 && code <= 0x9f) return { next: at + 1, key: undefined };
  if (isSurrogate(code)) return isHighSurrogate(code) && at + 1 === input.length ? undefined : { next: at + 1, key: undefined };
  const char = String.fromCodePoint(code);
  return { next: at + char.length, key: { kind: 'char', char } };
}

const keyOrNothing = (name: NamedKey | undefined): Key | undefined => (name === undefined ? undefined : named(name));

/** Escape and then input[at + 1] decoded on its own: an Esc before a key, or the start of what turned out to be no sequence. */
const escapeAlone = (at: number): Step => ({ next: at + 1, key: named('Escape') });

function readEscape(input: string, at: number): Step | undefined {
  if (at + 1 >= input.length) return undefined;
  const introducer = input[at + 1];
  if (introducer === '[') return readCsi(input, at);
  if (introducer === 'O') return readSs3(input, at);
  // Esc then Esc: the first is the Escape key, the second starts anew.
  if (introducer === ESC) return escapeAlone(at);
  const following = readKey(input, at + 1);
  if (following === undefined) return undefined;
  const key = following.key;
  // Esc before something that is no key (a C1 control): the Escape key alone.
  if (key === undefined) return escapeAlone(at);
  return { next: following.next, key: key !== 'paste' && (key.kind === 'char' || key.kind === 'named') ? { kind: 'alt', key } : key };
}

const isPrintableAscii = (unit: number) => unit >= 0x20 && unit <= 0x7e;

const SS3_KEYS: Readonly<Record<string, NamedKey>> = {
  A: 'Up', B: 'Down', C: 'Right', D: 'Left', H: 'Home', F: 'End',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4',
  // rxvt's Ctrl-arrows
  a: 'Up', b: 'Down', c: 'C-Right', d: 'C-Left',
};

/** `ESC O x`: one character names the key; one the table lacks is dropped. */
function readSs3(input: string, at: number): Step | undefined {
  if (at + 2 >= input.length) return undefined;
  if (!isPrintableAscii(input.charCodeAt(at + 2))) return escapeAlone(at);
  return { next: at + 3, key: keyOrNothing(SS3_KEYS[input.charAt(at + 2)]) };
}

const LINUX_CONSOLE_F_KEYS: Readonly<Record<string, NamedKey>> = { A: 'F1', B: 'F2', C: 'F3', D: 'F4', E: 'F5' };

/**
 * `ESC [` parameters (0x30–0x3f)* intermediates (0x20–0x2f)* final
 * (0x40–0x7e). Three forms do not follow that grammar: the Linux console's
 * F1–F5 (`ESC [ [ A`…`E`), an X10 mouse report (`ESC [ M` and three bytes of
 * any value) and rxvt's Shift-modified keys, which end in `$`. A character
 * that cannot continue the sequence means it was none.
 */
function readCsi(input: string, at: number): Step | undefined {
  const first = at + 2;
  if (first >= input.length) return undefined;
  if (input[first] === '[') {
    if (first + 1 >= input.length) return undefined;
    if (!isPrintableAscii(input.charCodeAt(first + 1))) return escapeAlone(at);
    return { next: first + 2, key: keyOrNothing(LINUX_CONSOLE_F_KEYS[input.charAt(first + 1)]) };
  }
  if (input[first] === 'M') return readX10Mouse(input, at);
  let end = first;
  while (end < input.length && isParameter(input.charCodeAt(end))) end++;
  const parameters = input.slice(first, end);
  // rxvt ends Shift-Insert, -Delete, -Home… with `$` straight after the
  // number; read as an intermediate it would swallow the next key as the final.
  const rxvtShift = input[end] === '$' && /^\d+$/.test(parameters);
  if (!rxvtShift) while (end < input.length && isIntermediate(input.charCodeAt(end))) end++;
  const hasIntermediates = end > first + parameters.length;
  if (end - at >= MAX_SEQUENCE) return escapeAlone(at);
  if (end >= input.length) return undefined;
  const final = input.charCodeAt(end);
  if (!rxvtShift && !(final >= 0x40 && final <= 0x7e)) return escapeAlone(at);
  return { next: end + 1, key: hasIntermediates ? undefined : csiKey(parameters, input.charAt(end)) };
}

const isParameter = (unit: number) => unit >= 0x30 && unit <= 0x3f;
const isIntermediate = (unit: number) => unit >= 0x20 && unit <= 0x2f;

/** `ESC [ M` and three bytes of button and position, each 32 or more. */
function readX10Mouse(input: string, at: number): Step | undefined {
  let next = at + 3;
  for (let count = 0; count < 3; count++) {
    if (next >= input.length) return undefined;
    const code = input.codePointAt(next) ?? 0;
    if (code < 0x20) return escapeAlone(at);
    if (isHighSurrogate(code) && next + 1 === input.length) return undefined;
    next += code > 0xffff ? 2 : 1;
  }
  return { next, key: undefined };
}

const CURSOR_KEYS: Readonly<Record<string, NamedKey>> = {
  A: 'Up', B: 'Down', C: 'Right', D: 'Left', H: 'Home', F: 'End', Z: 'BTab',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4',
  // rxvt's Shift-arrows
  a: 'Up', b: 'Down', c: 'Right', d: 'Left',
};

const NUMBERED_KEYS: Readonly<Record<string, NamedKey>> = {
  1: 'Home', 2: 'Insert', 3: 'Delete', 4: 'End', 5: 'PageUp', 6: 'PageDown', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8', 20: 'F9', 21: 'F10', 23: 'F11', 24: 'F12',
};

/**
 * The key a complete CSI sequence is, 'paste' for a paste's start, undefined
 * for anything else (focus and X10 mouse reports, replies, keys the dashboard
 * does not know). A modifier (`1;5C`) is dropped except Ctrl on Left and
 * Right, which text fields use to move by words.
 */
function csiKey(parameters: string, final: string): Key | 'paste' | undefined {
  if (parameters.startsWith('<')) return sgrMouse(parameters, final);
  // A private marker (`<` of an SGR mouse report, `?` of a reply) or any
  // other non-numeric parameter: nothing a key press sends.
  if (!/^[\d;:]*$/.test(parameters)) return undefined;
  const [number = '', modifierField = ''] = parameters.split(';');
  const modifier = modifierField === '' ? 1 : Number.parseInt(modifierField, 10);
  if (final === '~' || final === '^' || final === '@' || final === '$') {
    if (final === '~' && parameters === '200') return 'paste';
    // rxvt marks Ctrl with `^`, Ctrl-Shift with `@` and Shift with `$`.
    return keyOrNothing(NUMBERED_KEYS[number]);
  }
  if (number !== '' && number !== '1') return undefined;
  if (/^[a-d]$/.test(final) && parameters !== '') return undefined;
  if (modifier === 5 && final === 'C') return named('C-Right');
  if (modifier === 5 && final === 'D') return named('C-Left');
  return keyOrNothing(CURSOR_KEYS[final]);
}

/** `ESC [ < b ; x ; y M` (press, wheel) or `m` (release); anything else with `<` is no key. */
function sgrMouse(parameters: string, final: string): Key | undefined {
  const match = parameters.match(/^<(\d{1,4});(\d{1,5});(\d{1,5})$/);
  if (match === null || (final !== 'M' && final !== 'm')) return undefined;
  const [, button = '0', column = '1', row = '1'] = match;
  return { kind: 'mouse', button: Number(button), column: Math.max(0, Number(column) - 1), row: Math.max(0, Number(row) - 1), release: final === 'm' };
}
