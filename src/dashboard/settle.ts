import type { SortMode } from '../config/schema.js';
import { readAgents, type AgentInputs } from '../agents/annotate.js';
import type { FileReport } from '../agents/claude-files.js';
import { filterSessionsAndWindows } from '../sessions/filter.js';
import { sortSessions } from '../sessions/sort.js';
import type { Session, SessionRef, Snapshot } from '../tmux/types.js';
import type { Effect } from './events.js';
import { listViewport, previewHasRoom } from './layout.js';
import { previewPaneId, selectedIndex } from './selection.js';
import type { Context, State } from './state.js';
import { EMPTY_FIELD } from './text-field.js';
import { existingOpened, fallbackRow, keyIds, treeRows, type TreeRow } from './tree.js';

export interface InitialState {
  context: Context;
  columns: number;
  rows: number;
  now: number;
  sortMode: SortMode;
  /** A list taken while the UI loaded; without it the UI lists first. */
  snapshot: Snapshot | undefined;
  selectedId: string | undefined;
  message: string | undefined;
  /** As the user left it in an earlier showing (after an attach); else by the terminal's size. */
  showPreview?: boolean | undefined;
  /** The tree as an earlier showing left it (after an attach): what was opened, and the selected row. */
  opened?: ReadonlySet<string> | undefined;
  selectedKey?: string | undefined;
  /** The tags an earlier showing left (after an attach): kept while their sessions are (settle drops the others). */
  tags?: readonly SessionRef[] | undefined;
}

export const NOTICE_MS = { info: 4000, error: 10_000 } as const;

export function initialState(init: InitialState): State {
  const annotated = withAgents(init.snapshot?.sessions ?? [], init.context, init.now, undefined);
  const sessions = sortSessions(annotated, init.sortMode, init.context.aiCommands);
  const state: State = {
    context: init.context,
    columns: init.columns,
    rows: init.rows,
    now: init.now,
    loaded: init.snapshot !== undefined,
    serverRunning: init.snapshot?.serverRunning ?? true,
    listError: undefined,
    sessions,
    sortMode: init.sortMode,
    filter: EMPTY_FIELD,
    visible: sessions,
    selectedId: init.selectedId,
    opened: init.opened ?? new Set(),
    windowHits: new Map(),
    tree: [],
    selectedKey: init.selectedKey,
    selectionMoved: undefined,
    top: 0,
    mode: { kind: 'list' },
    showPreview: init.showPreview ?? previewHasRoom(init.rows),
    previewChoice: init.showPreview,
    preview: undefined,
    previewScroll: 0,
    capturing: undefined,
    notice: init.message === undefined ? undefined : { text: init.message, kind: 'info', until: init.now + NOTICE_MS.error },
    refreshingSince: undefined,
    refreshAgain: false,
    lastRefreshAt: init.now,
    closing: false,
    heldKeys: [],
    pickerOpenings: 0,
    prefetched: {},
    pickerOpening: undefined,
    listed: init.snapshot?.sessions,
    annotated: init.snapshot === undefined ? undefined : annotated,
    lastInputAt: init.now,
    keysSinceTick: false,
    lastChangeAt: init.now,
    tags: init.tags ?? [],
    lastClick: undefined,
  };
  return settle(state, undefined);
}

/**
 * After every step: the rows follow the sessions, the sort, the filter and
 * what is opened; the selection stays on its row if it is still shown, else
 * goes to its window's or session's row, else to the row that took its place
 * (`previousIndex`); the view keeps it on screen. A transition that sets
 * `selectedId` (a session id) selects that session's row.
 */
