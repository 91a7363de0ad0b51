/**
 * Keys from the terminal's raw input. The input arrives in chunks that split
 * it anywhere (several keys in one read, a read ending inside an escape
 * sequence), so decoding is a pure streaming function: whatever a chunk
 * leaves unfinished stays in the state for the next one, and the keys never
 * depend on where the chunks were split. Only `flushKeys`, called after a
 * quiet time, decides what a trailing Esc was.
 */

import { ESC, isHighSurrogate, named, readKey } from './read-key.js';

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
