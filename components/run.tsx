import { readAgentFiles } from '../src/agents/snapshot.js';
import { render } from 'ink';
import { yogaReady } from 'yoga-layout';
import { homedir } from 'node:os';
import type { Surroundings, UiResult } from '../hooks/useDashboard.js';
import type { EffectServices } from '../src/dashboard/effects.js';
import type { DashboardRun, RunDashboardUi } from '../src/dashboard/run-input.js';
import { dashboardContext, ENTER_ALT_SCREEN, HIDE_CURSOR, LEAVE_ALT_SCREEN, restoreScreen } from '../src/dashboard/start.js';
import { initialState } from '../src/dashboard/settle.js';
import type { State } from '../src/dashboard/state.js';
import { scanCachePath } from '../src/project/cache.js';
import { openLockPath } from '../src/project/open.js';
import { projectServices, type ProjectServices } from '../src/project/services.js';
import { autoRenameToProject } from '../src/sessions/naming.js';
import { statePath } from '../src/state/state.js';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, holdKeys, MOUSE_OFF, MOUSE_ON, redrawOnContinue, refreshTerminalSize, releaseTerminalInput, suspendToShell, whileDrawing } from '../src/terminal.js';
import { ControlSource } from '../src/tmux/control.js';
import { describeServer } from '../src/tmux/server.js';
import type { TmuxService } from '../src/tmux/service.js';
import type { SessionRef, Snapshot, WindowTarget } from '../src/tmux/types.js';
import { mark } from '../src/trace.js';
import { handedOnText } from '../src/input/encode-keys.js';
import type { Key } from '../src/input/keys.js';
import { App, INK_OPTIONS } from './App.js';

const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/**
 * The UI's first write clears the painted first frame: Ink writes its frame
 * from the cursor on and does not blank what it leaves out. Cleared in the
 * same write, the screen is never seen empty.
 */
function clearOnFirstWrite(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    stream.write = write;
    if (typeof chunk !== 'string') write(CLEAR_SCREEN);
    return write(typeof chunk === 'string' ? CLEAR_SCREEN + chunk : chunk, ...rest);
  };
}

/** What one showing of the UI starts from. */
interface Screen {
  /** The list for the first frame; undefined: the UI lists itself. */
  snapshot: Snapshot | undefined;
  message: string | undefined;
  selectedId: string | undefined;
  showPreview: boolean | undefined;
  /** The tree's opened sessions and windows, and the selected row, as the last showing left them. */
  opened?: ReadonlySet<string>;
  selectedKey?: string | undefined;
  /** The tags, as the last showing left them. */
  tags?: readonly SessionRef[];
}

/** The terminal's keys, read raw as text; paused while nobody listens, so keys wait in the terminal. */
const terminalKeys: Surroundings['keys'] = {
  on(_event, listener) {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', listener);
    process.stdin.resume();
  },
  off(_event, listener) {
    process.stdin.off('data', listener);
    process.stdin.pause();
  },
};

function surroundings(run: DashboardRun, control: ControlSource | undefined): Surroundings {
  return {
    keys: terminalKeys,
    // While the UI shows: unmounted for a `tmux attach`, it stops listening and the control client leaves.
    ...(control === undefined ? {} : { onTmuxChange: (listener: () => void) => control.subscribe(listener) }),
    onResize(listener) {
      const onResize = () => {
        listener(process.stdout.columns, process.stdout.rows);
      };
      process.stdout.on('resize', onResize);
      return () => {
        process.stdout.off('resize', onResize);
      };
    },
    onQuitRequest(listener) {
      const stopTakeover = run.takeover.subscribe(() => {
        listener({ type: 'quitRequested', reason: 'takeover', message: 'another tmux-dashboard took over' });
      });
      const lost = (error: Error) => {
        listener({ type: 'quitRequested', reason: 'lock-lost', message: error.message });
      };
      const stopLock = run.lock.onCompromised(lost);
      if (run.lock.compromisedBy !== undefined) lost(run.lock.compromisedBy);
      return () => {
        stopTakeover();
        stopLock();
      };
    },
  };
}

interface Shown {
  result: UiResult;
  /** Inside tmux, the switch to the chosen session, started as the UI closes. */
  switching: Promise<number> | undefined;
}

