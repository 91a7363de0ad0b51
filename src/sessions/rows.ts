import type { Session } from '../tmux/types.js';
import type { TextMeasure } from './measure.js';
import { formatAge, printable, shortenHome } from './present.js';
import { hasAiAgent } from './sort.js';
import { AGENT_COLUMN_WIDTH, STATE_LABELS } from '../agents/model.js';

export interface RowContext {
  /** The list's width in columns (the whole terminal, or its left part when the preview is beside it). */
  width: number;
  home: string;
  nowMs: number;
  aiCommands: ReadonlySet<string>;
  /** The session this dashboard runs in (inside tmux), marked with `*`. */
  currentSessionId: string | undefined;
  /** The session `L` goes back to, marked with `-` (as tmux marks the last window). */
  lastSessionId?: string | undefined;
  /** Tagged sessions (`t`), marked with `+`. */
  taggedIds?: ReadonlySet<string>;
  measure: TextMeasure;
}

/** Pads or cuts to exactly `width` terminal columns (wide characters count twice). */
export function fit(text: string, width: number, measure: TextMeasure, position: 'end' | 'start' = 'end'): string {
  if (width <= 0) return '';
  let cut = text;
  // A wide character at the cut can leave one column too many: cut shorter.
  for (let target = width; measure.width(cut) > width && target > 0; target--) cut = measure.truncate(text, target, position);
  return cut + ' '.repeat(Math.max(0, width - measure.width(cut)));
}

/**
 * What a cell means, not how it looks: the view (src/dashboard/view.ts) turns
 * a tone into a style, and every tone is also said in the cell's text (a
 * symbol or a word), so the row reads the same without colour.
 */
export type Tone = 'current' | 'attached' | 'agent' | 'recent' | 'old' | 'path' | 'label' | 'tagged';

export interface Cell {
  text: string;
  tone?: Tone | undefined;
}

/** Where a row is drawn: its place on screen decides the marks in its gutter. */
export interface RowPlace {
  /** 1–9 for the rows those keys reach; undefined for the others. */
  number: number | undefined;
  selected: boolean;
}

/**
 * One column of the list. The header row, the rows and the widths all come
 * from this table, so a new column is one more entry here.
 */
export interface Column {
  id: string;
  /** The header row's label (at most `width` columns). */
  label: string;
  /** Fixed columns have a width; the two flexible ones (name, directory) share what the fixed ones leave. */
  width: number | 'flex';
  align: 'left' | 'right';
  /** At narrow widths columns go in this order (lower first); the name never goes. */
  drop: number;
  /** What its cells say, for the help (the header row may not fit a small terminal). */
  legend: string;
  cell(session: Session, place: RowPlace, context: RowContext): Cell;
}

const RECENT_SECONDS = 60 * 60;
const OLD_SECONDS = 24 * 60 * 60;

/** `›3*`: the selection, the row's number key, and `*` for the session the dashboard runs in (`-`: the last session, as tmux marks the last window). */
const GUTTER: Column = {
  id: 'gutter',
  label: '',
  width: 3,
  align: 'left',
  drop: Infinity,
  legend: '› the selected row, 1–9 its number key, * the session the dashboard runs in, - the last session (L goes there)',
  cell: (session, place, context) => {
    const current = session.id === context.currentSessionId;
    const where = current ? '*' : session.id === context.lastSessionId ? '-' : ' ';
    return { text: `${place.selected ? '›' : ' '}${place.number !== undefined && place.number <= 9 ? String(place.number) : ' '}${where}`, tone: current ? 'current' : undefined };
  },
};

export const NAME_COLUMN: Column = {
  id: 'name',
  label: 'session',
  width: 'flex',
  align: 'left',
  drop: Infinity,
  legend: 'the session’s name (bold: the one the dashboard runs in; + before it: tagged with t; … cuts a long one)',
  cell: (session, _place, context) => {
    // In the name's cell, not a column of its own: untagged rows keep their layout.
    if (context.taggedIds?.has(session.id) === true) return { text: `+ ${printable(session.name)}`, tone: 'tagged' };
    return { text: printable(session.name), tone: session.id === context.currentSessionId ? 'current' : undefined };
  },
};

const WINDOWS_COLUMN: Column = {
  id: 'windows',
  label: 'windows',
  width: 7,
  align: 'right',
  drop: 3,
  legend: 'how many windows it has',
  cell: (session) => ({ text: `${Math.min(session.windows, 99)} win` }),
};

const CLIENTS_COLUMN: Column = {
  id: 'clients',
  label: 'clients',
  width: 7,
  align: 'left',
  // Before the agent: who needs you is what the narrow dashboard (a popup) is opened for.
  drop: 1,
  // `●` says "attached" where colour does not reach.
  legend: '●N: N clients attached (green)',
  cell: (session) => (session.attached > 0 ? { text: `●${session.attached > 99 ? '99+' : String(session.attached)}`, tone: 'attached' } : { text: '' }),
};

const AGENT_COLUMN: Column = {
  id: 'agent',
  label: 'agent',
  width: AGENT_COLUMN_WIDTH,
  align: 'left',
  drop: 2,
  legend: 'its most urgent coding agent: ! input (waits for you), ✓ done (finished, unseen), » work, · idle; AI: an agent runs, its state unknown',
  cell: (session, _place, context) => {
    const state = session.agent?.state ?? (hasAiAgent(session, context.aiCommands) ? 'unknown' : undefined);
    return state === undefined ? { text: '' } : { text: STATE_LABELS[state], tone: 'agent' };
  },
};

