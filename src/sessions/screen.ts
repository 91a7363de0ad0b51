import type { SortMode } from '../config/schema.js';
import type { Session } from '../tmux/types.js';
import type { TextMeasure } from './measure.js';
import { formatAge, printable, shortenHome } from './present.js';
import { STATE_LABELS } from '../agents/model.js';
import { fit } from './rows.js';
import { SORT_MODE_DESCRIPTIONS } from './sort.js';

/**
 * Texts of the dashboard's screen that do not depend on its state machine:
 * the header, the empty list, the preview's parts (src/dashboard/view.ts
 * puts them together).
 */

/** A part of the header, and how long it stays when the width runs short (lower stays longer). */
export interface HeaderPart {
  text: string;
  rank: number;
}

/**
 * The header's parts: `tmux-dashboard · 3 sessions · 1 need you · sort: name (a–z) · server default`.
 * A narrow terminal keeps the parts that fit, whole (view.ts), and the
 * sort mode without its description first.
 */
export function headerParts(count: number, sortMode: SortMode, server: string, short: boolean, agents: { waiting: number; done: number } = { waiting: 0, done: 0 }): HeaderPart[] {
  return [
    { text: 'tmux-dashboard', rank: 0 },
    { text: `${String(count)} session${count === 1 ? '' : 's'}`, rank: 1 },
    ...(agents.waiting > 0 ? [{ text: `${agents.waiting} need you`, rank: 1 }] : []),
    ...(agents.done > 0 ? [{ text: `${agents.done} done`, rank: 2 }] : []),
    { text: short ? `sort: ${sortMode}` : `sort: ${sortMode} (${SORT_MODE_DESCRIPTIONS[sortMode]})`, rank: 3 },
    { text: `server ${server}`, rank: 4 },
  ];
}

/** Sessions whose agent waits for the user, and ones that finished unseen: what the header counts. */
export function agentCounts(sessions: readonly Session[]): { waiting: number; done: number } {
  // Asked on every frame (the header, the hint bar) of a list that changes once per refresh: counted once per list.
  let counts = countsOfList.get(sessions);
  if (counts === undefined) {
    counts = { waiting: 0, done: 0 };
    for (const session of sessions) {
      if (session.agent?.state === 'needs-input') counts.waiting++;
      else if (session.agent?.state === 'done') counts.done++;
    }
    countsOfList.set(sessions, counts);
  }
  return counts;
}
const countsOfList = new WeakMap<readonly Session[], { waiting: number; done: number }>();

/** What the list says when it shows no row. */
export function emptyListText(list: { loaded: boolean; serverRunning: boolean; total: number }, quotedFilter: string): string {
  if (!list.loaded) return 'Loading…';
  if (!list.serverRunning) return 'The tmux server is not running. n starts one with a new session; r retries.';
  if (list.total === 0) return 'No sessions. Press n to create one.';
  return `No session matches ${quotedFilter}. Esc clears the filter.`;
}

export function noServerText(server: string): string {
  return `no tmux server is running (${server})`;
}

/** `── name ─────`: the preview's first line, exactly `width` columns. */
export function previewTitle(session: Session, width: number, measure: TextMeasure): string {
  return fit(`── ${printable(session.name)} `, width, measure).replace(/ {2,}$/, (spaces) => ` ${'─'.repeat(spaces.length - 1)}`);
}

/** Windows and their panes (command, agent state and its age, path), at most half of the preview's rows. */
export function previewTreeLines(session: Session, home: string, height: number, nowMs: number = Date.now()): string[] {
  const tree: string[] = [];
  let lastWindow = '';
  for (const pane of session.panes) {
    if (pane.windowId !== lastWindow) {
      lastWindow = pane.windowId;
      tree.push(`${pane.windowActive ? '▸' : ' '} ${pane.windowIndex}: ${printable(pane.windowName)}`);
    }
    const agent = pane.agent == null ? '' : `  ${STATE_LABELS[pane.agent.state]}${pane.agent.since === null ? '' : ` ${formatAge(pane.agent.since, nowMs)}`} (${pane.agent.source})`;
    // The first frame's quick list has no folder yet: no trailing blanks for it.
    tree.push(`    ${pane.active ? '●' : '·'} ${printable(pane.command)}${agent}  ${printable(shortenHome(pane.path, home))}`.trimEnd());
  }
  return tree.slice(0, Math.max(1, Math.floor((height - 1) / 2)));
}

/** The last lines of the pane's text that fit under the title and the tree; `scroll` lines up from the last (no further than the first). */
export function previewTextLines(paneText: string | undefined, room: number, scroll = 0): string[] {
  return previewWindow(paneText, room, scroll).shown.map(printable);
}

/** The captured lines the preview shows (as captured, escapes and all), and the ones above them. */
export function previewWindow(paneText: string | undefined, room: number, scroll = 0): { above: string[]; shown: string[] } {
  if (room <= 0 || paneText === undefined) return { above: [], shown: [] };
  const lines = paneText.split('\n');
  const end = Math.max(Math.min(room, lines.length), lines.length - scroll);
  const start = Math.max(0, end - room);
  return { above: lines.slice(0, start), shown: lines.slice(start, end) };
}
