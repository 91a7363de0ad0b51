import { keyName, type Key } from '../input/keys.js';
import { formatAge, printable } from '../sessions/present.js';
import { goTo, none, notify, refreshNow, removeSession, removeWindow, withMode } from './actions.js';
import { bindingFor, keymapFor } from './keymaps.js';
import { freshPicker, pickerEvent, prefetchProjects } from './projects.js';
import type { PaneAgent, SessionAgent } from '../agents/model.js';
import type { Session } from '../tmux/types.js';
import type { Event, Step } from './events.js';
import { listViewport, previewHasRoom } from './layout.js';
import { refreshInterval, slowRefresh } from './pace.js';
import { previewPaneId, selectedSession } from './selection.js';
import { markSeenEffects, NOTICE_MS, settle, withAgents, withSessions } from './settle.js';
import { isBusy, MAX_HELD_KEYS, type State } from './state.js';
import { onMouse } from './mouse.js';
import { freshTaggedDialog, tagsKilled } from './tags.js';
import { capturePreview, previewCaptureDue, scrollAfterCapture } from './preview-capture.js';
import { previewHistoryLines, scrollPreview } from './preview-scroll.js';
import { insertText, MAX_FIELD_LENGTH } from './text-field.js';
import { freshDialog, movedBySelf } from './after-list.js';

/**
 * The dashboard's behaviour: one pure function from a state and an event to
 * the next state and the effects to run. Keys are handled one at a time
 * against the state the previous key left, so however the terminal splits
 * them into reads, the same keys give the same states and effects
 * (test/unit/step-chunking.test.ts proves it over random sequences).
 */
export function step(state: State, event: Event): Step {
  let result = reduce(state, event);
  // tmux has answered a dialog: the keys read meanwhile act now.
  if (event.type !== 'key' && result.state.heldKeys.length > 0 && !isBusy(result.state)) result = replayHeldKeys(result);
  return capturePreview(result, event.type === 'tick');
}

