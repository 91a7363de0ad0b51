import chalk from 'chalk';
import { Box, Text, useApp } from 'ink';
import { memo, useEffect } from 'react';
import { useDashboard, type Surroundings, type UiResult } from '../hooks/useDashboard.js';
import type { EffectServices } from '../src/dashboard/effects.js';
import type { State } from '../src/dashboard/state.js';
import { ansiLine } from '../src/dashboard/first-frame.js';
import type { Line, Segment } from '../src/dashboard/lines.js';
import { screenLines } from '../src/dashboard/view.js';
import { fullMeasure } from '../src/sessions/measure-full.js';

export type { UiResult } from '../hooks/useDashboard.js';

/**
 * How Ink draws the dashboard. Frames come from events (a key, a tick, a
 * tmux answer), never from an animation, so none is held back: Ink's default
 * of 30 frames a second delays a key's frame by up to 33 ms after any other
 * frame. Only the lines that changed are written (a key usually changes two
 * rows and the preview). The patched Ink (patches/) updates a frame that
 * fills the terminal in place instead of clearing the screen each time.
 */
export const INK_OPTIONS = { exitOnCtrlC: false, incrementalRendering: true, maxFps: 0 } as const;

export interface AppProps {
  /** The state to start from (initialState()): the first frame shows it. */
  initial: State;
  services: EffectServices;
  surroundings: Surroundings;
  /** How the UI ends, and its last state (what a later showing keeps: the preview on or off). */
  onDone: (result: UiResult, last: State) => void;
}

const sameLine = (a: { line: Line }, b: { line: Line }) =>
  a.line.length === b.line.length && a.line.every((segment, index) => {
    const other = b.line[index];
    const [x, y] = [segment.style, other?.style];
    return other !== undefined && segment.text === other.text && x?.bold === y?.bold && x?.dim === y?.dim && x?.inverse === y?.inverse && x?.color === y?.color && x?.fg === y?.fg && x?.bg === y?.bg && x?.italic === y?.italic && x?.underline === y?.underline;
  });

/** A segment with its SGR codes: the dashboard's own styles as the first frame writes them, a pane's own colours (the preview) through chalk, as Ink's Text would. */
function segmentText(segment: Segment): string {
  const style = segment.style;
  if (style === undefined) return segment.text;
  let text = ansiLine([segment], true);
  if (style.italic === true) text = chalk.italic(text);
  if (style.underline === true) text = chalk.underline(text);
  if (style.fg !== undefined) text = paint(text, style.fg, false);
  if (style.bg !== undefined) text = paint(text, style.bg, true);
  return text;
}

/** A colour as Ink's Text takes it: a name (`red`, `blueBright`), `ansi256(N)` or `#rrggbb`. */
function paint(text: string, color: string, background: boolean): string {
  if (color.startsWith('#')) return background ? chalk.bgHex(color)(text) : chalk.hex(color)(text);
  const indexed = color.match(/^ansi256\((\d+)\)$/);
  if (indexed !== null) return background ? chalk.bgAnsi256(Number(indexed[1]))(text) : chalk.ansi256(Number(indexed[1]))(text);
  const name = background ? `bg${color.charAt(0).toUpperCase()}${color.slice(1)}` : color;
  const apply = (chalk as unknown as Record<string, unknown>)[name];
  return typeof apply === 'function' ? (apply as (value: string) => string)(text) : text;
}

/**
 * One screen line, as ONE Text whose string carries its own SGR codes
 * (src/dashboard/first-frame.ts writes the same), when chalk — Ink's
 * colour library, whose level is Ink's own choice — would write codes at
 * all (not with NO_COLOR or to a pipe): Ink squashes and
 * re-tokenizes a line of nested styled Texts on every frame that changes it,
 * and with the preview beside the list every move changes every line.
 * Redrawn only when its text or style changed.
 */
const ScreenLine = memo(function ScreenLine({ line, styles }: { line: Line; styles: boolean }) {
  // An empty Text takes no row in Ink's layout: a blank line (a blank line of the preview's pane too) is a space.
  if (line.every((segment) => segment.text === '')) return <Text> </Text>;
  return <Text wrap="truncate">{styles ? line.map(segmentText).join('') : ansiLine(line, false)}</Text>;
}, (a, b) => a.styles === b.styles && sameLine(a, b));

/**
 * The dashboard on screen: it lays out the lines the state says
 * (src/dashboard/view.ts), nothing more. What keys do is decided by the pure
 * core (src/dashboard/step.ts), run by useDashboard.
 */
export function App({ initial, services, surroundings, onDone }: AppProps) {
  const { exit } = useApp();
  const state = useDashboard(initial, services, surroundings, onDone);
  // Closing draws an empty tree before Ink unmounts: its last full frame would cost as much as a keystroke's.
  useEffect(() => {
    if (state.closing) exit();
  }, [state.closing]);
  if (state.closing) return null;
  const lines = screenLines(state, fullMeasure);
  // No width of our own: Ink lays the box out at the terminal's width. When
  // the terminal narrows, Ink redraws the last tree before the resize reaches
  // the state; at the terminal's width its lines are cut, not wrapped onto the
  // next rows, so the lines Ink remembers are the lines on the screen and the
  // next frame (at the new width) updates them in place correctly.
  return (
    <Box flexDirection="column" height={state.rows}>
      {lines.map((line, index) => (
        <ScreenLine key={index} line={line} styles={chalk.level > 0} />
      ))}
    </Box>
  );
}
