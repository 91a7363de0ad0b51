import { InstanceLockError, LockAcquisitionError } from '../lock/errors.js';
import { TmuxError, TmuxNotInstalledError } from '../tmux/errors.js';
import { checkServerPath, resolveServer } from '../tmux/server.js';
import { absoluteFrom, RelativePathError, startingFolder } from '../project/detect.js';
import { TmuxService } from '../tmux/service.js';
import { printable } from '../sessions/present.js';
import { parseCliArgs, UsageError, type ParsedArgs } from './args.js';
import { loadConfig } from '../config/load.js';
import { Logger, logPathOf } from '../log/logger.js';
import { attachCommand, killCommand, listCommand, newCommand, renameCommand, type CommandContext, type Output } from './commands.js';
import { configCommand } from './config-command.js';
import { openCommand, projectsCommand } from './project-commands.js';
import { readState, statePath } from '../state/state.js';
import { initSnippet, isInitShell } from './init-snippet.js';
import { dashboardCommand } from './dashboard.js';
import { ExitCode } from './exit-codes.js';
import { cleanupLocksCommand, statusCommand } from './lock-commands.js';
import { helpText } from './help.js';
import { agentHooksCommand, agentsCommand, agentStateCommand, listJson } from './agent-commands.js';
import { VERSION } from '../version.js';
import { UnsafePathError } from '../private-files.js';
import { SettingsMergeError } from '../agents/hook-config.js';
import { mark, writeTrace } from '../trace.js';
import type { RunDashboardUi } from '../dashboard/run-input.js';
import { sameServer, type EarlyList } from './early.js';

/**
 * Session names, folders and tmux's own messages in what the commands print
 * are anyone's text (a name can hold an escape sequence). On a terminal
 * their control characters are shown escaped, never acted on, as the list
 * and the dashboard show them (`printable`); into a pipe or a file they go
 * as they are, for scripts (`name=$(tmux-dashboard new)`).
 */
function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(stream.isTTY ? text.split('\n').map((line) => line.split('\t').map(printable).join('\t')).join('\n') : text);
}

const processOutput: Output = {
  out: (text) => {
    write(process.stdout, text);
  },
  err: (text) => {
    write(process.stderr, text);
  },
};

/**
 * What the launcher (bin/tmux-dashboard.cjs) hands the bundle: the first
 * list call it started, and where to say that the code of a start has run,
 * so that it keeps V8's compiled code for the next start: `dashboard` once
 * the first frame is on the screen (the UI is compiled after, off the
 * path), `command` at the end of any other run.
 */
export interface Launcher {
  early?: EarlyList | undefined;
  keepCompiledCode?: ((after: 'dashboard' | 'command') => void) | undefined;
}

