import { bytesToText, heldNameToText } from './text.js';

/**
 * How tmux prints what we ask for, and reading it back exactly (what each
 * call asks for: src/tmux/formats.ts).
 *
 * Every record is `RS tag`, then its fields, each after a `US`, then a
 * newline. A field that can hold any bytes (a name, a folder, a process name,
 * an option) is `<byte length>:<bytes>`: the length comes from tmux itself
 * (`#{n:…}` is the value's strlen, tmux ≥ 3.1), so it is read by counting
 * bytes, never by looking for a separator: a folder or a process name holding
 * RS, US, newlines or bytes that are not UTF-8 can neither end its record nor
 * forge another one. A field that tmux only ever prints as digits (a count, a
 * time, a flag, an id like `$3`, `@1`, `%7`) is printed bare and read up to
 * the next separator: asking tmux for its length too would make it expand
 * the variable twice, which at 1000 sessions costs tens of milliseconds on
 * every refresh. RS and US stay as checks; a bare field that is not digits,
 * or a record that does not fit the layout, is a ParseError, which only a
 * tmux that does not understand the format can cause.
 */
export const RS = '\x1e';
export const US = '\x1f';

/**
 * How a field is printed and read: framed bytes as they are, a framed name
 * tmux holds escaped (src/tmux/text.ts), or a bare number or id.
 */
type FieldKind = 'raw' | 'held' | 'number';

export interface Field {
  variable: string;
  kind: FieldKind;
}

export const raw = (variable: string): Field => ({ variable, kind: 'raw' });
export const held = (variable: string): Field => ({ variable, kind: 'held' });
export const num = (variable: string): Field => ({ variable, kind: 'number' });

/** The -F format of one record: numbers bare, every other field framed by its byte length. */
export function recordFormat(tag: string, fields: readonly Field[]): string {
  return RS + tag + fields.map(({ variable, kind }) => (kind === 'number' ? `${US}#{${variable}}` : `${US}#{n:${variable}}:#{${variable}}`)).join('');
}

export class ParseError extends Error {
  override name = 'ParseError';
}

const RS_BYTE = 0x1e;
const US_BYTE = 0x1f;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
// The sigils of tmux's ids: $session, @window, %pane.
const isIdSigil = (code: number) => code === 0x24 || code === 0x40 || code === 0x25;
// NaN (past the end) is no digit.
const isDigit = (code: number) => code >= DIGIT_0 && code <= DIGIT_9;
const NON_ASCII = /[\u0080-\u00ff]/;

/** One record's tag and its fields, decoded as their layout says. */
export interface ParsedRecord {
  tag: string;
  fields: string[];
}

/**
 * Reads records. `layouts` gives each tag's fields; an unknown tag, a
 * missing separator, a length that runs past the end, a bare field that is
 * not a number or id, or a record with too few or too many fields is a
 * ParseError naming the byte offset.
 */
export function parseRecords(output: Uint8Array, layouts: Readonly<Record<string, readonly Field[]>>): ParsedRecord[] {
  // The structure is read from the bytes as one latin1 string (a byte per
  // character, so byte offsets hold): a list of 1000 sessions is ~135 KB,
  // and a string slice per field costs a fraction of a byte-array copy and
  // decode. A field with bytes above ASCII is decoded from the bytes.
  const text = Buffer.from(output.buffer, output.byteOffset, output.byteLength).toString('latin1');
  const allAscii = !NON_ASCII.test(text);
  const records: ParsedRecord[] = [];
  let at = 0;
  const fail = (what: string): never => {
    throw new ParseError(`tmux output not understood at byte ${at}: ${what}`);
  };
  while (at < text.length) {
    if (text.charCodeAt(at) !== RS_BYTE) fail('expected the start of a record');
    const tag = text.charAt(at + 1);
    const layout = layouts[tag];
    if (layout === undefined) fail(`unknown record tag ${JSON.stringify(tag)}`);
    at += 2;
    const fields: string[] = [];
    const count = layout?.length ?? 0;
    for (let index = 0; index < count; index++) {
      const field = (layout as readonly Field[])[index] as Field;
      if (text.charCodeAt(at) !== US_BYTE) fail(`record ${tag} has ${fields.length} fields, expected ${count}`);
      if (field.kind === 'number') {
        let end = at + 1;
        if (isIdSigil(text.charCodeAt(end))) end += 1;
        while (isDigit(text.charCodeAt(end))) end += 1;
        const next = text.charCodeAt(end);
        if (end - at - 1 > 20 || (next !== US_BYTE && next !== NEWLINE && end < text.length)) fail(`${field.variable} is not a number`);
        fields.push(text.slice(at + 1, end));
        at = end;
        continue;
      }
      let length = 0;
      let digits = at + 1;
      for (; isDigit(text.charCodeAt(digits)) && digits - at <= 9; digits++) length = length * 10 + text.charCodeAt(digits) - DIGIT_0;
      if (digits === at + 1 || text.charCodeAt(digits) !== COLON) fail(`bad length for ${field.variable}`);
      const start = digits + 1;
      const end = start + length;
      if (end > text.length) fail(`a field of ${length} bytes runs past the end`);
      const ascii = allAscii ? text.slice(start, end) : undefined;
      // Held names without a backslash are what tmux holds (src/tmux/text.ts).
      if (field.kind === 'held') fields.push(ascii !== undefined && !ascii.includes('\\') ? ascii : heldNameToText(output.subarray(start, end)));
      else fields.push(ascii ?? bytesToText(output.subarray(start, end)));
      at = end;
    }
    if (text.charCodeAt(at) === NEWLINE) at += 1;
    else if (at < text.length) fail(`record ${tag} has more fields than ${layout?.length ?? 0}`);
    records.push({ tag, fields });
  }
  return records;
}

export function toInt(value: string | undefined, field: string): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n)) throw new ParseError(`bad ${field}: ${JSON.stringify(value)}`);
  return n;
}
