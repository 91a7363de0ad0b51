import type { Pane } from '../tmux/types.js';
import type { TextMeasure } from './measure.js';
import { printable, shortenHome } from './present.js';
import { fit, type Cell, type RowPlace } from './rows.js';
import { STATE_LABELS } from '../agents/model.js';

/**
 * A window's or a pane's row under its session, choose-tree style:
 *
 *     ›2  ├─▸1: editor   3 panes  vim  ~/src/app
 *     3   │  └─●0: vim  ~/src/app
 *
 * `▸` marks the session's current window and `●` a window's active pane
 * (the text says it where colour does not reach). Names, commands and paths
 * are anyone's text: drawn through `printable`.
 */
export interface TreeRowText {
  kind: 'window' | 'pane';
  /** The branch: the last child draws `└─`, the others `├─`; a pane's window that is not the last keeps its `│`. */
  last: boolean;
  windowLast: boolean;
  index: number;
  /** A window's name, or a pane's command. */
  name: string;
  active: boolean;
  /** How many panes a window has (shown from 2 on). */
  panes: number;
  /** What runs in the window's active pane (a window's row) and where. */
  pane: Pane | undefined;
}

export function treeRowCells(row: TreeRowText, place: RowPlace, width: number, home: string, measure: TextMeasure): Cell[] {
  const gutter = `${place.selected ? '›' : ' '}${place.number !== undefined && place.number <= 9 ? String(place.number) : ' '} `;
  const branch = row.last ? '└─' : '├─';
  const head =
    row.kind === 'window'
      ? `   ${branch}${row.active ? '▸' : ' '}${row.index}: ${printable(row.name)}`
      : `   ${row.windowLast ? ' ' : '│'}  ${branch}${row.active ? '●' : '·'}${row.index}: ${printable(row.name)}`;
  const pane = row.pane;
  const agent = pane?.agent == null ? '' : `  ${STATE_LABELS[pane.agent.state]}`;
  const command = row.kind === 'window' && pane !== undefined ? `  ${row.panes > 1 ? `${row.panes} panes  ` : ''}${printable(pane.command)}${agent}` : agent;
  const where = pane === undefined ? '' : `  ${printable(shortenHome(pane.path, home))}`;
  const room = Math.max(0, width - gutter.length);
  const headText = fit(head + command, Math.min(room, measure.width(head + command)), measure);
  const rest = Math.max(0, room - measure.width(headText));
  return [{ text: gutter }, { text: headText }, { text: fit(where, rest, measure, 'start'), tone: 'path' }];
}
