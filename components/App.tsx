import { Box, Text, useApp } from 'ink';
import { memo, useEffect } from 'react';
import { useDashboard, type Surroundings, type UiResult } from '../hooks/useDashboard.js';
import type { EffectServices } from '../src/dashboard/effects.js';
import type { State } from '../src/dashboard/state.js';
import { screenLines, type Line } from '../src/dashboard/view.js';
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

/** One screen line; redrawn only when its text or style changed (a key usually changes two rows). */
const ScreenLine = memo(function ScreenLine({ line }: { line: Line }) {
  // An empty Text takes no row in Ink's layout: a blank line (a blank line of the preview's pane too) is a space.
  if (line.every((segment) => segment.text === '')) return <Text> </Text>;
  const [only] = line;
  if (line.length === 1 && only !== undefined) {
    return (
      <Text wrap="truncate" bold={only.style?.bold} dimColor={only.style?.dim} inverse={only.style?.inverse} color={only.style?.color ?? only.style?.fg} backgroundColor={only.style?.bg} italic={only.style?.italic} underline={only.style?.underline}>
        {only.text}
      </Text>
    );
  }
  return (
    <Text wrap="truncate">
      {line.map((segment, index) => (
        <Text key={index} bold={segment.style?.bold} dimColor={segment.style?.dim} inverse={segment.style?.inverse} color={segment.style?.color ?? segment.style?.fg} backgroundColor={segment.style?.bg} italic={segment.style?.italic} underline={segment.style?.underline}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}, sameLine);

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
        <ScreenLine key={index} line={line} />
      ))}
    </Box>
  );
}
