/**
 * Keys from the terminal's raw input. The input arrives in chunks that split
 * it anywhere (several keys in one read, a read ending inside an escape
 * sequence), so decoding is a pure streaming function: whatever a chunk
 * leaves unfinished stays in the state for the next one, and the keys never
 * depend on where the chunks were split. Only `flushKeys`, called after a
 * quiet time, decides what a trailing Esc was.
 */

type CtrlLetter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'k' | 'l' | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';

/** Ctrl with a letter. Ctrl-H, -I, -J and -M are the same bytes as Backspace, Tab and Enter, and are those. */
export type CtrlKey = `C-${CtrlLetter}`;

export type NamedKey =
  | 'Enter'
  | 'Escape'
  | 'Tab'
  | 'BTab'
  | 'Backspace'
  | 'Delete'
  | 'Insert'
  | 'Up'
  | 'Down'
  | 'Left'
  | 'Right'
  | 'Home'
  | 'End'
  | 'PageUp'
  | 'PageDown'
  | 'C-Left'
  | 'C-Right'
  | 'C-Space'
  | 'F1'
  | 'F2'
  | 'F3'
  | 'F4'
  | 'F5'
  | 'F6'
  | 'F7'
  | 'F8'
  | 'F9'
  | 'F10'
  | 'F11'
  | 'F12'
  | CtrlKey;

export type Key =
  /** One printable code point: one or two UTF-16 units ('é', '日', '😀'). */
  | { kind: 'char'; char: string }
  | { kind: 'named'; name: NamedKey }
  /** A bracketed paste's text as the terminal sent it (\r, \n, control characters and escape sequences included). */
  | { kind: 'paste'; text: string }
  /**
   * Esc and a key in one write: Alt (Meta) with that key, or — after tmux's
   * escape-time — an Esc typed just before it. The keymaps decide: a text
   * field binds Alt keys, elsewhere it is Esc, then the key.
   */
  | { kind: 'alt'; key: Extract<Key, { kind: 'char' | 'named' }> }
  | MouseKey;

/**
 * An SGR mouse report (`ESC [ < b ; x ; y M`, `m` on release): tmux's and
 * xterm's format once `?1006h` is on. `button` is the report's code as sent
 * (low bits the button, +4 Shift, +8 Alt, +16 Ctrl, +32 motion, 64/65 the
 * wheel); `column` and `row` count from 0. `at` is when the UI read it (the
 * hook stamps it; the decoder reads no clock): a double click is two presses
 * close in time.
 */
export interface MouseKey {
  kind: 'mouse';
  button: number;
  column: number;
  row: number;
  release: boolean;
  at?: number;
}

export interface DecoderState {
  /**
   * Input read but not decoded yet: the start of an escape sequence (or the
   * first half of a surrogate pair) that the next chunk may complete; inside
   * a paste, what may be the start of its end marker.
   */
  readonly pending: string;
  /** The text of an open bracketed paste so far; undefined outside a paste. */
  readonly paste: string | undefined;
}

export const INITIAL_DECODER: DecoderState = Object.freeze({ pending: '', paste: undefined });

/**
 * How long input must stay quiet before a trailing Esc is the Escape key
 * (`flushKeys`). A terminal writes the bytes of one key together, so the rest
 * of a sequence that a read cut short follows within a few milliseconds, even
 * over SSH; and 50 ms after pressing Esc is still below what feels like a
 * delay. Inside tmux, tmux has already waited out its own escape-time: an
 * Esc it sends alone is the Escape key, and the wait only adds latency.
 */
export const ESCAPE_TIMEOUT_MS = 50;

/**
 * The most a paste keeps, in UTF-16 units (1 MiB of ASCII). Nothing reads a
 * pasted megabyte, and an end marker that never comes must not let the buffer
 * grow without bound; what comes after the limit is dropped (the paste still
 * ends at its end marker).
 */
export const PASTE_LIMIT = 1024 * 1024;

/**
 * The longest escape sequence waited for. Real key and mouse reports are
 * under 30 characters; anything longer is not a sequence (Escape and what
 * followed it, as typed), so a stray `ESC [` followed by digits cannot hold
 * the input back forever.
 */
const MAX_SEQUENCE = 64;

