/**
 * A one-line text field as plain data: its text and a cursor counted in code
 * points (so an emoji or `é` moves as one step, never splits). Every edit
 * returns a new field; the keymaps of the filter and the dialogs bind keys to
 * these functions, readline-style.
 */
export interface TextField {
  readonly text: string;
  /** 0 … length in code points. */
  readonly cursor: number;
}

export const EMPTY_FIELD: TextField = { text: '', cursor: 0 };

/**
 * The most a field holds, in code points: longer than any path or name
 * anyone types, and short enough that drawing it never stalls the screen (a
 * pasted megabyte used to freeze the dashboard). Input past it is not taken.
 */
export const MAX_FIELD_LENGTH = 1024;

/** A field holding `text`, the cursor at its end (a prefilled name). */
export function fieldOf(text: string): TextField {
  return { text, cursor: Array.from(text).length };
}

function parts(field: TextField): { before: string[]; after: string[] } {
  const points = Array.from(field.text);
  const cursor = Math.min(Math.max(0, field.cursor), points.length);
  return { before: points.slice(0, cursor), after: points.slice(cursor) };
}

function join(before: readonly string[], after: readonly string[]): TextField {
  return { text: before.join('') + after.join(''), cursor: before.length };
}

export function insertText(field: TextField, text: string): TextField {
  const { before, after } = parts(field);
  const inserted = Array.from(text);
  if (before.length + inserted.length + after.length > MAX_FIELD_LENGTH) return field;
  return join([...before, ...inserted], after);
}

/**
 * What a field shows in `room` columns (counted as one a code point; the
 * caller cuts exactly): the part around the cursor, with `…` where text is
 * left out, and the cursor's place in it.
 */
export function fieldWindow(field: TextField, room: number): TextField {
  const points = Array.from(field.text);
  const cursor = Math.min(Math.max(0, field.cursor), points.length);
  // One column for the cursor block at the end.
  if (points.length + 1 <= room) return { text: field.text, cursor };
  const width = Math.max(3, room);
  let start = Math.max(0, Math.min(cursor - Math.floor((width * 2) / 3), points.length + 1 - width));
  let end = Math.min(points.length, start + width - 1);
  const head = start > 0 ? '…' : '';
  if (head !== '') start++;
  const tail = end < points.length ? '…' : '';
  if (tail !== '') end--;
  return { text: head + points.slice(start, end).join('') + tail, cursor: cursor - start + head.length };
}

export function deleteBackward(field: TextField): TextField {
  const { before, after } = parts(field);
  return join(before.slice(0, -1), after);
}

export function deleteForward(field: TextField): TextField {
  const { before, after } = parts(field);
  return join(before, after.slice(1));
}

export function moveLeft(field: TextField): TextField {
  return { text: field.text, cursor: Math.max(0, parts(field).before.length - 1) };
}

export function moveRight(field: TextField): TextField {
  const { before, after } = parts(field);
  return { text: field.text, cursor: before.length + Math.min(1, after.length) };
}

export function moveHome(field: TextField): TextField {
  return { text: field.text, cursor: 0 };
}

export function moveEnd(field: TextField): TextField {
  return fieldOf(field.text);
}

const isWordChar = (ch: string) => /[\p{L}\p{N}_]/u.test(ch);

/** Where the word before the cursor starts (spaces and punctuation before it belong to it, as in readline). */
function wordStart(before: readonly string[]): number {
  let at = before.length;
  while (at > 0 && !isWordChar(before[at - 1] ?? '')) at--;
  while (at > 0 && isWordChar(before[at - 1] ?? '')) at--;
  return at;
}

export function moveWordLeft(field: TextField): TextField {
  return { text: field.text, cursor: wordStart(parts(field).before) };
}

export function moveWordRight(field: TextField): TextField {
  const { before, after } = parts(field);
  let at = 0;
  while (at < after.length && !isWordChar(after[at] ?? '')) at++;
  while (at < after.length && isWordChar(after[at] ?? '')) at++;
  return { text: field.text, cursor: before.length + at };
}

/** Alt-Backspace: the word before the cursor (letters and digits, as readline's backward-kill-word). */
export function deleteWordBackward(field: TextField): TextField {
  const { before, after } = parts(field);
  return join(before.slice(0, wordStart(before)), after);
}

/** Alt-D: the word after the cursor. */
export function deleteWordForward(field: TextField): TextField {
  const { before, after } = parts(field);
  const end = moveWordRight(field).cursor - before.length;
  return join(before, after.slice(end));
}

/** Ctrl-W: back to the previous space (readline's unix-word-rubout: `a/b c.d` loses `c.d`). */
export function deleteToSpace(field: TextField): TextField {
  const { before, after } = parts(field);
  let at = before.length;
  while (at > 0 && /\s/u.test(before[at - 1] ?? '')) at--;
  while (at > 0 && !/\s/u.test(before[at - 1] ?? '')) at--;
  return join(before.slice(0, at), after);
}

/** Ctrl-U: everything before the cursor. */
export function deleteToStart(field: TextField): TextField {
  return join([], parts(field).after);
}

/** Ctrl-K: everything after the cursor. */
export function deleteToEnd(field: TextField): TextField {
  return join(parts(field).before, []);
}

/** The field split at the cursor, for drawing it (the character under the cursor is shown inverted). */
export function fieldAtCursor(field: TextField): { before: string; at: string; after: string } {
  const { before, after } = parts(field);
  return { before: before.join(''), at: after[0] ?? '', after: after.slice(1).join('') };
}
