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
}

/** Pads or cuts to exactly `width` terminal columns (wide characters count twice). */
export function fit(text: string, width: number, measure: TextMeasure, position: 'end' | 'start' = 'end'): string {
  if (width <= 0) return '';
  let cut = text;
  // A wide character at the cut can leave one column too many: cut shorter.
  for (let target = width; measure.width(cut) > width && target > 0; target--) cut = measure.truncate(text, target, position);
  return cut + ' '.repeat(Math.max(0, width - measure.width(cut)));
}

// selection, row number, current marker, then the name column; the agent column is AGENT_COLUMN_WIDTH.
const FIXED_COLUMNS = 18 + AGENT_COLUMN_WIDTH;

function agentCell(session: Session, aiCommands: ReadonlySet<string>): string {
  const state = session.agent?.state ?? (hasAiAgent(session, aiCommands) ? 'unknown' : undefined);
  return (state === undefined ? '' : STATE_LABELS[state]).padEnd(AGENT_COLUMN_WIDTH);
}

/** Half of what the fixed columns leave, 8 to 32: the path gets the other half. */
export function nameColumnWidth(width: number): number {
  return Math.min(32, Math.max(8, Math.floor((width - FIXED_COLUMNS) / 2)));
}

/**
 * The text of one row: `›3*name      2w ●1 ! input   5m ~/src/app`. The
 * agent column shows the session's most urgent agent state (`AI` when an
 * agent runs and nothing more is known). Names and paths
 * are escaped (no control characters reach the terminal) and truncated with
 * an ellipsis; the path keeps its end, the part that tells projects apart.
 */
export function sessionRowText(session: Session, rowNumber: number | undefined, selected: boolean, context: RowContext): string {
  const nameWidth = nameColumnWidth(context.width);
  const pathWidth = context.width - nameWidth - FIXED_COLUMNS;
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
    agentCell(session, context.aiCommands),
    ' ',
    formatAge(session.activity, context.nowMs).padStart(4),
    ' ',
    fit(printable(shortenHome(session.path, context.home)), pathWidth, context.measure, 'start'),
  ];
  return fit(cells.join(''), context.width, context.measure);
}
