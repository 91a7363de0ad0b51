import { none } from './actions.js';
import type { Step } from './events.js';
import { layout } from './layout.js';
import type { State } from './state.js';

/**
 * Scrolling the preview back through the pane's history (Tab on the list,
 * then PgUp PgDn ↑ ↓ g G). The scroll is counted in lines up from the
 * pane's last line, so new output does not move what the user reads; the
 * capture asks tmux for that much history (`capture-pane -S -N`).
 */

/** Most lines ever asked of tmux (its default history-limit is 2000). */
export const MAX_PREVIEW_HISTORY = 5000;

/** How many lines of history the capture asks for: the configured ones, or enough for the scroll and a page more. */
export function previewHistoryLines(state: State): number {
  if (state.previewScroll === 0) return state.context.previewLines;
  return Math.min(MAX_PREVIEW_HISTORY, Math.max(state.context.previewLines, state.previewScroll + 2 * previewPage(state)));
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
