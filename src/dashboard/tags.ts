import { printable } from '../sessions/present.js';
import type { Session, SessionRef } from '../tmux/types.js';
import { movedHere, none, notify, refreshNow, removeSession, withMode } from './actions.js';
import { dialogWarnings } from './dialog-warnings.js';
import type { Step } from './events.js';
import { layout } from './layout.js';
import { selectedIndex, selectedSession } from './selection.js';
import { settle } from './settle.js';
import type { State } from './state.js';

/**
 * Tags and the batch delete: `t` tags the selected session, `T` every row
 * shown, and `d` with tags present deletes them all after one confirmation.
 * Tags are session ids with the name and creation time they had when tagged
 * (State.tags), so they follow a session through sorts, filters and
 * refreshes; the batch's runner re-checks each one right before it acts.
 */

const tagOf = (session: Session): SessionRef => ({ id: session.id, name: session.name, created: session.created });

export const isTagged = (state: Pick<State, 'tags'>, id: string): boolean => state.tags.some((tag) => tag.id === id);

/** `t`: tags or untags the selected session, then moves down one row (as in tmux's choose-tree). */
export function toggleTag(state: State): Step {
  const session = selectedSession(state);
  if (session === undefined) return none(state);
  const tags = isTagged(state, session.id) ? state.tags.filter((tag) => tag.id !== session.id) : [...state.tags, tagOf(session)];
  // The next row on screen (with the tree open, it may be a window's): as choose-tree's t moves down.
  const next = state.tree[Math.min(state.tree.length - 1, selectedIndex(state) + 1)];
  return none(settle(next === undefined ? { ...state, tags } : { ...state, tags, selectedKey: next.key, selectedId: next.session.id }, state));
}

/** `T`: tags every row shown; when all of them are tagged already, untags them. */
export function toggleShownTags(state: State): Step {
  if (state.visible.length === 0) return none(state);
  const shown = new Set(state.visible.map((session) => session.id));
  if (state.visible.every((session) => isTagged(state, session.id))) return none({ ...state, tags: state.tags.filter((tag) => !shown.has(tag.id)) });
  const added = state.visible.filter((session) => !isTagged(state, session.id)).map(tagOf);
  return none({ ...state, tags: [...state.tags, ...added] });
}

export function clearTags(state: State): Step {
  return none(notify({ ...state, tags: [] }, `untagged ${countOf(state.tags.length)}`));
}

const countOf = (count: number) => `${count} ${count === 1 ? 'session' : 'sessions'}`;

/** How many tagged sessions `y` will delete: one renamed since it was tagged is skipped. */
export function deletableTagCount(state: State): number {
  return taggedSessions(state).filter(({ tag, session }) => session.name === tag.name).length;
}

/** The tagged sessions as the newest list has them (a tag's session is always in it: settle drops the others). */
export function taggedSessions(state: State): { tag: SessionRef; session: Session }[] {
  return state.tags.flatMap((tag) => {
    const session = state.sessions.find((candidate) => candidate.id === tag.id);
    return session === undefined ? [] : [{ tag, session }];
  });
}

/** `d` with tags: the confirmation lists each with what runs there, so it asks for a fresh list at once. */
export function openDeleteTagged(state: State): Step {
  return refreshNow(withMode(state, { kind: 'deleteTagged', scroll: 0, busy: false, ...movedHere(state) }));
}

/** Lines of the confirmation around its list of sessions: the top border with the title, the footer, the bottom border. */
const DIALOG_FRAME = 3;

/** How many tagged sessions the confirmation shows at once. */
export function taggedPageHeight(state: State): number {
  return Math.max(1, layout(state).body - DIALOG_FRAME - dialogWarnings(state.mode, Math.max(4, state.columns - 4)).length);
}

export const scrollTagged = (delta: (state: State) => number) => (state: State): Step => {
  const mode = state.mode;
  if (mode.kind !== 'deleteTagged') return none(state);
  const most = Math.max(0, state.tags.length - taggedPageHeight(state));
  return none({ ...state, mode: { ...mode, scroll: Math.min(most, Math.max(0, Math.min(mode.scroll, most) + delta(state))) } });
};

export function confirmDeleteTagged(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'deleteTagged' || mode.busy || state.tags.length === 0) return none(state);
  // A tag may have been put on a row the selection fell on by itself: asked twice then.
  if (mode.recheck?.refused === false) return none(withMode(state, { ...mode, recheck: { ...mode.recheck, refused: true } }));
  // The session the dashboard runs in goes last: killing it ends the dashboard, and the others must be gone by then.
  const own = (tag: SessionRef) => tag.id === state.context.currentSessionId || state.sessions.some((session) => session.id === tag.id && session.panes.some((pane) => pane.id === state.context.ownPaneId));
  const sessions = [...state.tags.filter((tag) => !own(tag)), ...state.tags.filter(own)];
  return { state: withMode(state, { ...mode, busy: true }), effects: [{ type: 'killTagged', sessions }] };
}

/** The batch's answer: what was deleted goes, every tag is cleared, and the status line says what was done and what was not. */
export function tagsKilled(state: State, killed: readonly SessionRef[], skipped: readonly { session: SessionRef; reason: string }[]): Step {
  let next = state.mode.kind === 'deleteTagged' ? withMode(state, { kind: 'list' }) : state;
  for (const session of killed) next = removeSession(next, session.id);
  next = { ...next, tags: [] };
  const done = `deleted ${killed.length}`;
  const report = skipped.length === 0 ? done : `${done}, skipped ${skipped.length}: ${skipped.map((each) => `${each.session.name} ${each.reason}`).join('; ')}`;
  return refreshNow(notify(next, printable(report), skipped.length === 0 ? 'info' : 'error'));
}

/** The confirmation follows the list: when every tagged session is gone, it closes, saying so. */
export function freshTaggedDialog(state: State): State {
  if (state.mode.kind !== 'deleteTagged' || state.mode.busy || state.tags.length > 0) return state;
  return notify(withMode(state, { kind: 'list' }), 'the tagged sessions are gone (closed elsewhere): nothing was done', 'error');
}
