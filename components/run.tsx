import { render } from 'ink';
import os from 'node:os';
import type { Config, SortMode } from '../src/config/schema.js';
import type { InstanceLock } from '../src/lock/index.js';
import type { Logger } from '../src/log/logger.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, type DashboardStart } from '../src/cli/dashboard-start.js';
import { autoRenameToProject } from '../src/sessions/naming.js';
import { updateState } from '../src/state/state.js';
import { holdKeys, releaseTerminalInput } from '../src/terminal.js';
import type { TmuxService } from '../src/tmux/service.js';
import type { SessionRef, Snapshot } from '../src/tmux/types.js';
import { mark } from '../src/trace.js';
import { App, type UiResult } from './App.js';

export interface DashboardContext {
  tmux: TmuxService;
  start: DashboardStart;
  /** The first frame is on the screen already (on the alternate screen). */
  painted: boolean;
  lock: InstanceLock;
  log: Logger;
  config: Config;
  /** For the status line at start (config warnings). */
  message: string | undefined;
  sortMode: SortMode;
  stateFile: string;
  env: NodeJS.ProcessEnv;
  /** Set by a takeover request; `handler` makes the mounted UI quit. */
  quit: { requested: boolean; handler: (() => void) | undefined };
}

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

/**
 * State writes, one after another in the order the keys were pressed (the
 * file lock alone does not keep that order: `s s s` could end on the second
 * mode). The process waits for the last before it exits.
 */
let writes: Promise<unknown> = Promise.resolve();

function enqueue<T>(write: () => Promise<T>): Promise<T> {
  const next = writes.then(write, write);
  writes = next.catch(() => undefined);
  return next;
}

/**
 * Remembers the sort mode. A state file that cannot be written turns
 * remembering off; the one warning about it is the resolved value.
 */
async function rememberSortMode(context: DashboardContext, mode: SortMode): Promise<string | undefined> {
  if (context.stateFile === '') return undefined;
  try {
    await updateState(context.stateFile, { sort_mode: mode });
    return undefined;
  } catch (error) {
    const message = `the sort mode will not be remembered: ${error instanceof Error ? error.message : String(error)}`;
    context.log.warn('state_write_failed', message);
    context.stateFile = '';
    return message;
  }
}

interface Screen {
  /** Shown by the first frame; undefined: the UI lists itself. */
  snapshot: Snapshot | undefined;
  message: string | undefined;
  selectedId: string | undefined;
  currentSessionId: string | undefined;
  startDir: string;
}

interface Shown {
  result: UiResult;
  /** Inside tmux, the switch to the chosen session, started as the UI closes. */
  switching: Promise<number> | undefined;
}

function showApp(context: DashboardContext, screen: Screen): Promise<Shown> {
  return new Promise((resolve) => {
    let result: UiResult = { kind: 'quit' };
    let switching: Promise<number> | undefined;
    mark('render');
    const instance = render(
      <App
        tmux={context.tmux}
        lock={context.lock}
        log={context.log}
        config={context.config}
        home={os.homedir()}
        startDir={screen.startDir}
        currentSessionId={screen.currentSessionId}
        ownPaneId={context.start.ownPaneId}
        sortMode={context.sortMode}
        onSortModeChange={(mode) => {
          context.sortMode = mode;
          return enqueue(() => rememberSortMode(context, mode));
        }}
        initialMessage={screen.message}
        initialSelectedId={screen.selectedId}
        initialSnapshot={screen.snapshot}
        onDone={(done) => {
          result = done;
          // switch-client needs no terminal: tmux switches while Ink unmounts.
          if (done.kind === 'attach' && context.tmux.isInsideThisServer()) {
            switching = context.tmux.attachOrSwitch(done.session, context.start.client);
            switching.catch(() => undefined); // awaited below, after the unmount
          }
        }}
      />,
      { exitOnCtrlC: false },
    );
    context.quit.handler = () => {
      result = { kind: 'quit' };
      instance.unmount();
    };
    instance.waitUntilExit().then(
      () => {
        resolve({ result, switching });
      },
      () => {
        resolve({ result, switching });
      },
    );
  });
}

/**
 * Runs the dashboard until the user quits or switches away. Attaching outside
 * tmux unmounts the UI, hands the terminal to `tmux attach`, and renders again
 * after the detach — the simplest way to give the terminal back whole.
 */
export async function runDashboardUi(context: DashboardContext): Promise<number> {
  try {
    return await runUntilDone(context);
  } finally {
    // `s` then `q` at once: the sort mode must still be remembered.
    await writes;
  }
}

async function runUntilDone(context: DashboardContext): Promise<number> {
  const { tmux, log, config, start } = context;
  const client = start.client;
  const screen: Screen = {
    snapshot: start.snapshot,
    message: context.message,
    selectedId: undefined,
    currentSessionId: start.currentSessionId,
    startDir: start.startDir,
  };
  let next: SessionRef | undefined = start.autoCreated;
  // The first frame is on the screen already (painted before this code
  // loaded): the UI's first frame replaces it in one write.
  let painted = context.painted;

  for (;;) {
    let switching: Promise<number> | undefined;
    if (next === undefined) {
      holdKeys();
      if (painted) clearOnFirstWrite(process.stdout);
      else process.stdout.write(ENTER_ALT_SCREEN);
      painted = false;
      const shown: Shown = context.quit.requested ? { result: { kind: 'quit' }, switching: undefined } : await showApp(context, screen);
      const result = shown.result;
      switching = shown.switching;
      context.quit.handler = undefined;
      process.stdout.write(LEAVE_ALT_SCREEN);
      if (result.kind === 'lock-lost') {
        process.stderr.write(`tmux-dashboard: the lock was lost (${result.reason}); quitting so that two dashboards never run at once\n`);
        return 1;
      }
      if (result.kind === 'quit' || context.quit.requested) return 0;
      next = result.session;
    }
    const target = next;
    next = undefined;
    screen.selectedId = target.id;
    screen.message = undefined;
    log.info('session_attached', tmux.isInsideThisServer() ? 'switch-client' : 'attach', target.name);
    try {
      releaseTerminalInput();
      const code = await (switching ?? tmux.attachOrSwitch(target, client));
      if (tmux.isInsideThisServer()) return code;
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
    screen.snapshot = await tmux.snapshot().catch(() => undefined);
  }
}
