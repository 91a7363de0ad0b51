import { isatty } from 'node:tty';
import { describeHolder, lockForServer, type InstanceLock } from '../lock/index.js';
import { socketPathFromTmuxEnv } from '../tmux/server.js';
import { TmuxService } from '../tmux/service.js';
import type { StartedCall } from '../tmux/spawn.js';
import { applyColorChoice, colorChoice } from '../config/color.js';
import type { LoadedConfig } from '../config/load.js';
import { initialSortMode } from '../state/sort-mode.js';
import { readState, rememberedPreview, statePath } from '../state/state.js';
import { sortMemory } from '../state/sort-memory.js';
import { TakeoverSignal, type RunDashboardUi } from '../dashboard/run-input.js';
import type { CommandContext, Output } from './commands.js';
import { ExitCode } from './exit-codes.js';
import { stopDrawing } from '../terminal.js';
import { mark, traceWrites } from '../trace.js';
import type { Logger } from '../log/logger.js';
import { paintFirstFrame, prepareStart, restoreScreen, waitVisibly } from '../dashboard/start.js';
import { describeServer } from '../tmux/server.js';
import { homedir } from 'node:os';
import type { StartingFolder } from '../project/detect.js';

export interface DashboardOptions {
  client: string | undefined;
  wait: number | undefined;
  takeover: boolean;
  /** Where the user started (their home folder when the current one is gone). */
  here: StartingFolder;
  /** The first list call, started by the launcher on this same server (src/cli/early.ts). */
  early?: StartedCall | undefined;
  /** Called once the first frame is on the screen (the launcher keeps the code compiled so far: Launcher in main.ts). */
  painted?: (() => void) | undefined;
}

// How long --takeover waits for the running dashboard to quit.
const TAKEOVER_TIMEOUT_MS = 3000;

/**
 * The dashboard: the lock first (before any frame), then the UI, and the lock
 * released on every way out.
 */
export async function dashboardCommand(context: CommandContext, loaded: LoadedConfig, options: DashboardOptions, loadUi: () => Promise<RunDashboardUi>, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { tmux, output, log } = context;
  if (!isatty(0) || !isatty(1)) {
    output.err('tmux-dashboard: the dashboard needs a terminal (stdin and stdout); for scripts use the subcommands: list --json, new, attach, kill, rename, status\n');
    return ExitCode.usage;
  }
  // Ink lays the screen out with yoga, a WebAssembly module: a Node run with
  // --jitless (or --no-expose-wasm) has none, and would only say "WebAssembly is not defined".
  if (!('WebAssembly' in globalThis)) {
    output.err('tmux-dashboard: the dashboard needs WebAssembly (Ink lays the screen out with it), which this Node was started without (--jitless or --no-expose-wasm in NODE_OPTIONS?); every other command works without it (list, new, attach, status, config, --help…)\n');
    return ExitCode.failure;
  }
  // Lines logged before the first frame are written once it is on the
  // screen (Logger.hold says why); every way out writes them too.
  const writeHeldLines = log.hold();
  // The first list runs in tmux while the lock is taken (it is on the
  // path to the first frame); a refused start just drops it.
  const firstSnapshot = tmux.snapshot({ quick: true, started: options.early });
  firstSnapshot.catch(() => undefined);
  // A `--takeover` from another start asks us to quit; the UI decides how.
  const takeover = new TakeoverSignal();
  const lock = lockForServer(tmux.server, env, {
    log: (event, message) => {
      log.info(event, message);
    },
    onTakeoverRequest: () => {
      takeover.request();
    },
  });
  let acquired = options.takeover ? await lock.takeover(TAKEOVER_TIMEOUT_MS) : await lock.acquire();
  const waitSeconds = options.wait ?? 0;
  if (!acquired && !options.takeover && waitSeconds > 0) {
    // Seconds of a blank terminal would look like a hang.
    output.err(`tmux-dashboard: another dashboard runs for server ${describeServer(tmux.server)}; waiting up to ${waitSeconds} s for it to quit (Ctrl-C gives up)…\n`);
    acquired = await lock.acquireWithin(waitSeconds * 1000);
  }
  if (!acquired) {
    log.info('lock_conflict', 'another dashboard holds the lock');
    const refused = await refuseSecondInstance(lock, options, output, env);
    if (refused !== 'take over') return refused;
    // Asked for in the popup: close the running dashboard and open here.
    acquired = await lock.takeover(TAKEOVER_TIMEOUT_MS);
    if (!acquired) {
      output.err('tmux-dashboard: the running dashboard did not give way in time.\n');
      await waitForKey('Press any key to close.');
      return ExitCode.locked;
    }
  }

  mark('lock');
  releaseOnEveryExit(lock, log);
  traceWrites(process.stdout);
  let painted = false;
  try {
    const colors = colorChoice(loaded.config.color, env);
    const stateFile = statePath(env);
    const remembered = readState(stateFile);
    const sort = initialSortMode(loaded, remembered);
    const showPreview = rememberedPreview(remembered);
    const waited = await waitVisibly(prepareStart(tmux, loaded.config, log, env, options.client, firstSnapshot, options.here), describeServer(tmux.server));
    if (waited === 'quit' || waited === 'interrupted') {
      restoreScreen();
      return waited === 'quit' ? ExitCode.ok : 128 + 2;
    }
    const start = waited;
    // A deleted current folder: `n` creates in the home folder, and the status line says why.
    // The status line has one line: more than one warning is counted, and `config` lists them all.
    const warned = loaded.warnings.length > 1 ? [`${loaded.warnings.length} config warnings (tmux-dashboard config lists them): ${loaded.warnings[0] ?? ''}`] : loaded.warnings.map((warning) => `warning: ${warning}`);
    const notes = [...warned, ...(start.startNote === undefined ? [] : [start.startNote])];
    const message = notes.length > 0 ? notes.join('; ') : undefined;
    mark('snapshot');
    // The list goes on the screen now; the UI, loaded next, takes over from
    // it. Not when the dashboard attaches a new session at once.
    if (start.autoCreated === undefined && !takeover.requested) {
      await paintFirstFrame(start, tmux, loaded.config, { sortMode: sort.mode, message, home: homedir(), styles: colors ?? true, showPreview });
      painted = true;
      options.painted?.();
    }
    writeHeldLines();
    // The full list (each pane's folder too) while the UI loads: the UI starts from it.
    start.full = tmux.snapshot().catch(() => undefined);
    // Ink (and chalk) load only now, after the config is known.
    applyColorChoice(colors, process.env);
    const runDashboardUi = await loadUi();
    mark('ui-loaded');
    return await runDashboardUi({ tmux, start, painted, lock, log, config: loaded.config, message, sortMode: sort.mode, sortMemory: sortMemory(stateFile, log), showPreview, takeover, styles: colors ?? true });
  } catch (error) {
    if (painted) restoreScreen();
    throw error;
  } finally {
    lock.release();
  }
}

