/**
 * Turning the bytes tmux prints into text, exactly.
 *
 * Two kinds of field come back from tmux:
 * - raw bytes (paths, process names, option values, ttys): whatever the file
 *   system or the process gave, possibly not UTF-8;
 * - names tmux keeps escaped (session and window names): tmux 3.2–3.6 pass
 *   every new name through `utf8_stravis(…, VIS_OCTAL|VIS_CSTYLE|VIS_TAB|VIS_NL)`
 *   in `session_check_name` / `window_set_name`, so a name typed `a\b` is held
 *   as `a\\b`, a tab as `\t`, a stray byte as `\377`, and (up to 3.4) a `$`
 *   before a letter, `_` or `{` as `\$`. Held names are therefore always valid
 *   vis output, and undoing it gives back exactly what was typed.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes that are all ASCII as text, without a decoder; undefined otherwise.
 * Most fields of a list are ASCII, and a decoder call per field is most of
 * the time parsing a list of 1000 sessions takes.
 */
export function asciiText(bytes: Uint8Array): string | undefined {
  for (const byte of bytes) if (byte >= 0x80) return undefined;
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/**
 * Bytes as text; bytes that are not UTF-8 are written `\xNN`, so a value
 * that cannot be read is shown (escaped), never dropped or replaced by U+FFFD.
 */
export function bytesToText(bytes: Uint8Array): string {
  const ascii = asciiText(bytes);
  if (ascii !== undefined) return ascii;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return escapeInvalidUtf8(bytes);
  }
}

// Lengths of a UTF-8 sequence by its lead byte; 0: not a lead byte.
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function escapeInvalidUtf8(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes[i] ?? 0);
    if (length > 0 && i + length <= bytes.length) {
      try {
        text += strictUtf8.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // an overlong, surrogate or truncated sequence: escaped below
      }
    }
    text += `\\x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}`;
    i += 1;
  }
  return text;
}

// vis(3) C-style escapes and what they stand for.
const CSTYLE: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, b: 0x08, a: 0x07, v: 0x0b, t: 0x09, f: 0x0c, s: 0x20, '\\': 0x5c, $: 0x24 };

/**
 * Undoes tmux's escaping of a held name (see the top of this file). Returns
 * undefined when `held` is not something tmux's escaping produces (a stray
 * backslash) or when the result is not UTF-8: the caller then shows the held
 * text itself, which is already escaped and printable.
 */
export function unescapeHeldName(held: Uint8Array): string | undefined {
  if (!held.includes(0x5c)) return strictDecodeOrUndefined(held);
  const out: number[] = [];
  for (let i = 0; i < held.length; i++) {
    const byte = held[i] ?? 0;
    if (byte !== 0x5c) {
      out.push(byte);
      continue;
    }
    const next = String.fromCharCode(held[i + 1] ?? 0);
    const octal = String.fromCharCode(held[i + 1] ?? 0, held[i + 2] ?? 0, held[i + 3] ?? 0);
    if (/^[0-3][0-7][0-7]$/.test(octal)) {
      out.push(parseInt(octal, 8));
      i += 3;
    } else if (next in CSTYLE) {
      out.push(CSTYLE[next] ?? 0);
      i += 1;
    } else {
      return undefined;
    }
  }
  return strictDecodeOrUndefined(Uint8Array.from(out));
}

function strictDecodeOrUndefined(bytes: Uint8Array): string | undefined {
  const ascii = asciiText(bytes);
  if (ascii !== undefined) return ascii;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A name tmux holds, as the user typed it; tmux's own escaped text when it cannot be undone. */
export function heldNameToText(held: Uint8Array): string {
  return unescapeHeldName(held) ?? bytesToText(held);
}
