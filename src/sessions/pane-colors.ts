import { printable } from './present.js';

/**
 * A pane's text as `capture-pane -e` gives it, with its colours: only SGR
 * sequences (`ESC [ digits ; … m`) are read, as styles; every other byte
 * that could steer the terminal (another escape sequence, a control
 * character) stays in the text and is shown escaped by `printable`, so a
 * pane can colour its own preview and nothing more.
 */
export interface PaneStyle {
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  /** A colour as Ink (chalk) takes it: a basic name, `ansi256(N)` or `#rrggbb`. */
  fg?: string;
  bg?: string;
}

export interface PaneSegment {
  text: string;
  style: PaneStyle | undefined;
}

const BASIC = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;
// eslint-disable-next-line no-control-regex -- an escape sequence is the point
const SGR = /\u001b\[([\d;:]*)m/g;
// eslint-disable-next-line no-control-regex -- an escape sequence is the point
const ANY_SGR = /\u001b\[[\d;:]*m/g;

/** The text of a captured line without its SGR sequences (what `printable` then shows). */
export function withoutColors(line: string): string {
  return line.replace(ANY_SGR, '');
}

/** One captured line as segments, each with the style its SGR sequences set. The style carries over from the lines above (`state`). */
export function paneSegments(line: string, state: { style: PaneStyle }): PaneSegment[] {
  const segments: PaneSegment[] = [];
  let at = 0;
  const push = (text: string) => {
    if (text === '') return;
    const style = Object.keys(state.style).length === 0 ? undefined : { ...state.style };
    segments.push({ text: printable(text), style });
  };
  for (const match of line.matchAll(SGR)) {
    push(line.slice(at, match.index));
    state.style = applySgr(state.style, match[1] ?? '');
    at = match.index + match[0].length;
  }
  push(line.slice(at));
  return segments;
}

function colour(params: number[], index: number): { value: string | undefined; used: number } {
  const kind = params[index + 1];
  if (kind === 5) {
    const n = params[index + 2];
    return { value: n !== undefined && n >= 0 && n <= 255 ? `ansi256(${n})` : undefined, used: 2 };
  }
  if (kind === 2) {
    const rgb = params.slice(index + 2, index + 5);
    const valid = rgb.length === 3 && rgb.every((n) => n >= 0 && n <= 255);
    return { value: valid ? `#${rgb.map((n) => n.toString(16).padStart(2, '0')).join('')}` : undefined, used: 4 };
  }
  return { value: undefined, used: 0 };
}

/** The style after one SGR sequence's parameters; unknown ones change nothing. */
export function applySgr(style: PaneStyle, parameters: string): PaneStyle {
  const params = parameters === '' ? [0] : parameters.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
  let next: PaneStyle = { ...style };
  for (let index = 0; index < params.length; index++) {
    const p = params[index] ?? 0;
    if (p === 0) next = {};
    else if (p === 1) next.bold = true;
    else if (p === 2) next.dim = true;
    else if (p === 3) next.italic = true;
    else if (p === 4) next.underline = true;
    else if (p === 7) next.inverse = true;
    else if (p === 22) {
      delete next.bold;
      delete next.dim;
    } else if (p === 23) delete next.italic;
    else if (p === 24) delete next.underline;
    else if (p === 27) delete next.inverse;
    else if (p >= 30 && p <= 37) next.fg = BASIC[p - 30];
    else if (p >= 90 && p <= 97) next.fg = `${BASIC[p - 90] ?? 'white'}Bright`;
    else if (p === 39) delete next.fg;
    else if (p >= 40 && p <= 47) next.bg = BASIC[p - 40];
    else if (p >= 100 && p <= 107) next.bg = `${BASIC[p - 100] ?? 'white'}Bright`;
    else if (p === 49) delete next.bg;
    else if (p === 38 || p === 48) {
      const { value, used } = colour(params, index);
      if (value !== undefined) next[p === 38 ? 'fg' : 'bg'] = value;
      index += used;
    }
  }
  return next;
}
