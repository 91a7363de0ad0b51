import { printable } from '../sessions/present.js';
import type { SessionRef, WindowReach } from '../tmux/types.js';
import { plain, warning, wrapWords, type Line } from './lines.js';
import type { Mode, Recheck } from './state.js';

// The warnings a delete or rename dialog shows above what it always shows:
// that its subject is not what the user pointed at or read (a recheck), and
// every session a window's kill reaches besides its own. They decide what
// `y` does, so they wrap instead of being cut, and the layout gives the
// dialog a row for each (dialogWarnings is what it counts).

/** The dialog's warning lines, wrapped to `room` columns (its inside). */
export function dialogWarnings(mode: Mode, room: number): Line[] {
  if (mode.kind === 'rename') return recheckWarning(mode.recheck, 'Enter', 'renames it', room);
  if (mode.kind === 'deleteTagged') return recheckWarning(mode.recheck, 'y', 'deletes them', room);
  if (mode.kind !== 'delete') return [];
  return [...recheckWarning(mode.recheck, 'y', 'deletes it', room), ...(mode.reach === undefined ? [] : sharedWindowWarnings(mode.reach, mode.session.id, room))];
}

/** First in a dialog whose subject is not what the user pointed at or read (Recheck: the selection moved by itself, or what it deletes grew). */
function recheckWarning(recheck: Recheck | undefined, confirm: string, verb: string, room: number): Line[] {
  if (recheck === undefined) return [];
  return wrappedWarning(recheck.refused ? `${recheck.what}: ${confirm} again ${verb}` : `${recheck.what}: ${confirm} twice`, room);
}

/** A warning wrapped to the dialog, not cut: what it says decides what `y` does. */
function wrappedWarning(text: string, room: number): Line[] {
  return wrapWords(text, room - 2, room - 2).map((line, index) => (index === 0 ? warning(line) : plain(`  ${line}`, { color: 'yellow' })));
}

/**
 * A window linked into other sessions (link-window, a session group) closes
 * in all of them, and ends those it is the last window of: named before `y`,
 * and the kill is refused if it would reach more by then (WindowReach).
 */
function sharedWindowWarnings(reach: WindowReach, sessionId: string, room: number): Line[] {
  if (reach.alsoIn.length === 0) return [];
  const ending = reach.ending.filter((other) => other.id !== sessionId);
  // Wrapped, not cut: every session it reaches is named (up to a screenful).
  const said = [`also in ${sessionNames(reach.alsoIn)}: it closes there too`, ...(ending.length === 0 ? [] : [`the last window of ${sessionNames(ending)}: ${ending.length === 1 ? 'it ends' : 'they end'} too`])];
  return said.flatMap((text) => wrappedWarning(text, room));
}

function sessionNames(sessions: readonly SessionRef[]): string {
  const shown = sessions.slice(0, 8).map((session) => printable(session.name));
  return `session${sessions.length === 1 ? '' : 's'} ${shown.join(', ')}${sessions.length > 8 ? ` and ${sessions.length - 8} more` : ''}`;
}

