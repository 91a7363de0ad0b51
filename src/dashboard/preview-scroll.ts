import { none } from './actions.js';
import type { Step } from './events.js';
import { layout } from './layout.js';
import type { State } from './state.js';
import { previewWindow } from '../sessions/screen.js';

/**
 * Scrolling the preview back through the pane's history (Tab on the list,
 * then PgUp PgDn ↑ ↓ g G). The scroll is counted in lines up from the
 * pane's last line, and the capture asks tmux for that much history
 * (`capture-pane -S -N`). The pane goes on printing meanwhile (an agent at
 * work, a build): each new capture moves the scroll by what arrived below
 * (`scrollKeptOn`), so the lines the user reads stay where they are.
 */

/** Most lines ever asked of tmux (its default history-limit is 2000). */
export const MAX_PREVIEW_HISTORY = 5000;

/**
 * Rows of output a scrolled preview's next capture must still reach back
 * past (a second or two between captures at several hundred lines a
 * second): the lines on screen are looked for in it (scrollKeptOn).
 */
const FOLLOW_SLACK = 2000;

/** How many lines of history the capture asks for: the configured ones, or enough for the scroll, a page more, and what may print before the next capture. */
export function previewHistoryLines(state: State): number {
  if (state.previewScroll === 0) return state.context.previewLines;
  return Math.min(MAX_PREVIEW_HISTORY, Math.max(state.context.previewLines, state.previewScroll + 2 * previewPage(state) + FOLLOW_SLACK));
}

/** The preview's text rows (its height less the title). */
export function previewPage(state: State): number {
  return Math.max(1, layout(state).previewHeight - 1);
}

/** Lines of the captured text, as many as there are to scroll through (undefined: not captured yet). */
function capturedLines(state: State): number | undefined {
  const text = state.preview?.text;
  return text === undefined ? undefined : text.split('\n').length;
}

/** Scrolls by `delta` lines (positive: back in time), within what tmux's history can hold. */
export const scrollPreview = (delta: (state: State) => number) => (state: State): Step => {
  const wanted = Math.max(0, state.previewScroll + delta(state));
  const captured = capturedLines(state);
  // What was captured bounds the scroll, unless more history was not asked for yet.
  const asked = state.preview?.lines ?? 0;
  const bound = captured !== undefined && asked >= previewHistoryLines({ ...state, previewScroll: wanted }) ? Math.max(0, captured - previewPage(state)) : MAX_PREVIEW_HISTORY;
  return none({ ...state, previewScroll: Math.min(wanted, bound) });
};

export function enterPreview(state: State): Step {
  return none({ ...state, mode: { kind: 'preview' } });
}

/** Back to the list; the preview follows the pane's last line again. */
export function leavePreview(state: State): Step {
  return none({ ...state, mode: { kind: 'list' }, previewScroll: 0 });
}

/**
 * The scroll that keeps, in a new capture of the same pane, the lines the
 * previous capture showed where they were. Output pushes them up by a
 * number of lines tmux does not tell (the capture trims the blank rows at
 * the bottom, and tmux trims the history's top as it fills), so they are looked for:
 * the `page` lines previewWindow showed (or, scrolled past that capture's
 * first line, its first page). A log repeats itself, so among several
 * places the nearest at or above where they were wins (output only adds
 * lines below). undefined: they are not there any more (the history was
 * cleared, the screen redrawn, a line of them changed); the scroll stays.
 */
export function scrollKeptOn(before: string, scroll: number, after: string, page: number): number | undefined {
  const { above, shown } = previewWindow(before, page, scroll);
  const last = shown.at(-1);
  if (last === undefined) return undefined;
  // How far above the last line they were, and so at least are now.
  const was = before.split('\n').length - above.length - shown.length;
  const lines = after.split('\n');
  let nearest: number | undefined;
  for (let index = shown.length - 1; index < lines.length; index++) {
    if (lines[index] !== last) continue;
    let same = true;
    for (let back = 1; back < shown.length && same; back++) same = lines[index - back] === shown[shown.length - 1 - back];
    if (!same) continue;
    const now = lines.length - 1 - index;
    // As index grows `now` shrinks: the last candidate at or above `was` is the nearest.
    if (nearest === undefined || now >= was) nearest = now;
    if (now < was) break;
  }
  return nearest === undefined ? undefined : scroll + nearest - was;
}
