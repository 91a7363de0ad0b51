import { InvalidInputError } from './errors.js';

// C0 controls and DEL; tmux would store them escaped (`\t`), so the name the
// user typed would not be the name tmux holds.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** What a byte that is not UTF-8 becomes when Node decodes argv, a folder name or a key read. */
const REPLACEMENT = '\uFFFD';

/**
 * Checks a name the user typed and returns what we will ask tmux for.
 * tmux 3.3 turns `.` and `:` into `_`, 3.7 rejects them: we do the replacing
 * ourselves so every version ends with the same name.
 */
export function validateSessionName(input: string): string {
  if (input.trim() === '') throw new InvalidInputError('a session name cannot be empty');
  if (input.search(CONTROL) >= 0) throw new InvalidInputError(`a session name cannot contain control characters: ${JSON.stringify(input)}`);
  // Bytes that are not UTF-8 (in argv, or typed) reach us as U+FFFD; taking
  // it would name the session something other than what was given.
  if (input.includes(REPLACEMENT)) throw new InvalidInputError(`a session name must be valid UTF-8 text: ${JSON.stringify(input)} holds bytes that are not (each read as U+FFFD)`);
  return input.replace(/[.:]/g, '_');
}

/** A name derived from something we did not choose (a folder name): never fails. */
export function deriveSessionName(raw: string, fallback = 'session'): string {
  const cleaned = raw.replace(CONTROL, '_').replaceAll(REPLACEMENT, '_').replace(/[.:]/g, '_');
  return cleaned.trim() === '' ? fallback : cleaned;
}

/**
 * tmux expands formats — and runs `#(...)` — in session names and start
 * directories (docs/ARCHITECTURE.md, section 4). Doubling every `#` makes tmux store the text as is.
 */
export function escapeFormat(text: string): string {
  return text.replaceAll('#', '##');
}

/** `base`, else `base-2`, `base-3`, … — the first not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
