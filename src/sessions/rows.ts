import type { Session } from '../tmux/types.js';
import type { TextMeasure } from './measure.js';
import { formatAge, printable, shortenHome } from './present.js';
import { hasAiAgent } from './sort.js';
import { AGENT_COLUMN_WIDTH, STATE_LABELS } from '../agents/model.js';

export interface RowContext {
  width: number;
  home: string;
  nowMs: number;
  aiCommands: ReadonlySet<string>;
  /** The session this dashboard runs in (inside tmux), marked with `*`. */
  currentSessionId: string | undefined;
  measure: TextMeasure;
  /** The agent column's width, the same for every row of the list: agentColumnWidth(). */
  agentWidth: number;
}

/** Pads or cuts to exactly `width` terminal columns (wide characters count twice). */
export function fit(text: string, width: number, measure: TextMeasure, position: 'end' | 'start' = 'end'): string {
  if (width <= 0) return '';
  let cut = text;
  // A wide character at the cut can leave one column too many: cut shorter.
  for (let target = width; measure.width(cut) > width && target > 0; target--) cut = measure.truncate(text, target, position);
  return cut + ' '.repeat(Math.max(0, width - measure.width(cut)));
}

// selection, row number, current marker, the name column, windows, clients,
// age and the spaces between them; the agent column comes on top.
const FIXED_COLUMNS = 18;

/** The width `AI` needs: what the column always was before agents had states. */
const PLAIN_AGENT_WIDTH = 2;

/**
 * The agent column is as wide as the list needs: `AI` (2 columns) until a
 * session of the list shows a state word, then AGENT_COLUMN_WIDTH. A list
 * without agent states keeps those columns for names and paths (a 60-column
 * popup shows three more characters of each). It is computed over the whole
 * list, not the rows on screen, so scrolling and filtering never move columns.
 */
export function agentColumnWidth(sessions: readonly Session[]): number {
  return sessions.some((session) => session.agent != null && session.agent.state !== 'unknown') ? AGENT_COLUMN_WIDTH : PLAIN_AGENT_WIDTH;
}

function agentCell(session: Session, aiCommands: ReadonlySet<string>, width: number): string {
  const state = session.agent?.state ?? (hasAiAgent(session, aiCommands) ? 'unknown' : undefined);
  return (state === undefined ? '' : STATE_LABELS[state]).padEnd(width);
}

/** Half of what the fixed columns (and the agent column) leave, 8 to 32: the path gets the other half. */
export function nameColumnWidth(width: number, agentWidth: number): number {
  return Math.min(32, Math.max(8, Math.floor((width - FIXED_COLUMNS - agentWidth) / 2)));
}

/**
 * The text of one row: `›3*name      2w ●1 ! input   5m ~/src/app`. The
 * agent column shows the session's most urgent agent state (`AI` when an
 * agent runs and nothing more is known). Names and paths
 * are escaped (no control characters reach the terminal) and truncated with
 * an ellipsis; the path keeps its end, the part that tells projects apart.
 */
export function sessionRowText(session: Session, rowNumber: number | undefined, selected: boolean, context: RowContext): string {
  const nameWidth = nameColumnWidth(context.width, context.agentWidth);
  const pathWidth = context.width - nameWidth - FIXED_COLUMNS - context.agentWidth;
  const cells = [
    selected ? '›' : ' ',
    rowNumber !== undefined && rowNumber <= 9 ? String(rowNumber) : ' ',
    session.id === context.currentSessionId ? '*' : ' ',
    fit(printable(session.name), nameWidth, context.measure),
    ' ',
    `${String(Math.min(session.windows, 99)).padStart(2)}w`,
    ' ',
    session.attached > 0 ? `●${session.attached > 9 ? '+' : String(session.attached)}` : '  ',
    ' ',
    agentCell(session, context.aiCommands, context.agentWidth),
    ' ',
    formatAge(session.activity, context.nowMs).padStart(4),
    ' ',
    fit(printable(shortenHome(session.path, context.home)), pathWidth, context.measure, 'start'),
  ];
  return fit(cells.join(''), context.width, context.measure);
}
