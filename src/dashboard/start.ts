import type { Config, SortMode } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import { findProjectDir, startingFolder, type StartingFolder } from '../project/detect.js';
import { firstFrame } from './first-frame.js';
import { simpleMeasure } from '../sessions/measure.js';
import { planSessionName } from '../sessions/naming.js';
import type { Context } from './state.js';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, holdKeys, MOUSE_OFF, MOUSE_ON, redrawOnContinue, shellCanResume, suspendToShell } from '../terminal.js';
import { describeServer } from '../tmux/server.js';
import { humanClientOf } from '../tmux/control-lines.js';
import type { TmuxService } from '../tmux/service.js';
import type { SessionRef, Snapshot } from '../tmux/types.js';

/** What the dashboard knows before its UI loads. */
export interface DashboardStart {
  /** The client to switch (inside tmux, in a popup). */
  client: string | undefined;
  /** In a display-popup: Esc on the bare list closes it. */
  inPopup: boolean;
  /** Enter switches the client rather than attaching (the dashboard runs inside this server). */
  insideTmux: boolean;
  /** The project directory `n` creates in. */
  startDir: string;
  /** Why startDir is not the current folder's project (it was deleted or cannot be read). */
  startNote: string | undefined;
  /** The session the user is in, marked `*`. */
  currentSessionId: string | undefined;
  /** The dashboard's own pane, when it runs in a pane of this server. */
  ownPaneId: string | undefined;
  /** The first frame's list: quick, without each pane's folder (QUICK_LIST_ARGS). */
  snapshot: Snapshot;
  /** The full list, asked for once the first frame is on the screen; undefined when it failed (the UI lists first then). */
  full?: Promise<Snapshot | undefined>;
  /** Created because the server had no session (auto_create): attached at once. */
  autoCreated: SessionRef | undefined;
}

/**
 * One list call (started before the lock was taken) serves the current-session
 * mark, the auto-create check and the first frame; a popup adds one
 * display-message for the client's session and pane.
 */
export async function prepareStart(tmux: TmuxService, config: Config, log: Logger, env: NodeJS.ProcessEnv, clientOption: string | undefined, firstSnapshot: Promise<Snapshot>, startedIn: StartingFolder = startingFolder()): Promise<DashboardStart> {
  // In a popup ($TMUX without $TMUX_PANE) the client must be named for
  // switch-client; the binding passes --client, else take tmux's best guess.
  const inPopup = tmux.isInsideThisServer() && (env.TMUX_PANE ?? '') === '';
  const guessed = clientOption ?? (inPopup ? await tmux.guessClient() : undefined);
  // A popup starts wherever tmux likes: `n` should use the project of the
  // pane the user was looking at, and the current session is the client's.
  const view = inPopup && guessed !== undefined ? await tmux.clientView(guessed) : undefined;
  const here = view === undefined ? startedIn : { dir: view.panePath, note: undefined };
  const startDir = findProjectDir(here.dir);
  const snapshot = await firstSnapshot;
  const ownPaneId = tmux.isInsideThisServer() && (env.TMUX_PANE ?? '') !== '' ? env.TMUX_PANE : undefined;
  const currentSessionId = view?.sessionId ?? (ownPaneId === undefined ? undefined : snapshot.sessions.find((session) => session.panes.some((pane) => pane.id === ownPaneId))?.id);
  // In a pane, the person's client looking at it, named now: once our
  // control client is attached to this session, tmux's "current client"
  // (the most recently active) can be ours, and a switch-client without -c
  // would move it instead (docs/ARCHITECTURE.md, "Control mode").
  const client = guessed ?? (ownPaneId === undefined ? undefined : humanClientOf(snapshot.sessions, currentSessionId));

  let autoCreated: SessionRef | undefined;
  if (config.auto_create && snapshot.sessions.length === 0) {
    // The lock is held: no other dashboard can race this create.
    const plan = planSessionName('', startDir, []);
    autoCreated = await tmux.createSession(plan.name, startDir, { automaticName: true });
    log.info('session_auto_created', `no session on the server: created ${autoCreated.id} in ${startDir}`, autoCreated.name);
  }
  return { client, inPopup, insideTmux: tmux.isInsideThisServer(), startDir, startNote: here.note, currentSessionId, ownPaneId, snapshot, autoCreated };
}

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

