import type { Key, MouseKey, NamedKey } from '../input/keys.js';
import { fullMeasure } from '../sessions/measure-full.js';
import { none } from './actions.js';
import type { Step } from './events.js';
import { hintLineIndex, rowAtScreen } from './layout.js';
import { settle } from './settle.js';
import type { State } from './state.js';
import { hintBar } from './hint-bar.js';

/**
 * What a click or the wheel does. Mouse reports arrive as keys (the decoder
 * reads SGR reports, src/input/keys.ts) and are read against the state the
 * keys before them left, like any key: a click selects the row drawn where
 * it landed, a second press on that row within DOUBLE_CLICK_MS is Enter, the
 * wheel is ↑/↓, and a click on a hint of the hint bar is that hint's key.
 * The time of a press is stamped by the UI when it reads the report (the
 * core reads no clock); without one, the last tick's time stands in.
 */
export const DOUBLE_CLICK_MS = 400;

const WHEEL_UP = 64;
const WHEEL_DOWN = 65;
/** Shift, Alt and Ctrl held with a button: the same button. */
const MODIFIERS = 4 | 8 | 16;
const MOTION = 32;

/** The modes whose ↑/↓ move through a list: the wheel does the same there. */
const WHEEL_MODES: ReadonlySet<State['mode']['kind']> = new Set(['list', 'filter', 'help', 'projects', 'deleteTagged']);

export function onMouse(state: State, mouse: MouseKey, press: (state: State, key: Key) => Step): Step {
  if (mouse.release || (mouse.button & MOTION) !== 0) return none(state);
  const button = mouse.button & ~MODIFIERS;
  if (button === WHEEL_UP || button === WHEEL_DOWN) return WHEEL_MODES.has(state.mode.kind) ? press(state, named(button === WHEEL_UP ? 'Up' : 'Down')) : none(state);
  if (button !== 0) return none(state);
  if (mouse.row === hintLineIndex(state)) {
    const span = hintBar(state, fullMeasure).spans.find((each) => mouse.column >= each.from && mouse.column < each.to);
    const name = span?.binding.keys[0];
    return name === undefined ? none(state) : press({ ...state, lastClick: undefined }, keyNamed(name));
  }
  // A session's, a window's or a pane's row (the tree): the click selects that row, a double click goes there.
  const row = rowAtScreen(state, mouse.column, mouse.row);
  if (row === undefined) return none({ ...state, lastClick: undefined });
  const at = mouse.at ?? state.now;
  const last = state.lastClick;
  const selected = { ...state, selectedKey: row.key, selectedId: row.session.id };
  if (last !== undefined && last.id === row.key && at >= last.at && at - last.at <= DOUBLE_CLICK_MS) {
    return press(settle({ ...selected, lastClick: undefined }, state), named('Enter'));
  }
  return none(settle({ ...selected, lastClick: { id: row.key, at } }, state));
}

const named = (name: NamedKey): Key => ({ kind: 'named', name });

/** A binding's key name (keyName's spelling) as the key it names: one character, or a named key. */
function keyNamed(name: string): Key {
  return Array.from(name).length === 1 ? { kind: 'char', char: name } : named(name as NamedKey);
}