const ACTIVITY_COLUMN: Column = {
  id: 'activity',
  label: 'active',
  width: 7,
  align: 'right',
  drop: 4,
  // The age itself says recent or old; the tone only makes it quicker to see.
  legend: 'since its last activity (bold: within the hour; dim: a day or more)',
  cell: (session, _place, context) => {
    const seconds = context.nowMs / 1000 - session.activity;
    return { text: `${formatAge(session.activity, context.nowMs)} ago`, tone: seconds < RECENT_SECONDS ? 'recent' : seconds >= OLD_SECONDS ? 'old' : undefined };
  },
};

export const PATH_COLUMN: Column = {
  id: 'path',
  label: 'directory',
  width: 'flex',
  align: 'left',
  drop: 0,
  legend: 'its directory (~ is your home; … keeps the end of a long one)',
  cell: (session, _place, context) => ({ text: printable(shortenHome(session.path, context.home)), tone: 'path' }),
};

/** The list's columns, left to right. */
export const COLUMNS: readonly Column[] = [GUTTER, NAME_COLUMN, WINDOWS_COLUMN, CLIENTS_COLUMN, AGENT_COLUMN, ACTIVITY_COLUMN, PATH_COLUMN];

const NAME_MIN = 8;
const NAME_MAX = 32;
const PATH_MIN = 8;

/** A column with the width it gets at this list width. */
export interface PlacedColumn {
  column: Column;
  width: number;
}

/**
 * The columns that fit `width`, with their widths; one space between
 * columns. The name, what people read first, takes 3/5 of what the fixed
 * columns leave (8 to 32), the directory the rest; when that leaves too
 * little, columns go by their `drop` order until the name has its 8.
 */
export function placeColumns(width: number, columns: readonly Column[] = COLUMNS): PlacedColumn[] {
  let kept = [...columns];
  const fixed = (list: readonly Column[]) => list.reduce((sum, column) => sum + (column.width === 'flex' ? 0 : column.width), 0) + Math.max(0, list.length - 1 - (list[0] === GUTTER ? 1 : 0));
  const room = (list: readonly Column[]) => width - fixed(list);
  const byDrop = [...columns].filter((column) => Number.isFinite(column.drop)).sort((a, b) => a.drop - b.drop);
  for (const column of byDrop) {
    const hasPath = kept.includes(PATH_COLUMN);
    if (room(kept) >= NAME_MIN + (hasPath ? PATH_MIN : 0)) break;
    kept = kept.filter((candidate) => candidate !== column);
  }
  const flexRoom = Math.max(0, room(kept));
  const hasPath = kept.includes(PATH_COLUMN);
  const nameWidth = hasPath ? Math.min(NAME_MAX, Math.max(NAME_MIN, Math.floor((flexRoom * 3) / 5))) : flexRoom;
  return kept.map((column) => ({ column, width: column.width !== 'flex' ? column.width : column === PATH_COLUMN ? Math.max(0, flexRoom - nameWidth) : nameWidth }));
}

/** A cell's text in its column: padded, or cut with an ellipsis (a path keeps its end, the part that tells projects apart). */
function cellText(text: string, placed: PlacedColumn, measure: TextMeasure): string {
  const cut = fit(text, placed.width, measure, placed.column === PATH_COLUMN ? 'start' : 'end');
  if (placed.column.align === 'left') return cut;
  const trimmed = cut.trimEnd();
  return ' '.repeat(placed.width - measure.width(trimmed)) + trimmed;
}

/** The cells of one row with the spaces between them, exactly `width` columns together. */
function rowCells(values: readonly Cell[], placed: readonly PlacedColumn[], width: number, measure: TextMeasure): Cell[] {
  const cells: Cell[] = [];
  let used = 0;
  placed.forEach((entry, index) => {
    // The gutter's marks sit right against the name.
    if (index > 0 && placed[index - 1]?.column !== GUTTER) {
      cells.push({ text: ' ' });
      used += 1;
    }
    const value = values[index] ?? { text: '' };
    const text = cellText(value.text, entry, measure);
    cells.push({ text, tone: value.tone });
    used += entry.width;
  });
  if (used < width) cells.push({ text: ' '.repeat(width - used) });
  return cells;
}

/**
 * One row as cells: `›3*name      2 win ●1   AI     5m ago ~/src/app`.
 * Names and paths are escaped (no control characters reach the terminal)
 * and cut with an ellipsis.
 */
export function sessionRowCells(session: Session, place: RowPlace, context: RowContext, placed: readonly PlacedColumn[] = placeColumns(context.width)): Cell[] {
  return rowCells(
    placed.map((entry) => entry.column.cell(session, place, context)),
    placed,
    context.width,
    context.measure,
  );
}

/** The header row: each column's label over its cells. */
export function columnHeaderCells(width: number, measure: TextMeasure, placed: readonly PlacedColumn[] = placeColumns(width)): Cell[] {
  return rowCells(
    placed.map((entry) => ({ text: entry.column.label, tone: 'label' })),
    placed,
    width,
    measure,
  );
}

/** The row as plain text (the tests and anything that needs no styles). */
export function sessionRowText(session: Session, rowNumber: number | undefined, selected: boolean, context: RowContext): string {
  return sessionRowCells(session, { number: rowNumber, selected }, context)
    .map((cell) => cell.text)
    .join('');
}
