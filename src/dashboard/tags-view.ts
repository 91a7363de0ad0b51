import type { TextMeasure } from '../sessions/measure.js';
import { printable } from '../sessions/present.js';
import { fit } from '../sessions/rows.js';
import type { State } from './state.js';
import { deletableTagCount, taggedPageHeight, taggedSessions } from './tags.js';
import { deleteClients, deleteRunning, ownSessionWarning } from './dialog-view.js';
import { boxed, type Line, type Segment } from './lines.js';
import { dialogWarnings } from './dialog-warnings.js';

/**
 * The batch delete's confirmation: every tagged session on a line of its
 * own with what runs there and who is attached, in the whole body, scrolled
 * (j/k) when they do not all fit; a session renamed since it was tagged is
 * said to be skipped, as the batch will skip it.
 */
export function taggedDialogLines(state: State, mode: Extract<State['mode'], { kind: 'deleteTagged' }>, height: number, measure: TextMeasure): Line[] {
  const entries = taggedSessions(state);
  const page = taggedPageHeight(state);
  const scroll = Math.min(mode.scroll, Math.max(0, entries.length - page));
  const shown = entries.slice(scroll, scroll + page);
  // The names in a column (up to a third of the line), what runs there after them.
  const nameWidth = Math.min(Math.max(8, Math.floor(state.columns / 3)), Math.max(...shown.map(({ tag }) => measure.width(printable(tag.name)))));
  const lines: Line[] = shown.map(({ tag, session }) => {
    // What keeps it from being deleted comes first: a long line is cut at its end.
    const renamed: Segment[] = session.name !== tag.name ? [{ text: `renamed to ${printable(session.name)} since tagged: will be skipped`, style: { color: 'yellow' } }] : [];
    const own = ownSessionWarning(state, session);
    const parts = [...renamed, ...own, { text: `${deleteRunning(session)} · ${deleteClients(session)}` }];
    return [{ text: fit(printable(tag.name), nameWidth, measure), style: { bold: true } }, ...parts.flatMap((part, index) => [{ text: index === 0 ? '  ' : ' · ' }, part])];
  });
  const above = scroll;
  const below = Math.max(0, entries.length - scroll - shown.length);
  // First on its line: in a narrow terminal the line is cut at its end, and that some are not shown must stay in sight.
  const more: Segment[] = above > 0 || below > 0 ? [{ text: `${above > 0 ? `↑ ${above} ` : ''}${below > 0 ? `↓ ${below} ` : ''}more (↑↓ scroll)`, style: { dim: true } }, { text: ' · ' }] : [];
  // The count is what y will delete: a session renamed since it was tagged is skipped, and said so.
  const count = deletableTagCount(state);
  const skipped = entries.length - count;
  const footer: Line = mode.busy ? [{ text: 'deleting…' }] : [...more, { text: count === 0 ? 'nothing to delete · n or Esc close' : `y delete ${count === entries.length ? 'all ' : ''}${count} · n or Esc keep`, style: { bold: true } }];
  const title = count === 0 ? (skipped === 1 ? 'The tagged session will not be deleted' : `None of the ${skipped} tagged sessions will be deleted`) : `Delete ${count} tagged ${count === 1 ? 'session' : 'sessions'}${skipped > 0 ? ` (${skipped} skipped)` : ''}?`;
  const warnings = dialogWarnings(mode, Math.max(4, state.columns - 4));
  return boxed(title, [...warnings, ...lines, footer], state.columns, Math.min(height, warnings.length + lines.length + 3), 'red', measure);
}