async function dispatch(args: ParsedArgs, output: Output, loadUi: () => Promise<RunDashboardUi>, launcher: Launcher): Promise<number> {
  const { early } = launcher;
  if (args.help) {
    output.out(helpText());
    return ExitCode.ok;
  }
  if (args.version) {
    output.out(`${VERSION}\n`);
    return ExitCode.ok;
  }
  if (args.command === 'init') {
    const shell = args.positionals[0] ?? '';
    if (!isInitShell(shell)) throw new UsageError(`init takes bash, zsh or fish, not ${JSON.stringify(shell)}`);
    output.out(initSnippet(shell, { exitAfter: args.exitAfter, sshOnly: args.sshOnly }));
    return ExitCode.ok;
  }
  // A shell can sit in a folder deleted since. Nothing we do needs it, but
  // code we load may ask for it (a UI dependency reads process.cwd() as it
  // loads, and throws): move to the home folder once, for everyone, after
  // noting where the user was.
  const here = startingFolder();
  if (here.note !== undefined && here.dir !== safeCwd()) {
    try {
      process.chdir(here.dir);
    } catch {
      // No home folder either: the commands still work, only the UI may not load.
    }
  }
  // These two ask no tmux: a bad -S or $TMUX must not stop them.
  if (args.command === 'agent-hooks') return agentHooksCommand(args.positionals[0] ?? '', args.install, process.env, output);
  if (args.command === 'config') return configCommand(await loadConfig(process.env), args.json, output, readState(statePath()), statePath());
  const server = resolveServer({ socketName: args.socketName, socketPath: args.socketPath === undefined ? undefined : absoluteFrom(args.socketPath, '-S', here) });
  // Before any tmux call, for every command: tmux replaces whatever file sits where its socket should be.
  checkServerPath(server);
  // These two must work when the config is what is broken: they never run
  // its code (cleanup-locks logs where the variables and defaults say).
  if (args.command === 'status') return statusCommand(server, args.json, output);
  // Hooks call these on every agent event: no config to load (its code could be slow), one or two tmux calls.
  if (args.command === 'agent-state') return agentStateCommand(new TmuxService(server, process.env), args.positionals[0] ?? '', args.pane, process.env);
  const loaded = await loadConfig(process.env, { readFile: args.command !== 'cleanup-locks' });
  mark('config');
  const log = new Logger(logPathOf(loaded.config));
  // The dashboard shows config warnings in its status line; commands print them.
  if (args.command !== undefined) for (const warning of loaded.warnings) output.err(`tmux-dashboard: warning: ${warning}\n`);
  for (const warning of loaded.warnings) log.warn('config_warning', warning);

  const tmux = new TmuxService(server, process.env, loaded.config.tmux_timeout_ms);
  const context: CommandContext = { tmux, output, log, config: loaded.config };
  const [first = '', second = ''] = args.positionals;
  try {
    switch (args.command) {
      case undefined:
        return await dashboardCommand(context, loaded, { client: args.client, wait: args.wait, takeover: args.takeover, here, early: early !== undefined && sameServer(early.server, server) ? early.call : undefined, painted: () => launcher.keepCompiledCode?.('dashboard') }, loadUi);
      case 'cleanup-locks':
        return await cleanupLocksCommand(tmux.server, output, log);
      case 'list':
        return args.json ? await listJson(context, process.env) : await listCommand(context, false);
      case 'agents':
        return await agentsCommand(context, args.json, process.env);
      case 'new':
        return await newCommand(context, args.positionals[0], args.dir, here);
      case 'open':
        return await openCommand(context, args.positionals[0], { noAttach: args.noAttach, client: args.client, here });
      case 'projects':
        return await projectsCommand(context, args.json);
      case 'attach':
        return await attachCommand(context, first, args.client);
      case 'kill':
        return await killCommand(context, first);
      case 'rename':
        return await renameCommand(context, first, second);
    }
  } catch (error) {
    log.error('command_failed', `${args.command ?? 'dashboard'}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    log.close();
  }
}

/** Maps any failure to one line on stderr and an exit code — never a stack trace. */
export function reportFailure(error: unknown, output: Output): number {
  if (error instanceof UsageError) {
    output.err(`tmux-dashboard: ${error.message} (see tmux-dashboard --help)\n`);
    return ExitCode.usage;
  }
  if (error instanceof TmuxNotInstalledError) {
    output.err(`tmux-dashboard: ${error.message}\n`);
    return ExitCode.tmuxMissing;
  }
  if (error instanceof LockAcquisitionError) {
    output.err(`tmux-dashboard: ${error.message}\n`);
    return ExitCode.locked;
  }
  if (error instanceof TmuxError || error instanceof InstanceLockError || error instanceof UnsafePathError || error instanceof RelativePathError || error instanceof SettingsMergeError) {
    output.err(`tmux-dashboard: ${error.message}\n`);
    return ExitCode.failure;
  }
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  output.err(`tmux-dashboard: unexpected error: ${message}\n`);
  return ExitCode.failure;
}

/**
 * The program: parses argv, runs one command, ends the process with its exit
 * code (the signal handlers of the dashboard end it too, see dashboard.ts).
 * `loadUi` loads the Ink UI, only for the dashboard and only once the lock is
 * held and the first frame is drawn.
 */
export async function main(argv: readonly string[], loadUi: () => Promise<RunDashboardUi>, launcher: Launcher = {}): Promise<never> {
  mark('main');
  let code: number;
  try {
    code = await dispatch(parseCliArgs(argv), processOutput, loadUi, launcher);
  } catch (error) {
    code = reportFailure(error, processOutput);
  }
  launcher.keepCompiledCode?.('command');
  mark('exit');
  writeTrace();
  process.exit(code);
}

/** The current folder, or undefined when it is gone. */
function safeCwd(): string | undefined {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}