function replayHeldKeys(result: Step): Step {
  let state: State = { ...result.state, heldKeys: [] };
  const effects = [...result.effects];
  for (const key of result.state.heldKeys) {
    const next = onKey(state, key);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

function reduce(state: State, event: Event): Step {
  switch (event.type) {
    case 'start': {
      const started = { ...state, now: event.now, lastRefreshAt: event.now };
      return prefetchProjects(started.loaded ? none(started) : refreshNow(started));
    }
    case 'key':
      return onKey(state, event.key);
    case 'resize':
      return none(settle({ ...state, columns: event.columns, rows: event.rows, showPreview: state.previewChoice ?? previewHasRoom(event.rows) }, state));
    case 'tick':
      return onTick(state, event.now);
    case 'tmuxChanged':
      return onTmuxChanged(state, event.now);
    case 'snapshot': {
      const sessions = withAgents(event.snapshot.sessions, state.context, event.now, event.files);
      if (unchangedList(state, event, sessions)) {
        // tmux printed what it printed last time and the agents read the same: nothing to sort or draw.
        // Read afresh (a hook mark aged, a status file rewritten) but the same: the next poll need not compare again.
        const quiet = { ...state, refreshingSince: undefined, annotated: sessions, now: agesChange(state, event.now) ? event.now : state.now };
        const looks = markSeenEffects(event.snapshot.sessions, state.context, event.now, event.files);
        return quiet.refreshAgain ? refreshNow({ ...quiet, refreshAgain: false }, looks) : { state: quiet, effects: looks };
      }
      const listed = { ...state, now: event.now, loaded: true, serverRunning: event.snapshot.serverRunning, listError: undefined, refreshingSince: undefined, listed: event.snapshot.sessions, annotated: sessions, lastChangeAt: event.now };
      const settled = settle(withSessions(listed, sessions, state.sortMode), state);
      const announced = announceWaiting(freshPicker(freshTaggedDialog(freshDialog({ ...settled, selectionMoved: movedBySelf(state, settled) }))), state);
      const next = { ...announced, effects: [...announced.effects, ...markSeenEffects(event.snapshot.sessions, state.context, event.now, event.files)] };
      return next.state.refreshAgain ? refreshNow({ ...next.state, refreshAgain: false }, next.effects) : next;
    }
    case 'snapshotFailed': {
      const next = { ...state, now: event.now, loaded: true, listError: event.message, refreshingSince: undefined };
      return next.refreshAgain ? refreshNow({ ...next, refreshAgain: false }) : none(next);
    }
    case 'created':
      return goTo(withMode(state, { kind: 'list' }), event.session);
    case 'createFailed':
      return state.mode.kind === 'new' ? none(withMode(state, { ...state.mode, busy: false, error: event.message })) : none(notify(state, event.message, 'error'));
    case 'renamed': {
      const renamed = state.mode.kind === 'rename' ? withMode(state, { kind: 'list' }) : state;
      // Renamed here: a tag on it follows the new name (a batch would otherwise skip it as renamed by someone else).
      const closed = { ...renamed, tags: renamed.tags.map((tag) => (tag.id === event.from.id ? { ...tag, name: event.to.name } : tag)) };
      return refreshNow(notify(closed, `renamed ${event.from.name} → ${event.to.name}`));
    }
    case 'renameFailed':
      return state.mode.kind === 'rename' ? none(withMode(state, { ...state.mode, busy: false, error: event.message })) : none(notify(state, event.message, 'error'));
    case 'killed': {
      const closed = state.mode.kind === 'delete' ? withMode(state, { kind: 'list' }) : state;
      return refreshNow(notify(removeSession(closed, event.session.id), `deleted ${event.session.name}`));
    }
    case 'killFailed': {
      const closed = state.mode.kind === 'delete' ? withMode(state, { kind: 'list' }) : state;
      return refreshNow(notify(closed, `${event.session.name} was not deleted: ${event.message}`, 'error'));
    }
    case 'killedTagged':
      return tagsKilled(state, event.killed, event.skipped);
    case 'windowRenamed': {
      const closed = state.mode.kind === 'rename' ? withMode(state, { kind: 'list' }) : state;
      return refreshNow(notify(closed, `renamed window ${event.window.name} → ${event.name}`));
    }
    case 'windowKilled': {
      const closed = state.mode.kind === 'delete' ? withMode(state, { kind: 'list' }) : state;
      return refreshNow(notify(removeWindow(closed, event.window.id), `deleted window ${event.window.name} of ${event.session.name}`));
    }
    case 'windowActionFailed':
      if (state.mode.kind === 'rename' && state.mode.window !== undefined) return none(withMode(state, { ...state.mode, busy: false, error: event.message }));
      return refreshNow(notify(state.mode.kind === 'delete' ? withMode(state, { kind: 'list' }) : state, event.message, 'error'));
    case 'sortRemembered':
    case 'previewRemembered':
      return none(event.warning === undefined ? state : notify(state, event.warning, 'error'));
    case 'previewCaptured': {
      const captured = { ...state, previewScroll: scrollAfterCapture(state, event.paneId, event.text), preview: { paneId: event.paneId, text: event.text, capturedAt: state.now, lines: event.lines ?? previewHistoryLines(state) }, capturing: undefined };
      // `g` scrolled to the most history tmux could hold; the capture tells how much there is: no further back than its first line.
      return event.paneId === previewPaneId(state) ? scrollPreview(() => 0)(captured) : none(captured);
    }
    case 'dirChecked': {
      const mode = state.mode;
      if (mode.kind !== 'new' || mode.dirCheck.path !== event.path) return none(state);
      return none(withMode(state, { ...mode, dirCheck: { path: event.path, problem: event.problem, checked: true } }));
    }
    case 'projectsFound':
    case 'pathCompleted':
    case 'projectOpened':
    case 'projectOpenFailed':
      return pickerEvent(state, event) ?? none(state);
    case 'quitRequested':
      return { state: { ...state, closing: true }, effects: [{ type: 'quit', reason: event.reason, message: event.message }] };
  }
}

/**
 * An agent pane that has just started waiting for the user (it was not, in
 * the list before): the status line names it, and the bell rings once for
 * the whole list, not once per refresh while it waits. The first list of a
 * run is no change the user missed, so it rings nothing.
 */
function announceWaiting(state: State, before: State): Step {
  if (!before.loaded) return none(state);
  const was = new Map(before.sessions.flatMap((session) => session.panes.map((pane) => [pane.id, pane.agent?.state] as const)));
  const entered = state.sessions.flatMap((session) => session.panes.filter((pane) => pane.agent?.state === 'needs-input' && was.get(pane.id) !== 'needs-input').map((pane) => ({ session, pane })));
  const [first] = entered;
  if (first === undefined) return none(state);
  const who = `${printable(first.pane.agent?.name ?? 'an agent')} in ${printable(first.session.name)}`;
  const text = entered.length === 1 ? `${who} needs you` : `${who} and ${entered.length - 1} more need you`;
  return { state: notify(state, `${text} (! jumps there)`), effects: state.context.notify === 'bell' ? [{ type: 'bell' }] : [] };
}

// A newline in a pasted name would end up in tmux; a control character could be a key.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function onKey(state: State, key: Key): Step {
  if (state.closing) return none(state);
  const quitKey = key.kind === 'named' && key.name === 'C-c';
  if (isBusy(state) && !quitKey) return none(state.heldKeys.length < MAX_HELD_KEYS ? { ...state, heldKeys: [...state.heldKeys, key] } : state);
  // After the selection moved by itself, a dialog opened later carries that (`recheck`) and asks twice. It
  // lasts while the list keys act on from there (j, k, →, t: from a place the user did not choose); a
  // click (it points at a row), another mode or a dialog ends it.
  if (state.selectionMoved === undefined) return actOnKey(state, key);
  const acted = actOnKey(state, key);
  const stillFrom = key.kind !== 'mouse' && state.mode.kind === 'list' && acted.state.mode.kind === 'list';
  return stillFrom ? acted : { ...acted, state: { ...acted.state, selectionMoved: undefined } };
}

function actOnKey(state: State, key: Key): Step {
  // A message lasts until the next key (or its time runs out).
  const seen = { ...state, notice: undefined, keysSinceTick: true };
  if (key.kind === 'mouse') return seen.context.mouse === false ? none(seen) : onMouse(seen, key, onKey);
  const keymap = keymapFor(seen.mode.kind);
  const binding = bindingFor(keymap, keyName(key));
  if (binding !== undefined) {
    const off = binding.disabled?.(seen);
    return off === undefined ? binding.run(seen, key) : none(notify(seen, off, 'error'));
  }
  if (key.kind === 'alt') return altKey(seen, key.key, keymap.text !== undefined);
  if (keymap.text !== undefined && key.kind === 'char') return keymap.text.edit(seen, (value) => insertText(value, key.char));
  if (keymap.text !== undefined && key.kind === 'paste') {
    // A copied line often ends in a line break: that one is dropped, any other refuses the paste.
    const text = key.text.replace(/(\r\n|\r|\n)$/, '');
    if (CONTROL.test(text)) return none(notify(seen, 'paste refused: it holds a newline or a control character', 'error'));
    if (Array.from(text).length > MAX_FIELD_LENGTH) return none(notify(seen, `paste refused: longer than ${MAX_FIELD_LENGTH} characters`, 'error'));
    return keymap.text.edit(seen, (value) => insertText(value, text));
  }
  if (key.kind === 'paste') return none(notify(seen, 'paste ignored: it goes into a text field (the filter, a name, a directory), never runs as keys', 'error'));
  return none(seen);
}

/**
 * Esc and a key in one write that no binding takes. In a text field it does
 * nothing: Alt-d must never close the dialog and then run `d` on the list.
 * Elsewhere it is what tmux sends for an Esc typed just before a key: Esc,
 * then the key. Ctrl-C stays Ctrl-C.
 */
function altKey(state: State, key: Extract<Key, { kind: 'alt' }>['key'], inField: boolean): Step {
  if (key.kind === 'named' && key.name === 'C-c') return onKey(state, key);
  if (inField) return none(state);
  const escaped = onKey(state, { kind: 'named', name: 'Escape' });
  if (escaped.state.closing) return escaped;
  const then = onKey(escaped.state, key);
  return { state: then.state, effects: [...escaped.effects, ...then.effects] };
}

/**
 * A tick that has nothing to do leaves the state as it was (the same
 * object: nothing is drawn). It moves the clock on only for what shows it:
 * a notice that expires, a refresh or capture that is due, a slow tmux,
 * the ages on screen (once a minute; a list brings them up to date too).
 */
function onTick(state: State, now: number): Step {
  const notice = state.notice;
  const expired = notice?.until !== undefined && now >= notice.until;
  const started = notice !== undefined && notice.until === undefined;
  const lastInputAt = state.keysSinceTick ? now : state.lastInputAt;
  const refreshDue = state.refreshingSince === undefined && now - state.lastRefreshAt >= refreshInterval({ ...state, lastInputAt }, now);
  const clockShown = agesChange(state, now) || slowRefresh({ refreshingSince: state.refreshingSince, now });
  const clock = expired || clockShown || previewCaptureDue(state, now);
  if (!clock && !started && !refreshDue && !state.keysSinceTick) return none(state);
  let next = clock ? { ...state, now, notice: expired ? undefined : notice } : state;
  // Not drawn (sameScreen): the clock need not move for it.
  if (started) next = { ...next, notice: { ...notice, until: now + NOTICE_MS[notice.kind] } };
  if (state.keysSinceTick) next = { ...next, lastInputAt, keysSinceTick: false };
  // Bookkeeping only (sameScreen): a list that comes back the same draws nothing.
  return refreshDue ? { state: { ...next, lastRefreshAt: now, refreshingSince: now }, effects: [{ type: 'refresh' }] } : none(next);
}

/**
 * tmux rang: list now rather than at the next poll, one list call at a time
 * (one in flight asks again when it ends). A change puts the idle pace back
 * to the normal one, and the poll's clock starts again from this list.
 */
function onTmuxChanged(state: State, now: number): Step {
  const changed = { ...state, lastChangeAt: now };
  if (changed.refreshingSince !== undefined) return none({ ...changed, refreshAgain: true });
  return { state: { ...changed, lastRefreshAt: now, refreshingSince: now }, effects: [{ type: 'refresh' }] };
}

/**
 * Whether an age on screen reads otherwise at `now`: a row's last activity
 * (`42s ago`, `5m ago`), an agent's time in the preview. The clock moves on
 * only then (a frame drawn for nothing costs a refresh's worth of CPU).
 */
function agesChange(state: State, now: number): boolean {
  const view = listViewport(state);
  for (let index = view.top; index < view.top + view.shown; index++) {
    const row = state.tree[index];
    if (row?.kind === 'session' && formatAge(row.session.activity, state.now) !== formatAge(row.session.activity, now)) return true;
  }
  for (const pane of selectedSession(state)?.panes ?? []) {
    const since = pane.agent?.since;
    if (since != null && formatAge(since, state.now) !== formatAge(since, now)) return true;
  }
  return false;
}

/** The list is the one tmux gave last time, and its agents read as they did. */
function unchangedList(state: State, event: Extract<Event, { type: 'snapshot' }>, annotated: readonly Session[]): boolean {
  if (!state.loaded || state.listError !== undefined || !state.serverRunning || !event.snapshot.serverRunning || event.snapshot.sessions !== state.listed) return false;
  if (annotated === state.annotated) return true;
  const before = new Map(state.sessions.map((session) => [session.id, session]));
  return annotated.every((session) => {
    const was = before.get(session.id);
    return was !== undefined && sameAgent(was.agent, session.agent) && session.panes.every((pane, index) => sameAgent(was.panes[index]?.agent, pane.agent));
  });
}

function sameAgent(a: SessionAgent | PaneAgent | null | undefined, b: SessionAgent | PaneAgent | null | undefined): boolean {
  if (a == null || b == null) return a == b;
  return a.state === b.state && a.since === b.since && ('source' in a ? a.source : undefined) === ('source' in b ? b.source : undefined);
}
