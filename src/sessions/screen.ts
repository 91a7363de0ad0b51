import type { SortMode } from '../config/schema.js';
import type { Session } from '../tmux/types.js';
import type { TextMeasure } from './measure.js';
import { printable, shortenHome } from './present.js';
import { fit } from './rows.js';
import { SORT_MODE_DESCRIPTIONS } from './sort.js';

/**
 * The dashboard's screen as text: what the Ink components draw and what the
 * first frame (drawn before Ink has loaded) draws, from the same functions.
 */

export const DIALOG_HEIGHT = { new: 6, rename: 5, delete: 6 } as const;

export interface ScreenLayout {
  /** Rows between the header and the status line. */
  body: number;
  listHeight: number;
  previewHeight: number;
}

/** Header, body (list, dialog, preview), status line, hints. */
export function screenLayout(rows: number, dialogHeight: number, showPreview: boolean): ScreenLayout {
  const body = Math.max(3, rows - 3);
  const previewHeight = showPreview && dialogHeight === 0 && body >= 12 ? Math.floor(body * 0.45) : 0;
  return { body, listHeight: Math.max(1, body - dialogHeight - previewHeight), previewHeight };
}

/** The preview is on at start when the terminal has room for it. */
export function previewShownAtStart(rows: number): boolean {
  return rows >= 20;
}

export function headerText(count: number, sortMode: SortMode, server: string): string {
  return `tmux-dashboard · ${String(count)} session${count === 1 ? '' : 's'} · sort: ${sortMode} (${SORT_MODE_DESCRIPTIONS[sortMode]}) · server ${server}`;
}

/** What the list says when it shows no row. */
export function emptyListText(list: { loaded: boolean; serverRunning: boolean; total: number }, filter: string): string {
  if (!list.loaded) return 'Loading…';
  if (!list.serverRunning) return 'The tmux server is not running. n starts one with a new session; r retries.';
  if (list.total === 0) return 'No sessions. Press n to create one.';
  return `No session matches "${filter}". Esc clears the filter.`;
}

export function noServerText(server: string): string {
  return `no tmux server is running (${server})`;
}

/** `── name ─────`: the preview's first line, exactly `width` columns. */
export function previewTitle(session: Session, width: number, measure: TextMeasure): string {
  return fit(`── ${printable(session.name)} `, width, measure).replace(/ +$/, (spaces) => '─'.repeat(spaces.length));
}

/** Windows and their panes (command, path), at most half of the preview's rows. */
export function previewTreeLines(session: Session, home: string, height: number): string[] {
  const tree: string[] = [];
  let lastWindow = '';
  for (const pane of session.panes) {
    if (pane.windowId !== lastWindow) {
      lastWindow = pane.windowId;
      tree.push(`${pane.windowActive ? '▸' : ' '} ${pane.windowIndex}: ${printable(pane.windowName)}`);
    }
    tree.push(`    ${pane.active ? '●' : '·'} ${printable(pane.command)}  ${printable(shortenHome(pane.path, home))}`);
  }
  return tree.slice(0, Math.max(1, Math.floor((height - 1) / 2)));
}

/** The last lines of the pane's text that fit under the title and the tree. */
export function previewTextLines(paneText: string | undefined, room: number): string[] {
  if (room <= 0 || paneText === undefined) return [];
  return paneText.split('\n').map(printable).slice(-room);
}