export function settle(state: State, previous: State | undefined): State {
  let { visible, windowHits, opened, tree } = state;
  const listChanged = previous === undefined || state.sessions !== previous.sessions;
  if (listChanged || state.filter.text !== previous.filter.text) {
    ({ sessions: visible, windowHits } = filterSessionsAndWindows(state.sessions, state.filter.text, state.context.home));
  }
  if (listChanged) opened = existingOpened(opened, state.sessions);
  if (previous === undefined || visible !== state.visible || opened !== previous.opened || windowHits !== previous.windowHits || tree.length === 0) tree = treeRows(visible, opened, windowHits);
  let key = state.selectedKey;
  const idChanged = previous === undefined || state.selectedId !== previous.selectedId;
  if (idChanged && state.selectedId !== undefined && (key === undefined || keyIds(key).sessionId !== state.selectedId)) key = state.selectedId;
  // With no row (a filter that matches nothing) the selection is kept for when rows come back.
  if (tree.length > 0 && !tree.some((row) => row.key === key)) {
    const fallback = key === undefined ? undefined : fallbackRow(key, tree);
    // A session that went with its windows open: the row that took the place of the session's row.
    const goneSession = key === undefined || fallback !== undefined ? undefined : keyIds(key).sessionId;
    const sessionRow = goneSession === undefined || previous === undefined ? -1 : previous.tree.findIndex((row) => row.key === goneSession);
    const previousIndex = sessionRow >= 0 ? sessionRow : previous === undefined ? 0 : selectedIndex(previous);
    const inPlace = tree[Math.min(previousIndex, tree.length - 1)];
    const above = previousIndex > 0 ? tree[Math.min(previousIndex, tree.length) - 1] : undefined;
    // A window (or pane) that went: the row that took its place when it is of the same session (the next
    // window, as a deleted session's neighbour takes its place), else the one above it (it was the last),
    // never its session's row, where the next `d` would offer the whole session.
    const ofItsSession = (row: TreeRow | undefined) => (fallback?.kind === 'session' && row !== undefined && row.kind !== 'session' && row.session.id === fallback.session.id ? row : undefined);
    const sibling = ofItsSession(inPlace) ?? ofItsSession(above);
    key = (sibling ?? fallback)?.key ?? inPlace?.key;
  }
  const selectedId = key === undefined ? state.selectedId : keyIds(key).sessionId;
  // A tag lives as long as its session (same id, same creation time).
  const tags = (previous === undefined || state.sessions !== previous.sessions) && state.tags.length > 0 ? state.tags.filter((tag) => state.sessions.some((session) => session.id === tag.id && session.created === tag.created)) : state.tags;
  const next = { ...state, visible, windowHits, opened, tree, selectedKey: key, selectedId, tags };
  // Another pane in the preview: it starts at that pane's last line.
  const previewScroll = state.previewScroll > 0 && previous !== undefined && previewPaneId(next) !== previewPaneId(previous) ? 0 : state.previewScroll;
  return { ...next, previewScroll, top: listViewport(next).top };
}

/** Each pane's and session's agent state (src/agents/annotate.ts), as of `now`. */
function agentInputs(context: Context, now: number, files: ReadonlyMap<string, FileReport> | undefined): AgentInputs {
  return { aiCommands: context.aiCommands, files: files ?? new Map(), nowSeconds: Math.floor(now / 1000), currentSessionId: context.currentSessionId };
}

export function withAgents(sessions: readonly Session[], context: Context, now: number, files: ReadonlyMap<string, FileReport> | undefined): Session[] {
  return readAgents(sessions, agentInputs(context, now, files)).sessions;
}

/** The looks to record (sessionsToMarkSeen): one effect per session, until the next list shows the mark. */
export function markSeenEffects(sessions: readonly Session[], context: Context, now: number, files: ReadonlyMap<string, FileReport> | undefined): Effect[] {
  if (context.dryRun) return [];
  const inputs = agentInputs(context, now, files);
  return readAgents(sessions, inputs).toMarkSeen.map((session): Effect => ({ type: 'markSeen', session: { id: session.id, name: session.name }, at: inputs.nowSeconds }));
}

/** Re-sorts after a new list or a new sort mode. */
export function withSessions(state: State, sessions: readonly Session[], sortMode: SortMode): State {
  return { ...state, sortMode, sessions: sortSessions(sessions, sortMode, state.context.aiCommands) };
}
