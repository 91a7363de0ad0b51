import type { TextMeasure } from '../sessions/measure.js';
import { initialState, type InitialState } from './settle.js';
import type { Line, Style } from './lines.js';
import { screenLines } from './view.js';

/**
 * The dashboard's first frame as one string, drawn before the Ink UI has
 * loaded: loading and first-rendering React and Ink takes longer than
 * everything else at start together. It is the UI's own first frame — the
 * same state, the same lines (view.ts) — written as escape codes, so the
 * switch is not seen; keys typed meanwhile wait in the terminal for the UI.
 */
export function firstFrame(input: InitialState, measure: TextMeasure, styles: boolean): string {
  const lines = screenLines(initialState(input), measure);
  return `\u001b[H${lines.map((line) => ansiLine(line, styles)).join('\n')}`;
}

// As Ink (chalk) writes them. A pane's own colours (Style's fg/bg) are not
// here: the first frame has no captured pane text yet.
const SGR = { bold: ['\u001b[1m', '\u001b[22m'], dim: ['\u001b[2m', '\u001b[22m'], inverse: ['\u001b[7m', '\u001b[27m'], red: ['\u001b[31m', '\u001b[39m'], yellow: ['\u001b[33m', '\u001b[39m'], green: ['\u001b[32m', '\u001b[39m'], magenta: ['\u001b[35m', '\u001b[39m'], cyan: ['\u001b[36m', '\u001b[39m'] } as const;

function styled(text: string, style: Style | undefined): string {
  if (style === undefined) return text;
  const codes = [style.bold === true ? SGR.bold : undefined, style.dim === true ? SGR.dim : undefined, style.inverse === true ? SGR.inverse : undefined, style.color === undefined ? undefined : SGR[style.color]].filter((code) => code !== undefined);
  return codes.reduce((inner, [open, close]) => `${open}${inner}${close}`, text);
}

/** A screen line as text with SGR codes (plain text when styles are off): what the first frame writes and the App draws. */
export function ansiLine(line: Line, styles: boolean): string {
  return line.map((segment) => (styles ? styled(segment.text, segment.style) : segment.text)).join('');
}
