import { render } from 'ink';
import os from 'node:os';
import type { Config, SortMode } from '../src/config/schema.js';
import type { InstanceLock } from '../src/lock/index.js';
import type { Logger } from '../src/log/logger.js';
import type { TmuxService } from '../src/tmux/service.js';
import { updateState } from '../src/state/state.js';
import { App, type UiResult } from './App.js';

export interface DashboardContext {
  tmux: TmuxService;
  lock: InstanceLock;
  log: Logger;
  config: Config;
  /** Config problems, shown once in the status line. */
  warnings: string[];
  sortMode: SortMode;
  stateFile: string;
  client: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Set by a takeover request; `handler` makes the mounted UI quit. */
  quit: { requested: boolean; handler: (() => void) | undefined };
}

/** State writes still running; the process must not exit before they land. */
const pendingWrites = new Set<Promise<unknown>>();

function track<T>(promise: Promise<T>): Promise<T> {
  pendingWrites.add(promise);
  void promise.finally(() => pendingWrites.delete(promise));
  return promise;
}

const ENTER_ALT_SCREEN = '\u001b[?1049h';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

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

function showApp(context: DashboardContext, message: string | undefined, selectedId: string | undefined): Promise<UiResult> {
  return new Promise((resolve) => {
    let result: UiResult = { kind: 'quit' };
    const instance = render(
      <App
        tmux={context.tmux}
        lock={context.lock}
        home={os.homedir()}
        refreshIntervalMs={context.config.refresh_interval_ms}
        aiCommands={context.config.ai_commands}
        sortMode={context.sortMode}
        onSortModeChange={(mode) => {
          context.sortMode = mode;
          return track(rememberSortMode(context, mode));
        }}
        initialMessage={message}
        initialSelectedId={selectedId}
        onDone={(done) => {
          result = done;
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
        resolve(result);
      },
      () => {
        resolve(result);
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
    await Promise.allSettled(pendingWrites);
  }
}

async function runUntilDone(context: DashboardContext): Promise<number> {
  let message: string | undefined = context.warnings.length > 0 ? `warning: ${context.warnings.join('; ')}` : undefined;
  let selectedId: string | undefined;
  for (;;) {
    process.stdout.write(ENTER_ALT_SCREEN);
    const result = context.quit.requested ? ({ kind: 'quit' } as const) : await showApp(context, message, selectedId);
    context.quit.handler = undefined;
    process.stdout.write(LEAVE_ALT_SCREEN);
    if (result.kind === 'lock-lost') {
      process.stderr.write(`tmux-dashboard: the lock was lost (${result.reason}); quitting so that two dashboards never run at once\n`);
      return 1;
    }
    if (result.kind === 'quit' || context.quit.requested) return 0;
    selectedId = result.session.id;
    message = undefined;
    context.log.info('session_attached', context.tmux.isInsideThisServer() ? 'switch-client' : 'attach', result.session.name);
    try {
      const code = await context.tmux.attachOrSwitch(result.session, context.client);
      if (context.tmux.isInsideThisServer()) return code;
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
      context.log.error('attach_failed', message, result.session.name);
    }
  }
}