function showApp(run: DashboardRun, screen: Screen, services: EffectServices, sortMode: DashboardRun['sortMode'], control: ControlSource | undefined): Promise<Shown> {
  return new Promise((resolve) => {
    let result: UiResult = { kind: 'quit' };
    let switching: Promise<number> | undefined;
    mark('render');
    const initial = initialState({
      context: dashboardContext(run.start, run.config, describeServer(run.tmux.server), homedir(), run.styles),
      columns: process.stdout.columns || 80,
      rows: process.stdout.rows || 24,
      now: Date.now(),
      sortMode,
      snapshot: screen.snapshot,
      selectedId: screen.selectedId,
      message: screen.message,
      showPreview: screen.showPreview,
      opened: screen.opened,
      selectedKey: screen.selectedKey,
      tags: screen.tags,
    });
    const onDone = (done: UiResult, last: State) => {
      result = done;
      // A preview no one chose keeps following the terminal's size.
      screen.showPreview = last.previewChoice;
      screen.opened = last.opened;
      screen.selectedKey = last.selectedKey;
      screen.tags = last.tags;
      // switch-client needs no terminal: tmux switches while Ink unmounts.
      if (done.kind === 'switch') {
        // Read once the switch's tmux call is made: the keys after Enter in its read are in by then.
        switching = run.tmux.attachOrSwitch(done.session, run.start.client, done.target, () => handedOnText(done.typedAhead));
        switching.catch(() => undefined); // awaited after the unmount
      }
    };
    const instance = render(<App initial={initial} services={services} surroundings={surroundings(run, control)} onDone={onDone} />, INK_OPTIONS);
    const stopOnSignal = whileDrawing(() => {
      instance.unmount();
    });
    // Ink clears a full-screen frame and draws it whole after a resize.
    const stopRedrawing = redrawOnContinue(() => {
      process.stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + BRACKETED_PASTE_ON + (run.config.mouse ? MOUSE_ON : ''));
      if (!refreshTerminalSize()) process.stdout.emit('resize');
    });
    const finished = () => {
      stopRedrawing();
      stopOnSignal();
      resolve({ result, switching });
    };
    instance.waitUntilExit().then(finished, finished);
  });
}

/**
 * Runs the dashboard until the user quits or switches away. Attaching outside
 * tmux unmounts the UI, hands the terminal to `tmux attach`, and renders again
 * after the detach — the simplest way to give the terminal back whole.
 */
export const runDashboardUi: RunDashboardUi = async (run) => {
  // Ink lays out with yoga, whose WebAssembly starts loading as its module is
  // evaluated; patched to load without a top-level await (README,
  // "Dependencies and why"), it must be awaited before the first render.
  await yogaReady;
  const projects = projectServices({ tmux: run.tmux, config: run.config, env: process.env, home: homedir(), stateFile: statePath(), cacheFile: scanCachePath(), lockPath: openLockPath() });
  const control = run.config.control_mode
    ? new ControlSource({ server: run.tmux.server, env: process.env, preferredSessionId: run.start.currentSessionId, handshakeMs: run.config.tmux_timeout_ms })
    : undefined;
  try {
    return await runUntilDone(run, projects, control);
  } finally {
    control?.stop();
    // `s` then `q` at once: the sort mode must still be remembered (and a project opened just before, as opened).
    await run.sortMemory.settled();
    await projects.settled();
  }
};

