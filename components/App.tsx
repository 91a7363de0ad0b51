import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useInstanceLock } from '../hooks/useInstanceLock.js';
import { usePreview } from '../hooks/usePreview.js';
import { useSessions } from '../hooks/useSessions.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import type { Config, SortMode } from '../src/config/schema.js';
import { commandFor, HINTS } from '../src/keymap.js';
import type { InstanceLock } from '../src/lock/index.js';
import type { Logger } from '../src/log/logger.js';
import { filterSessions } from '../src/sessions/filter.js';
import { fullMeasure } from '../src/sessions/measure-full.js';
import { planSessionName, type NamePlan } from '../src/sessions/naming.js';
import { scrollTop } from '../src/sessions/rows.js';
import { reducer, type Action, type Notice } from '../src/sessions/ui-state.js';
import { DIALOG_HEIGHT, emptyListText, headerText, noServerText, previewShownAtStart, screenLayout } from '../src/sessions/screen.js';
import { nextSortMode, sortSessions } from '../src/sessions/sort.js';
import { describeServer } from '../src/tmux/server.js';
import { mark } from '../src/trace.js';
import type { TmuxService } from '../src/tmux/service.js';
import type { Session, SessionRef, Snapshot } from '../src/tmux/types.js';
import { ConfirmDeleteDialog, NewSessionDialog, RenameDialog } from './Dialogs.js';
import { HelpOverlay } from './HelpOverlay.js';
import { Preview } from './Preview.js';
import { SessionList } from './SessionList.js';
import { StatusLine } from './StatusLine.js';

export type UiResult = { kind: 'quit' } | { kind: 'attach'; session: SessionRef } | { kind: 'lock-lost'; reason: string };

