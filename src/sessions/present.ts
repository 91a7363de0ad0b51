/**
 * How session data reads on screen, shared by `list` and the dashboard rows.
 * Pure functions: no tmux, no React.
 */

/** `42s`, `5m`, `2h`, `3d`, `6w`, `2y` — the age of `thenSeconds` at `nowMs`. */
export function formatAge(thenSeconds: number, nowMs: number = Date.now()): string {
  const seconds = Math.max(0, Math.floor(nowMs / 1000 - thenSeconds));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 14) return `${days}d`;
  if (days < 365) return `${Math.floor(days / 7)}w`;
  return `${Math.floor(days / 365)}y`;
}

/** `/home/me/src/x` → `~/src/x`. */
export function shortenHome(dir: string, home: string): string {
  if (home === '' || home === '/') return dir;
  if (dir === home) return '~';
  return dir.startsWith(`${home}/`) ? `~${dir.slice(home.length)}` : dir;
}

/**
 * Text from tmux or the file system made safe to print: control characters
 * (a name or path could carry an escape sequence) shown as `\xNN`, and the
 * invisible direction marks and overrides (a name with U+202E would show
 * reversed and shift its row's columns) as `\u{NNNN}`.
 */
export function printable(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
  );
}

/** A value the user gave, quoted for a message: escaped, and cut at `max` characters (a pasted 100 KB argument is not echoed whole). */
export function quoted(text: string, max = 60): string {
  const characters = Array.from(text);
  return JSON.stringify(printable(characters.length > max ? `${characters.slice(0, max).join('')}…` : text));
}