async function runUntilDone(run: DashboardRun, projects: ProjectServices, control: ControlSource | undefined): Promise<number> {
  const { tmux, log, config, start } = run;
  let sortMode = run.sortMode;
  const services: EffectServices = {
    tmux: control === undefined ? tmux : listedThrough(tmux, control),
    log,
    projects,
    startDir: start.startDir,
    now: Date.now,
    agentFiles: (sessions) => readAgentFiles(sessions, process.env),
    // The UI's own terminal: a BEL there is what the user's terminal (or tmux, as a bell in that window) turns into a beep or a flag.
    bell: () => process.stdout.write('\x07'),
    // Ctrl-Z: back to the shell, and everything drawn again after `fg`.
    suspend: () => {
      suspendToShell(restoreScreen);
    },
    rememberSort: (mode) => {
      sortMode = mode;
      return run.sortMemory.remember(mode);
    },
    rememberPreview: (shown) => run.sortMemory.rememberPreview(shown),
    previewColors: run.styles,
  };
  // The first frame's list is the quick one: the UI starts from the full one, asked for as that frame was drawn.
  // The full list failed (tmux stopped answering while the UI loaded): the first frame's list, not none; the UI lists again.
  const screen: Screen = { snapshot: start.full === undefined ? start.snapshot : ((await start.full) ?? start.snapshot), message: run.message, selectedId: undefined, showPreview: run.showPreview };
  if (screen.snapshot !== undefined) screen.snapshot = { ...screen.snapshot, sessions: control?.sawList(screen.snapshot.sessions) ?? screen.snapshot.sessions };
  let next: SessionRef | undefined = start.autoCreated;
  /** The window (and pane) the attach selects on the way in. */
  let nextTarget: WindowTarget | undefined;
  /** The keys typed after the Enter that attaches, for the session's pane. */
  let nextTyped: Key[] = [];
  // The first frame is on the screen already (painted before this code
  // loaded): the UI's first frame replaces it in one write.
  let painted = run.painted;

  for (;;) {
    if (next === undefined) {
      if (run.takeover.requested) return 0;
      holdKeys();
      if (painted) clearOnFirstWrite(process.stdout);
      else process.stdout.write(ENTER_ALT_SCREEN + BRACKETED_PASTE_ON + (config.mouse ? MOUSE_ON : ''));
      painted = false;
      const { result, switching } = await showApp(run, screen, services, sortMode, control);
      // Before tmux (attach, switch) or the shell gets the terminal: their keys must not come with mouse reports.
      process.stdout.write(BRACKETED_PASTE_OFF + MOUSE_OFF + LEAVE_ALT_SCREEN);
      switch (result.kind) {
        case 'lock-lost':
          process.stderr.write(`tmux-dashboard: the lock was lost (${result.reason}); quitting so that two dashboards never run at once\n`);
          return 1;
        case 'takeover':
          process.stderr.write(`tmux-dashboard: closed: ${result.message}\n`);
          return 0;
        case 'quit':
          return 0;
        case 'switch':
          log.info('session_attached', 'switch-client', result.session.name);
          releaseTerminalInput();
          try {
            return await (switching ?? tmux.attachOrSwitch(result.session, start.client, result.target, () => handedOnText(result.typedAhead)));
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log.error('attach_failed', message, result.session.name);
            process.stderr.write(`tmux-dashboard: ${message}\n`);
            return 1;
          }
        case 'attach':
          next = result.session;
          nextTarget = result.target;
          nextTyped = result.typedAhead;
      }
    }
    const target = next;
    const where = nextTarget;
    const typed = handedOnText(nextTyped);
    next = undefined;
    nextTarget = undefined;
    nextTyped = [];
    screen.selectedId = target.id;
    screen.message = undefined;
    log.info('session_attached', 'attach', target.name);
    try {
      releaseTerminalInput();
      const code = await tmux.attachOrSwitch(target, start.client, where, () => typed);
      if (tmux.isInsideThisServer()) return code;
      // Attached until now: its agents' `done` was seen (tmux keeps no trace of a detach).
      if (!config.dry_run) await tmux.markSeen(target, Date.now() / 1000).catch(() => undefined);
      holdKeys();
      if (code !== 0) screen.message = `tmux attach ended with exit code ${code}`;
      if (config.auto_rename_on_detach) {
        const renamed = await autoRenameToProject(tmux, target.id);
        if (renamed !== undefined) {
          log.info('session_auto_renamed', `renamed ${target.id} from ${target.name} after detach`, renamed.name);
          screen.message = `renamed ${target.name} → ${renamed.name} (its project)`;
        }
      }
    } catch (error) {
      screen.message = error instanceof Error ? error.message : String(error);
      log.error('attach_failed', screen.message, target.name);
    }
    // The list for the dashboard's first frame after the detach.
    screen.snapshot = await services.tmux.snapshot().catch(() => undefined);
  }
}

/**
 * The tmux service as the UI's effects use it, with each list shown to the
 * control source: it chooses where its client sits from it, and undoes
 * what its own attach did to the list (ControlSource.sawList).
 */
function listedThrough(tmux: TmuxService, control: ControlSource): EffectServices['tmux'] {
  return {
    snapshot: async () => {
      const snapshot = await tmux.snapshot();
      const sessions = control.sawList(snapshot.sessions);
      return sessions === snapshot.sessions ? snapshot : { ...snapshot, sessions };
    },
    createSession: (...args) => tmux.createSession(...args),
    renameSession: (...args) => tmux.renameSession(...args),
    killSession: (...args) => tmux.killSession(...args),
    renameWindow: (...args) => tmux.renameWindow(...args),
    killWindow: (...args) => tmux.killWindow(...args),
    capturePane: (...args) => tmux.capturePane(...args),
    markSeen: (...args) => tmux.markSeen(...args),
  };
}