export interface AppProps {
  tmux: TmuxService;
  lock: InstanceLock;
  log: Logger;
  config: Config;
  home: string;
  /** The project directory the dashboard was started from: where `n` creates. */
  startDir: string;
  currentSessionId: string | undefined;
  /** The dashboard's own pane (inside tmux): its preview would show the dashboard itself. */
  ownPaneId?: string | undefined;
  sortMode: SortMode;
  /** Resolves with a warning to show, if remembering failed. */
  onSortModeChange: (mode: SortMode) => Promise<string | undefined>;
  initialMessage?: string | undefined;
  initialSelectedId?: string | undefined;
  /** Sessions listed while the UI loaded: the first frame shows them. */
  initialSnapshot?: Snapshot | undefined;
  onDone: (result: UiResult) => void;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * The dashboard. Sessions come from one polled tmux call; they are sorted,
 * then filtered; the selection follows the session id, so re-sorts, filters
 * and refreshes never move it to another session.
 */
export function App(props: AppProps) {
  const { tmux, lock, log, config, home, startDir, currentSessionId, onSortModeChange, onDone } = props;
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const { sessions: unsorted, loaded, serverRunning, error, refresh } = useSessions(tmux, config.refresh_interval_ms, props.initialSnapshot);
  const [state, dispatch] = useReducer(reducer, {
    sortMode: props.sortMode,
    selectedId: props.initialSelectedId,
    filter: '',
    mode: { kind: 'list' },
    showPreview: previewShownAtStart(rows),
    notice: props.initialMessage === undefined ? undefined : { text: props.initialMessage, kind: 'info' },
  });
  // Keys can arrive faster than React renders: the input handler reads and
  // updates this mirror so a second key sees what the first one did. Every
  // change goes through act(), so the mirror is always the newest state; it
  // is never copied back from a render, which may still hold an older one.
  const live = useRef(state);
  const act = (action: Action) => {
    live.current = reducer(live.current, action);
    dispatch(action);
  };
  const aiCommands = useMemo(() => new Set(config.ai_commands), [config.ai_commands]);
  const sorted = useMemo(() => sortSessions(unsorted, state.sortMode, aiCommands), [unsorted, state.sortMode, aiCommands]);
  const sessions = useMemo(() => filterSessions(sorted, state.filter), [sorted, state.filter]);
  const found = sessions.findIndex((session) => session.id === state.selectedId);
  const index = found >= 0 ? found : 0;
  const selected = sessions[index];

  // Closing draws an empty tree first, then exits: Ink draws a last frame
  // as it unmounts, and a full one costs as much as a keystroke's (the
  // alternate screen is left right after anyway).
  const [closing, setClosing] = useState(false);
  const finished = useRef(false);
  const finish = (result: UiResult) => {
    // Keys typed after the one that closes (a second Enter) do nothing more.
    if (finished.current) return;
    finished.current = true;
    onDone(result);
    setClosing(true);
  };
  useEffect(() => {
    if (closing) exit();
  }, [closing]);
  const notify = (text: string, kind: Notice['kind'] = 'info') => {
    act({ type: 'notice', notice: { text, kind } });
  };
  const failed = (what: string, session: string | undefined) => (failure: unknown) => {
    const message = failure instanceof Error ? failure.message : String(failure);
    log.error(`${what}_failed`, message, session);
    notify(message, 'error');
    refresh();
  };

  // Without the lock another dashboard may start: stop rather than race it.
  const lockLost = useInstanceLock(lock);
  useEffect(() => {
    if (lockLost !== undefined) finish({ kind: 'lock-lost', reason: lockLost });
  }, [lockLost]);

  const dialogHeight = state.mode.kind === 'new' || state.mode.kind === 'rename' || state.mode.kind === 'delete' ? DIALOG_HEIGHT[state.mode.kind] : 0;
  const { body, listHeight, previewHeight } = screenLayout(rows, dialogHeight, state.showPreview);
  const first = useRef(0);
  first.current = scrollTop(first.current, sessions.length, index, listHeight);
  const paneText = usePreview(tmux, selected, config.preview_lines, previewHeight > 0 && state.mode.kind !== 'help', props.ownPaneId);

  const attach = (session: Session | undefined) => {
    if (session !== undefined) finish({ kind: 'attach', session: { id: session.id, name: session.name } });
  };
  // What the list is after the keys handled so far (the filter may have changed since the last frame).
  const liveSessions = () => (live.current.filter === state.filter ? sessions : filterSessions(sorted, live.current.filter));
  const currentIndex = () => Math.max(0, liveSessions().findIndex((session) => session.id === live.current.selectedId));
  const select = (to: number) => {
    const list = liveSessions();
    act({ type: 'select', id: list[Math.min(list.length - 1, Math.max(0, to))]?.id });
  };
  const refuseInDryRun = (what: string): boolean => {
    if (!config.dry_run) return false;
    notify(`dry run is on: ${what} refused`, 'error');
    return true;
  };

  // Keys typed faster than a frame arrive as one string ("/foo", "j\r"):
  // replay them one by one, so each sees the mode the previous one left.
  const onInput = (input: string, key: Key) => {
    mark('key');
    // Esc then a key within tmux's escape-time reaches us as Alt+key. The
    // dashboard binds no Alt keys, so read it as what the user typed.
    if (key.meta && !key.escape && input.length === 1) {
      handleKey('', { ...NO_KEY, escape: true });
      handleKey(input, { ...key, meta: false });
      return;
    }
    // Enter typed ahead, before the terminal left cooked mode, arrives as
    // "\n" (the line discipline's ICRNL), and so does Ctrl-J: both are Enter.
    if (input === '\n') {
      handleKey('', { ...NO_KEY, return: true });
      return;
    }
    if (input.length > 1 && !key.ctrl && !key.meta && !key.escape && !input.startsWith('\u001b')) {
      for (const ch of input) {
        if (ch === '\r' || ch === '\n') handleKey('', { ...NO_KEY, return: true });
        else if (ch === '\u007f' || ch === '\b') handleKey('', { ...NO_KEY, backspace: true });
        else handleKey(ch, NO_KEY);
      }
      return;
    }
    handleKey(input, key);
  };

  function handleKey(input: string, key: Key) {
    const mode = live.current.mode;
    if (mode.kind === 'new' || mode.kind === 'rename') {
      if (key.escape) closeDialog();
      else if (key.return) submitDialog();
      else if (key.tab && mode.kind === 'new') act({ type: 'mode', mode: { ...mode, field: mode.field === 'name' ? 'dir' : 'name' } });
      else if (key.backspace || key.delete) editField((text) => text.slice(0, -1));
      else if (key.ctrl && input === 'u') editField(() => '');
      else if (input !== '' && !key.ctrl && !key.meta && !key.tab) editField((text) => text + input);
      return;
    }
    if (mode.kind === 'delete') {
      if (input === 'y' || input === 'Y') deleteSession(mode.session);
      else if (input === 'n' || input === 'N' || key.escape) closeDialog();
      return;
    }
    if (live.current.mode.kind === 'help') {
      if (key.escape || input === '?' || input === 'q') act({ type: 'mode', mode: { kind: 'list' } });
      return;
    }
    if (live.current.mode.kind === 'filter') {
      if (key.ctrl && input === 'c') finish({ kind: 'quit' });
      else if (key.escape) {
        if (live.current.filter !== '') act({ type: 'filter', text: '' });
        else act({ type: 'mode', mode: { kind: 'list' } });
      } else if (key.return) attach(liveSessions()[0]);
      else if (key.downArrow) select(currentIndex() + 1);
      else if (key.upArrow) select(currentIndex() - 1);
      else if (key.backspace || key.delete) updateFilter(live.current.filter.slice(0, -1));
      else if (input !== '' && !key.ctrl && !key.meta && !key.tab) updateFilter(live.current.filter + input);
      return;
    }
    switch (commandFor(input, key)) {
      case 'quit':
        finish({ kind: 'quit' });
        break;
      case 'down':
        select(currentIndex() + 1);
        break;
      case 'up':
        select(currentIndex() - 1);
        break;
      case 'top':
        select(0);
        break;
      case 'bottom':
        select(sessions.length - 1);
        break;
      case 'pageDown':
        select(currentIndex() + listHeight);
        break;
      case 'pageUp':
        select(currentIndex() - listHeight);
        break;
      case 'attach':
        attach(liveSessions()[currentIndex()]);
        break;
      case 'jump':
        attach(liveSessions()[first.current + Number(input) - 1]);
        break;
      case 'filter':
        act({ type: 'mode', mode: { kind: 'filter' } });
        break;
      case 'sort': {
        const mode = nextSortMode(live.current.sortMode);
        act({ type: 'sort', mode });
        void onSortModeChange(mode).then((warning) => {
          if (warning !== undefined) notify(warning, 'error');
        });
        break;
      }
      case 'new':
        if (!refuseInDryRun('creating a session')) act({ type: 'mode', mode: { kind: 'new', name: planSessionName('', startDir, unsorted).name, dir: startDir, field: 'name' } });
        break;
      case 'rename':
        if (selected !== undefined && !refuseInDryRun('renaming')) act({ type: 'mode', mode: { kind: 'rename', session: selected, name: selected.name } });
        break;
      case 'delete':
        if (selected !== undefined && !refuseInDryRun('deleting')) act({ type: 'mode', mode: { kind: 'delete', session: selected } });
        break;
      case 'refresh':
        refresh();
        notify('refreshed');
        break;
      case 'preview':
        act({ type: 'togglePreview' });
        break;
      case 'help':
        act({ type: 'mode', mode: { kind: 'help' } });
        break;
      case undefined:
        break;
    }
  }

  // Always listening, through one stable function: Ink re-subscribes a new
  // handler only after the frame is painted, and a key in between would meet
  // the previous render's handler and its stale session list. The ref always
  // holds the newest render's handler.
  const latestOnInput = useRef(onInput);
  latestOnInput.current = onInput;
  const stableOnInput = useCallback((input: string, key: Key) => {
    latestOnInput.current(input, key);
  }, []);
  useInput(stableOnInput);
  useEffect(() => {
    mark('input-live');
  }, []);

  function updateFilter(text: string) {
    act({ type: 'filter', text });
    act({ type: 'select', id: filterSessions(sorted, text)[0]?.id });
  }

  const closeDialog = () => {
    act({ type: 'mode', mode: { kind: 'list' } });
  };

  function editField(change: (text: string) => string) {
    const mode = live.current.mode;
    if (mode.kind === 'new') act({ type: 'mode', mode: mode.field === 'name' ? { ...mode, name: change(mode.name) } : { ...mode, dir: change(mode.dir) } });
    else if (mode.kind === 'rename') act({ type: 'mode', mode: { ...mode, name: change(mode.name) } });
  }

  function submitDialog() {
    const mode = live.current.mode;
    if (mode.kind === 'new') createSession(mode.name, mode.dir, planSessionName(mode.name, mode.dir, unsorted));
    else if (mode.kind === 'rename') renameSession(mode.session, planSessionName(mode.name, startDir, otherSessions(mode.session)));
  }

  const createSession = (typedName: string, dir: string, plan: NamePlan) => {
    if (plan.error !== undefined) return;
    closeDialog();
    tmux.createSession(plan.name, dir, { automaticName: plan.automatic }).then((created) => {
      log.info('session_created', `created ${created.id} in ${dir}${typedName === '' ? ' (automatic name)' : ''}`, created.name);
      finish({ kind: 'attach', session: created });
    }, failed('create', plan.name));
  };

  const renameSession = (session: Session, plan: NamePlan) => {
    if (plan.error !== undefined) return;
    closeDialog();
    if (plan.name === session.name) return;
    tmux.renameSession(session, plan.name).then((renamed) => {
      log.info('session_renamed', `renamed ${session.id} from ${session.name}`, renamed.name);
      notify(`renamed ${session.name} → ${renamed.name}`);
      refresh();
    }, failed('rename', session.name));
  };

  const deleteSession = (session: Session) => {
    closeDialog();
    tmux.killSession(session).then(() => {
      log.info('session_killed', `killed ${session.id}`, session.name);
      notify(`deleted ${session.name}`);
      refresh();
    }, failed('delete', session.name));
  };

  const otherSessions = (exclude: Session | undefined) => unsorted.filter((session) => session.id !== exclude?.id);
  const emptyText = emptyListText({ loaded, serverRunning, total: unsorted.length }, state.filter);
  const serverNotice: Notice | undefined = error !== undefined ? { text: error, kind: 'error' } : loaded && !serverRunning ? { text: noServerText(describeServer(tmux.server)), kind: 'error' } : undefined;

  const row = { width: columns, home, nowMs: Date.now(), aiCommands, currentSessionId, measure: fullMeasure };
  if (closing) return null;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text bold wrap="truncate">
        {headerText(unsorted.length, state.sortMode, describeServer(tmux.server))}
      </Text>
      {state.mode.kind === 'help' ? (
        <HelpOverlay height={body} />
      ) : (
        <Box flexDirection="column" height={body}>
          <SessionList sessions={sessions} selectedIndex={index} first={first.current} height={listHeight} row={row} emptyText={emptyText} />
          {state.mode.kind === 'new' ? (
            <NewSessionDialog name={state.mode.name} dir={state.mode.dir} field={state.mode.field} home={home} plan={planSessionName(state.mode.name, state.mode.dir, unsorted)} />
          ) : null}
          {state.mode.kind === 'rename' ? (
            <RenameDialog session={state.mode.session} name={state.mode.name} plan={planSessionName(state.mode.name, startDir, otherSessions(state.mode.session))} />
          ) : null}
          {state.mode.kind === 'delete' ? <ConfirmDeleteDialog session={state.mode.session} /> : null}
          {previewHeight > 0 ? <Preview session={selected} paneText={paneText} height={previewHeight} width={columns} home={home} /> : null}
        </Box>
      )}
      <StatusLine notice={serverNotice ?? state.notice} />
      <Text dimColor wrap="truncate">
        {state.mode.kind === 'filter' ? `/${state.filter}█  Enter attach top match · ↑↓ move · Esc ${state.filter === '' ? 'leave' : 'clear'}` : HINTS}
      </Text>
    </Box>
  );
}