/** What the UI keeps fixed while it runs, the same for the first frame and the UI. */
export function dashboardContext(start: DashboardStart, config: Config, server: string, home: string, styles: boolean): Context {
  return {
    home,
    startDir: start.startDir,
    insideTmux: start.insideTmux,
    inPopup: start.inPopup,
    currentSessionId: start.currentSessionId,
    client: start.client,
    ownPaneId: start.ownPaneId,
    server,
    dryRun: config.dry_run,
    aiCommands: new Set(config.ai_commands),
    styles,
    previewLines: config.preview_lines,
    refreshIntervalMs: config.refresh_interval_ms,
    projectRoots: config.project_roots.length > 0,
    notify: config.notify,
    mouse: config.mouse,
    suspendable: shellCanResume(),
  };
}

/**
 * The first frame, on the alternate screen, before the UI's code has even
 * loaded: the list is on the screen in about half the time (npm run bench).
 * Measured with the shortcut when all its text allows (no string-width to
 * load), else with the full measure.
 */
export async function paintFirstFrame(start: DashboardStart, tmux: TmuxService, config: Config, options: { sortMode: SortMode; message: string | undefined; home: string; styles: boolean; showPreview?: boolean | undefined }): Promise<void> {
  const input = {
    context: dashboardContext(start, config, describeServer(tmux.server), options.home, options.styles),
    columns: process.stdout.columns,
    rows: process.stdout.rows,
    now: Date.now(),
    sortMode: options.sortMode,
    snapshot: start.snapshot,
    selectedId: undefined,
    message: options.message,
    showPreview: options.showPreview,
  };
  const simple = simpleMeasure();
  let frame = firstFrame(input, simple.measure, options.styles);
  if (simple.sawOtherText()) frame = firstFrame(input, (await import('../sessions/measure-full.js')).fullMeasure, options.styles);
  // Bracketed paste from the first frame on: a paste typed ahead of the UI is read as a paste too.
  process.stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + BRACKETED_PASTE_ON + (config.mouse ? MOUSE_ON : '') + frame);
}

/** The terminal as it was, whatever was drawn (an error before the UI took over). */
export function restoreScreen(): void {
  // Mouse reporting off whether or not it was on: a no-op for a terminal that never had it.
  process.stdout.write(BRACKETED_PASTE_OFF + MOUSE_OFF + SHOW_CURSOR + LEAVE_ALT_SCREEN);
}

/** Shown when tmux has not answered the first list this long after the lock. */
const WAITING_AFTER_MS = 1000;
const CLEAR = '\u001b[H\u001b[2J';
const CTRL_Z = 0x1a;

/**
 * The first list is on the way to the first frame. Raw mode from here on:
 * keys typed ahead are neither echoed nor held for Enter, and wait, in
 * order, for the UI (given back to stdin). Ctrl-C ends the wait at once
 * ('interrupted', 130: in raw mode it is no signal). When tmux does not
 * answer within a second (a stopped or wedged server), the screen says so
 * and which server, and q or Esc end the wait too ('quit', exit 0); not
 * before: a `q` typed ahead into a filter must not quit.
 */
export function waitVisibly<T>(work: Promise<T>, server: string): Promise<T | 'quit' | 'interrupted'> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return work;
  return new Promise((resolve, reject) => {
    const typed: Buffer[] = [];
    let showing = false;
    const onData = (chunk: Buffer) => {
      if (chunk.includes(0x03)) finish(() => { resolve('interrupted'); });
      else if (showing && (chunk.includes(0x71) || (chunk.length === 1 && chunk[0] === 0x1b))) finish(() => { resolve('quit'); });
      else if (chunk.includes(CTRL_Z)) {
        // Suspended at once, as from the list; the keys around it wait for the list.
        const others = Buffer.from(chunk.filter((byte) => byte !== CTRL_Z));
        if (others.length > 0) typed.push(others);
        if (shellCanResume()) suspendToShell(() => { if (showing) restoreScreen(); });
      } else typed.push(chunk);
    };
    const show = () => {
      process.stdout.write(`${ENTER_ALT_SCREEN}${HIDE_CURSOR}${CLEAR}tmux-dashboard: waiting for tmux to answer (server ${server})…\r\n\r\nq, Esc or Ctrl-C quits.`);
    };
    holdKeys();
    process.stdin.on('data', onData);
    process.stdin.resume();
    let stopRedrawing: () => void = () => undefined;
    const timer = setTimeout(() => {
      showing = true;
      show();
      stopRedrawing = redrawOnContinue(show);
    }, WAITING_AFTER_MS);
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stopRedrawing();
      process.stdin.off('data', onData);
      process.stdin.pause();
      for (const chunk of typed.reverse()) process.stdin.unshift(chunk);
      if (showing) process.stdout.write(CLEAR);
      settle();
    };
    work.then(
      (value) => { finish(() => { resolve(value); }); },
      (error: unknown) => {
        finish(() => {
          if (showing) restoreScreen();
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      },
    );
  });
}
