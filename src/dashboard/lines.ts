import type { TextMeasure } from '../sessions/measure.js';
import { printable } from '../sessions/present.js';
import { fit } from '../sessions/rows.js';
import { fieldAtCursor, fieldWindow, type TextField } from './text-field.js';

/**
 * A line of the screen is styled segments (view.ts makes the screen of
 * them); the pieces every part of it is drawn with: a cut to the width, a
 * box, a text field with its cursor, an error and a warning.
 */
export interface Style {
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  /** Basic colours only: the terminal's theme (dark or light) decides how they look, so they stay readable on both. */
  color?: 'red' | 'yellow' | 'green' | 'magenta' | 'cyan';
  /** A pane's own colours in the preview (src/sessions/pane-colors.ts): whatever the pane chose. */
  fg?: string;
  bg?: string;
  italic?: boolean;
  underline?: boolean;
}
export interface Segment {
  text: string;
  style?: Style;
}
export type Line = Segment[];

const CURSOR = '█';
const BAR_CURSOR = '▏';
export const plain = (text: string, style?: Style): Line => [style === undefined ? { text } : { text, style }];

/** Cuts the segments to `width` columns in all (a cut segment ends with `…`). */
export function fitLine(line: Line, width: number, measure: TextMeasure): Line {
  const out: Line = [];
  let room = width;
  for (const segment of line) {
    if (room <= 0) break;
    const size = measure.width(segment.text);
    if (size <= room) {
      out.push(segment);
      room -= size;
    } else {
      out.push({ ...segment, text: fit(segment.text, room, measure).trimEnd() });
      room = 0;
    }
  }
  return out;
}

/**
 * Errors in red and warnings in yellow, each after a mark (`✗`, `!`) that
 * says the same without colour; information is plain.
 */
export const error = (text: string): Line => plain(`✗ ${text}`, { color: 'red' });
export const warning = (text: string): Line => plain(`! ${text}`, { color: 'yellow' });

/** A field in `room` columns with its cursor: the character under it inverted, or a block at the end. */
export function fieldSegments(value: TextField, focused: boolean, room: number, styles: boolean): Segment[] {
  const shown = fieldWindow(value, room);
  if (!focused) return [{ text: printable(shown.text) }];
  const { before, at, after } = fieldAtCursor(shown);
  // Without styles an inverted character is invisible: a bar marks the cursor instead.
  if (!styles && at !== '') return [{ text: `${printable(before)}${BAR_CURSOR}${printable(at + after)}` }];
  return at === '' ? [{ text: printable(before) + CURSOR }] : [{ text: printable(before) }, { text: printable(at), style: { inverse: true } }, { text: printable(after) }];
}

/** Lines in a rounded box with the title in its top border, exactly `height` lines. */
export function boxed(title: string, body: Line[], width: number, height: number, color: Style['color'], measure: TextMeasure): Line[] {
  if (height <= 0) return [];
  const border: Style | undefined = color === undefined ? undefined : { color };
  // Too few rows for the border: the title and as much of the content as fits.
  if (height < body.length + 2) return [[{ text: title, style: { bold: true, ...border } }], ...body].slice(0, height);
  const inner = Math.max(1, width - 4);
  const top = fit(`╭─ ${title} `, width - 1, measure).replace(/ {2,}$/, (spaces) => ` ${'─'.repeat(spaces.length - 1)}`);
  const content = body.slice(0, Math.max(0, height - 2)).map((line): Line => {
    const cut = fitLine(line, inner, measure);
    const used = cut.reduce((sum, segment) => sum + measure.width(segment.text), 0);
    return [{ text: '│ ', style: border }, ...cut, { text: `${' '.repeat(Math.max(0, inner - used))} │`, style: border }];
  });
  while (content.length < height - 2) content.push([{ text: '│', style: border }, { text: `${' '.repeat(inner + 2)}│`, style: border }]);
  const lines: Line[] = [[{ text: `${top}╮`, style: { bold: true, ...border } }], ...content];
  if (height >= 2) lines.push([{ text: `╰${'─'.repeat(Math.max(0, width - 2))}╯`, style: border }]);
  return lines.slice(0, height);
}

/** `text` in lines of at most `first` characters, then `rest`, broken between words (a word longer than a line, inside it). */
export function wrapWords(text: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  let line = '';
  const room = () => Math.max(1, lines.length === 0 ? first : rest);
  for (const word of text.split(' ')) {
    let next = line === '' ? word : `${line} ${word}`;
    while (next.length > room()) {
      if (line !== '') {
        lines.push(line);
        line = '';
        next = word;
        continue;
      }
      const cut = room();
      lines.push(next.slice(0, cut));
      next = next.slice(cut);
    }
    line = next;
  }
  lines.push(line);
  return lines;
}
