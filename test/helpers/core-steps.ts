import type { Effect, Event } from '../../src/dashboard/events.js';
import type { Context, State } from '../../src/dashboard/state.js';
import { step } from '../../src/dashboard/step.js';
import { decodeKeys, flushKeys, INITIAL_DECODER, type Key } from '../../src/input/keys.js';

/** Steps the core through made-up events for the unit tests of the core (pure logic, no tmux). */

/** A dashboard outside tmux, with styles, a 2 s refresh and the preview's 20 lines. */
export const TEST_CONTEXT: Context = {
  home: '/home/me',
  startDir: '/home/me/src/proj',
  insideTmux: false,
  inPopup: false,
  currentSessionId: undefined,
  ownPaneId: undefined,
  server: 'default',
  dryRun: false,
  aiCommands: new Set(['claude']),
  styles: true,
  previewLines: 20,
  refreshIntervalMs: 2000,
  projectRoots: false,
  notify: 'bell',
};

/** Each event in turn, each against the state the one before left; every effect, in order. */
export function runEvents(state: State, list: readonly Event[]): { state: State; effects: Effect[] } {
  let current = state;
  const effects: Effect[] = [];
  for (const event of list) {
    const result = step(current, event);
    current = result.state;
    effects.push(...result.effects);
  }
  return { state: current, effects };
}

/** Types `input` as a terminal sends it (one read), then lets the escape timer run out. */
export function typeKeys(state: State, input: string): { state: State; effects: Effect[] } {
  const decoded = decodeKeys(INITIAL_DECODER, input);
  const keys: Key[] = [...decoded.keys, ...flushKeys(decoded.state).keys];
  return runEvents(state, keys.map((key): Event => ({ type: 'key', key })));
}