const ESC = '\x1b';
// eslint-disable-next-line no-control-regex -- an escape sequence is matched
const SGR_MOUSE_START = /^\x1b\[<[\d;]*$/;
const PASTE_END = '\x1b[201~';

export function keyName(key: Key): string {
  switch (key.kind) {
    case 'char':
      return key.char;
    case 'named':
      return key.name;
    case 'paste':
      return 'Paste';
    case 'alt':
      return `M-${keyName(key.key)}`;
    case 'mouse':
      return 'Mouse';
  }
}

/** True while a chunk ended inside something that more input or a flush completes (the caller arms its timer). An open paste waits for its end marker, not for a flush. */
export function awaitingMore(state: DecoderState): boolean {
  return state.paste === undefined && state.pending !== '';
}

/**
 * A bracketed paste whose end marker has not come after this long without
 * input: the marker was lost (a terminal cut, a stray start marker typed or
 * sent alone), and every key after it, Ctrl-C too, would be pasted text for
 * ever. A real paste streams without such pauses.
 */
export const PASTE_STALL_MS = 500;

/** A bracketed paste is open: the caller arms its PASTE_STALL_MS timer. */
export function pasteOpen(state: DecoderState): boolean {
  return state.paste !== undefined;
}

/** Ends a stalled paste (PASTE_STALL_MS): what came is a paste (never keys), and the keys after it are keys again. */
export function endStalledPaste(state: DecoderState): { state: DecoderState; keys: Key[] } {
  if (state.paste === undefined) return { state, keys: [] };
  return { state: INITIAL_DECODER, keys: [{ kind: 'paste', text: finishPaste(appendPaste(state.paste, state.pending)) }] };
}

export function decodeKeys(state: DecoderState, chunk: string): { state: DecoderState; keys: Key[] } {
  return decode(state.pending + chunk, state.paste);
}

/**
 * After the input has been quiet for ESCAPE_TIMEOUT_MS: a trailing Esc was the
 * Escape key, and an unfinished sequence was Escape followed by its
 * characters as typed. An open paste stays open: pasted text must never run
 * as keys, however long its end marker takes.
 */
export function flushKeys(state: DecoderState): { state: DecoderState; keys: Key[] } {
  if (!awaitingMore(state)) return { state, keys: [] };
  // The start of a mouse report the terminal cut and never finished: no key
  // was typed there, and its digits must not reach a text field.
  if (SGR_MOUSE_START.test(state.pending)) return { state: INITIAL_DECODER, keys: [] };
  const keys: Key[] = [];
  let pending = state.pending;
  // The pending input is an Esc and what followed it, or half a surrogate
  // pair; what follows the Esc is decoded again, and may itself end in half
  // a pair (a mouse report's bytes).
  while (pending !== '') {
    if (pending.startsWith(ESC)) keys.push(named('Escape'));
    const rest = decode(pending.slice(1), undefined);
    keys.push(...rest.keys);
    pending = rest.state.pending;
  }
  return { state: INITIAL_DECODER, keys };
}

/** What one step of decoding read: where it ended and the key it was, if any; 'paste' opens a bracketed paste. */
interface Step {
  next: number;
  key: Key | 'paste' | undefined;
}

function decode(input: string, openPaste: string | undefined): { state: DecoderState; keys: Key[] } {
  const keys: Key[] = [];
  let paste = openPaste;
  let at = 0;
  while (at < input.length) {
    if (paste !== undefined) {
      const end = input.indexOf(PASTE_END, at);
      if (end === -1) {
        const held = endMarkerStart(input, at);
        return { state: { pending: input.slice(held), paste: appendPaste(paste, input.slice(at, held)) }, keys };
      }
      keys.push({ kind: 'paste', text: finishPaste(appendPaste(paste, input.slice(at, end))) });
      paste = undefined;
      at = end + PASTE_END.length;
      continue;
    }
    const step = readKey(input, at);
    if (step === undefined) break;
    if (step.key === 'paste') paste = '';
    else if (step.key !== undefined) keys.push(step.key);
    at = step.next;
  }
  return { state: { pending: input.slice(at), paste }, keys };
}

/** Where the part of input[from..] that may be the start of a paste's end marker begins (input.length if none). */
function endMarkerStart(input: string, from: number): number {
  for (let length = Math.min(PASTE_END.length - 1, input.length - from); length > 0; length--) {
    if (PASTE_END.startsWith(input.slice(input.length - length))) return input.length - length;
  }
  return input.length;
}

function appendPaste(paste: string, text: string): string {
  return paste.length >= PASTE_LIMIT ? paste : paste + text.slice(0, PASTE_LIMIT - paste.length);
}

/** The limit may have cut a surrogate pair: its first half alone is no character. */
function finishPaste(paste: string): string {
  return paste.length >= PASTE_LIMIT && isHighSurrogate(paste.charCodeAt(paste.length - 1)) ? paste.slice(0, -1) : paste;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;
const named = (name: NamedKey): Key => ({ kind: 'named', name });

/** The C0 control characters by code; ESC is decoded on its own, and the four after it mean nothing here. */
const CONTROL_KEYS: readonly (NamedKey | undefined)[] = [
  'C-Space', 'C-a', 'C-b', 'C-c', 'C-d', 'C-e', 'C-f', 'C-g', 'Backspace', 'Tab', 'Enter', 'C-k', 'C-l', 'Enter', 'C-n', 'C-o',
  'C-p', 'C-q', 'C-r', 'C-s', 'C-t', 'C-u', 'C-v', 'C-w', 'C-x', 'C-y', 'C-z', undefined, undefined, undefined, undefined, undefined,
];

/** The key at input[at], or undefined when the input ends before it is known. */
function readKey(input: string, at: number): Step | undefined {
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
