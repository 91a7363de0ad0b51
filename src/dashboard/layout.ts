import { dialogWarnings } from './dialog-warnings.js';
import type { State } from './state.js';
import { selectedIndex } from './selection.js';
import type { TreeRow } from './tree.js';

/** Rows under the list for each dialog (its border included). */
export const DIALOG_HEIGHT = { new: 6, rename: 4, delete: 6 } as const;

export interface Layout {
  /** Rows between the header and the status line. */
  body: number;
  /** The list's first line names its columns. */
  columnHeader: boolean;
  /** The list's rows (its header not counted). */
  listHeight: number;
  dialogHeight: number;
  /** Where the preview is: beside the list (a wide terminal), below it, or not shown (no room for it to help). */
  preview: 'beside' | 'below' | 'none';
  previewHeight: number;
  /** The list's columns; beside it, the preview has the rest but one (a rule between them). */
  listWidth: number;
  previewWidth: number;
}

/** From this width on the preview goes beside the list: both then have room for their columns. */
export const BESIDE_MIN_COLUMNS = 120;
/** Below the list the preview needs this many body rows to show more than its title. */
const BELOW_MIN_BODY = 12;
/** Beside the list: a few rows of the pane's text are worth it. */
const BESIDE_MIN_BODY = 6;

/**
 * Header, body (list, dialog, preview), status line, hints. Beside the list
 * the preview takes the body's height and half the width or so; below it, the
 * list takes the rows it needs (up to about half) and the preview the rest,
 * so no band of empty lines sits between them.
 */
export function layout(state: Pick<State, 'rows' | 'columns' | 'mode' | 'showPreview' | 'visible' | 'tree'>): Layout {
  const body = Math.max(1, state.rows - 3);
  const kind = state.mode.kind;
  // A dialog's warnings (dialog-warnings.ts) add their rows: they are never cut.
  const wanted = kind === 'new' || kind === 'rename' || kind === 'delete' ? DIALOG_HEIGHT[kind] + dialogWarnings(state.mode, Math.max(4, state.columns - 4)).length : 0;
  // The selected row stays above a dialog while there is room for both;
  // in a terminal too small for that the dialog (which names its session)
  // takes the body, drawn without its border when even that does not fit.
  const dialogHeight = body > wanted ? wanted : Math.min(wanted, body);
  const previewWanted = state.showPreview && dialogHeight === 0 && kind !== 'help' && kind !== 'projects' && kind !== 'deleteTagged';
  const preview = !previewWanted ? 'none' : state.columns >= BESIDE_MIN_COLUMNS && body >= BESIDE_MIN_BODY ? 'beside' : body >= BELOW_MIN_BODY ? 'below' : 'none';
  const listWidth = preview === 'beside' ? Math.min(96, Math.max(60, Math.floor(state.columns / 2))) : state.columns;
  const previewWidth = preview === 'beside' ? state.columns - listWidth - 1 : preview === 'below' ? state.columns : 0;
  // The labels are worth a line when the rows below them are more than one or two.
  const listRoom = body - dialogHeight;
  const columnHeader = state.visible.length > 0 && listRoom >= 4 + (preview === 'below' ? BELOW_MIN_BODY / 2 : 0);
  const header = columnHeader ? 1 : 0;
  let previewHeight = preview === 'beside' ? body : 0;
  if (preview === 'below') {
    const needed = header + Math.max(1, state.tree.length);
    previewHeight = Math.max(Math.floor(body * 0.45), body - needed);
  }
  const listHeight = Math.max(0, body - dialogHeight - header - (preview === 'below' ? previewHeight : 0));
  return { body, columnHeader, listHeight, dialogHeight, preview, previewHeight, listWidth, previewWidth };
}

export interface Viewport {
  top: number;
  /** Rows drawn from `top`. */
  shown: number;
  /** Rows hidden above and below: the list's last line says so. */
  above: number;
  below: number;
}

/**
 * Which rows are on screen. When they do not all fit, the list's last line
 * says how many are hidden above and below, and the view scrolls only when
 * the selection would leave it.
 */
export function viewport(count: number, index: number, previousTop: number, height: number): Viewport {
  if (height <= 0) return { top: index, shown: 0, above: 0, below: 0 };
  if (count <= height) return { top: 0, shown: count, above: 0, below: 0 };
  // The last line says what is hidden; a list of one line has no room for it.
  const capacity = height === 1 ? 1 : height - 1;
  let top = previousTop;
  if (index < top) top = index;
  if (index >= top + capacity) top = index - capacity + 1;
  top = Math.min(Math.max(0, top), count - capacity);
  const shown = Math.min(capacity, count - top);
  return { top, shown, above: top, below: count - top - shown };
}

export function listViewport(state: State): Viewport {
  return viewport(state.tree.length, selectedIndex(state), state.top, layout(state).listHeight);
}

/**
 * The row (a session's, a window's, a pane's) drawn at screen line `line` (0 is the header),
 * column `column` (both from 0), in the modes that show the list to act on:
 * the one place that knows where rows are on screen (view.ts draws the list
 * there: the header, the column labels, then the rows from the viewport's top).
 */
export function rowAtScreen(state: State, column: number, line: number): TreeRow | undefined {
  if (state.mode.kind !== 'list' && state.mode.kind !== 'filter') return undefined;
  const box = layout(state);
  if (column < 0 || column >= box.listWidth) return undefined;
  const offset = line - 1 - (box.columnHeader ? 1 : 0);
  const view = listViewport(state);
  return offset >= 0 && offset < view.shown ? state.tree[view.top + offset] : undefined;
}

/** The hint bar's screen line: the last (the screen has at least four lines). */
export function hintLineIndex(state: Pick<State, 'rows'>): number {
  return Math.max(state.rows, 4) - 1;
}

export function previewVisible(state: State): boolean {
  return layout(state).preview !== 'none';
}

/** Whether the terminal has room for the preview: it shows then, until the user chooses with `p` (State.previewChoice). */
export function previewHasRoom(rows: number): boolean {
  return rows >= 20;
}