/**
 * A second start: inside tmux, when the running dashboard sits in a pane of
 * our own server, go there (exit 0). Otherwise say who holds the lock and how
 * to resolve it, and exit 3.
 */
async function refuseSecondInstance(lock: InstanceLock, options: DashboardOptions, output: Output, env: NodeJS.ProcessEnv): Promise<number | 'take over'> {
  let status = await lock.getStatus();
  // Started at the same moment: the winner holds the guard but may not have
  // written its PID file yet. Give it a moment, so the message can name it.
  for (let tries = 0; tries < 20 && status.alive && status.holder === null; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    status = await lock.getStatus();
  }
  const holder = status.holder;
  const ownSocket = socketPathFromTmuxEnv(env);
  if (holder?.pane != null && holder.paneSocket !== null && ownSocket !== undefined && holder.paneSocket === ownSocket && status.alive) {
    try {
      await new TmuxService({ kind: 'socket-path', path: ownSocket }, env).focusPane({ id: holder.pane }, options.client);
      return ExitCode.ok;
    } catch {
      // The pane is gone or the client cannot be switched: fall through to the message.
    }
  }
  const lines = [
    `tmux-dashboard is already running (${describeHolder(holder)})`,
    `  lock file: ${status.lockFile}`,
    `  pid file:  ${status.pidFile}`,
    'Switch to it, or start with --takeover to close it and open here, or --wait SECONDS to wait for it.',
    "If no dashboard is really running, 'tmux-dashboard cleanup-locks' removes a stale lock.",
  ];
  output.err(`${lines.join('\n')}\n`);
  // A popup's window vanishes on exit: the message stays until a key, and
  // the popup offers what --takeover does, as one key.
  if (isInsidePopup(env) && status.alive) {
    const key = await waitForKey('Press t to take over (the running dashboard closes, this one opens), any other key to close.');
    if (key === 't' || key === 'T') return 'take over';
  } else if (isInsidePopup(env)) await waitForKey('Press any key to close.');
  return ExitCode.locked;
}

/** A display-popup sets $TMUX but not $TMUX_PANE; its window vanishes on exit, so hold the message. */
function isInsidePopup(env: NodeJS.ProcessEnv): boolean {
  return env.TMUX !== undefined && env.TMUX !== '' && (env.TMUX_PANE === undefined || env.TMUX_PANE === '');
}

/** Shows `prompt` and resolves with the key pressed (raw: one key, no Enter). */
function waitForKey(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve) => {
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.once('data', (chunk: Buffer) => {
      process.stdin.setRawMode(false);
      process.stdin.pause();
      process.stderr.write('\n');
      resolve(chunk.toString('utf8'));
    });
  });
}

/**
 * SIGTERM, SIGHUP (a popup closed), SIGINT outside raw mode, SIGQUIT, an
 * uncaught error: release the lock and give the terminal back as it was
 * before the process goes. In that order: the UI stops drawing (its last
 * frame goes to the alternate screen), raw mode ends (echo and canonical
 * input back), then the cursor shows and the alternate screen is left.
 * SIGQUIT too: its default action (a core dump) kept the alternate screen on
 * and left the PID file behind.
 */
function releaseOnEveryExit(lock: InstanceLock, log: Logger): void {
  const leave = (code: number) => {
    stopDrawing();
    lock.release();
    log.close();
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    restoreScreen();
    process.exit(code);
  };
  for (const [signal, number] of [
    ['SIGTERM', 15],
    ['SIGHUP', 1],
    ['SIGINT', 2],
    ['SIGQUIT', 3],
  ] as const) {
    process.once(signal, () => {
      leave(128 + number);
    });
  }
  process.once('uncaughtException', (error) => {
    process.stderr.write(`tmux-dashboard: unexpected error: ${error.message}\n`);
    leave(ExitCode.failure);
  });
}
