import type { Step } from './events.js';
import { previewVisible } from './layout.js';
import { previewHistoryLines, previewPage, scrollKeptOn } from './preview-scroll.js';
import { previewPane, previewPaneId } from './selection.js';
import type { State } from './state.js';

// When the preview's pane is captured (the core asks for it with an effect),
// and where the scroll goes when a capture comes back.

/** How often the preview's pane is captured again while it stays selected. */
const PREVIEW_INTERVAL_MS = 1000;

/**
 * The previewed pane again, on a tick: about once a second while its window
 * has output (tmux's window_activity, in the list), not at all while it is
 * quiet. A second of slack: the list that says so may be older than the
 * capture.
 */
export function previewCaptureDue(state: State, now: number): boolean {
  const preview = state.preview;
  if (preview === undefined || now - preview.capturedAt < PREVIEW_INTERVAL_MS || !previewVisible(state)) return false;
  const activity = previewPane(state)?.windowActivity;
  return activity === undefined || activity >= Math.floor(preview.capturedAt / 1000) - PREVIEW_QUIET_SLACK_S;
}

const PREVIEW_QUIET_SLACK_S = 2;

/**
 * The preview's text: captured when the selection moves to another pane, and
 * again on ticks while its pane has output (previewCaptureDue). One capture
 * at a time; never the dashboard's own pane (it would show this very screen).
 */
export function capturePreview(result: Step, tick: boolean): Step {
  const state = result.state;
  if (state.closing || state.capturing !== undefined || !previewVisible(state) || state.context.previewLines <= 0) return result;
  const paneId = previewPaneId(state);
  if (paneId === undefined || paneId === state.context.ownPaneId) return result;
  const due = tick && previewCaptureDue(state, state.now);
  // Scrolled up: the capture reaches that far back into the pane's history (and a page more, so the next PgUp has its lines).
  const lines = previewHistoryLines(state);
  const enough = state.preview?.paneId === paneId && state.preview.lines >= lines;
  if (!due && enough) return result;
  return { state: { ...state, capturing: paneId }, effects: [...result.effects, { type: 'capturePreview', paneId, lines }] };
}

/** A new capture of the pane the preview is scrolled back in: the lines on screen stay there (scrollKeptOn). */
export function scrollAfterCapture(state: State, paneId: string, text: string | undefined): number {
  const before = state.preview?.paneId === paneId ? state.preview.text : undefined;
  if (state.previewScroll === 0 || before === undefined || text === undefined) return state.previewScroll;
  return scrollKeptOn(before, state.previewScroll, text, previewPage(state)) ?? state.previewScroll;
}
